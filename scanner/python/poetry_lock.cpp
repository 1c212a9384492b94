// SPDX-License-Identifier: Apache-2.0
// Reads poetry.lock. See docs/readers/python-poetry-lock.md.
#include <map>

#include <fmt/format.h>

#include "core/package_name.hpp"
#include "core/pep508_syntax.hpp"
#include "scanner/python/toml_support.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

using core::LockedDependency;
using core::LockEntry;

class PoetryLockParser {
 public:
  PoetryLockParser(TomlContext& ctx, ReadResult& out) : ctx_(ctx), out_(out) {}

  void read(const toml::table& doc) {
    // [metadata] (and the [metadata.files] hashes of lock 1.x) hold nothing tracegate uses:
    // python-versions repeats pyproject.toml's, which is read with its own location.
    const auto* packages = ctx_.array(doc, "package", "package");
    if (packages == nullptr) return;
    out_.lock_entries.reserve(packages->size());
    for (std::size_t i = 0; i < packages->size(); ++i) {
      const auto what = element("package", i);
      const auto* package = ctx_.table(*packages->get(i), what);
      if (package == nullptr) continue;
      if (auto entry = read_package(*package, what)) out_.lock_entries.push_back(std::move(*entry));
    }
  }

 private:
  std::optional<LockEntry> read_package(const toml::table& package, const std::string& what) {
    const auto name_it = package.find("name");
    if (name_it == package.end()) {
      ctx_.error(ctx_.at(package), "[[package]] has no 'name'");
      return std::nullopt;
    }
    auto name = ctx_.string(name_it->second, what + ".name");
    if (!name) return std::nullopt;
    const auto* version_node = package.get("version");
    if (version_node == nullptr) {
      ctx_.error(ctx_.at(name_it->first), fmt::format("package '{}' has no 'version'", *name));
      return std::nullopt;
    }
    auto version = ctx_.string(*version_node, what + ".version");
    if (!version) return std::nullopt;

    LockEntry entry;
    entry.ecosystem = core::Ecosystem::pypi;
    entry.normalized_name = core::normalize_pypi_name(*name);
    entry.name = std::move(*name);
    entry.version = std::move(*version);
    entry.groups = read_groups(package, what);
    entry.origin = ctx_.at(name_it->first);
    if (const auto* deps = ctx_.table(package, "dependencies", what + ".dependencies")) {
      entry.dependencies = read_dependencies(*deps, extras_by_dependency(package, what), what);
    }
    return entry;
  }

  /// Lock 2.1 (Poetry 2) writes `groups = [...]`, lock 1.x `category = "main"`; Poetry 1.5-1.8 writes neither.
  std::vector<std::string> read_groups(const toml::table& package, const std::string& what) {
    if (const auto* groups = package.get("groups")) return ctx_.strings(*groups, what + ".groups");
    if (auto category = ctx_.string(package, "category", what + ".category")) return {std::move(*category)};
    return {};
  }

  /// [package.extras] `name = ["dep (>=1)"]`, inverted: normalized dependency -> extras that install it.
  std::map<std::string, std::vector<std::string>> extras_by_dependency(const toml::table& package,
                                                                       const std::string& what) {
    std::map<std::string, std::vector<std::string>> out;
    const auto* extras = ctx_.table(package, "extras", what + ".extras");
    if (extras == nullptr) return out;
    for (const auto& [extra, value] : *extras) {
      for (const auto& requirement : ctx_.strings(value, fmt::format("{}.extras.{}", what, extra.str()))) {
        if (auto parts = core::split_pep508(requirement)) {
          out[core::normalize_pypi_name(parts->name)].emplace_back(extra.str());
        }
      }
    }
    return out;
  }

  std::vector<LockedDependency> read_dependencies(const toml::table& deps,
                                                  const std::map<std::string, std::vector<std::string>>& extras,
                                                  const std::string& what) {
    std::vector<LockedDependency> out;
    for (const auto& [key, value] : deps) {
      const auto dep_what = fmt::format("{}.dependencies.{}", what, key.str());
      if (const auto* constraint = value.as_string()) {
        out.push_back(make_dependency(key.str(), constraint->get()));
      } else if (const auto* table = value.as_table()) {
        out.push_back(read_dependency_table(key.str(), *table, extras, dep_what));
      } else if (const auto* alternatives = value.as_array()) {
        for (std::size_t i = 0; i < alternatives->size(); ++i) {
          const auto item_what = element(dep_what, i);
          if (const auto* table = ctx_.table(*alternatives->get(i), item_what)) {
            out.push_back(read_dependency_table(key.str(), *table, extras, item_what));
          }
        }
      } else {
        ctx_.error(ctx_.at(value), fmt::format("'{}' must be a version string, a table or an array of tables, not {}",
                                               dep_what, type_name(value)));
      }
    }
    return out;
  }

  LockedDependency read_dependency_table(std::string_view name, const toml::table& table,
                                         const std::map<std::string, std::vector<std::string>>& extras,
                                         const std::string& what) {
    auto dep = make_dependency(name, ctx_.string(table, "version", what + ".version").value_or(""));
    dep.markers = ctx_.string(table, "markers", what + ".markers").value_or("");
    if (const auto* restriction = table.get("python")) {
      // Older locks state the interpreter restriction apart from the markers.
      if (auto constraint = ctx_.string(*restriction, what + ".python")) {
        if (auto marker = poetry_python_marker(*constraint)) dep.markers = and_markers(dep.markers, *marker);
      }
    }
    if (ctx_.boolean(table, "optional", what + ".optional").value_or(false)) {
      dep.markers = and_markers(dep.markers, extra_marker(extras, dep.normalized_name));
    }
    return dep;
  }

  /// An optional dependency is installed only with one of the extras listing it: `extra == "x" or ...`.
  static std::string extra_marker(const std::map<std::string, std::vector<std::string>>& extras,
                                  const std::string& normalized_name) {
    const auto found = extras.find(normalized_name);
    if (found == extras.end()) return {};
    std::string marker;
    for (const auto& extra : found->second) {
      marker += fmt::format("{}extra == \"{}\"", marker.empty() ? "" : " or ", extra);
    }
    return marker;
  }

  static LockedDependency make_dependency(std::string_view name, std::string_view constraint) {
    LockedDependency dep;
    dep.name = std::string(name);
    dep.normalized_name = core::normalize_pypi_name(name);
    dep.constraint = constraint == "*" ? std::string() : std::string(constraint);  // "*" = any version
    return dep;
  }

  TomlContext& ctx_;
  ReadResult& out_;
};

class PoetryLockReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/poetry-lock"; }
  bool accepts(std::string_view repo_path) const override { return has_base_name(repo_path, "poetry.lock"); }
  bool is_primary(std::string_view) const override { return false; }

  ReadResult read(const ManifestFile& file, const SourceView&) const override {
    // Most of a lockfile is artifact hashes (`files`, `[metadata.files]`), which nothing reads.
    return read_toml_lockfile<PoetryLockParser>(file, {"files"}, "metadata.files");
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_poetry_lock_reader() { return std::make_unique<python::PoetryLockReader>(); }

}  // namespace tracegate::scanner
