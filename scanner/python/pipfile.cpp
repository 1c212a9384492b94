// SPDX-License-Identifier: Apache-2.0
// Reads Pipenv's Pipfile. See docs/readers/python-pipfile.md.
#include <array>

#include <fmt/format.h>

#include "scanner/python/pypi_requirement.hpp"
#include "scanner/python/toml_support.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

using core::Requirement;
using core::Scope;

/// Top-level tables that are not package categories.
constexpr std::array<std::string_view, 4> kNotCategories = {"source", "requires", "pipenv", "scripts"};

/// Pipfile keys that are PEP 508 marker variables: `sys_platform = "== 'win32'"`.
constexpr std::array<std::string_view, 11> kMarkerKeys = {"os_name",
                                                          "sys_platform",
                                                          "platform_machine",
                                                          "platform_python_implementation",
                                                          "platform_release",
                                                          "platform_system",
                                                          "platform_version",
                                                          "python_version",
                                                          "python_full_version",
                                                          "implementation_name",
                                                          "implementation_version"};

bool is_category(std::string_view table) {
  for (auto name : kNotCategories) {
    if (table == name) return false;
  }
  return true;
}

std::string pipfile_constraint(std::string_view version) {
  return version == "*" ? std::string() : std::string(version);  // "*" = any version
}

class PipfileParser {
 public:
  PipfileParser(TomlContext& ctx, ReadResult& out) : ctx_(ctx), out_(out) {}

  void read(const toml::table& doc) {
    for (const auto& [key, value] : doc) {
      const auto name = key.str();
      if (name == "requires") {
        if (const auto* table = ctx_.table(value, "requires")) read_requires(*table);
      } else if (is_category(name)) {
        const auto* packages = ctx_.table(value, name);
        if (packages != nullptr) read_category(*packages, name);
      }
    }
  }

 private:
  void read_requires(const toml::table& table) {
    // Both name an exact interpreter, like a .python-version file does.
    for (const auto* key : {"python_version", "python_full_version"}) {
      const auto* node = table.get(key);
      if (node == nullptr) continue;
      auto version = ctx_.string(*node, fmt::format("requires.{}", key));
      if (!version) continue;
      out_.runtime_hints.push_back(core::RuntimeHint{core::Language::python, std::move(*version), false,
                                                     core::ConstraintSyntax::pep440, core::RuntimeSource::version_file,
                                                     ctx_.at(*node)});
    }
  }

  void read_category(const toml::table& packages, std::string_view category) {
    Scope scope = Scope::dev;
    std::string group(category);
    if (category == "packages") {
      scope = Scope::main;
      group.clear();
    } else if (category == "dev-packages") {
      group = "dev";
    }
    for (const auto& [key, value] : packages) {
      auto requirement = read_package(key, value, fmt::format("{}.{}", category, key.str()));
      if (!requirement) continue;
      requirement->scope = scope;
      requirement->group = group;
      out_.requirements.push_back(std::move(*requirement));
    }
  }

  std::optional<Requirement> read_package(const toml::key& key, const toml::node& value, const std::string& what) {
    const auto origin = ctx_.at(key);
    if (const auto* version = value.as_string()) {
      return make_pypi_requirement(key.str(), pipfile_constraint(version->get()), core::ConstraintSyntax::pep440,
                                   origin);
    }
    const auto* table = value.as_table();
    if (table == nullptr) {
      ctx_.error(ctx_.at(value),
                 fmt::format("'{}' must be a version string or a table, not {}", what, type_name(value)));
      return std::nullopt;
    }
    auto requirement = make_pypi_requirement(key.str(), "", core::ConstraintSyntax::pep440, origin);
    if (auto version = ctx_.string(*table, "version", what + ".version")) {
      requirement.constraint = pipfile_constraint(*version);
    }
    if (const auto* extras = table->get("extras")) requirement.extras = ctx_.strings(*extras, what + ".extras");
    read_markers(requirement, *table, what);
    read_direct_reference(requirement, *table, what);
    return requirement;
  }

  void read_markers(Requirement& requirement, const toml::table& table, const std::string& what) {
    if (auto markers = ctx_.string(table, "markers", what + ".markers")) requirement.markers = std::move(*markers);
    for (auto key : kMarkerKeys) {
      // The value carries the operator and quoted operand: "== 'win32'" -> sys_platform == 'win32'.
      if (auto condition = ctx_.string(table, key, fmt::format("{}.{}", what, key))) {
        requirement.markers = and_markers(requirement.markers, fmt::format("{} {}", key, *condition));
      }
    }
  }

  void read_direct_reference(Requirement& requirement, const toml::table& table, const std::string& what) {
    if (auto git = ctx_.string(table, "git", what + ".git")) {
      requirement.url = std::move(*git);
      if (auto ref = ctx_.string(table, "ref", what + ".ref")) requirement.url += "@" + *ref;  // pip's url@ref
    } else if (auto path = ctx_.string(table, "path", what + ".path")) {
      requirement.url = std::move(*path);
    } else if (auto file = ctx_.string(table, "file", what + ".file")) {
      requirement.url = std::move(*file);
    }
    requirement.editable = ctx_.boolean(table, "editable", what + ".editable").value_or(false);
    if (!requirement.url.empty()) requirement.resolvable = false;
  }

  TomlContext& ctx_;
  ReadResult& out_;
};

class PipfileReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/pipfile"; }
  bool accepts(std::string_view repo_path) const override { return has_base_name(repo_path, "Pipfile"); }
  bool is_primary(std::string_view repo_path) const override { return accepts(repo_path); }

  ReadResult read(const ManifestFile& file, const SourceView&) const override {
    ReadResult out;
    auto doc = parse_toml(file, out.diagnostics);
    if (!doc) return out;
    TomlContext ctx(file.path, out.diagnostics);
    PipfileParser(ctx, out).read(*doc);
    sort_in_file_order(out);
    return out;
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_pipfile_reader() { return std::make_unique<python::PipfileReader>(); }

}  // namespace tracegate::scanner
