// SPDX-License-Identifier: Apache-2.0
#include "scanner/dockerfile_instructions.hpp"

#include <algorithm>
#include <iterator>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/text.hpp"

namespace tracegate::scanner {
namespace {

using core::Diagnostic;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kBlank = " \t";

bool is_comment_or_blank(std::string_view line) {
  const auto first = line.find_first_not_of(kBlank);
  return first == std::string_view::npos || line[first] == '#';
}

}  // namespace

// --- File names ---

bool is_build_file_name(std::string_view name, std::string_view stem, std::string_view lower_stem) {
  if (name == stem || name == lower_stem) return true;
  // BuildKit's per-Dockerfile ignore file (`Dockerfile.dockerignore`) is not a Dockerfile.
  if (name.ends_with(".dockerignore")) return false;
  const auto dotted_prefix = [name](std::string_view s) {
    return name.size() > s.size() + 1 && name.starts_with(s) && name[s.size()] == '.';
  };
  const auto dotted_suffix = [name](std::string_view s) {
    return name.size() > s.size() + 1 && name.ends_with(s) && name[name.size() - s.size() - 1] == '.';
  };
  return dotted_prefix(stem) || dotted_suffix(stem) || dotted_suffix(lower_stem);
}

bool is_dockerfile_name(std::string_view name) {
  return is_build_file_name(name, "Dockerfile", "dockerfile") ||
         is_build_file_name(name, "Containerfile", "containerfile");
}


// --- Instructions: physical lines joined into logical ones ---

core::SourceLocation Instruction::location(std::size_t offset, std::string_view path) const {
  const auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                      [](std::size_t o, const Segment& s) { return o < s.offset; });
  const auto& segment = *std::prev(after);
  return {std::string(path), segment.line, static_cast<int>(offset - segment.offset) + 1};
}

InstructionReader::InstructionReader(std::string_view path, std::string_view contents)
    : path_(path), rest_(contents) {
  if (rest_.starts_with(kUtf8Bom)) rest_.remove_prefix(kUtf8Bom.size());
  read_parser_directives();
}

std::optional<Instruction> InstructionReader::next() {
  while (auto line = next_line()) {
    if (is_comment_or_blank(*line)) continue;
    Instruction instruction;
    bool continued = strip_continuation(*line);
    append(instruction, *line);
    while (continued) {
      const int continued_at = line_;
      line = next_line();
      if (!line) {
        diagnostics_.push_back(Diagnostic{{std::string(path_), continued_at}, "line continuation at end of file"});
        break;
      }
      if (is_comment_or_blank(*line)) continue;  // BuildKit drops these inside a continuation
      continued = strip_continuation(*line);
      append(instruction, *line);
    }
    const std::string_view text = instruction.text;
    const auto keyword_begin = std::min(text.find_first_not_of(kBlank), text.size());
    const auto keyword_end = std::min(text.find_first_of(kBlank, keyword_begin), text.size());
    instruction.keyword = core::to_lower(text.substr(keyword_begin, keyword_end - keyword_begin));
    instruction.args_offset = std::min(text.find_first_not_of(kBlank, keyword_end), text.size());
    if (instruction.keyword == "run" || instruction.keyword == "copy" || instruction.keyword == "add") {
      skip_heredoc_bodies(instruction);
    }
    return instruction;
  }
  return std::nullopt;
}

std::optional<std::string_view> InstructionReader::next_line() {
  if (rest_.empty()) return std::nullopt;
  const auto end = rest_.find('\n');
  auto line = rest_.substr(0, end);
  rest_ = end == std::string_view::npos ? std::string_view{} : rest_.substr(end + 1);
  if (line.ends_with('\r')) line.remove_suffix(1);
  ++line_;
  return line;
}

/// `# escape=`` ` and friends, only before the first comment, blank line or instruction.
void InstructionReader::read_parser_directives() {
  static const RE2 kDirective(R"(#\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*)");
  while (!rest_.empty()) {
    auto peeked = peek_line();
    if (peeked.ends_with('\r')) peeked.remove_suffix(1);
    std::string key;
    re2::StringPiece value;
    if (!RE2::FullMatch(peeked, kDirective, &key, &value)) return;
    key = core::to_lower(key);
    // An unknown directive is a comment, and a comment ends the directives.
    if (key != "escape" && key != "syntax" && key != "check") return;
    next_line();
    if (key != "escape") continue;
    if (value == "\\" || value == "`") {
      escape_ = value[0];
    } else {
      const int column = static_cast<int>(value.data() - peeked.data()) + 1;
      diagnostics_.push_back(Diagnostic{{std::string(path_), line_, column},
                                        fmt::format("invalid escape directive '{}': expected '\\' or '`'",
                                                    core::excerpt(value))});
    }
  }
}

