// SPDX-License-Identifier: Apache-2.0
#include "scanner/python/toml_support.hpp"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"

namespace tracegate::scanner::python {

namespace {

core::SourceLocation location(std::string_view path, const toml::source_region& region) {
  return core::SourceLocation{std::string(path), static_cast<int>(region.begin.line),
                              static_cast<int>(region.begin.column)};
}

}  // namespace

// --- TomlContext ---

core::SourceLocation TomlContext::at(const toml::node& node) const { return location(path_, node.source()); }
core::SourceLocation TomlContext::at(const toml::key& key) const { return location(path_, key.source()); }

void TomlContext::error(core::SourceLocation where, std::string message) {
  core::Diagnostic diagnostic;
  diagnostic.where = std::move(where);
  diagnostic.message = std::move(message);
  diagnostic.level = core::Diagnostic::Level::error;
  diagnostics_.push_back(std::move(diagnostic));
}

void TomlContext::warning(core::SourceLocation where, std::string message) {
  core::Diagnostic diagnostic;
  diagnostic.where = std::move(where);
  diagnostic.message = std::move(message);
  diagnostic.level = core::Diagnostic::Level::warning;
  diagnostics_.push_back(std::move(diagnostic));
}

void TomlContext::wrong_type(const toml::node& node, std::string_view what, std::string_view expected) {
  error(at(node), fmt::format("'{}' must be {}, not {}", what, expected, type_name(node)));
}

const toml::table* TomlContext::table(const toml::node& node, std::string_view what) {
  if (const auto* table = node.as_table()) return table;
  wrong_type(node, what, "a table");
  return nullptr;
}

const toml::array* TomlContext::array(const toml::node& node, std::string_view what) {
  if (const auto* array = node.as_array()) return array;
  wrong_type(node, what, "an array");
  return nullptr;
}

std::optional<std::string> TomlContext::string(const toml::node& node, std::string_view what) {
  if (const auto* value = node.as_string()) return value->get();
  wrong_type(node, what, "a string");
  return std::nullopt;
}

std::optional<bool> TomlContext::boolean(const toml::node& node, std::string_view what) {
  if (const auto* value = node.as_boolean()) return value->get();
  wrong_type(node, what, "a boolean");
  return std::nullopt;
}

std::vector<std::string> TomlContext::strings(const toml::node& node, std::string_view what) {
  std::vector<std::string> out;
  const auto* items = array(node, what);
  if (items == nullptr) return out;
  for (std::size_t i = 0; i < items->size(); ++i) {
    if (auto value = string(*items->get(i), element(what, i))) out.push_back(std::move(*value));
  }
  return out;
}

const toml::table* TomlContext::table(const toml::table& parent, std::string_view key, std::string_view what) {
  const auto* node = parent.get(key);
  return node == nullptr ? nullptr : table(*node, what);
}

const toml::array* TomlContext::array(const toml::table& parent, std::string_view key, std::string_view what) {
  const auto* node = parent.get(key);
  return node == nullptr ? nullptr : array(*node, what);
}

std::optional<std::string> TomlContext::string(const toml::table& parent, std::string_view key, std::string_view what) {
  const auto* node = parent.get(key);
  return node == nullptr ? std::nullopt : string(*node, what);
}

std::optional<bool> TomlContext::boolean(const toml::table& parent, std::string_view key, std::string_view what) {
  const auto* node = parent.get(key);
  return node == nullptr ? std::nullopt : boolean(*node, what);
}

// --- Free helpers ---

std::optional<toml::table> parse_toml(const ManifestFile& file, std::vector<core::Diagnostic>& diagnostics) {
  try {
    return toml::parse(file.contents, std::string_view(file.path));
  } catch (const toml::parse_error& error) {
    TomlContext(file.path, diagnostics).error(location(file.path, error.source()), std::string(error.description()));
    return std::nullopt;
  }
}

void sort_in_file_order(ReadResult& out) {
  const auto by_place = [](const core::SourceLocation& a, const core::SourceLocation& b) {
    return std::tie(a.line, a.column) < std::tie(b.line, b.column);
  };
  std::ranges::stable_sort(out.requirements, by_place, &core::Requirement::origin);
  std::ranges::stable_sort(out.lock_entries, by_place, &core::LockEntry::origin);
  std::ranges::stable_sort(out.runtime_hints, by_place, &core::RuntimeHint::origin);
  std::ranges::stable_sort(out.diagnostics, by_place, &core::Diagnostic::where);
}

std::string element(std::string_view what, std::size_t index) { return fmt::format("{}[{}]", what, index); }

std::string_view type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    case toml::node_type::none: break;
  }
  return "nothing";
}

