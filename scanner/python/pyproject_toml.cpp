// SPDX-License-Identifier: Apache-2.0
// Reads pyproject.toml (PEP 621, PEP 735, Poetry, PDM, uv). See docs/readers/python-pyproject-toml.md.
#include <map>
#include <set>
#include <utility>

#include <fmt/format.h>

#include "core/package_name.hpp"
#include "scanner/python/pypi_requirement.hpp"
#include "scanner/python/toml_support.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

using core::Requirement;
using core::Scope;

/// Includes multiply (N groups each including the previous one expand to N²/2 entries), so expansion stops here.
constexpr std::size_t kMaxGroupRequirements = 10000;

/// Which install the requirements of a table belong to.
struct Target {
  Scope scope = Scope::main;
  std::string group;
};

/// One PEP 508 string at `node`; nullopt after a diagnostic when it is not a string or not PEP 508.
std::optional<Requirement> read_pep508(TomlContext& ctx, const toml::node& node, std::string_view what) {
  auto text = ctx.string(node, what);
  if (!text) return std::nullopt;
  const auto origin = ctx.at(node);
  // Parse errors point into the string, one column past its opening quote.
  auto inside = origin;
  ++inside.column;
  auto requirement = parse_pypi_requirement(*text, inside);
  if (!requirement) {
    ctx.error(requirement.error().where.value_or(origin), requirement.error().message);
    return std::nullopt;
  }
  requirement->origin = origin;
  return std::move(*requirement);
}

class PyprojectParser {
 public:
  PyprojectParser(TomlContext& ctx, ReadResult& out) : ctx_(ctx), out_(out) {}

  void read(const toml::table& doc) {
    if (const auto* project = ctx_.table(doc, "project", "project")) read_project(*project);
    if (const auto* groups = ctx_.table(doc, "dependency-groups", "dependency-groups")) read_dependency_groups(*groups);
    const auto* tool = ctx_.table(doc, "tool", "tool");
    if (tool == nullptr) return;
    if (const auto* poetry = ctx_.table(*tool, "poetry", "tool.poetry")) read_poetry(*poetry);
    if (const auto* pdm = ctx_.table(*tool, "pdm", "tool.pdm")) read_pdm(*pdm);
    if (const auto* uv = ctx_.table(*tool, "uv", "tool.uv")) read_uv(*uv);
  }

 private:
  // --- PEP 621 ---

  void read_project(const toml::table& project) {
    if (auto name = ctx_.string(project, "name", "project.name")) out_.project_name = std::move(*name);
    if (const auto* node = project.get("requires-python")) read_requires_python(*node);
    if (const auto* deps = ctx_.array(project, "dependencies", "project.dependencies")) {
      read_pep508_array(*deps, "project.dependencies", Target{Scope::main, ""});
    }
    const auto* optional = ctx_.table(project, "optional-dependencies", "project.optional-dependencies");
    if (optional == nullptr) return;
    for (const auto& [extra, value] : *optional) {
      const auto what = fmt::format("project.optional-dependencies.{}", extra.str());
      if (const auto* deps = ctx_.array(value, what))
        read_pep508_array(*deps, what, Target{Scope::optional, std::string(extra.str())});
    }
  }

  void read_requires_python(const toml::node& node) {
    auto version = ctx_.string(node, "project.requires-python");
    if (!version) return;
    out_.runtime_hints.push_back(core::RuntimeHint{core::Language::python, std::move(*version), true,
                                                   core::ConstraintSyntax::pep440, core::RuntimeSource::declared_range,
                                                   ctx_.at(node)});
  }

  void read_pep508_array(const toml::array& items, std::string_view what, const Target& target) {
    for (std::size_t i = 0; i < items.size(); ++i) add(read_pep508(ctx_, *items.get(i), element(what, i)), target);
  }

  void add(std::optional<Requirement> requirement, const Target& target) {
    if (!requirement) return;
    requirement->scope = target.scope;
    requirement->group = target.group;
    out_.requirements.push_back(std::move(*requirement));
  }

  // --- PEP 735 ---

  /// A group being expanded: its entries and the next one to read.
  struct GroupFrame {
    std::string name;  // normalized
    const toml::array* entries;
    std::size_t next = 0;
  };

