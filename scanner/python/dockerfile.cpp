// SPDX-License-Identifier: Apache-2.0
// `python/dockerfile`: the Python version of the stage a Dockerfile runs (its last FROM),
// following stage aliases and global ARGs. See docs/readers/python-dockerfile.md.
#include <algorithm>
#include <cstddef>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include <fmt/format.h>
#include <re2/re2.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner {
namespace {

using core::Diagnostic;
using core::SourceLocation;

constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";
constexpr std::string_view kBlank = " \t";
// `${A:-${B:-...}}` nests; hostile input must not exhaust the stack.
constexpr int kMaxSubstitutionDepth = 8;

// --- File names ---

/// `stem`, `stem.<x>` or `<x>.stem` (`stem` also in lower case), as Docker and Podman name build files.
/// The prefix form is case-sensitive so that source files such as `dockerfile.go` stay out.
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

/// Quotes file text in a message: at most 60 bytes, control bytes shown as '?'.
std::string excerpt(std::string_view text) {
  constexpr std::size_t kMax = 60;
  std::size_t cut = std::min(text.size(), kMax);
  // Never end inside a UTF-8 sequence.
  while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  std::string out;
  for (const char c : text.substr(0, cut)) {
    const auto byte = static_cast<unsigned char>(c);
    out.push_back(byte < 0x20 || byte == 0x7F ? '?' : c);
  }
  if (cut < text.size()) out += "...";
  return out;
}

// --- Instructions: physical lines joined into logical ones ---

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
  SourceLocation location(std::size_t offset, std::string_view path) const {
    const auto after = std::upper_bound(segments.begin(), segments.end(), offset,
                                        [](std::size_t o, const Segment& s) { return o < s.offset; });
    const auto& segment = *std::prev(after);
    return {std::string(path), segment.line, static_cast<int>(offset - segment.offset) + 1};
  }
};

/// Splits a Dockerfile into instructions the way BuildKit does: parser directives first,
/// then comments, line continuations and heredoc bodies.
class InstructionReader {
 public:
  InstructionReader(std::string_view path, std::string_view contents) : path_(path), rest_(contents) {
    if (rest_.starts_with(kUtf8Bom)) rest_.remove_prefix(kUtf8Bom.size());
    read_parser_directives();
  }

  /// The next instruction, or nullopt at the end of the file.
  std::optional<Instruction> next();
  char escape() const { return escape_; }
  std::vector<Diagnostic>& diagnostics() { return diagnostics_; }

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
  std::vector<Diagnostic> diagnostics_;
};

bool is_comment_or_blank(std::string_view line) {
  const auto first = line.find_first_not_of(kBlank);
  return first == std::string_view::npos || line[first] == '#';
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
                                                    excerpt(value))});
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
                                                    excerpt(marker), excerpt(word))});
      return;
    }
  }
}

// --- Arguments: words and ARG substitution ---

/// A whitespace-separated word; quotes keep spaces inside one word.
struct Token {
  std::string_view text;
  std::size_t offset = 0;  ///< in the instruction text
};

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

std::string remove_quotes(std::string_view word) {
  std::string out;
  for (const char c : word) {
    if (c != '"' && c != '\'') out.push_back(c);
  }
  return out;
}

/// A global ARG (declared before the first FROM): the only kind FROM can use.
struct GlobalArg {
  int line = 0;
  std::optional<std::string> value;  ///< nullopt: declared without a default
  std::string problem;               ///< why the default could not be substituted
};

/// The ARGs visible to FROM, and `$NAME` / `${NAME...}` substitution with them.
class ArgScope {
 public:
  explicit ArgScope(char escape) : escape_(escape) {}

  void declare(const Instruction& instruction, int line, bool global);
  /// `word` with ARGs substituted; the error says which ARG is missing and why.
  core::Result<std::string> expand(std::string_view word, int depth = 0) const;

 private:
  core::Result<std::string> expand_braced(std::string_view body, int depth) const;
  core::Result<std::string> required(std::string_view name) const;
  std::optional<std::string> optional(std::string_view name) const;

  char escape_;
  std::map<std::string, GlobalArg, std::less<>> globals_;
  std::map<std::string, int, std::less<>> stage_args_;  ///< first line declaring it inside a stage
};

void ArgScope::declare(const Instruction& instruction, int line, bool global) {
  for (const auto& token : split_words(instruction)) {
    const auto equals = token.text.find('=');
    const auto name = remove_quotes(token.text.substr(0, equals));
    if (name.empty()) continue;
    if (!global) {
      stage_args_.emplace(name, line);
      continue;
    }
    GlobalArg arg{line, std::nullopt, {}};
    if (equals != std::string_view::npos) {
      if (auto value = expand(token.text.substr(equals + 1))) {
        arg.value = remove_quotes(*value);
      } else {
        arg.problem = fmt::format("the default of ARG {} (line {}) cannot be substituted: {}", name, line,
                                  value.error().message);
      }
    }
    globals_.insert_or_assign(name, std::move(arg));
  }
}

