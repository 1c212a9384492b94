// SPDX-License-Identifier: Apache-2.0
// `python/version-file`: the Python version pinned by .python-version (pyenv), runtime.txt
// (Heroku) or .tool-versions (asdf). See docs/readers/python-version-file.md.
#include <algorithm>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner {
namespace {

using core::Diagnostic;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kBlank = " \t";

enum class Format { pyenv, heroku, asdf };

/// A word of the file and where it starts (1-based).
struct Word {
  std::string_view text;
  int line = 0;
  int column = 0;
};

std::optional<Format> format_of(std::string_view repo_path) {
  const auto name = core::base_name(repo_path);
  if (name == ".python-version") return Format::pyenv;
  if (name == "runtime.txt") return Format::heroku;
  if (name == ".tool-versions") return Format::asdf;
  return std::nullopt;
}


/// The word starting at or after `from` in `line`; empty text when there is none.
Word word_at(std::string_view line, std::size_t from, int line_number) {
  const auto begin = line.find_first_not_of(kBlank, from);
  if (begin == std::string_view::npos) return Word{{}, line_number, 0};
  const auto end = std::min(line.find_first_of(kBlank, begin), line.size());
  return Word{line.substr(begin, end - begin), line_number, static_cast<int>(begin) + 1};
}

/// The language version a pyenv (or asdf-python, which uses pyenv's python-build) name stands for:
/// CPython `3.11.4`, `3.12-dev`, `3.13t`; PyPy `pypy3.10-7.3.12` implements 3.10.
/// nullopt for `system`, conda distributions, virtualenv names and the like.
std::optional<std::string> python_version_of_pyenv_name(std::string_view name) {
  // `-dev` (a branch build) and `t` (free-threaded) still run that language version.
  static const RE2 kCPython(R"((\d+(?:\.\d+){0,2}(?:(?:a|b|rc)\d+)?)t?(?:-dev)?)");
  static const RE2 kPyPy(R"(pypy(\d+\.\d+)(?:-.*)?)");
  re2::StringPiece version;
  if (RE2::FullMatch(name, kCPython, &version) || RE2::FullMatch(name, kPyPy, &version)) {
    return std::string(version);
  }
  return std::nullopt;
}

/// pyenv's rule: the first word of the first line that is neither blank nor a comment,
/// skipping words it refuses as path-like (`..`, anything with a slash).
std::optional<Word> first_pyenv_version(const std::vector<std::string_view>& lines) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto word = word_at(lines[i], 0, static_cast<int>(i) + 1);
    if (word.text.empty() || word.text.starts_with('#')) continue;
    if (word.text == ".." || word.text.find('/') != std::string_view::npos) continue;
    return word;
  }
  return std::nullopt;
}

/// The first version on the first `python` line; other tools' lines are ignored.
/// A `python` line without a version is diagnosed.
std::optional<Word> first_asdf_python_version(const std::vector<std::string_view>& lines, std::string_view path,
                                              std::vector<Diagnostic>& diagnostics) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto line = lines[i].substr(0, lines[i].find('#'));
    const auto tool = word_at(line, 0, static_cast<int>(i) + 1);
    if (tool.text != "python") continue;
    const auto version = word_at(line, static_cast<std::size_t>(tool.column - 1) + tool.text.size(), tool.line);
    if (!version.text.empty()) return version;
    diagnostics.push_back(Diagnostic{{std::string(path), tool.line, tool.column},
                                     "'python' names no version; runtime unknown",
                                     Diagnostic::Level::warning});
    return std::nullopt;
  }
  return std::nullopt;
}

core::RuntimeHint make_hint(std::string version, std::string_view path, const Word& at) {
  return core::RuntimeHint{core::Language::python,
                           std::move(version),
                           false,
                           core::ConstraintSyntax::pep440,
                           core::RuntimeSource::version_file,
                           {std::string(path), at.line, at.column}};
}

/// Turns a pyenv-style version word into a hint, or a warning when it names no version.
void add_pyenv_style_version(const Word& word, std::string_view path, ReadResult& result) {
  if (auto version = python_version_of_pyenv_name(word.text)) {
    result.runtime_hints.push_back(make_hint(std::move(*version), path, word));
    return;
  }
  result.diagnostics.push_back(Diagnostic{{std::string(path), word.line, word.column},
                                          fmt::format("'{}' is not a Python version; runtime unknown",
                                                      core::excerpt(word.text)),
                                          Diagnostic::Level::warning});
}

/// Heroku reads the whole file as one value, `python-<version>`.
void read_runtime_txt(const std::vector<std::string_view>& lines, std::string_view path, ReadResult& result) {
  static const RE2 kHerokuRuntime(R"(python-(\d+\.\d+(?:\.\d+)?))");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto value = core::trim(lines[i]);
    if (value.empty()) continue;
    const int line = static_cast<int>(i) + 1;
    const int column = static_cast<int>(value.data() - lines[i].data()) + 1;
    re2::StringPiece version;
    if (RE2::FullMatch(value, kHerokuRuntime, &version)) {
      const int version_column = column + static_cast<int>(version.data() - value.data());
      result.runtime_hints.push_back(make_hint(std::string(version), path, Word{version, line, version_column}));
    } else {
      result.diagnostics.push_back(Diagnostic{
          {std::string(path), line, column},
          fmt::format("'{}' is not a Heroku Python runtime (expected python-<version>, e.g. python-3.11.4); "
                      "runtime unknown",
                      core::excerpt(value)),
          Diagnostic::Level::warning});
    }
    return;
  }
}

class PythonVersionFileReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/version-file"; }
  bool accepts(std::string_view repo_path) const override { return format_of(repo_path).has_value(); }
  bool is_primary(std::string_view) const override { return false; }
  ReadResult read(const ManifestFile& file, const SourceView& others) const override;
};

ReadResult PythonVersionFileReader::read(const ManifestFile& file, const SourceView&) const {
  ReadResult result;
  const auto format = format_of(file.path);
  if (!format) return result;
  if (core::looks_binary(file.contents)) {
    result.diagnostics.push_back(Diagnostic{{std::string(file.path)}, "binary file, not a Python version file"});
    return result;
  }
  auto contents = file.contents;
  if (contents.starts_with(kUtf8Bom)) contents.remove_prefix(kUtf8Bom.size());
  const auto lines = core::split_lines(contents);
  switch (*format) {
    case Format::heroku:
      read_runtime_txt(lines, file.path, result);
      break;
    case Format::pyenv:
      if (const auto word = first_pyenv_version(lines)) add_pyenv_style_version(*word, file.path, result);
      break;
    case Format::asdf:
      if (const auto word = first_asdf_python_version(lines, file.path, result.diagnostics)) {
        add_pyenv_style_version(*word, file.path, result);
      }
      break;
  }
  return result;
}

}  // namespace

std::unique_ptr<ManifestReader> make_python_version_file_reader() {
  return std::make_unique<PythonVersionFileReader>();
}

}  // namespace tracegate::scanner