  void read_dependency_groups(const toml::table& groups) {
    for (const auto& [name, value] : groups) {
      // Non-array groups are reported once here and are then unknown to include-group.
      const auto* entries = ctx_.array(value, fmt::format("dependency-groups.{}", name.str()));
      if (entries != nullptr) groups_.emplace(core::normalize_pypi_name(name.str()), entries);
    }
    for (const auto& [name, value] : groups) {
      if (value.is_array() && group_requirements_ <= kMaxGroupRequirements) expand_group(name.str());
    }
  }

  /// Adds the requirements of group `name`, following include-group with an explicit stack so that
  /// long include chains cannot exhaust the call stack; cycles are reported and cut.
  void expand_group(std::string_view name) {
    const Target target{Scope::dev, std::string(name)};
    const auto root = core::normalize_pypi_name(name);
    std::set<std::string> included{root};
    std::vector<GroupFrame> stack{{root, groups_.at(root)}};
    while (!stack.empty()) {
      auto& frame = stack.back();
      if (frame.next == frame.entries->size()) {
        stack.pop_back();
        continue;
      }
      const auto index = frame.next++;
      const auto& entry = *frame.entries->get(index);
      const auto what = element(fmt::format("dependency-groups.{}", frame.name), index);
      if (entry.is_table()) {
        if (auto next = follow_include(*entry.as_table(), what, frame.name, stack, included)) {
          stack.push_back(std::move(*next));
        }
        continue;
      }
      auto requirement = read_pep508_once(entry, what);
      if (requirement && ++group_requirements_ > kMaxGroupRequirements) {
        ctx_.error(ctx_.at(entry), fmt::format("dependency groups expand to more than {} requirements; "
                                               "the rest is not read",
                                               kMaxGroupRequirements));
        return;
      }
      add(std::move(requirement), target);
    }
  }

  std::optional<GroupFrame> follow_include(const toml::table& entry, const std::string& what, const std::string& from,
                                           const std::vector<GroupFrame>& stack, std::set<std::string>& included) {
    const auto* node = entry.get("include-group");
    if (node == nullptr || entry.size() != 1) {
      report_once(entry, fmt::format("'{}' must be a PEP 508 string or {{include-group = \"...\"}}", what));
      return std::nullopt;
    }
    const auto* target = node->as_string();
    if (target == nullptr) {
      report_once(*node, fmt::format("'{}.include-group' must be a string, not {}", what, type_name(*node)));
      return std::nullopt;
    }
    const auto name = core::normalize_pypi_name(target->get());
    for (const auto& frame : stack) {
      if (frame.name == name) {
        report_once(*node, fmt::format("dependency group '{}' includes '{}', which includes it back", from, name));
        return std::nullopt;
      }
    }
    const auto found = groups_.find(name);
    if (found == groups_.end()) {
      report_once(*node, fmt::format("dependency group '{}' includes unknown group '{}'", from, target->get()));
      return std::nullopt;
    }
    // A group reached twice through different includes (a diamond) is added once.
    if (!included.insert(name).second) return std::nullopt;
    return GroupFrame{name, found->second};
  }

  /// Groups are expanded once per including group; each bad entry is still reported once.
  std::optional<Requirement> read_pep508_once(const toml::node& node, std::string_view what) {
    if (reported_.contains(&node)) return std::nullopt;
    const auto before = out_.diagnostics.size();
    auto requirement = read_pep508(ctx_, node, what);
    if (out_.diagnostics.size() != before) reported_.insert(&node);
    return requirement;
  }

  void report_once(const toml::node& node, std::string message) {
    if (reported_.insert(&node).second) ctx_.error(ctx_.at(node), std::move(message));
  }

  // --- Poetry ---

  void read_poetry(const toml::table& poetry) {
    if (const auto* node = poetry.get("name")) {
      auto name = ctx_.string(*node, "tool.poetry.name");
      if (name && !out_.project_name) out_.project_name = std::move(*name);
    }
    read_poetry_extras(poetry);
    if (const auto* deps = ctx_.table(poetry, "dependencies", "tool.poetry.dependencies")) {
      read_poetry_dependencies(*deps, "tool.poetry.dependencies", Target{Scope::main, ""});
    }
    if (const auto* deps = ctx_.table(poetry, "dev-dependencies", "tool.poetry.dev-dependencies")) {
      read_poetry_dependencies(*deps, "tool.poetry.dev-dependencies", Target{Scope::dev, "dev"});
    }
    const auto* groups = ctx_.table(poetry, "group", "tool.poetry.group");
    if (groups == nullptr) return;
    for (const auto& [name, value] : *groups) {
      const auto what = fmt::format("tool.poetry.group.{}", name.str());
      const auto* group = ctx_.table(value, what);
      const auto* deps = group == nullptr ? nullptr : ctx_.table(*group, "dependencies", what + ".dependencies");
      if (deps == nullptr) continue;
      // `optional = true` on a group only changes what `poetry install` does by default, not the scope.
      const bool main = name.str() == "main";
      read_poetry_dependencies(*deps, what + ".dependencies",
                               Target{main ? Scope::main : Scope::dev, main ? "" : std::string(name.str())});
    }
  }