std::size_t name_length(std::string_view text) {
  std::size_t n = 0;
  while (n < text.size() && (text[n] == '_' || (text[n] >= 'a' && text[n] <= 'z') ||
                             (text[n] >= 'A' && text[n] <= 'Z') || (n > 0 && text[n] >= '0' && text[n] <= '9'))) {
    ++n;
  }
  return n;
}

/// Offset just past the `}` closing the `${` at `open`, counting nested braces; npos when none does.
std::size_t closing_brace(std::string_view word, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < word.size(); ++i) {
    if (word[i] == '{') ++depth;
    if (word[i] == '}' && --depth == 0) return i + 1;
  }
  return std::string_view::npos;
}

core::Result<std::string> ArgScope::expand(std::string_view word, int depth) const {
  if (depth > kMaxSubstitutionDepth) return core::fail("substitutions nested too deeply");
  std::string out;
  for (std::size_t i = 0; i < word.size();) {
    if (word[i] == escape_ && i + 1 < word.size() && word[i + 1] == '$') {
      out.push_back('$');
      i += 2;
    } else if (word[i] != '$' || i + 1 == word.size()) {
      out.push_back(word[i++]);
    } else if (word[i + 1] == '{') {
      const auto end = closing_brace(word, i + 1);
      if (end == std::string_view::npos) return core::fail(fmt::format("unterminated '${{' in '{}'", excerpt(word)));
      auto value = expand_braced(word.substr(i + 2, end - i - 3), depth);
      if (!value) return value;
      out += *value;
      i = end;
    } else if (const auto length = name_length(word.substr(i + 1)); length > 0) {
      auto value = required(word.substr(i + 1, length));
      if (!value) return value;
      out += *value;
      i += 1 + length;
    } else {
      out.push_back(word[i++]);
    }
  }
  return out;
}

/// `NAME`, `NAME:-word`, `NAME-word`, `NAME:+word`, `NAME+word` (what Dockerfile FROM lines use).
core::Result<std::string> ArgScope::expand_braced(std::string_view body, int depth) const {
  const auto name = body.substr(0, name_length(body));
  const auto rest = body.substr(name.size());
  if (name.empty() || (!rest.empty() && !rest.starts_with(":-") && !rest.starts_with(":+") &&
                       !rest.starts_with('-') && !rest.starts_with('+'))) {
    return core::fail(fmt::format("unsupported substitution '${{{}}}'", excerpt(body)));
  }
  if (rest.empty()) return required(name);
  const bool colon = rest.starts_with(':');
  const char op = rest[colon ? 1 : 0];
  const auto alternative = rest.substr(colon ? 2 : 1);
  const auto value = optional(name);
  const bool set = value && (!colon || !value->empty());  // `:` treats an empty value as unset
  if (op == '-') return set ? core::Result<std::string>(*value) : expand(alternative, depth + 1);
  return set ? expand(alternative, depth + 1) : core::Result<std::string>(std::string());
}

core::Result<std::string> ArgScope::required(std::string_view name) const {
  if (const auto global = globals_.find(name); global != globals_.end()) {
    const auto& arg = global->second;
    if (arg.value) return *arg.value;
    if (!arg.problem.empty()) return core::fail(arg.problem);
    return core::fail(fmt::format("ARG {} (line {}) has no default", name, arg.line));
  }
  if (const auto in_stage = stage_args_.find(name); in_stage != stage_args_.end()) {
    return core::fail(fmt::format(
        "ARG {} (line {}) is declared inside a stage, and FROM sees only ARGs declared before the first FROM",
        name, in_stage->second));
  }
  return core::fail(fmt::format("{} is not declared by an ARG before the first FROM", name));
}

std::optional<std::string> ArgScope::optional(std::string_view name) const {
  const auto global = globals_.find(name);
  if (global == globals_.end()) return std::nullopt;
  return global->second.value;
}

// --- Stages ---

struct Stage {
  std::string image;  ///< as written; empty when FROM names none
  SourceLocation image_at;
  core::Result<std::string> expanded;     ///< `image` with global ARGs substituted
  std::optional<std::size_t> base_stage;  ///< the earlier stage `image` names, if it names one
};

/// Stages and ARGs of a Dockerfile, built instruction by instruction.
class StageList {
 public:
  StageList(std::string_view path, char escape) : path_(path), args_(escape) {}

  void add(const Instruction& instruction, std::vector<Diagnostic>& diagnostics);
  const std::vector<Stage>& stages() const { return stages_; }

