// SPDX-License-Identifier: Apache-2.0
// Reads setuptools' declarative setup.cfg. See docs/readers/python-setup-cfg.md.
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/python/pypi_requirement.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }

std::size_t leading_space(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && is_space(line[n])) ++n;
  return n;
}

// --- INI ---

/// One line of an INI value with where its text starts.
struct IniLine {
  std::string_view text;  ///< trimmed
  int line = 0;
  int column = 0;
};

/// `key = value` plus its indented continuation lines.
struct IniEntry {
  std::string section;
  std::string key;                ///< lowercase, '-' as '_', the way setuptools looks it up
  std::string_view written_key;   ///< as in the file (extras keep their spelling)
  std::vector<IniLine> lines;     ///< [0] is the text after the delimiter (may be empty), then continuations
};

struct IniFile {
  std::vector<IniEntry> entries;
  std::vector<core::Diagnostic> diagnostics;
};

std::string lookup_key(std::string_view key) {
  auto out = core::to_lower(key);
  for (char& c : out) {
    if (c == '-') c = '_';
  }
  return out;
}

/// Python's configparser rules: `[section]`, `key = value` or `key: value`, more-indented lines continue
/// the value (blank lines do not end it), and lines starting with `#` or `;` are comments anywhere.
class IniParser {
 public:
  explicit IniParser(std::string_view path) : path_(path) {}

  IniFile parse(std::string_view contents) {
    if (contents.starts_with(kUtf8Bom)) contents.remove_prefix(kUtf8Bom.size());
    const auto lines = core::split_lines(contents);
    for (std::size_t i = 0; i < lines.size(); ++i) parse_line(lines[i], static_cast<int>(i + 1));
    return std::move(out_);
  }

 private:
  void parse_line(std::string_view line, int number) {
    const auto text = core::trim(line);
    if (text.empty() || text.front() == '#' || text.front() == ';') return;
    const auto indent = leading_space(line);
    if (in_entry_ && indent > entry_indent_) {
      out_.entries.back().lines.push_back({text, number, static_cast<int>(indent + 1)});
      return;
    }
    in_entry_ = false;
    if (text.front() == '[') {
      parse_section(text, number, static_cast<int>(indent + 1));
    } else {
      parse_key(line, number, indent);
    }
  }

  void parse_section(std::string_view text, int number, int column) {
    const auto close = text.rfind(']');
    if (close == std::string_view::npos) {
      diagnose({path_, number, column}, "section header is missing ']'");
      section_ = "";  // keys below belong to no known section, and that is already diagnosed
      return;
    }
    section_ = std::string(core::trim(text.substr(1, close - 1)));
  }

  void parse_key(std::string_view line, int number, std::size_t indent) {
    const auto delimiter = line.find_first_of("=:", indent);
    if (delimiter == std::string_view::npos) {
      diagnose({path_, number, static_cast<int>(indent + 1)}, "expected 'key = value', '[section]' or a comment");
      return;
    }
    if (!section_) {
      diagnose({path_, number, static_cast<int>(indent + 1)}, "'key = value' outside any [section]; ignored");
    }
    const auto value_start = delimiter + 1 + leading_space(line.substr(delimiter + 1));
    const auto written_key = core::trim(line.substr(indent, delimiter - indent));
    out_.entries.push_back({.section = section_.value_or(""),
                            .key = lookup_key(written_key),
                            .written_key = written_key,
                            .lines = {{core::trim(line.substr(delimiter + 1)), number,
                                       static_cast<int>(value_start + 1)}}});
    in_entry_ = true;
    entry_indent_ = indent;
  }

  void diagnose(core::SourceLocation where, std::string message) {
    out_.diagnostics.push_back({std::move(where), std::move(message), core::Diagnostic::Level::error});
  }

  std::string path_;
  IniFile out_;
  std::optional<std::string> section_;
  bool in_entry_ = false;
  std::size_t entry_indent_ = 0;
};

// --- setuptools keys ---

/// Text before a ` #` comment (setuptools drops those from requirement lines).
std::string_view strip_comment(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#' && (i == 0 || is_space(text[i - 1]))) return core::trim(text.substr(0, i));
  }
  return text;
}

