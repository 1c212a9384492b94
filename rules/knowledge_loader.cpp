// SPDX-License-Identifier: Apache-2.0
// Loads rules/data (docs/rules.md): TOML into the KnowledgeBase model, every value checked
// with the ecosystem's resolvers and every problem reported at file:line:column.

#include <fmt/format.h>
#include <re2/re2.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "rules/knowledge_base.hpp"
#include "rules/toml_fields.hpp"
#include "rules/usage_matcher.hpp"
#include "rules/version_scheme.hpp"

namespace tracegate::rules {

namespace {

constexpr std::int64_t kSchema = 1;
constexpr std::string_view kInstallKinds[] = {"pip-package", "composer-package", "php-extension", "javaagent-jar",
                                              "maven-artifact"};
constexpr std::string_view kBreakingKinds[] = {"env-var-removed", "env-var-renamed", "module-removed", "api-removed",
                                               "runtime-dropped", "default-changed", "dependency-dropped"};

template <std::size_t N>
bool one_of(std::string_view value, const std::string_view (&allowed)[N]) {
  return std::find(std::begin(allowed), std::end(allowed), value) != std::end(allowed);
}

template <std::size_t N>
std::string listing(const std::string_view (&allowed)[N]) {
  std::string text;
  for (const auto item : allowed) text += (text.empty() ? "" : ", ") + std::string(item);
  return text;
}

/// Lowercase letters, digits, '.', '-' and '_', starting with a letter or digit.
bool well_formed_id(std::string_view id) {
  static const RE2 pattern("[a-z0-9][a-z0-9._-]*");
  return RE2::FullMatch(id, pattern);
}

std::optional<core::Language> parse_language(std::string_view text) {
  if (text == "python") return core::Language::python;
  if (text == "php") return core::Language::php;
  if (text == "jvm") return core::Language::jvm;
  return std::nullopt;
}

struct ParsedFile {
  const KnowledgeFile* file;
  toml::table root;
};

class Loader {
 public:
  explicit Loader(LoadedKnowledge& out) : out_(out) {}

  void run(const std::vector<KnowledgeFile>& files) {
    std::vector<ParsedFile> parsed;
    for (const auto& file : files) {
      try {
        parsed.push_back({&file, toml::parse(file.text, file.path)});
      } catch (const toml::parse_error& error) {
        const auto& begin = error.source().begin;
        out_.errors.push_back({{file.path, static_cast<int>(begin.line), static_cast<int>(begin.column)},
                               std::string(error.description()), core::Diagnostic::Level::error, {}});
      }
    }
    // Tracers first, so that files extending one may come in any order.
    for (auto& file : parsed) {
      if (file.root.get("tracer") && file.root.get("tracer")->is_table()) read_tracer_file(file);
    }
    for (auto& file : parsed) {
      const auto* tracer = file.root.get("tracer");
      if (tracer && tracer->is_table()) continue;
      if (file.root.get("imports")) {
        read_import_file(file);
      } else {
        read_extension_file(file);
      }
    }
    for (auto& tracer : out_.base.tracers) finish_tracer(tracer);
  }

 private:
  void error(const core::SourceLocation& where, std::string message) {
    out_.errors.push_back({where, std::move(message), core::Diagnostic::Level::error, {}});
  }

  bool check_schema(TomlFields& fields) {
    const auto schema = fields.integer("schema", true);
    if (schema && *schema != kSchema) {
      fields.error(fields.where("schema"), fmt::format("unsupported schema {} (this tracegate reads schema {})", *schema, kSchema));
      return false;
    }
    return schema.has_value();
  }

  // ---- tracer files -------------------------------------------------------------------

  void read_tracer_file(ParsedFile& file) {
    const std::string& path = file.file->path;
    TomlFields root(file.root, "", path, out_.errors);
    check_schema(root);
    const auto* table = root.table("tracer", true);
    Tracer tracer;
    bool ok = table && read_tracer_table(*table, path, tracer);
    if (ok) {
      for (const auto& existing : out_.base.tracers) {
        if (existing.id == tracer.id) {
          error(location_of(*table, path), fmt::format("tracer '{}' is already defined in {}", tracer.id, existing.files.front()));
          ok = false;
        }
      }
    }
    if (ok) {
      tracer.files.push_back(path);
      out_.base.tracers.push_back(std::move(tracer));
      read_releases_and_breaking(root, out_.base.tracers.back());
    } else {
      root.array("release", false);
      root.array("breaking", false);
    }
    root.finish();
  }

