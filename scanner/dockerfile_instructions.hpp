// SPDX-License-Identifier: Apache-2.0
// Dockerfile instructions as BuildKit splits them (parser directives, comments, line
// continuations, heredoc bodies), and their arguments as words. Shared by the Python reader's
// `python/dockerfile` (scanner/python/dockerfile.cpp) and the deploy reader's Dockerfile ENV
// (scanner/deploy/dockerfile_env.cpp). Pure functions of the file's text.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/source_location.hpp"
#include "core/text.hpp"

namespace tracegate::scanner {

/// `stem`, `stem.<x>` or `<x>.stem` (`stem` also in lower case), as Docker and Podman name build files.
/// The prefix form is case-sensitive so that source files such as `dockerfile.go` stay out.
bool is_build_file_name(std::string_view name, std::string_view stem, std::string_view lower_stem);

/// A Dockerfile or Containerfile by its base name (`Dockerfile`, `Dockerfile.prod`, `api.dockerfile`, …).
bool is_dockerfile_name(std::string_view name);

using core::excerpt;  // quoting file text in messages (core/text.hpp)

/// Where a physical line starts inside an instruction's joined text.
struct Segment {
  std::size_t offset = 0;
  int line = 0;
};

/// One instruction with continuations joined and interleaved comments dropped.
struct Instruction {
  std::string keyword;  ///< lower-case: "from", "arg", ...
  std::string text;
  std::size_t args_offset = 0;  ///< where the arguments start in `text`
  std::vector<Segment> segments;

  std::string_view args() const { return std::string_view(text).substr(args_offset); }
  /// The physical line and column of byte `offset` of `text`.
  core::SourceLocation location(std::size_t offset, std::string_view path) const;
};

/// Splits a Dockerfile into instructions the way BuildKit does: parser directives first,
/// then comments, line continuations and heredoc bodies.
class InstructionReader {
 public:
  InstructionReader(std::string_view path, std::string_view contents);

  /// The next instruction, or nullopt at the end of the file.
  std::optional<Instruction> next();
  /// The escape character (`# escape=` directive): '\\' or '`'.
  char escape() const { return escape_; }
  std::vector<core::Diagnostic>& diagnostics() { return diagnostics_; }

 private:
  std::optional<std::string_view> next_line();
  std::string_view peek_line() const { return rest_.substr(0, rest_.find('\n')); }
  void read_parser_directives();
  bool strip_continuation(std::string_view& line);
  void append(Instruction& instruction, std::string_view line) const;
  void skip_heredoc_bodies(const Instruction& instruction);

  std::string_view path_;
  std::string_view rest_;
  int line_ = 0;  ///< number of the last line returned by next_line()
  char escape_ = '\\';
  std::vector<core::Diagnostic> diagnostics_;
};

/// A word of an instruction's arguments, as written (quotes and escapes kept).
struct Token {
  std::string_view text;
  std::size_t offset = 0;  ///< in the instruction text
};

/// Whitespace-separated words; quotes keep spaces inside one word (no escape character).
std::vector<Token> split_words(const Instruction& instruction);

/// Words as BuildKit's `parseWords` splits key-value instructions (ENV, ARG, LABEL): quotes
/// keep spaces inside one word, and so does the escape character (`a\ b` is one word; inside
/// single quotes it escapes nothing).
std::vector<Token> split_shell_words(const Instruction& instruction, char escape);

/// `word` without any `"` or `'`.
std::string remove_quotes(std::string_view word);

}  // namespace tracegate::scanner