/// setuptools' list rule for requirement keys: a multi-line value is one item per line,
/// a one-line value is split at ';'.
std::vector<IniLine> requirement_items(const IniEntry& entry) {
  std::vector<IniLine> items;
  if (entry.lines.size() > 1) {
    for (const auto& line : entry.lines) items.push_back({strip_comment(line.text), line.line, line.column});
    return items;
  }
  const auto& line = entry.lines.front();
  std::size_t start = 0;
  while (start <= line.text.size()) {
    auto end = line.text.find(';', start);
    if (end == std::string_view::npos) end = line.text.size();
    const auto piece = line.text.substr(start, end - start);
    const auto lead = leading_space(piece);
    items.push_back({strip_comment(core::trim(piece)), line.line, line.column + static_cast<int>(start + lead)});
    start = end + 1;
  }
  return items;
}

class SetupCfgReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/setup-cfg"; }

  bool accepts(std::string_view repo_path) const override { return core::base_name(repo_path) == "setup.cfg"; }

  bool is_primary(std::string_view repo_path) const override { return accepts(repo_path); }

  ReadResult read(const ManifestFile& file, const SourceView& /*others*/) const override {
    auto ini = IniParser(file.path).parse(file.contents);
    ReadResult result;
    result.diagnostics = std::move(ini.diagnostics);
    for (const auto& entry : ini.entries) read_entry(file.path, entry, result);
    return result;
  }

 private:
  static void read_entry(std::string_view path, const IniEntry& entry, ReadResult& result) {
    if (entry.section == "metadata" && entry.key == "name") {
      if (!entry.lines.front().text.empty()) result.project_name = std::string(entry.lines.front().text);
    } else if (entry.section == "options" && entry.key == "install_requires") {
      read_requirements(path, entry, "install_requires", core::Scope::main, "", result);
    } else if (entry.section == "options" && entry.key == "tests_require") {
      read_requirements(path, entry, "tests_require", core::Scope::dev, "test", result);
    } else if (entry.section == "options" && entry.key == "python_requires") {
      read_python_requires(path, entry, result);
    } else if (entry.section == "options.extras_require") {
      read_requirements(path, entry, fmt::format("extras_require['{}']", entry.written_key), core::Scope::optional,
                        std::string(entry.written_key), result);
    }
  }

  static void read_requirements(std::string_view path, const IniEntry& entry, std::string_view label,
                                core::Scope scope, const std::string& group, ReadResult& result) {
    const auto& first = entry.lines.front();
    if (first.text.starts_with("file:")) {
      result.diagnostics.push_back({{std::string(path), first.line, first.column},
                                    fmt::format("{}: '{}' is not followed", label, first.text),
                                    core::Diagnostic::Level::warning});
      return;
    }
    for (const auto& item : requirement_items(entry)) {
      if (item.text.empty() || item.text.starts_with('#')) continue;
      auto requirement = parse_pypi_requirement(item.text, {std::string(path), item.line, item.column});
      if (!requirement) {
        const auto& error = requirement.error();
        result.diagnostics.push_back({error.where.value_or(core::SourceLocation{std::string(path), item.line}),
                                      error.message, core::Diagnostic::Level::error});
        continue;
      }
      requirement->scope = scope;
      requirement->group = group;
      result.requirements.push_back(std::move(*requirement));
    }
  }

  static void read_python_requires(std::string_view path, const IniEntry& entry, ReadResult& result) {
    for (const auto& line : entry.lines) {
      const auto version = strip_comment(line.text);
      if (version.empty()) continue;
      core::RuntimeHint hint;
      hint.language = core::Language::python;
      hint.version = std::string(version);
      hint.is_range = true;
      hint.syntax = core::ConstraintSyntax::pep440;
      hint.source = core::RuntimeSource::declared_range;
      hint.origin = {std::string(path), line.line, line.column};
      result.runtime_hints.push_back(std::move(hint));
      return;
    }
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_setup_cfg_reader() { return std::make_unique<python::SetupCfgReader>(); }

}  // namespace tracegate::scanner