  bool read_tracer_table(const toml::table& table, const std::string& path, Tracer& tracer) {
    TomlFields f(table, "tracer", path, out_.errors);
    const auto errors_before = out_.errors.size();
    tracer.id = f.string("id", true).value_or("");
    if (!tracer.id.empty() && !well_formed_id(tracer.id)) f.error(f.where("id"), fmt::format("tracer id '{}' must be lowercase [a-z0-9._-]", tracer.id));
    tracer.name = f.string("name", true).value_or("");
    if (const auto ecosystem = f.string("ecosystem", true)) {
      if (const auto parsed = core::parse_ecosystem(*ecosystem)) {
        tracer.ecosystem = *parsed;
      } else {
        f.error(f.where("ecosystem"), fmt::format("unknown ecosystem '{}' (known: pypi, packagist, maven)", *ecosystem));
      }
    }
    if (const auto language = f.string("language", true)) {
      if (const auto parsed = parse_language(*language)) {
        tracer.language = *parsed;
      } else {
        f.error(f.where("language"), fmt::format("unknown language '{}' (known: python, php, jvm)", *language));
      }
    }
    tracer.packages = f.strings("packages", true);
    tracer.aliases = f.strings("aliases", false);
    tracer.source = f.string("source", true).value_or("");
    const auto& scheme = version_scheme(tracer.ecosystem);
    if (const auto* installs = f.array("install", false)) {
      for (const auto& node : *installs) {
        const auto* t = node.as_table();
        if (!t) {
          f.error(location_of(node, path), "'tracer.install' must be an array of tables");
          continue;
        }
        TomlFields g(*t, "tracer.install", path, out_.errors);
        InstallMethod install{g.string("kind", true).value_or(""), g.string("name", true).value_or(""),
                              g.string("note", false).value_or("")};
        if (!install.kind.empty() && !one_of(install.kind, kInstallKinds)) {
          g.error(g.where("kind"), fmt::format("unknown install kind '{}' (known: {})", install.kind, listing(kInstallKinds)));
        }
        g.finish();
        tracer.installs.push_back(std::move(install));
      }
    }
    if (const auto* rules = f.array("agent_url", false)) {
      for (const auto& node : *rules) {
        if (const auto* t = node.as_table()) {
          tracer.agent_urls.push_back(read_agent_url(*t, path, scheme));
        } else {
          f.error(location_of(node, path), "'tracer.agent_url' must be an array of tables");
        }
      }
    }
    if (const auto* endpoints = f.array("trace_endpoint", false)) {
      for (const auto& node : *endpoints) {
        const auto* t = node.as_table();
        if (!t) {
          f.error(location_of(node, path), "'tracer.trace_endpoint' must be an array of tables");
          continue;
        }
        TomlFields g(*t, "tracer.trace_endpoint", path, out_.errors);
        TraceEndpoint endpoint;
        endpoint.versions = g.string("versions", true).value_or("");
        check_constraint(g, "versions", endpoint.versions, scheme);
        endpoint.endpoint = g.string("endpoint", true).value_or("");
        endpoint.encoding = g.string("encoding", true).value_or("");
        endpoint.override_setting = g.string("override", false).value_or("");
        endpoint.source = g.string("source", true).value_or("");
        endpoint.where = g.where();
        g.finish();
        tracer.trace_endpoints.push_back(std::move(endpoint));
      }
    }
    f.finish();
    return out_.errors.size() == errors_before || !tracer.id.empty();
  }

  void check_constraint(TomlFields& f, std::string_view key, const std::string& constraint, const VersionScheme& scheme) {
    if (constraint.empty()) return;
    if (auto checked = scheme.check_constraint(constraint); !checked) {
      f.error(f.where(key), fmt::format("'{}' = \"{}\": {}", key, constraint, checked.error().message));
    }
  }