/// Removes a trailing escape character (spaces and tabs may follow it); true when there was one.
bool InstructionReader::strip_continuation(std::string_view& line) {
  const auto last = line.find_last_not_of(kBlank);
  if (last == std::string_view::npos || line[last] != escape_) return false;
  line = line.substr(0, last);
  return true;
}

void InstructionReader::append(Instruction& instruction, std::string_view line) const {
  instruction.segments.push_back(Segment{instruction.text.size(), line_});
  instruction.text.append(line);
}

/// Skips the bodies of `<<EOF` heredocs (BuildKit, RUN/COPY/ADD): their lines are not instructions.
void InstructionReader::skip_heredoc_bodies(const Instruction& instruction) {
  // A heredoc word starts an argument (after an optional fd number), like BuildKit's `^(\d*)<<(-?)`.
  static const RE2 kHeredoc(R"re((?:^|[ \t])\d*(<<(-?)(?:"(\w+)"|'(\w+)'|(\w+))))re");
  re2::StringPiece input(instruction.args());
  re2::StringPiece marker, dash, double_quoted, single_quoted, plain;
  while (RE2::FindAndConsume(&input, kHeredoc, &marker, &dash, &double_quoted, &single_quoted, &plain)) {
    const std::string_view word = !double_quoted.empty()   ? double_quoted
                                  : !single_quoted.empty() ? single_quoted
                                                           : plain;
    const bool strip_tabs = !dash.empty();
    bool closed = false;
    while (auto line = next_line()) {
      if (strip_tabs) line->remove_prefix(std::min(line->find_first_not_of('\t'), line->size()));
      if (*line == word) {
        closed = true;
        break;
      }
    }
    if (!closed) {
      const auto offset = static_cast<std::size_t>(marker.data() - instruction.text.data());
      diagnostics_.push_back(Diagnostic{instruction.location(offset, path_),
                                        fmt::format("unterminated heredoc '{}': no line '{}' closes it",
                                                    core::excerpt(marker), core::excerpt(word))});
      return;
    }
  }
}

// --- Arguments: words ---

std::vector<Token> split_words(const Instruction& instruction) {
  const std::string_view text = instruction.text;
  std::vector<Token> tokens;
  std::size_t i = instruction.args_offset;
  while (i < text.size()) {
    if (text[i] == ' ' || text[i] == '\t') {
      ++i;
      continue;
    }
    const auto begin = i;
    char quote = 0;
    for (; i < text.size() && (quote != 0 || (text[i] != ' ' && text[i] != '\t')); ++i) {
      if (quote == 0 && (text[i] == '"' || text[i] == '\'')) {
        quote = text[i];
      } else if (text[i] == quote) {
        quote = 0;
      }
    }
    tokens.push_back(Token{text.substr(begin, i - begin), begin});
  }
  return tokens;
}

namespace {
bool is_shell_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n'; }
}  // namespace

std::vector<Token> split_shell_words(const Instruction& instruction, char escape) {
  const std::string_view text = instruction.text;
  std::vector<Token> tokens;
  std::size_t i = instruction.args_offset;
  while (i < text.size()) {
    if (is_shell_space(text[i])) {
      ++i;
      continue;
    }
    const auto begin = i;
    char quote = 0;
    while (i < text.size()) {
      const char c = text[i];
      if (quote == 0) {
        if (is_shell_space(c)) break;
        if (c == '"' || c == '\'') {
          quote = c;
        } else if (c == escape && i + 1 < text.size()) {
          ++i;  // the escaped character belongs to the word, whatever it is
        }
      } else if (c == quote) {
        quote = 0;
      } else if (c == escape && quote != '\'' && i + 1 < text.size()) {
        ++i;
      }
      ++i;
    }
    tokens.push_back(Token{text.substr(begin, i - begin), begin});
  }
  return tokens;
}

std::string remove_quotes(std::string_view word) {
  std::string out;
  for (const char c : word) {
    if (c != '"' && c != '\'') out.push_back(c);
  }
  return out;
}

}  // namespace tracegate::scanner