bool has_base_name(std::string_view repo_path, std::string_view file_name) {
  return core::base_name(repo_path) == file_name;
}

// --- Poetry python restrictions ---

namespace {

/// One `>=` or `<` bound on the interpreter version.
struct PythonBound {
  std::string_view op;
  std::vector<std::uint64_t> release;
};

bool is_space(char c) { return c == ' ' || c == '\t'; }

std::optional<std::vector<std::uint64_t>> parse_release(std::string_view text) {
  std::vector<std::uint64_t> release;
  while (true) {
    std::uint64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
    // Overflow is refused here so that bumping a component below cannot wrap.
    if (ec != std::errc() || number == UINT64_MAX) return std::nullopt;
    release.push_back(number);
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    if (text.empty()) return release;
    if (text.front() != '.') return std::nullopt;
    text.remove_prefix(1);
  }
}

/// The release with component `index` bumped and everything after it dropped (`^3.9` -> 4.0).
std::vector<std::uint64_t> bump(std::vector<std::uint64_t> release, std::size_t index) {
  release.resize(index + 1);
  ++release[index];
  if (release.size() == 1) release.push_back(0);
  return release;
}

/// Poetry's caret: up to the next change of the first non-zero component.
std::size_t caret_index(const std::vector<std::uint64_t>& release) {
  for (std::size_t i = 0; i < release.size(); ++i) {
    if (release[i] != 0) return i;
  }
  return release.size() - 1;
}

bool expand(std::string_view op, std::vector<std::uint64_t> release, std::vector<PythonBound>& out) {
  if (op == ">=" || op == "<") {
    out.push_back({op, std::move(release)});
    return true;
  }
  std::size_t index = 0;
  if (op == "^") {
    index = caret_index(release);
  } else if (op == "~") {
    index = release.size() == 1 ? 0 : 1;
  } else if (op == "~=" && release.size() >= 2) {
    index = release.size() - 2;
  } else {
    return false;  // >, <=, ==, != and bare versions differ between python_version and python_full_version
  }
  auto upper = bump(release, index);
  out.push_back({">=", std::move(release)});
  out.push_back({"<", std::move(upper)});
  return true;
}

std::string_view read_operator(std::string_view text) {
  for (std::string_view op : {">=", "<=", "~=", "==", "!=", ">", "<", "^", "~", "="}) {
    if (text.starts_with(op)) return op;
  }
  return {};
}

std::optional<std::vector<PythonBound>> parse_python_bounds(std::string_view constraint) {
  std::vector<PythonBound> bounds;
  std::size_t pos = 0;
  while (true) {
    while (pos < constraint.size() && (is_space(constraint[pos]) || constraint[pos] == ',')) ++pos;
    if (pos == constraint.size()) break;
    const auto op = read_operator(constraint.substr(pos));
    pos += op.size();
    while (pos < constraint.size() && is_space(constraint[pos])) ++pos;
    const auto start = pos;
    while (pos < constraint.size() && !is_space(constraint[pos]) && constraint[pos] != ',') ++pos;
    auto release = parse_release(constraint.substr(start, pos - start));
    if (!release || !expand(op, std::move(*release), bounds)) return std::nullopt;
  }
  if (bounds.empty()) return std::nullopt;
  return bounds;
}

std::string marker_of(const PythonBound& bound) {
  // python_version is "X.Y": exact for >= and < on X or X.Y, but a third component needs the full version.
  const auto* variable = bound.release.size() <= 2 ? "python_version" : "python_full_version";
  return fmt::format("{} {} \"{}\"", variable, bound.op, fmt::join(bound.release, "."));
}

}  // namespace

std::optional<std::string> poetry_python_marker(std::string_view constraint) {
  constraint = core::trim(constraint);
  if (constraint == "*" || constraint.empty()) return std::string();
  auto bounds = parse_python_bounds(constraint);
  if (!bounds) return std::nullopt;
  std::string marker;
  for (const auto& bound : *bounds) marker = and_markers(marker, marker_of(bound));
  return marker;
}

std::string and_markers(std::string_view left, std::string_view right) {
  if (left.empty()) return std::string(right);
  if (right.empty()) return std::string(left);
  const auto wrap = [](std::string_view side) {
    return side.find(" or ") == std::string_view::npos ? std::string(side) : fmt::format("({})", side);
  };
  return fmt::format("{} and {}", wrap(left), wrap(right));
}

}  // namespace tracegate::scanner::python