 private:
  void add_stage(const Instruction& instruction, std::vector<Diagnostic>& diagnostics);

  std::string_view path_;
  ArgScope args_;
  std::vector<Stage> stages_;
  std::unordered_map<std::string, std::size_t> stage_by_name_;
};

void StageList::add(const Instruction& instruction, std::vector<Diagnostic>& diagnostics) {
  if (instruction.keyword == "arg") {
    args_.declare(instruction, instruction.segments.front().line, stages_.empty());
  } else if (instruction.keyword == "from") {
    add_stage(instruction, diagnostics);
  }
}

/// `FROM [--platform=...] image [AS name]`.
void StageList::add_stage(const Instruction& instruction, std::vector<Diagnostic>& diagnostics) {
  const auto tokens = split_words(instruction);
  auto image = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return !t.text.starts_with("--"); });
  if (image == tokens.end()) {
    const auto keyword_offset = instruction.text.find_first_not_of(kBlank);
    diagnostics.push_back(Diagnostic{instruction.location(keyword_offset, path_), "FROM without an image"});
    stages_.push_back(Stage{{}, {}, core::fail("no image"), std::nullopt});
    return;
  }
  Stage stage{std::string(image->text), instruction.location(image->offset, path_), args_.expand(image->text),
              std::nullopt};
  if (stage.expanded) {
    // Stage names are case-insensitive.
    const auto base = stage_by_name_.find(core::to_lower(*stage.expanded));
    if (base != stage_by_name_.end()) stage.base_stage = base->second;
  }
  const auto after = std::next(image);
  const auto extra = static_cast<std::size_t>(tokens.end() - after);
  if (extra == 2 && core::to_lower(after->text) == "as") {
    stage_by_name_.insert_or_assign(core::to_lower(std::next(after)->text), stages_.size());
  } else if (extra != 0) {
    diagnostics.push_back(Diagnostic{instruction.location(after->offset, path_),
                                     fmt::format("unexpected '{}' after the image in FROM; expected 'AS <name>'",
                                                 excerpt(after->text))});
  }
  stages_.push_back(std::move(stage));
}

// --- Images ---

/// `[registry/][path/]name[:tag][@digest]`, split without validation.
struct ImageReference {
  std::string name;  ///< last path component, lower-case
  std::string_view tag;
};

ImageReference parse_image_reference(std::string_view reference) {
  // A digest pins the bytes, but only the tag says which Python they hold.
  reference = reference.substr(0, reference.find('@'));
  ImageReference out;
  const auto slash = reference.rfind('/');
  const auto colon = reference.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    out.tag = reference.substr(colon + 1);
    reference = reference.substr(0, colon);
  }
  out.name = core::to_lower(core::base_name(reference));
  return out;
}

/// What an image reference says about the Python it runs.
struct PythonImageVersion {
  enum class Kind { not_python, version, untagged, unknown_tag };
  Kind kind = Kind::not_python;
  std::string version;
};

bool is_python_major(std::string_view version) {
  return (version.starts_with('2') || version.starts_with('3')) && (version.size() == 1 || version[1] == '.');
}

/// The first `-`-separated part of a python/pypy image tag that is a Python version:
/// `3.11.4-slim-bookworm`, `3.12-alpine3.19`, `1-3.11-bookworm` (devcontainers put their own version first).
std::optional<std::string> version_from_tag_parts(std::string_view tag) {
  // AWS Lambda appends a build date: `3.12.2024.01.05.10` runs 3.12.
  static const RE2 kDatedVersion(R"((\d+\.\d+)(?:\.\d+){2,})");
  static const RE2 kVersion(R"(\d+(?:\.\d+){0,2}(?:(?:a|b|rc)\d+)?)");
  for (std::size_t begin = 0; begin <= tag.size();) {
    const auto end = std::min(tag.find('-', begin), tag.size());
    const auto part = tag.substr(begin, end - begin);
    re2::StringPiece dated;
    if (RE2::FullMatch(part, kDatedVersion, &dated) && is_python_major(dated)) return std::string(dated);
    if (RE2::FullMatch(part, kVersion) && is_python_major(part)) return std::string(part);
    begin = end + 1;
  }
  return std::nullopt;
}

/// Tags that name the Python inside: `python3.11`, `0.4.0-python3.12-bookworm`, `python-3.11`.
std::optional<std::string> version_named_in_tag(std::string_view tag) {
  static const RE2 kPythonInTag(R"((?:^|[-_.])python-?(\d+(?:\.\d+){1,2})(?:$|[-_]))");
  re2::StringPiece version;
  if (RE2::PartialMatch(tag, kPythonInTag, &version)) return std::string(version);
  return std::nullopt;
}

