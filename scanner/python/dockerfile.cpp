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
#include "scanner/dockerfile_instructions.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner {
namespace {

using core::Diagnostic;
using core::SourceLocation;

constexpr std::string_view kBlank = " \t";
// `${A:-${B:-...}}` nests; hostile input must not exhaust the stack.
constexpr int kMaxSubstitutionDepth = 8;

// Instructions, words, file names and `excerpt`: scanner/dockerfile_instructions.hpp.

// --- Arguments: ARG substitution ---

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
    return is_dockerfile_name(core::base_name(repo_path));
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
