// SPDX-License-Identifier: Apache-2.0
#include "rules/source_masking.hpp"

#include <array>
#include <utility>

namespace tracegate::rules {

namespace {

constexpr std::array<std::pair<FileKind, std::string_view>, 7> kNames{{
    {FileKind::python, "python"},
    {FileKind::php, "php"},
    {FileKind::java, "java"},
    {FileKind::dockerfile, "dockerfile"},
    {FileKind::yaml, "yaml"},
    {FileKind::env, "env"},
    {FileKind::shell, "shell"},
}};

bool ends_with(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

/// Blanks text[from, to) except newlines.
void blank(std::string& text, std::size_t from, std::size_t to) {
  for (std::size_t i = from; i < to && i < text.size(); ++i) {
    if (text[i] != '\n') text[i] = ' ';
  }
}

/// The end of a quoted literal starting at `open` (the index of its first quote), with
/// backslash escapes; `quote` is the delimiter ("'", "\"", "'''", "\"\"\""). A single-quoted
/// literal in a language without multi-line strings ends at the newline when unterminated.
std::size_t literal_end(std::string_view text, std::size_t open, std::string_view quote, bool escapes,
                        bool stops_at_newline) {
  std::size_t i = open + quote.size();
  while (i < text.size()) {
    if (escapes && text[i] == '\\') {
      i += 2;
      continue;
    }
    if (stops_at_newline && text[i] == '\n') return i;
    if (text.substr(i, quote.size()) == quote) return i + quote.size();
    ++i;
  }
  return text.size();
}

/// Python: `#` comments; '…', "…", '''…''', """…""" with any r/b/f/u prefix (raw strings keep
/// backslashes but still cannot end on an escaped quote, as in Python).
void mask_python(std::string& out, std::string_view text, bool keep_strings) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '#') {
      const auto end = text.find('\n', i);
      blank(out, i, end == std::string_view::npos ? text.size() : end);
      i = end == std::string_view::npos ? text.size() : end;
    } else if (c == '\'' || c == '"') {
      const std::string_view quote = text.substr(i, 3) == std::string(3, c) ? text.substr(i, 3) : text.substr(i, 1);
      const auto end = literal_end(text, i, quote, true, quote.size() == 1);
      if (!keep_strings) blank(out, i + quote.size(), end >= quote.size() ? end - quote.size() : end);
      i = end;
    } else {
      ++i;
    }
  }
}

/// PHP and Java: `//` and `/* */` comments (PHP also `#`, but not `#[` attributes); '…' and
/// "…" literals; Java text blocks """…""".
void mask_c_like(std::string& out, std::string_view text, bool keep_strings, bool hash_comments) {
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    const char next = i + 1 < text.size() ? text[i + 1] : '\0';
    if ((c == '/' && next == '/') || (hash_comments && c == '#' && next != '[')) {
      // A PHP line comment ends at the newline or at `?>`.
      std::size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      blank(out, i, end);
      i = end;
    } else if (c == '/' && next == '*') {
      auto end = text.find("*/", i + 2);
      end = end == std::string_view::npos ? text.size() : end + 2;
      blank(out, i, end);
      i = end;
    } else if (c == '\'' || c == '"') {
      const bool block = !hash_comments && text.substr(i, 3) == "\"\"\"";
      const std::string_view quote = block ? text.substr(i, 3) : text.substr(i, 1);
      const auto end = literal_end(text, i, quote, true, false);
      if (!keep_strings) blank(out, i + quote.size(), end >= quote.size() ? end - quote.size() : end);
      i = end;
    } else {
      ++i;
    }
  }
}

/// YAML, Dockerfile, .env, shell: a `#` at the start of a line or after a blank starts a
/// comment, unless it sits inside a quoted value on that line.
void mask_hash_comments(std::string& out, std::string_view text) {
  std::size_t i = 0;
  char quote = '\0';
  while (i < text.size()) {
    const char c = text[i];
    if (c == '\n') {
      quote = '\0';
    } else if (quote != '\0') {
      if (c == quote) quote = '\0';
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#' && (i == 0 || text[i - 1] == ' ' || text[i - 1] == '\t' || text[i - 1] == '\n')) {
      const auto end = text.find('\n', i);
      blank(out, i, end == std::string_view::npos ? text.size() : end);
      i = end == std::string_view::npos ? text.size() : end;
      continue;
    }
    ++i;
  }
}

}  // namespace

std::string_view to_string(FileKind kind) {
  for (const auto& [k, name] : kNames) {
    if (k == kind) return name;
  }
  return "?";
}

std::optional<FileKind> parse_file_kind(std::string_view name) {
  for (const auto& [kind, text] : kNames) {
    if (text == name) return kind;
  }
  return std::nullopt;
}

std::optional<FileKind> file_kind_for_path(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (ends_with(name, ".py") || ends_with(name, ".pyi")) return FileKind::python;
  if (ends_with(name, ".php") || ends_with(name, ".phtml") || ends_with(name, ".inc")) return FileKind::php;
  if (ends_with(name, ".java") || ends_with(name, ".kt") || ends_with(name, ".groovy") || ends_with(name, ".scala")) {
    return FileKind::java;
  }
  if (name == "Dockerfile" || name.starts_with("Dockerfile.") || ends_with(name, ".Dockerfile") ||
      ends_with(name, ".dockerfile") || name == "Containerfile") {
    return FileKind::dockerfile;
  }
  if (ends_with(name, ".yaml") || ends_with(name, ".yml")) return FileKind::yaml;
  if (name == ".env" || name.starts_with(".env.") || ends_with(name, ".env")) return FileKind::env;
  if (ends_with(name, ".sh") || ends_with(name, ".bash")) return FileKind::shell;
  if (name == "Procfile") return FileKind::shell;
  return std::nullopt;
}

std::string mask_source(std::string_view text, FileKind kind, bool keep_strings) {
  std::string out(text);
  switch (kind) {
    case FileKind::python: mask_python(out, text, keep_strings); break;
    case FileKind::php: mask_c_like(out, text, keep_strings, true); break;
    case FileKind::java: mask_c_like(out, text, keep_strings, false); break;
    case FileKind::dockerfile:
    case FileKind::yaml:
    case FileKind::env:
    case FileKind::shell: mask_hash_comments(out, text); break;
  }
  return out;
}

}  // namespace tracegate::rules
