// SPDX-License-Identifier: Apache-2.0
// Dockerfile `ENV`: the environment the image sets, read from the stage that runs (the last
// FROM) and the earlier stages it builds on (`FROM <stage>`). Values are unquoted, unescaped and
// `$VAR`/`${VAR}`-expanded as BuildKit does, with the ENV and ARG values known at that point;
// a reference to anything else (the base image's env, a build arg without a default) is kept as
// written. See docs/readers/deploy.md, "Dockerfile ENV".
#include <algorithm>
#include <cstddef>
#include <iterator>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"
#include "scanner/deploy/reader_units.hpp"
#include "scanner/dockerfile_instructions.hpp"

namespace tracegate::scanner::deploy {
namespace {

using core::Diagnostic;
using core::SourceLocation;

/// `${A:-${B:-...}}` nests; hostile input must not exhaust the stack.
constexpr int kMaxNesting = 32;
/// Bytes that substitutions may add in one file (`ENV A=$A$A` doubles each time).
constexpr std::size_t kMaxSubstitutedBytes = 16u << 20;
/// Diagnostics of one file; then one saying the rest are left out.
constexpr std::size_t kMaxDiagnostics = 100;

bool is_shell_space(char c) { return c == ' ' || c == '\t' || c == '\v' || c == '\f' || c == '\r' || c == '\n'; }

bool is_name_char(char c) {
  return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/// The variables a word may refer to at one point of the build.
struct Scope {
  std::map<std::string, std::string, std::less<>> env;                  ///< ENV: this stage's and its bases'
  std::map<std::string, std::optional<std::string>, std::less<>> args;  ///< ARG: nullopt = no default

  /// The known value of `name`; ENV wins over ARG of the same name, as in Docker.
  const std::string* find(std::string_view name) const {
    if (const auto e = env.find(name); e != env.end()) return &e->second;
    if (const auto a = args.find(name); a != args.end() && a->second) return &*a->second;
    return nullptr;
  }
};

/// BuildKit's shell-word processing of one ENV/ARG key or value (`shell.Lex.ProcessWord`):
/// quotes and escapes removed, `$NAME`, `${NAME}`, `${NAME:-word}`, `${NAME-word}`,
/// `${NAME:+word}`, `${NAME+word}`, `${NAME:?word}`, `${NAME?word}` substituted. A reference
/// to an unknown variable, and the pattern forms (`#`, `%`, `/`), are kept as written.
class WordExpander {
 public:
  WordExpander(const Scope& scope, char escape, std::size_t& budget)
      : scope_(scope), escape_(escape), budget_(budget) {}

  core::Result<std::string> expand(std::string_view word) {
    word_ = word;
    pos_ = 0;
    depth_ = 0;
    error_.reset();
    unresolved_ = false;
    auto out = until(0);
    if (error_) return core::fail(std::move(*error_));
    return out;
  }
  /// The last expand() kept a reference as written.
  bool unresolved() const { return unresolved_; }

 private:
  bool at_end() const { return pos_ >= word_.size(); }
  void fail(std::string message) {
    if (!error_) error_ = std::move(message);
  }

  /// Up to `stop` (consumed; 0: the end of the word), like BuildKit's processStopOn.
  std::string until(char stop) {
    std::string out;
    while (!at_end() && !error_) {
      const char c = word_[pos_];
      if (stop != 0 && c == stop) {
        ++pos_;
        return out;
      }
      if (c == '\'') {
        single_quoted(out);
      } else if (c == '"') {
        double_quoted(out);
      } else if (c == '$') {
        dollar(out);
      } else if (c == escape_) {
        ++pos_;  // escapes the next character; at the end of the word it is dropped
        if (!at_end()) out.push_back(word_[pos_++]);
      } else {
        out.push_back(c);
        ++pos_;
      }
    }
    if (stop != 0) fail(fmt::format("missing '{}'", stop));
    return out;
  }

  void single_quoted(std::string& out) {
    const auto close = word_.find('\'', pos_ + 1);
    if (close == std::string_view::npos) return fail("unterminated single quote");
    out.append(word_.substr(pos_ + 1, close - pos_ - 1));
    pos_ = close + 1;
  }

  void double_quoted(std::string& out) {
    ++pos_;
    while (!error_) {
      if (at_end()) return fail("unterminated double quote");
      const char c = word_[pos_];
      if (c == '"') {
        ++pos_;
        return;
      }
      if (c == '$') {
        dollar(out);
        continue;
      }
      ++pos_;
      if (c == escape_ && !at_end()) {
        const char next = word_[pos_];
        // Only `"`, `$` and the escape character itself can be escaped; other escapes stay.
        if (next == '"' || next == '$' || next == escape_) {
          out.push_back(next);
          ++pos_;
          continue;
        }
      }
      out.push_back(c);
    }
  }

  std::string_view name() {
    const auto begin = pos_;
    if (!at_end() && word_[pos_] >= '0' && word_[pos_] <= '9') {
      while (!at_end() && word_[pos_] >= '0' && word_[pos_] <= '9') ++pos_;
    } else {
      while (!at_end() && is_name_char(word_[pos_])) ++pos_;
    }
    return word_.substr(begin, pos_ - begin);
  }

  void append_value(std::string& out, const std::string& value) {
    if (value.size() > budget_) {
      return fail(fmt::format("substitutions add more than {} MiB to the file; not expanded", kMaxSubstitutedBytes >> 20));
    }
    budget_ -= value.size();
    out += value;
  }

  void keep_as_written(std::string& out, std::size_t begin) {
    unresolved_ = true;
    out.append(word_.substr(begin, pos_ - begin));
  }

  void dollar(std::string& out) {
    const auto begin = pos_++;
    if (at_end() || word_[pos_] != '{') {
      const auto variable = name();
      if (variable.empty()) {
        out.push_back('$');
      } else if (const auto* value = scope_.find(variable)) {
        append_value(out, *value);
      } else {
        keep_as_written(out, begin);
      }
      return;
    }
    ++pos_;
    if (++depth_ > kMaxNesting) return fail(fmt::format("substitutions nested deeper than {} levels", kMaxNesting));
    const auto variable = name();
    if (variable.empty()) {
      return fail(fmt::format("bad substitution '{}'", excerpt(word_.substr(begin, pos_ + 1 - begin))));
    }
    if (at_end()) return fail("missing '}'");
    const char op = word_[pos_++];
    const auto* value = scope_.find(variable);
    if (op == '}') {
      --depth_;
      return value ? append_value(out, *value) : keep_as_written(out, begin);
    }
    bool colon = false;
    char modifier = op;
    if (op == ':') {
      if (at_end()) return fail("missing '}'");
      colon = true;
      modifier = word_[pos_++];
    }
    const bool supported = modifier == '-' || modifier == '+' || modifier == '?';
    const bool pattern = !colon && (modifier == '#' || modifier == '%' || modifier == '/');
    if (!supported && !pattern) {
      return fail(fmt::format("unsupported substitution '{}'", excerpt(word_.substr(begin, pos_ - begin))));
    }
    const auto alternative = until('}');
    if (error_) return;
    --depth_;
    if (pattern || !value) return keep_as_written(out, begin);
    const bool set = !colon || !value->empty();  // `:` treats an empty value as unset
    switch (modifier) {
      case '-':
        return set ? append_value(out, *value) : append_value(out, alternative);
      case '+':
        if (set) append_value(out, alternative);
        return;
      default:  // '?': unset is a build error, and its message is not a value
        return set ? append_value(out, *value) : keep_as_written(out, begin);
    }
  }

  const Scope& scope_;
  char escape_;
  std::size_t& budget_;
  std::string_view word_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  std::optional<std::string> error_;
  bool unresolved_ = false;
};

struct Stage {
  std::size_t from = 0;  ///< index of its FROM instruction
  std::optional<std::size_t> base;  ///< the earlier stage it builds on
  std::vector<std::size_t> instructions;  ///< its ENV and ARG instructions
};

/// Reads one Dockerfile; see read_dockerfile_env().
class DockerfileEnvReader {
 public:
  DockerfileEnvReader(std::string_view path, char escape, core::DeployInventory& out)
      : path_(path), escape_(escape), out_(out) {}

  void add(Instruction&& instruction);
  /// The final stage's environment; false when the file has no FROM.
  bool finish(core::ImageEnv& image);
  std::size_t diagnostic_count() const { return diagnostics_; }

 private:
  void add_stage(const Instruction& instruction);
  void declare_args(const Instruction& instruction, Scope& scope, const Scope* globals);
  void read_env(const Instruction& instruction, Scope& scope, std::vector<core::EnvVar>& env);
  std::string expand_or_keep(std::string_view word, const Scope& scope, const SourceLocation& where,
                             std::string_view what);
  SourceLocation keyword_at(const Instruction& instruction) const {
    return instruction.location(std::min(instruction.text.find_first_not_of(" \t"), instruction.text.size()), path_);
  }
  void diagnose(SourceLocation where, std::string message, Diagnostic::Level level = Diagnostic::Level::error);

  std::string_view path_;
  char escape_;
  core::DeployInventory& out_;
  std::size_t diagnostics_ = 0;
  std::size_t budget_ = kMaxSubstitutedBytes;
  std::vector<Instruction> instructions_;  ///< FROM, ENV and ARG after the first FROM
  std::vector<Stage> stages_;
  std::unordered_map<std::string, std::size_t> stage_by_name_;  ///< lower-case `AS` names
  Scope globals_;  ///< ARGs before the first FROM
};

void DockerfileEnvReader::diagnose(SourceLocation where, std::string message, Diagnostic::Level level) {
  if (diagnostics_ < kMaxDiagnostics) {
    out_.diagnostics.push_back(Diagnostic{std::move(where), std::move(message), level});
  } else if (diagnostics_ == kMaxDiagnostics) {
    out_.diagnostics.push_back(Diagnostic{
        SourceLocation{std::string(path_), where.line},
        fmt::format("more than {} problems with ENV in this Dockerfile; the rest are not reported", kMaxDiagnostics),
        Diagnostic::Level::warning});
  }
  ++diagnostics_;
}

void DockerfileEnvReader::add(Instruction&& instruction) {
  const auto& keyword = instruction.keyword;
  if (keyword == "from") {
    add_stage(instruction);
  } else if (keyword != "env" && keyword != "arg") {
    return;
  } else if (stages_.empty()) {
    if (keyword == "arg") {
      declare_args(instruction, globals_, nullptr);
    } else {
      diagnose(keyword_at(instruction), "ENV before the first FROM belongs to no stage; ignored");
    }
    return;
  } else {
    stages_.back().instructions.push_back(instructions_.size());
  }
  instructions_.push_back(std::move(instruction));
}

/// `FROM [--platform=...] image [AS name]`: a new stage, on an earlier one when `image` names it.
void DockerfileEnvReader::add_stage(const Instruction& instruction) {
  Stage stage{instructions_.size(), std::nullopt, {}};
  const auto tokens = split_shell_words(instruction, escape_);
  const auto image = std::find_if(tokens.begin(), tokens.end(), [](const Token& t) { return !t.text.starts_with("--"); });
  if (image != tokens.end()) {
    WordExpander expander(globals_, escape_, budget_);
    const auto expanded = expander.expand(image->text);
    if (expanded && !expander.unresolved()) {
      // Stage names are case-insensitive.
      if (const auto base = stage_by_name_.find(core::to_lower(*expanded)); base != stage_by_name_.end()) {
        stage.base = base->second;
      }
    }
    const auto after = std::next(image);
    if (tokens.end() - after == 2 && core::to_lower(after->text) == "as") {
      stage_by_name_.insert_or_assign(core::to_lower(std::next(after)->text), stages_.size());
    }
  }
  stages_.push_back(std::move(stage));
}

std::string DockerfileEnvReader::expand_or_keep(std::string_view word, const Scope& scope, const SourceLocation& where,
                                                std::string_view what) {
  WordExpander expander(scope, escape_, budget_);
  auto expanded = expander.expand(word);
  if (expanded) return std::move(*expanded);
  diagnose(where, fmt::format("cannot expand {}: {}; kept as written", what, expanded.error().message),
           Diagnostic::Level::warning);
  return std::string(word);
}

/// `ARG NAME[=default] ...`; in a stage, `ARG NAME` takes the global ARG's default.
void DockerfileEnvReader::declare_args(const Instruction& instruction, Scope& scope, const Scope* globals) {
  for (const auto& token : split_shell_words(instruction, escape_)) {
    const auto equals = token.text.find('=');
    const auto where = instruction.location(token.offset, path_);
    const auto name = expand_or_keep(token.text.substr(0, equals), scope, where, "the ARG name");
    if (name.empty()) continue;
    std::optional<std::string> value;
    if (equals != std::string_view::npos) {
      value = expand_or_keep(token.text.substr(equals + 1), scope, where, fmt::format("the default of ARG {}", excerpt(name)));
    } else if (globals != nullptr) {
      if (const auto global = globals->args.find(name); global != globals->args.end()) value = global->second;
    }
    scope.args.insert_or_assign(name, std::move(value));
  }
}

/// `ENV KEY=value KEY2="quoted value"` or the legacy `ENV KEY value with spaces`.
void DockerfileEnvReader::read_env(const Instruction& instruction, Scope& scope, std::vector<core::EnvVar>& env) {
  struct Entry {
    std::string_view key;
    std::string_view value;
    SourceLocation where;
  };
  std::vector<Entry> entries;
  const auto words = split_shell_words(instruction, escape_);
  if (words.empty()) {
    diagnose(keyword_at(instruction), "ENV without a name and value");
    return;
  }
  if (words.front().text.find('=') == std::string_view::npos) {
    // Legacy form: the first word is the name, everything after the blanks that follow it the value.
    auto args = instruction.args();
    while (!args.empty() && is_shell_space(args.back())) args.remove_suffix(1);
    const auto key_end = std::min(static_cast<std::size_t>(std::find_if(args.begin(), args.end(), is_shell_space) - args.begin()), args.size());
    const auto where = instruction.location(instruction.args_offset, path_);
    if (key_end == args.size()) {
      diagnose(where, fmt::format("ENV {} has no value: write 'ENV {}=' for an empty one; ignored",
                                  excerpt(args), excerpt(args)));
      return;
    }
    const auto value_begin = static_cast<std::size_t>(
        std::find_if_not(args.begin() + static_cast<std::ptrdiff_t>(key_end), args.end(), is_shell_space) - args.begin());
    entries.push_back(Entry{args.substr(0, key_end), args.substr(value_begin), where});
  } else {
    for (const auto& word : words) {
      const auto where = instruction.location(word.offset, path_);
      const auto equals = word.text.find('=');
      if (equals == std::string_view::npos) {
        diagnose(where, fmt::format("'{}' in ENV is not NAME=value; ignored", excerpt(word.text)));
      } else if (equals == 0) {
        diagnose(where, fmt::format("'{}' in ENV has no name; ignored", excerpt(word.text)));
      } else {
        entries.push_back(Entry{word.text.substr(0, equals), word.text.substr(equals + 1), where});
      }
    }
  }
  // Every value of one ENV sees the variables as they were before it (`ENV A=1 B=$A` takes the earlier A).
  std::vector<core::EnvVar> read;
  for (auto& entry : entries) {
    auto name = expand_or_keep(entry.key, scope, entry.where, "the ENV name");
    if (name.empty()) {
      diagnose(entry.where, fmt::format("'{}' in ENV has no name; ignored", excerpt(entry.key)));
      continue;
    }
    auto value = expand_or_keep(entry.value, scope, entry.where, fmt::format("the value of ENV {}", excerpt(name)));
    core::EnvVar variable;
    variable.name = std::move(name);
    variable.value = std::move(value);
    variable.where = std::move(entry.where);
    read.push_back(std::move(variable));
  }
  for (auto& variable : read) {
    scope.env.insert_or_assign(variable.name, *variable.value);
    env.push_back(std::move(variable));
  }
}

bool DockerfileEnvReader::finish(core::ImageEnv& image) {
  if (stages_.empty()) return false;
  std::vector<std::size_t> chain;  // the final stage, then the stages it builds on
  for (std::optional<std::size_t> index = stages_.size() - 1; index; index = stages_[*index].base) {
    chain.push_back(*index);  // bases are strictly earlier: terminates
  }
  image.file = std::string(path_);
  image.where = keyword_at(instructions_[stages_.back().from]);
  Scope scope;
  for (auto stage = chain.rbegin(); stage != chain.rend(); ++stage) {
    scope.args.clear();  // ENV is part of the image a stage builds on; ARG is not
    for (const auto index : stages_[*stage].instructions) {
      const auto& instruction = instructions_[index];
      if (instruction.keyword == "arg") {
        declare_args(instruction, scope, &globals_);
      } else {
        read_env(instruction, scope, image.env);
      }
    }
  }
  return true;
}

}  // namespace

void read_dockerfile_env(std::string_view path, std::string_view text, core::DeployInventory& out) {
  const SourceLocation file{std::string(path), 1};
  if (text.size() > kMaxDeployFileBytes) {
    out.diagnostics.push_back(Diagnostic{
        file, fmt::format("file of {} bytes is larger than the {} bytes a deploy file may have; not read", text.size(),
                          kMaxDeployFileBytes)});
    return;
  }
  if (core::looks_binary(text)) {
    out.diagnostics.push_back(Diagnostic{file, "binary file, not a Dockerfile"});
    return;
  }
  InstructionReader instructions(path, text);
  core::DeployInventory read;
  DockerfileEnvReader reader(path, instructions.escape(), read);
  while (auto instruction = instructions.next()) reader.add(std::move(*instruction));
  core::ImageEnv image;
  const bool has_from = reader.finish(image);
  // The splitter's problems (bad escape directive, unterminated heredoc, …), then ours, by line.
  auto diagnostics = std::move(instructions.diagnostics());
  diagnostics.insert(diagnostics.end(), std::make_move_iterator(read.diagnostics.begin()),
                     std::make_move_iterator(read.diagnostics.end()));
  std::stable_sort(diagnostics.begin(), diagnostics.end(), [](const Diagnostic& a, const Diagnostic& b) {
    return std::pair(a.where.line, a.where.column) < std::pair(b.where.line, b.where.column);
  });
  out.diagnostics.insert(out.diagnostics.end(), std::make_move_iterator(diagnostics.begin()),
                         std::make_move_iterator(diagnostics.end()));
  if (has_from) out.image_env.push_back(std::move(image));
}

}  // namespace tracegate::scanner::deploy