  AgentUrlRule read_agent_url(const toml::table& table, const std::string& path, const VersionScheme& scheme) {
    TomlFields f(table, "tracer.agent_url", path, out_.errors);
    AgentUrlRule rule;
    rule.versions = f.string("versions", true).value_or("");
    check_constraint(f, "versions", rule.versions, scheme);
    rule.source = f.string("source", true).value_or("");
    rule.where = f.where();
    if (const auto* order = f.array("order", true)) {
      for (const auto& node : *order) {
        const auto* t = node.as_table();
        if (!t) {
          f.error(location_of(node, path), "'order' must be an array of tables");
          continue;
        }
        TomlFields g(*t, "tracer.agent_url.order", path, out_.errors);
        AgentUrlStep step;
        step.from = g.string("from", true).value_or("");
        if (step.from == "env" || step.from == "env-socket") {
          step.variables = g.strings("variables", true);
        } else if (step.from == "host-port") {
          step.host = g.strings("host", true);
          step.port = g.strings("port", true);
          step.selected_by = g.strings("selected_by", false);
          step.default_host = g.string("default_host", true).value_or("");
          step.default_port = static_cast<int>(g.integer("default_port", true).value_or(0));
        } else if (step.from == "socket") {
          step.path = g.string("path", true).value_or("");
          step.condition = g.string("condition", false).value_or("");
          if (!step.condition.empty() && step.condition != "exists") {
            g.error(g.where("condition"), fmt::format("unknown socket condition '{}' (known: exists)", step.condition));
          }
        } else if (step.from == "default") {
          step.url = g.string("url", true).value_or("");
        } else if (!step.from.empty()) {
          g.error(g.where("from"), fmt::format("unknown agent URL source '{}' (known: env, env-socket, host-port, socket, default)", step.from));
        }
        g.finish();
        rule.order.push_back(std::move(step));
      }
    }
    f.finish();
    return rule;
  }

  // ---- releases and breaking changes ----------------------------------------------------

  void read_extension_file(ParsedFile& file) {
    const std::string& path = file.file->path;
    TomlFields root(file.root, "", path, out_.errors);
    check_schema(root);
    const auto id = root.string("tracer", true);
    Tracer* tracer = nullptr;
    if (id) {
      for (auto& candidate : out_.base.tracers) {
        if (candidate.id == *id) tracer = &candidate;
      }
      if (!tracer) root.error(root.where("tracer"), fmt::format("no tracer '{}' is defined (a file with a [tracer] table defines one)", *id));
    }
    if (tracer) {
      tracer->files.push_back(path);
      read_releases_and_breaking(root, *tracer);
    } else {
      root.array("release", false);
      root.array("breaking", false);
    }
    root.finish();
  }

  void read_releases_and_breaking(TomlFields& root, Tracer& tracer) {
    const auto& scheme = version_scheme(tracer.ecosystem);
    const std::string path(root.path());
    if (const auto* releases = root.array("release", false)) {
      for (const auto& node : *releases) {
        if (const auto* t = node.as_table()) {
          read_release(*t, path, tracer, scheme);
        } else {
          root.error(location_of(node, path), "'release' must be an array of tables");
        }
      }
    }
    if (const auto* breaking = root.array("breaking", false)) {
      for (const auto& node : *breaking) {
        if (const auto* t = node.as_table()) {
          read_breaking(*t, path, tracer, scheme);
        } else {
          root.error(location_of(node, path), "'breaking' must be an array of tables");
        }
      }
    }
  }

  void read_release(const toml::table& table, const std::string& path, Tracer& tracer, const VersionScheme& scheme) {
    TomlFields f(table, "release", path, out_.errors);
    Release shared;
    shared.where = f.where();
    shared.runtime = f.string("runtime", true).value_or("");
    check_constraint(f, "runtime", shared.runtime, version_scheme(runtime_ecosystem(tracer.language)));
    shared.runtime_classifiers = f.strings("runtime_classifiers", false);
    shared.requirements = f.strings("requires", false);
    for (const auto& requirement : shared.requirements) {
      if (auto checked = scheme.check_requirement(requirement); !checked) {
        f.error(f.where("requires"), fmt::format("requirement \"{}\": {}", requirement, checked.error().message));
      }
    }
    if (const auto* own = f.table("package_requires", false)) {
      for (const auto& [name, node] : *own) {
        if (std::find(tracer.packages.begin(), tracer.packages.end(), name.str()) == tracer.packages.end()) {
          f.error(location_of(name, path), fmt::format("package_requires: '{}' is not one of the tracer's packages", name.str()));
        }
        shared.package_requirements.emplace_back(std::string(name.str()), read_requirement_list(f, node, path, scheme));
      }
    }
    if (const auto* extras = f.table("extras", false)) {
      for (const auto& [name, node] : *extras) {
        shared.extras.emplace_back(std::string(name.str()), read_requirement_list(f, node, path, scheme));
      }
    }
    shared.min_agent = f.string("min_agent", false).value_or("");
    shared.agent_endpoints = f.strings("agent_endpoints", false);
    for (const auto& endpoint : shared.agent_endpoints) {
      if (!endpoint.starts_with('/')) f.error(f.where("agent_endpoints"), fmt::format("agent endpoint '{}' must start with '/'", endpoint));
    }
    shared.source = f.string("source", true).value_or("");
    const auto* versions = f.table("versions", true);
    f.finish();
    if (!versions) return;
    if (versions->empty()) f.error(location_of(*versions, path), "'versions' must list at least one version");
    for (const auto& [key, node] : *versions) {
      Release release = shared;
      release.version = std::string(key.str());
      release.where = location_of(key, path);
      if (const auto* date = node.as_date()) {
        const auto d = date->get();
        release.date = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
      } else if (const auto* text = node.as_string(); text && RE2::FullMatch(text->get(), R"(\d{4}-\d{2}-\d{2})")) {
        release.date = text->get();
      } else {
        error(location_of(node, path), fmt::format("release {}: the value must be its date (YYYY-MM-DD)", release.version));
      }
      if (auto checked = scheme.check_version(release.version); !checked) {
        error(release.where, fmt::format("release '{}': {}", release.version, checked.error().message));
        continue;
      }
      add_release(tracer, std::move(release), scheme);
    }
  }