  /// [tool.poetry.extras] maps extra -> packages; optional packages take the extra's name as group.
  void read_poetry_extras(const toml::table& poetry) {
    const auto* extras = ctx_.table(poetry, "extras", "tool.poetry.extras");
    if (extras == nullptr) return;
    for (const auto& [extra, value] : *extras) {
      for (const auto& package : ctx_.strings(value, fmt::format("tool.poetry.extras.{}", extra.str()))) {
        extra_of_.try_emplace(core::normalize_pypi_name(package), extra.str());
      }
    }
  }

  void read_poetry_dependencies(const toml::table& deps, const std::string& what, const Target& target) {
    for (const auto& [key, value] : deps) {
      if (key.str() == "python") {
        // The interpreter, not a package; only the main table may state it.
        if (target.scope == Scope::main && target.group.empty()) read_poetry_python(value, what + ".python");
        continue;
      }
      read_poetry_dependency(key, value, what + "." + std::string(key.str()), target);
    }
  }

  void read_poetry_python(const toml::node& node, std::string_view what) {
    auto version = ctx_.string(node, what);
    if (!version) return;
    out_.runtime_hints.push_back(core::RuntimeHint{core::Language::python, std::move(*version), true,
                                                   core::ConstraintSyntax::poetry, core::RuntimeSource::declared_range,
                                                   ctx_.at(node)});
  }

  void read_poetry_dependency(const toml::key& key, const toml::node& value, const std::string& what,
                              const Target& target) {
    if (const auto* constraint = value.as_string()) {
      add(make_pypi_requirement(key.str(), poetry_constraint(constraint->get()), core::ConstraintSyntax::poetry,
                                ctx_.at(key)),
          target);
    } else if (const auto* table = value.as_table()) {
      add(read_poetry_table(key.str(), *table, ctx_.at(key), what), target_for(key.str(), *table, target));
    } else if (const auto* alternatives = value.as_array()) {
      // Multiple-constraint dependency: one requirement per alternative, each at its own `{`.
      for (std::size_t i = 0; i < alternatives->size(); ++i) {
        const auto& item = *alternatives->get(i);
        const auto* table = ctx_.table(item, element(what, i));
        if (table == nullptr) continue;
        add(read_poetry_table(key.str(), *table, ctx_.at(item), element(what, i)),
            target_for(key.str(), *table, target));
      }
    } else {
      ctx_.error(ctx_.at(value), fmt::format("'{}' must be a version string, a table or an array of tables, not {}",
                                             what, type_name(value)));
    }
  }

  /// `optional = true` in the main table makes the requirement part of an extra.
  Target target_for(std::string_view name, const toml::table& table, const Target& target) const {
    const auto* optional = table.get_as<bool>("optional");
    if (optional == nullptr || !optional->get() || target.scope != Scope::main) return target;
    const auto extra = extra_of_.find(core::normalize_pypi_name(name));
    return Target{Scope::optional, extra == extra_of_.end() ? "" : extra->second};
  }

  Requirement read_poetry_table(std::string_view name, const toml::table& table, const core::SourceLocation& origin,
                                const std::string& what) {
    auto requirement = make_pypi_requirement(name, "", core::ConstraintSyntax::poetry, origin);
    if (auto version = ctx_.string(table, "version", what + ".version"))
      requirement.constraint = poetry_constraint(*version);
    if (const auto* extras = table.get("extras")) requirement.extras = ctx_.strings(*extras, what + ".extras");
    if (auto markers = ctx_.string(table, "markers", what + ".markers")) requirement.markers = std::move(*markers);
    if (const auto* node = table.get("python")) add_python_marker(requirement, *node, what + ".python");
    if (auto platform = ctx_.string(table, "platform", what + ".platform")) {
      requirement.markers = and_markers(requirement.markers, fmt::format("sys_platform == \"{}\"", *platform));
    }
    read_direct_reference(requirement, table, what);
    ctx_.boolean(table, "optional", what + ".optional");  // type check only; the scope is target_for's
    return requirement;
  }

