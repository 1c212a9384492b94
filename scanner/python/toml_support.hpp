// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "core/diagnostic.hpp"
#include "core/source_location.hpp"
#include "scanner/manifest_reader.hpp"
#include "scanner/python/lock_blanking.hpp"

namespace tracegate::scanner::python {

// --- Interface ---

/// The file a TOML reader is reading and the diagnostics it has collected so far.
/// Every helper that finds a problem reports it here, at the node it is about, and carries on.
class TomlContext {
 public:
  TomlContext(std::string_view path, std::vector<core::Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  /// Where `node` starts (toml++'s `source().begin`): the first character of a value,
  /// the `[header]` line of a standard table, the `[[header]]` line of an array-of-tables element.
  core::SourceLocation at(const toml::node& node) const;
  /// Where `key` starts: the first character of the dependency name in `name = ...`.
  core::SourceLocation at(const toml::key& key) const;

  void error(core::SourceLocation where, std::string message);
  void warning(core::SourceLocation where, std::string message);

  /// `node` as a table, or nullptr after reporting "'`what`' must be a table, not a string".
  const toml::table* table(const toml::node& node, std::string_view what);
  const toml::array* array(const toml::node& node, std::string_view what);
  std::optional<std::string> string(const toml::node& node, std::string_view what);
  std::optional<bool> boolean(const toml::node& node, std::string_view what);
  /// An array of strings (extras); elements of another type are reported and skipped.
  std::vector<std::string> strings(const toml::node& node, std::string_view what);

  /// Same as above for an optional member: nullptr/nullopt without a diagnostic when `parent` lacks `key`.
  const toml::table* table(const toml::table& parent, std::string_view key, std::string_view what);
  const toml::array* array(const toml::table& parent, std::string_view key, std::string_view what);
  std::optional<std::string> string(const toml::table& parent, std::string_view key, std::string_view what);
  std::optional<bool> boolean(const toml::table& parent, std::string_view key, std::string_view what);

 private:
  void wrong_type(const toml::node& node, std::string_view what, std::string_view expected);

  std::string_view path_;
  std::vector<core::Diagnostic>& diagnostics_;
};

/// Parses `file`; on a syntax error reports one error at the error's line:col with toml++'s
/// description and returns nullopt, so the reader yields nothing but that diagnostic.
std::optional<toml::table> parse_toml(const ManifestFile& file, std::vector<core::Diagnostic>& diagnostics);

/// Puts everything in `out` in the order the file states it (line, then column): toml++ and
/// nlohmann iterate tables and objects by key name, not as written. Stable, so entries sharing an origin keep their
/// order.
void sort_in_file_order(ReadResult& out);

/// A TOML lockfile read end to end: the arrays nothing reads (`blank_keys`, `[blank_section]`,
/// see lock_blanking.hpp) skipped, parsed, handed to `Parser(ctx, out).read(doc)`, sorted.
template <class Parser>
ReadResult read_toml_lockfile(const ManifestFile& file, std::initializer_list<std::string_view> blank_keys,
                              std::string_view blank_section) {
  ReadResult out;
  const auto text = blank_unread_arrays(file.contents, blank_keys, blank_section);
  auto doc = parse_toml(ManifestFile{file.path, text}, out.diagnostics);
  if (!doc) return out;
  TomlContext ctx(file.path, out.diagnostics);
  Parser(ctx, out).read(*doc);
  sort_in_file_order(out);
  return out;
}

/// `what[index]`, the name of an array element in messages ("project.dependencies[2]").
std::string element(std::string_view what, std::size_t index);

/// "a string", "an integer", "an array", ... for messages.
std::string_view type_name(const toml::node& node);

/// True when the base name of `repo_path` is exactly `file_name` (`a/poetry.lock`, not `poetry.lock.bak`).
bool has_base_name(std::string_view repo_path, std::string_view file_name);

/// The PEP 508 marker for a Poetry `python = "..."` restriction, when it translates exactly:
/// a list of `>=`/`<` bounds, `^` or `~`/`~=` (">=3.8,<3.11" -> `python_version >= "3.8" and
/// python_version < "3.11"`). "*" gives "". nullopt for what no marker states exactly (`||`, `==3.8`, `3.8.*`).
std::optional<std::string> poetry_python_marker(std::string_view constraint);

/// `left and right`; a side holding `or` is parenthesized so the result keeps its meaning.
std::string and_markers(std::string_view left, std::string_view right);

}  // namespace tracegate::scanner::python