  std::vector<std::string> read_requirement_list(TomlFields& f, const toml::node& node, const std::string& path,
                                                 const VersionScheme& scheme) {
    std::vector<std::string> items;
    const auto* list = node.as_array();
    if (!list) {
      f.error(location_of(node, path), "expected an array of requirement strings");
      return items;
    }
    for (const auto& item : *list) {
      const auto* text = item.as_string();
      if (!text) {
        f.error(location_of(item, path), "expected an array of requirement strings");
        continue;
      }
      if (auto checked = scheme.check_requirement(text->get()); !checked) {
        f.error(location_of(item, path), fmt::format("requirement \"{}\": {}", text->get(), checked.error().message));
      }
      items.push_back(text->get());
    }
    return items;
  }

  void add_release(Tracer& tracer, Release release, const VersionScheme& scheme) {
    for (const auto& existing : tracer.releases) {
      if (scheme.compare(existing.version, release.version) == 0) {
        error(release.where, fmt::format("release {} is already listed at {}", release.version, core::to_string(existing.where)));
        return;
      }
    }
    written_order_.push_back({&tracer, release.where, release.version});
    tracer.releases.push_back(std::move(release));
  }

  void read_breaking(const toml::table& table, const std::string& path, Tracer& tracer, const VersionScheme& scheme) {
    TomlFields f(table, "breaking", path, out_.errors);
    BreakingChange change;
    change.where = f.where();
    change.id = f.string("id", true).value_or("");
    if (!change.id.empty()) {
      if (!well_formed_id(change.id) || !change.id.starts_with(tracer.id + ".")) {
        f.error(f.where("id"), fmt::format("breaking-change id '{}' must be '{}.<kind>.<subject>' in [a-z0-9._-]", change.id, tracer.id));
      }
      if (const auto [it, inserted] = breaking_ids_.emplace(change.id, core::to_string(change.where)); !inserted) {
        f.error(f.where("id"), fmt::format("breaking-change id '{}' is already used at {}", change.id, it->second));
      }
    }
    change.since = f.string("since", true).value_or("");
    if (!change.since.empty()) {
      if (auto checked = scheme.check_version(change.since); !checked) {
        f.error(f.where("since"), fmt::format("since '{}': {}", change.since, checked.error().message));
        change.since.clear();
      }
    }
    change.kind = f.string("kind", true).value_or("");
    if (!change.kind.empty() && !one_of(change.kind, kBreakingKinds)) {
      f.error(f.where("kind"), fmt::format("unknown kind '{}' (known: {})", change.kind, listing(kBreakingKinds)));
    }
    change.identifier = f.string("identifier", true).value_or("");
    change.message = f.string("message", true).value_or("");
    change.fix = f.string("fix", true).value_or("");
    change.source = f.string("source", true).value_or("");
    if (const auto* patterns = f.array("pattern", false)) {
      for (const auto& node : *patterns) {
        const auto* t = node.as_table();
        if (!t) {
          f.error(location_of(node, path), "'breaking.pattern' must be an array of tables");
          continue;
        }
        TomlFields g(*t, "breaking.pattern", path, out_.errors);
        BreakingPattern pattern;
        pattern.where = g.where();
        pattern.regex = g.string("regex", true).value_or("");
        for (const auto& name : g.strings("files", true)) {
          if (const auto kind = parse_file_kind(name)) {
            pattern.files.push_back(*kind);
          } else {
            g.error(g.where("files"), fmt::format("unknown file kind '{}' (known: python, php, java, dockerfile, yaml, env, shell)", name));
          }
        }
        pattern.in_strings = g.boolean("in_strings", false);
        g.finish();
        if (!pattern.regex.empty()) {
          if (auto compiled = UsageMatcher::compile({{pattern.regex, pattern.files, pattern.in_strings, 0}}); !compiled) {
            g.error(g.where("regex"), fmt::format("regex does not compile: {}", compiled.error().message));
            continue;
          }
        }
        change.patterns.push_back(std::move(pattern));
      }
    }
    f.finish();
    tracer.breaking.push_back(std::move(change));
  }