/// Images whose name, not tag, says which Python they hold.
std::optional<std::string> version_named_in_image_name(std::string_view name) {
  // gcr.io/distroless/python3-<debian> holds that Debian release's python3 package.
  if (name == "python3-debian11") return "3.9";   // Debian 11 "bullseye" ships Python 3.9
  if (name == "python3-debian12") return "3.11";  // Debian 12 "bookworm" ships Python 3.11
  // Red Hat UBI and Software Collections: ubi9/python-311, ubi8/python-39, centos/python-36-centos7.
  static const RE2 kSclName(R"(python-([23])(\d{1,2})(?:-.*)?)");
  std::string major, minor;
  if (RE2::FullMatch(name, kSclName, &major, &minor)) return major + "." + minor;
  return std::nullopt;
}

PythonImageVersion python_version_of(std::string_view reference) {
  using Kind = PythonImageVersion::Kind;
  const auto image = parse_image_reference(reference);
  if (image.name == "python" || image.name == "pypy") {
    if (auto version = version_from_tag_parts(image.tag)) return {Kind::version, std::move(*version)};
    if (auto version = version_named_in_tag(image.tag)) return {Kind::version, std::move(*version)};
    // `latest`, `slim`, `alpine`, `bookworm` all float to the newest Python.
    const bool floating = image.tag.empty() || image.tag.front() < '0' || image.tag.front() > '9';
    return {floating ? Kind::untagged : Kind::unknown_tag, {}};
  }
  if (auto version = version_named_in_tag(image.tag)) return {Kind::version, std::move(*version)};
  if (auto version = version_named_in_image_name(image.name)) return {Kind::version, std::move(*version)};
  return {};
}

// --- Reader ---

/// The stage that runs: the last FROM, followed through stage aliases to the stage naming an image.
void add_final_stage_runtime(const std::vector<Stage>& stages, std::string_view path, ReadResult& result) {
  if (stages.empty()) {
    result.diagnostics.push_back(Diagnostic{{std::string(path)}, "no FROM instruction"});
    return;
  }
  auto index = stages.size() - 1;
  while (stages[index].base_stage) index = *stages[index].base_stage;  // strictly earlier: terminates
  const auto& stage = stages[index];
  if (stage.image.empty()) return;  // `FROM` without an image is already diagnosed
  if (!stage.expanded) {
    result.diagnostics.push_back(Diagnostic{stage.image_at,
                                            fmt::format("cannot resolve FROM image '{}': {}; runtime unknown",
                                                        excerpt(stage.image), stage.expanded.error().message),
                                            Diagnostic::Level::warning});
    return;
  }
  auto python = python_version_of(*stage.expanded);
  using Kind = PythonImageVersion::Kind;
  switch (python.kind) {
    case Kind::version:
      result.runtime_hints.push_back(core::RuntimeHint{core::Language::python, std::move(python.version), false,
                                                       core::ConstraintSyntax::pep440,
                                                       core::RuntimeSource::dockerfile, stage.image_at});
      break;
    case Kind::untagged:
      result.diagnostics.push_back(Diagnostic{
          stage.image_at,
          fmt::format("python image without a version tag ('{}'); runtime unknown", excerpt(*stage.expanded)),
          Diagnostic::Level::warning});
      break;
    case Kind::unknown_tag:
      result.diagnostics.push_back(Diagnostic{
          stage.image_at,
          fmt::format("no Python version in the tag of '{}'; runtime unknown", excerpt(*stage.expanded)),
          Diagnostic::Level::warning});
      break;
    case Kind::not_python:
      break;
  }
}

class DockerfileReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/dockerfile"; }
  bool accepts(std::string_view repo_path) const override {
    const auto name = core::base_name(repo_path);
    return is_build_file_name(name, "Dockerfile", "dockerfile") ||
           is_build_file_name(name, "Containerfile", "containerfile");
  }
  bool is_primary(std::string_view) const override { return false; }
  ReadResult read(const ManifestFile& file, const SourceView& others) const override;
};

ReadResult DockerfileReader::read(const ManifestFile& file, const SourceView&) const {
  ReadResult result;
  if (core::looks_binary(file.contents)) {
    result.diagnostics.push_back(Diagnostic{{std::string(file.path)}, "binary file, not a Dockerfile"});
    return result;
  }
  InstructionReader reader(file.path, file.contents);
  StageList stages(file.path, reader.escape());
  while (const auto instruction = reader.next()) stages.add(*instruction, reader.diagnostics());
  result.diagnostics = std::move(reader.diagnostics());
  add_final_stage_runtime(stages.stages(), file.path, result);
  return result;
}

}  // namespace

std::unique_ptr<ManifestReader> make_dockerfile_reader() { return std::make_unique<DockerfileReader>(); }

}  // namespace tracegate::scanner
