// SPDX-License-Identifier: Apache-2.0
// Reads uv.lock. See docs/readers/python-uv-lock.md.
#include <fmt/format.h>

#include "core/package_name.hpp"
#include "scanner/python/toml_support.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

using core::LockedDependency;
using core::LockEntry;

constexpr std::int64_t kKnownLockVersion = 1;

class UvLockParser {
 public:
  UvLockParser(TomlContext& ctx, ReadResult& out) : ctx_(ctx), out_(out) {}

  void read(const toml::table& doc) {
    check_version(doc);
    if (const auto* node = doc.get("requires-python")) read_requires_python(*node);
    const auto* packages = ctx_.array(doc, "package", "package");
    if (packages == nullptr) return;
    out_.lock_entries.reserve(packages->size());
    for (std::size_t i = 0; i < packages->size(); ++i) {
      const auto what = element("package", i);
      const auto* package = ctx_.table(*packages->get(i), what);
      if (package == nullptr || is_project(*package)) continue;
      if (auto entry = read_package(*package, what)) out_.lock_entries.push_back(std::move(*entry));
    }
  }

 private:
  void check_version(const toml::table& doc) {
    const auto* node = doc.get("version");
    if (node == nullptr) return;
    const auto* version = node->as_integer();
    if (version == nullptr) {
      ctx_.error(ctx_.at(*node), fmt::format("'version' must be an integer, not {}", type_name(*node)));
    } else if (version->get() != kKnownLockVersion) {
      ctx_.warning(ctx_.at(*node), fmt::format("uv.lock version {} is not known; read as version {}", version->get(),
                                               kKnownLockVersion));
    }
  }

  void read_requires_python(const toml::node& node) {
    auto version = ctx_.string(node, "requires-python");
    if (!version) return;
    out_.runtime_hints.push_back(core::RuntimeHint{core::Language::python, std::move(*version), true,
                                                   core::ConstraintSyntax::pep440, core::RuntimeSource::declared_range,
                                                   ctx_.at(node)});
  }

  /// The project being locked (and a virtual workspace root) is what pyproject.toml declares, not a pin.
  static bool is_project(const toml::table& package) {
    const auto* source = package.get_as<toml::table>("source");
    if (source == nullptr) return false;
    for (const auto* key : {"editable", "virtual"}) {
      const auto* path = source->get_as<std::string>(key);
      if (path != nullptr && path->get() == ".") return true;
    }
    return false;
  }

  std::optional<LockEntry> read_package(const toml::table& package, const std::string& what) {
    const auto name_it = package.find("name");
    if (name_it == package.end()) {
      ctx_.error(ctx_.at(package), "[[package]] has no 'name'");
      return std::nullopt;
    }
    auto name = ctx_.string(name_it->second, what + ".name");
    if (!name) return std::nullopt;
    LockEntry entry;
    // uv leaves the version out for local packages whose version is dynamic; the entry keeps "".
    if (const auto* version = package.get("version")) {
      auto text = ctx_.string(*version, what + ".version");
      if (!text) return std::nullopt;
      entry.version = std::move(*text);
    }
    entry.ecosystem = core::Ecosystem::pypi;
    entry.normalized_name = core::normalize_pypi_name(*name);
    entry.name = std::move(*name);
    entry.origin = ctx_.at(name_it->first);
    if (const auto* deps = ctx_.array(package, "dependencies", what + ".dependencies")) {
      read_dependencies(*deps, what + ".dependencies", "", entry.dependencies);
    }
    read_optional_dependencies(package, what, entry.dependencies);
    return entry;
  }

  /// [package.optional-dependencies] become edges guarded by `extra == "<extra>"`, as in the package metadata.
  void read_optional_dependencies(const toml::table& package, const std::string& what,
                                  std::vector<LockedDependency>& out) {
    const auto* extras = ctx_.table(package, "optional-dependencies", what + ".optional-dependencies");
    if (extras == nullptr) return;
    for (const auto& [extra, value] : *extras) {
      const auto extra_what = fmt::format("{}.optional-dependencies.{}", what, extra.str());
      if (const auto* deps = ctx_.array(value, extra_what)) {
        read_dependencies(*deps, extra_what, fmt::format("extra == \"{}\"", extra.str()), out);
      }
    }
  }

  /// `{ name = "x", marker = "..." }` items; uv records what it resolved, so there is no constraint to keep.
  void read_dependencies(const toml::array& deps, const std::string& what, std::string_view extra_marker,
                         std::vector<LockedDependency>& out) {
    for (std::size_t i = 0; i < deps.size(); ++i) {
      const auto item_what = element(what, i);
      const auto* dep = ctx_.table(*deps.get(i), item_what);
      if (dep == nullptr) continue;
      const auto* name_node = dep->get("name");
      if (name_node == nullptr) {
        ctx_.error(ctx_.at(*dep), fmt::format("'{}' has no 'name'", item_what));
        continue;
      }
      auto name = ctx_.string(*name_node, item_what + ".name");
      if (!name) continue;
      LockedDependency locked;
      locked.normalized_name = core::normalize_pypi_name(*name);
      locked.name = std::move(*name);
      locked.markers = and_markers(ctx_.string(*dep, "marker", item_what + ".marker").value_or(""), extra_marker);
      out.push_back(std::move(locked));
    }
  }

  TomlContext& ctx_;
  ReadResult& out_;
};

class UvLockReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/uv-lock"; }
  bool accepts(std::string_view repo_path) const override { return has_base_name(repo_path, "uv.lock"); }
  bool is_primary(std::string_view) const override { return false; }

  ReadResult read(const ManifestFile& file, const SourceView&) const override {
    // Most of a lockfile is wheel URLs and hashes (`wheels`), which nothing reads.
    return read_toml_lockfile<UvLockParser>(file, {"wheels"}, "");
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_uv_lock_reader() { return std::make_unique<python::UvLockReader>(); }

}  // namespace tracegate::scanner