  static core::Ecosystem runtime_ecosystem(core::Language language) {
    switch (language) {
      case core::Language::python: return core::Ecosystem::pypi;
      case core::Language::php: return core::Ecosystem::packagist;
      case core::Language::jvm: return core::Ecosystem::maven;
    }
    return core::Ecosystem::pypi;
  }

  // ---- import maps ------------------------------------------------------------------------

  void read_import_file(ParsedFile& file) {
    const std::string& path = file.file->path;
    TomlFields root(file.root, "", path, out_.errors);
    check_schema(root);
    const auto language_name = root.string("language", true);
    const auto parsed = language_name ? parse_language(*language_name) : std::nullopt;
    if (language_name && !parsed) root.error(root.where("language"), fmt::format("unknown language '{}' (known: python, php, jvm)", *language_name));
    const auto* imports = root.table("imports", true);
    root.finish();
    if (!parsed || !imports) return;
    const core::Language language = parsed.value_or(core::Language::python);
    ImportMap* map = nullptr;
    for (auto& existing : out_.base.imports) {
      if (existing.language == language) map = &existing;
    }
    if (!map) {
      out_.base.imports.push_back({language, {}, {}});
      map = &out_.base.imports.back();
    }
    map->files.push_back(path);
    for (const auto& [key, node] : *imports) {
      const auto* distribution = node.as_string();
      if (!distribution || distribution->get().empty()) {
        error(location_of(node, path), fmt::format("import '{}' must map to a package name", key.str()));
        continue;
      }
      map->entries.insert_or_assign(std::string(key.str()), distribution->get());
    }
  }

  // ---- whole-tracer checks -------------------------------------------------------------------

  void finish_tracer(Tracer& tracer) {
    const auto& scheme = version_scheme(tracer.ecosystem);
    // Within each file the releases must be written in ascending version order. toml++ keeps
    // a table's keys sorted as strings, so the order written is taken from source positions.
    std::vector<const WrittenRelease*> written;
    for (const auto& entry : written_order_) {
      if (entry.tracer == &tracer) written.push_back(&entry);
    }
    std::sort(written.begin(), written.end(), [](const WrittenRelease* a, const WrittenRelease* b) {
      return std::tie(a->where.path, a->where.line, a->where.column) < std::tie(b->where.path, b->where.line, b->where.column);
    });
    for (std::size_t i = 1; i < written.size(); ++i) {
      const auto& before = *written[i - 1];
      const auto& entry = *written[i];
      if (before.where.path == entry.where.path && scheme.compare(before.version, entry.version) > 0) {
        error(entry.where, fmt::format("release {} is written after {}: keep releases in ascending version order",
                                       entry.version, before.version));
      }
    }
    std::stable_sort(tracer.releases.begin(), tracer.releases.end(), [&](const Release& a, const Release& b) {
      return scheme.compare(a.version, b.version) < 0;
    });
    std::stable_sort(tracer.breaking.begin(), tracer.breaking.end(), [&](const BreakingChange& a, const BreakingChange& b) {
      if (a.since.empty() || b.since.empty()) return a.since.empty() > b.since.empty();
      const int order = scheme.compare(a.since, b.since);
      return order != 0 ? order < 0 : a.id < b.id;
    });
  }

  struct WrittenRelease {
    const Tracer* tracer;
    core::SourceLocation where;
    std::string version;
  };

  LoadedKnowledge& out_;
  std::map<std::string, std::string> breaking_ids_;
  std::vector<WrittenRelease> written_order_;
};

}  // namespace

LoadedKnowledge load_knowledge(const std::vector<KnowledgeFile>& files) {
  LoadedKnowledge out;
  out.base.tracers.reserve(files.size());  // Loader keeps pointers into the vector
  Loader(out).run(files);
  return out;
}

core::Result<std::vector<KnowledgeFile>> read_knowledge_directory(const std::string& directory) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(directory, ec)) return core::fail(fmt::format("{}: not a directory", directory));
  std::vector<KnowledgeFile> files;
  for (fs::recursive_directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
    if (!it->is_regular_file() || it->path().extension() != ".toml") continue;
    std::ifstream in(it->path(), std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    if (!in && !in.eof()) return core::fail(fmt::format("{}: cannot read", it->path().string()));
    files.push_back({it->path().string(), text.str()});
  }
  if (ec) return core::fail(fmt::format("{}: {}", directory, ec.message()));
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return files;
}

}  // namespace tracegate::rules