  void add_python_marker(Requirement& requirement, const toml::node& node, const std::string& what) {
    auto constraint = ctx_.string(node, what);
    if (!constraint) return;
    auto marker = poetry_python_marker(*constraint);
    if (!marker) {
      ctx_.warning(ctx_.at(node), fmt::format("python restriction '{}' of '{}' has no exact PEP 508 marker; "
                                              "it is left out of the markers",
                                              *constraint, requirement.name));
      return;
    }
    requirement.markers = and_markers(requirement.markers, *marker);
  }

  /// git/path/url tables: no registry version to reason about.
  void read_direct_reference(Requirement& requirement, const toml::table& table, const std::string& what) {
    if (auto git = ctx_.string(table, "git", what + ".git")) {
      requirement.url = std::move(*git);
      for (const auto* ref_key : {"rev", "tag", "branch"}) {
        if (auto ref = ctx_.string(table, ref_key, what + "." + ref_key)) {
          requirement.url += "@" + *ref;  // pip's VCS form: url@ref
          break;
        }
      }
    } else if (auto path = ctx_.string(table, "path", what + ".path")) {
      requirement.url = std::move(*path);
      requirement.editable = ctx_.boolean(table, "develop", what + ".develop").value_or(false);
    } else if (auto url = ctx_.string(table, "url", what + ".url")) {
      requirement.url = std::move(*url);
    }
    if (!requirement.url.empty()) requirement.resolvable = false;
  }

  static std::string poetry_constraint(std::string_view constraint) {
    return constraint == "*" ? std::string() : std::string(constraint);  // "*" = any version
  }

  // --- PDM and uv ---

  void read_pdm(const toml::table& pdm) {
    const auto* groups = ctx_.table(pdm, "dev-dependencies", "tool.pdm.dev-dependencies");
    if (groups == nullptr) return;
    for (const auto& [group, value] : *groups) {
      const auto what = fmt::format("tool.pdm.dev-dependencies.{}", group.str());
      const auto* deps = ctx_.array(value, what);
      if (deps == nullptr) continue;
      for (std::size_t i = 0; i < deps->size(); ++i) {
        const auto& item = *deps->get(i);
        const auto* text = item.as_string();
        if (text != nullptr && text->get().starts_with("-e")) {
          ctx_.warning(ctx_.at(item), fmt::format("editable requirement '{}' in '{}' is not read", text->get(), what));
          continue;
        }
        add(read_pep508(ctx_, item, element(what, i)), Target{Scope::dev, std::string(group.str())});
      }
    }
  }

  void read_uv(const toml::table& uv) {
    if (const auto* deps = ctx_.array(uv, "dev-dependencies", "tool.uv.dev-dependencies")) {
      read_pep508_array(*deps, "tool.uv.dev-dependencies", Target{Scope::dev, "dev"});
    }
  }

  TomlContext& ctx_;
  ReadResult& out_;
  std::map<std::string, const toml::array*> groups_;  // normalized dependency-group name -> entries
  std::map<std::string, std::string> extra_of_;       // normalized package -> Poetry extra
  std::set<const toml::node*> reported_;
  std::size_t group_requirements_ = 0;
};

class PyprojectTomlReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/pyproject-toml"; }
  bool accepts(std::string_view repo_path) const override { return has_base_name(repo_path, "pyproject.toml"); }
  bool is_primary(std::string_view repo_path) const override { return accepts(repo_path); }

  ReadResult read(const ManifestFile& file, const SourceView&) const override {
    ReadResult out;
    auto doc = parse_toml(file, out.diagnostics);
    if (!doc) return out;
    const auto* tool = doc->get_as<toml::table>("tool");
    out.declares_no_project = !doc->contains("project") && !doc->contains("dependency-groups") &&
                              !(tool && tool->contains("poetry"));
    TomlContext ctx(file.path, out.diagnostics);
    PyprojectParser(ctx, out).read(*doc);
    sort_in_file_order(out);
    return out;
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_pyproject_toml_reader() { return std::make_unique<python::PyprojectTomlReader>(); }

}  // namespace tracegate::scanner
