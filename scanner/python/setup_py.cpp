// SPDX-License-Identifier: Apache-2.0
// Reads the literal arguments of setup() in a setup.py, which is never executed.
// See docs/readers/python-setup-py.md.
#include <algorithm>
#include <array>
#include <map>
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
// Real setup() arguments nest two or three levels; the limit keeps hostile input off the stack.
constexpr int kMaxNesting = 32;
// Names followed plus lists flattened, for one requirement (`REQUIRES = BASE`; `A = [A]` must end).
constexpr int kMaxIndirections = 8;
// Names resolved per file; real files need a handful.
constexpr int kMaxResolutions = 256;

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_name_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_name_char(char c) { return is_name_start(c) || is_digit(c); }

// --- Tokens ---

enum class TokenKind { name, string, number, op };

struct Token {
  TokenKind kind = TokenKind::op;
  std::string_view text;  ///< as written; strings include prefix and quotes
  std::size_t offset = 0;
  bool starts_statement = false;  ///< first token of a logical line outside brackets
  // Strings only:
  std::string value;               ///< escapes decoded
  std::size_t content_offset = 0;  ///< first character inside the quotes
  bool exact = true;               ///< `value` is the source text inside the quotes, byte for byte
  bool formatted = false;          ///< f-string: computed at run time
};

bool is_op(const Token& token, std::string_view text) { return token.kind == TokenKind::op && token.text == text; }
bool is_opening(const Token& token) {
  return token.kind == TokenKind::op && (token.text == "(" || token.text == "[" || token.text == "{");
}
bool is_closing(const Token& token) {
  return token.kind == TokenKind::op && (token.text == ")" || token.text == "]" || token.text == "}");
}

bool is_string_prefix(std::string_view word) {
  static constexpr std::array<std::string_view, 8> kPrefixes = {"r", "u", "b", "f", "br", "rb", "fr", "rf"};
  return word.size() <= 2 && std::ranges::find(kPrefixes, core::to_lower(word)) != kPrefixes.end();
}

/// Python tokens, enough to tell code from strings and comments; never fails, records the first problem.
class Tokenizer {
 public:
  explicit Tokenizer(std::string_view source) : source_(source) {}

  std::vector<Token> run() {
    while (pos_ < source_.size()) next();
    return std::move(tokens_);
  }
  /// Offset of the first string literal that is not closed.
  std::optional<std::size_t> unterminated_string() const { return unterminated_; }

 private:
  void next() {
    const char c = source_[pos_];
    if (c == '\n') {
      new_statement_ = new_statement_ || depth_ == 0;
      ++pos_;
    } else if (is_space(c)) {
      ++pos_;
    } else if (c == '#') {
      while (pos_ < source_.size() && source_[pos_] != '\n') ++pos_;
    } else if (c == '\\') {
      ++pos_;  // line continuation: the next line belongs to this statement
      while (pos_ < source_.size() && is_space(source_[pos_])) ++pos_;
      if (pos_ < source_.size() && source_[pos_] == '\n') ++pos_;
    } else if (is_name_start(c)) {
      read_name_or_prefixed_string();
    } else if (c == '"' || c == '\'') {
      read_string(pos_, pos_);
    } else if (is_digit(c) || (c == '.' && pos_ + 1 < source_.size() && is_digit(source_[pos_ + 1]))) {
      const auto start = pos_;
      while (pos_ < source_.size() && (is_name_char(source_[pos_]) || source_[pos_] == '.')) ++pos_;
      push(TokenKind::number, start);
    } else {
      read_operator();
    }
  }

  void read_name_or_prefixed_string() {
    const auto start = pos_;
    while (pos_ < source_.size() && is_name_char(source_[pos_])) ++pos_;
    const auto word = source_.substr(start, pos_ - start);
    if (pos_ < source_.size() && (source_[pos_] == '"' || source_[pos_] == '\'') && is_string_prefix(word)) {
      read_string(start, pos_);
      return;
    }
    push(TokenKind::name, start);
  }

  void read_string(std::size_t start, std::size_t quote_at) {
    const auto prefix = core::to_lower(source_.substr(start, quote_at - start));
    const bool raw = prefix.find('r') != std::string::npos;
    const char quote = source_[quote_at];
    const bool triple = source_.substr(quote_at, 3) == std::string(3, quote);
    const std::string_view closing = triple ? source_.substr(quote_at, 3) : source_.substr(quote_at, 1);
    pos_ = quote_at + closing.size();
    Token token;
    token.content_offset = pos_;
    token.formatted = prefix.find('f') != std::string::npos;
    bool closed = false;
    while (pos_ < source_.size()) {
      if (source_.substr(pos_).starts_with(closing)) {
        pos_ += closing.size();
        closed = true;
        break;
      }
      const char c = source_[pos_];
      if (c == '\n' && !triple) break;
      if (c == '\\' && pos_ + 1 < source_.size()) {
        read_escape(raw, token);
        continue;
      }
      token.value.push_back(c);
      ++pos_;
    }
    if (!closed && !unterminated_) unterminated_ = start;
    token.kind = TokenKind::string;
    token.text = source_.substr(start, pos_ - start);
    token.offset = start;
    push(std::move(token));
  }

  /// Decodes the common escapes; others are kept as written (they never appear in requirements).
  void read_escape(bool raw, Token& token) {
    const char next = source_[pos_ + 1];
    pos_ += 2;
    if (raw) {
      token.value.push_back('\\');
      token.value.push_back(next);
      return;
    }
    token.exact = false;
    switch (next) {
      case '\n': break;  // backslash-newline joins the lines
      case 'n': token.value.push_back('\n'); break;
      case 't': token.value.push_back('\t'); break;
      case '\\': case '\'': case '"': token.value.push_back(next); break;
      default:
        token.value.push_back('\\');
        token.value.push_back(next);
    }
  }

  void read_operator() {
    static constexpr std::array<std::string_view, 8> kTwoChar = {"==", "!=", "<=", ">=", "**", "->", ":=", "//"};
    const auto start = pos_;
    const auto two = source_.substr(pos_, 2);
    const bool augmented = two.size() == 2 && two[1] == '=' && std::string_view("+-*/%&|^@<>").find(two[0]) !=
                                                                     std::string_view::npos;
    pos_ += std::ranges::find(kTwoChar, two) != kTwoChar.end() || augmented ? 2 : 1;
    Token token;
    token.kind = TokenKind::op;
    token.text = source_.substr(start, pos_ - start);
    token.offset = start;
    if (is_opening(token)) ++depth_;
    if (is_closing(token) && depth_ > 0) --depth_;
    const bool ends_statement = token.text == ";" && depth_ == 0;
    push(std::move(token));
    new_statement_ = new_statement_ || ends_statement;
  }

  void push(TokenKind kind, std::size_t start) {
    Token token;
    token.kind = kind;
    token.text = source_.substr(start, pos_ - start);
    token.offset = start;
    push(std::move(token));
  }

  void push(Token token) {
    token.starts_statement = new_statement_;
    new_statement_ = false;
    tokens_.push_back(std::move(token));
  }

  std::string_view source_;
  std::size_t pos_ = 0;
  int depth_ = 0;
  bool new_statement_ = true;
  std::vector<Token> tokens_;
  std::optional<std::size_t> unterminated_;
};

// --- Literals ---

/// Index of the `,` or closing bracket that ends the expression at `pos`, or the token count.
std::size_t skip_expression(const std::vector<Token>& tokens, std::size_t pos) {
  int depth = 0;
  for (; pos < tokens.size(); ++pos) {
    if (is_opening(tokens[pos])) {
      ++depth;
    } else if (is_closing(tokens[pos])) {
      if (depth == 0) return pos;
      --depth;
    } else if (depth == 0 && is_op(tokens[pos], ",")) {
      return pos;
    }
  }
  return pos;
}

/// A Python literal built from strings, lists, tuples, dicts and names.
struct Value {
  /// `expression`: something inside a literal that needs evaluating (a call, `**kwargs`, an f-string).
  enum class Kind { string, list, dict, name, expression, other };
  Kind kind = Kind::other;
  std::size_t token = 0;     ///< first token
  std::string text;          ///< string: adjacent literals joined; name: the identifier
  bool exact = true;         ///< string: `text` maps 1:1 onto the source after the first token's quote
  std::vector<Value> items;  ///< list/tuple elements; dict: key, value, key, value...
};

/// Recursive descent over tokens, depth-limited. Inside brackets an element that needs evaluating
/// becomes an `expression` so that its neighbours are still read.
class LiteralParser {
 public:
  explicit LiteralParser(const std::vector<Token>& tokens) : tokens_(tokens) {}

  /// Parses the literal at `pos`, which must end exactly at `end`; nullopt if it needs evaluating.
  std::optional<Value> parse_exactly(std::size_t pos, std::size_t end) const {
    auto value = parse(pos, 0);
    if (!value || pos != end) return std::nullopt;
    return value;
  }

  /// Parses the literal at `pos` and moves `pos` past it.
  std::optional<Value> parse(std::size_t& pos, int depth) const {
    if (pos >= tokens_.size() || depth > kMaxNesting) return std::nullopt;
    const auto& token = tokens_[pos];
    switch (token.kind) {
      case TokenKind::string: return parse_strings(pos);
      case TokenKind::number: return Value{.kind = Value::Kind::other, .token = pos++};
      case TokenKind::name: {
        const bool constant = token.text == "True" || token.text == "False" || token.text == "None";
        return Value{.kind = constant ? Value::Kind::other : Value::Kind::name,
                     .token = pos++,
                     .text = std::string(token.text)};
      }
      case TokenKind::op: break;
    }
    if (is_op(token, "[")) return parse_sequence(pos, "]", depth);
    if (is_op(token, "(")) return parse_sequence(pos, ")", depth);
    if (is_op(token, "{")) return parse_dict(pos, depth);
    return std::nullopt;
  }

 private:
  std::optional<Value> parse_strings(std::size_t& pos) const {
    Value value{.kind = Value::Kind::string, .token = pos, .exact = tokens_[pos].exact};
    for (bool first = true; pos < tokens_.size() && tokens_[pos].kind == TokenKind::string; first = false) {
      if (tokens_[pos].formatted) return std::nullopt;
      if (!first) value.exact = false;  // implicit concatenation: offsets no longer map
      value.text += tokens_[pos++].value;
    }
    return value;
  }

  std::optional<Value> parse_sequence(std::size_t& pos, std::string_view close, int depth) const {
    Value value{.kind = Value::Kind::list, .token = pos++};
    bool comma = false;
    while (pos < tokens_.size() && !is_op(tokens_[pos], close)) {
      value.items.push_back(parse_element(pos, depth, close));
      comma = comma || (pos < tokens_.size() && is_op(tokens_[pos], ","));
      if (!skip_separator(pos, close)) return std::nullopt;
    }
    if (pos >= tokens_.size()) return std::nullopt;
    ++pos;
    // `("a")` is the string, not a tuple.
    if (close == ")" && !comma && value.items.size() == 1) return std::move(value.items.front());
    return value;
  }

  std::optional<Value> parse_dict(std::size_t& pos, int depth) const {
    Value value{.kind = Value::Kind::dict, .token = pos++};
    while (pos < tokens_.size() && !is_op(tokens_[pos], "}")) {
      const auto start = pos;
      auto key = parse(pos, depth + 1);
      if (key && pos < tokens_.size() && is_op(tokens_[pos], ":")) {
        ++pos;
        value.items.push_back(std::move(*key));
        value.items.push_back(parse_element(pos, depth, "}"));
      } else {  // `**other` or a computed key: the whole entry needs evaluating
        pos = skip_expression(tokens_, start);
        value.items.push_back(Value{.kind = Value::Kind::expression, .token = start});
        value.items.push_back(Value{.kind = Value::Kind::expression, .token = start});
      }
      if (!skip_separator(pos, "}")) return std::nullopt;
    }
    if (pos >= tokens_.size()) return std::nullopt;
    ++pos;
    return value;
  }

  /// A literal element, or an `expression` skipped up to the next `,` or closing bracket.
  Value parse_element(std::size_t& pos, int depth, std::string_view close) const {
    const auto start = pos;
    auto value = parse(pos, depth + 1);
    if (value && pos < tokens_.size() && (is_op(tokens_[pos], ",") || is_op(tokens_[pos], close))) {
      return std::move(*value);
    }
    pos = skip_expression(tokens_, start);
    return Value{.kind = Value::Kind::expression, .token = start};
  }

  /// Steps over the `,` after an element; false unless a `,` or `close` follows.
  bool skip_separator(std::size_t& pos, std::string_view close) const {
    if (pos < tokens_.size() && is_op(tokens_[pos], ",")) {
      ++pos;
      return true;
    }
    return pos < tokens_.size() && is_op(tokens_[pos], close);
  }

  const std::vector<Token>& tokens_;
};

/// Index of `setup` in the first `setup(` / `setuptools.setup(` call that is not its definition.
std::optional<std::size_t> find_setup_call(const std::vector<Token>& tokens) {
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != TokenKind::name || tokens[i].text != "setup" || !is_op(tokens[i + 1], "(")) continue;
    if (i > 0 && tokens[i - 1].kind == TokenKind::name && tokens[i - 1].text == "def") continue;
    return i;
  }
  return std::nullopt;
}

// --- Locations ---

/// Byte offset -> 1-based line and column, by binary search over line starts.
class LineIndex {
 public:
  explicit LineIndex(std::string_view text) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '\n') starts_.push_back(i + 1);
    }
  }
  core::SourceLocation locate(std::string_view path, std::size_t offset) const {
    const auto it = std::ranges::upper_bound(starts_, offset);
    const auto line = static_cast<int>(it - starts_.begin());
    return {std::string(path), line, static_cast<int>(offset - *std::prev(it)) + 1};
  }

 private:
  std::vector<std::size_t> starts_;
};

/// Text before a ` #` comment (setuptools drops those from requirement lines).
std::string_view strip_comment(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#' && (i == 0 || is_space(text[i - 1]))) return core::trim(text.substr(0, i));
  }
  return text;
}

// --- Reading setup() ---

/// The keywords tracegate reads; the rest of setup() is skipped.
constexpr std::array<std::string_view, 5> kKeywords = {"name", "install_requires", "extras_require",
                                                       "tests_require", "python_requires"};

/// Where requirements read from one keyword go.
struct RequirementGroup {
  core::Scope scope = core::Scope::main;
  std::string name;
  std::string markers;  ///< from an `"extra:marker"` key
};

/// One setup.py: its tokens and what has been read from them so far.
class SetupPyReading {
 public:
  SetupPyReading(std::string_view path, std::string_view source, ReadResult& out)
      : path_(path), source_(source), lines_(source), out_(out) {
    Tokenizer tokenizer(source);
    tokens_ = tokenizer.run();
    if (const auto at = tokenizer.unterminated_string()) {
      diagnose(lines_.locate(path_, *at), "unterminated string literal", core::Diagnostic::Level::error);
    }
    index_assignments();
  }

  void read() {
    const auto call = find_setup_call(tokens_);
    if (!call) {
      diagnose({std::string(path_)}, "no setup() call found; nothing read", core::Diagnostic::Level::warning);
      return;
    }
    call_ = *call;
    for (auto pos = *call + 2; pos < tokens_.size() && !is_closing(tokens_[pos]);) {
      const auto end = read_argument(pos);
      if (end >= tokens_.size() || !is_op(tokens_[end], ",")) break;
      pos = end + 1;
    }
  }

 private:
  /// Reads the argument at `pos` if it is a keyword we want; returns where it ends.
  std::size_t read_argument(std::size_t pos) {
    const bool keyword = pos + 1 < tokens_.size() && tokens_[pos].kind == TokenKind::name &&
                         is_op(tokens_[pos + 1], "=");
    const auto value_at = keyword ? pos + 2 : pos;
    const auto end = skip_expression(tokens_, value_at);
    if (!keyword || std::ranges::find(kKeywords, tokens_[pos].text) == kKeywords.end()) return end;
    const auto keyword_name = tokens_[pos].text;
    const auto value = LiteralParser(tokens_).parse_exactly(value_at, end);
    if (!value) {
      not_literal(keyword_name, value_at);
    } else if (keyword_name == "name") {
      read_name(*value);
    } else if (keyword_name == "install_requires") {
      read_requirements(keyword_name, *value, {core::Scope::main}, 0);
    } else if (keyword_name == "tests_require") {
      read_requirements(keyword_name, *value, {core::Scope::dev, "test"}, 0);
    } else if (keyword_name == "extras_require") {
      read_extras(*value);
    } else if (keyword_name == "python_requires") {
      read_python_requires(*value);
    }
    return end;
  }

  void read_name(const Value& value) {
    const auto name = evaluate("name", value, 0);
    if (name && name->kind == Value::Kind::string) out_.project_name = name->text;
  }

  /// Reads a string, or lists/tuples of strings, the way setuptools' yield_lines flattens them.
  void read_requirements(std::string_view label, const Value& value, const RequirementGroup& group, int hops) {
    const auto evaluated = evaluate(label, value, hops);
    if (!evaluated) return;
    if (evaluated->kind == Value::Kind::string) {
      read_requirement_string(*evaluated, group);
    } else if (evaluated->kind == Value::Kind::list) {
      for (const auto& item : evaluated->items) read_requirements(label, item, group, hops + 1);
    } else {
      diagnose(lines_.locate(path_, tokens_[evaluated->token].offset),
               fmt::format("{} is not a list of strings; not read", label), core::Diagnostic::Level::warning);
    }
  }

  /// setuptools reads each line of a string as one requirement.
  void read_requirement_string(const Value& string, const RequirementGroup& group) {
    const std::string_view text = string.text;
    for (std::size_t start = 0; start <= text.size();) {
      auto end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      const auto requirement_text = strip_comment(core::trim(text.substr(start, end - start)));
      if (!requirement_text.empty() && !requirement_text.starts_with('#')) {
        const auto offset = static_cast<std::size_t>(requirement_text.data() - text.data());
        add_requirement(requirement_text, locate_in_string(string, offset), group);
      }
      start = end + 1;
    }
  }

  void add_requirement(std::string_view text, const core::SourceLocation& origin, const RequirementGroup& group) {
    auto requirement = parse_pypi_requirement(text, origin);
    if (!requirement) {
      diagnose(requirement.error().where.value_or(origin), requirement.error().message,
               core::Diagnostic::Level::error);
      return;
    }
    requirement->scope = group.scope;
    requirement->group = group.name;
    if (!group.markers.empty()) {
      requirement->markers = requirement->markers.empty()
                                 ? group.markers
                                 : fmt::format("({}) and ({})", requirement->markers, group.markers);
    }
    out_.requirements.push_back(std::move(*requirement));
  }

  /// Each extra becomes an optional group; setuptools' `"extra:marker"` keys add the marker.
  void read_extras(const Value& value) {
    const auto extras = evaluate("extras_require", value, 0);
    if (!extras) return;
    if (extras->kind != Value::Kind::dict) {
      diagnose(lines_.locate(path_, tokens_[extras->token].offset), "extras_require is not a dict; not read",
               core::Diagnostic::Level::warning);
      return;
    }
    for (std::size_t i = 0; i + 1 < extras->items.size(); i += 2) {
      const auto& key = extras->items[i];
      if (key.kind != Value::Kind::string) {
        not_literal("extras_require", key.token);
        continue;
      }
      const std::string_view written = key.text;
      const auto colon = written.find(':');
      RequirementGroup group;
      group.name = std::string(core::trim(written.substr(0, colon)));
      // `":python_version < '3.9'"` names no extra: a conditional install requirement.
      group.scope = group.name.empty() ? core::Scope::main : core::Scope::optional;
      if (colon != std::string_view::npos) group.markers = std::string(core::trim(written.substr(colon + 1)));
      read_requirements(fmt::format("extras_require['{}']", written), extras->items[i + 1], group, 0);
    }
  }

  void read_python_requires(const Value& value) {
    const auto evaluated = evaluate("python_requires", value, 0);
    if (!evaluated) return;
    if (evaluated->kind != Value::Kind::string) {
      diagnose(lines_.locate(path_, tokens_[evaluated->token].offset), "python_requires is not a string; not read",
               core::Diagnostic::Level::warning);
      return;
    }
    const auto version = core::trim(evaluated->text);
    if (version.empty()) return;
    core::RuntimeHint hint;
    hint.language = core::Language::python;
    hint.version = std::string(version);
    hint.is_range = true;
    hint.syntax = core::ConstraintSyntax::pep440;
    hint.source = core::RuntimeSource::declared_range;
    hint.origin = locate_in_string(*evaluated, static_cast<std::size_t>(version.data() - evaluated->text.data()));
    out_.runtime_hints.push_back(std::move(hint));
  }

  /// `value`, or for a name the literal assigned to it; nullopt (with a warning) when it needs evaluating.
  std::optional<Value> evaluate(std::string_view label, const Value& value, int hops) {
    if (value.kind == Value::Kind::expression) {
      not_literal(label, value.token);
      return std::nullopt;
    }
    if (value.kind != Value::Kind::name) return value;
    auto assigned = hops < kMaxIndirections ? assignment_of(value.text) : std::nullopt;
    if (!assigned) {
      not_literal(label, value.token);
      return std::nullopt;
    }
    return evaluate(label, *assigned, hops + 1);
  }

  /// Records every statement `name = ...` once, so that a name costs a lookup, not a scan.
  void index_assignments() {
    for (std::size_t i = 0; i + 2 < tokens_.size(); ++i) {
      if (tokens_[i].starts_statement && tokens_[i].kind == TokenKind::name && is_op(tokens_[i + 1], "=")) {
        assignments_[tokens_[i].text].push_back(i);
      }
    }
  }

  /// The literal assigned to `name` by a statement `name = literal`: the last one before setup(),
  /// else the first after it.
  std::optional<Value> assignment_of(std::string_view name) {
    const auto found = assignments_.find(name);
    // The budget stops `[A, A, A, ...]` with a large A from multiplying the output.
    if (found == assignments_.end() || resolutions_left_ == 0) return std::nullopt;
    --resolutions_left_;
    const auto& at = found->second;
    const auto after_call = std::ranges::upper_bound(at, call_);
    const auto assignment = after_call == at.begin() ? at.front() : *std::prev(after_call);
    auto pos = assignment + 2;
    auto value = LiteralParser(tokens_).parse(pos, 0);
    const bool whole_statement = pos >= tokens_.size() || tokens_[pos].starts_statement || is_op(tokens_[pos], ";");
    return whole_statement ? value : std::nullopt;
  }

  /// Where character `offset` of a string value is; the string's start when escapes blur the mapping.
  core::SourceLocation locate_in_string(const Value& string, std::size_t offset) const {
    const auto& token = tokens_[string.token];
    return lines_.locate(path_, token.content_offset + (string.exact ? offset : 0));
  }

  void not_literal(std::string_view label, std::size_t token) {
    diagnose(lines_.locate(path_, token < tokens_.size() ? tokens_[token].offset : source_.size()),
             fmt::format("{} is not a literal; not evaluated (setup.py is never executed)", label),
             core::Diagnostic::Level::warning);
  }

  void diagnose(core::SourceLocation where, std::string message, core::Diagnostic::Level level) {
    out_.diagnostics.push_back({std::move(where), std::move(message), level});
  }

  std::string_view path_;
  std::string_view source_;
  LineIndex lines_;
  ReadResult& out_;
  std::vector<Token> tokens_;
  std::map<std::string_view, std::vector<std::size_t>> assignments_;  ///< name -> statement tokens, in order
  int resolutions_left_ = kMaxResolutions;
  std::size_t call_ = 0;
};

class SetupPyReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/setup-py"; }

  bool accepts(std::string_view repo_path) const override { return core::base_name(repo_path) == "setup.py"; }

  bool is_primary(std::string_view repo_path) const override { return accepts(repo_path); }

  ReadResult read(const ManifestFile& file, const SourceView& /*others*/) const override {
    auto source = file.contents;
    if (source.starts_with(kUtf8Bom)) source.remove_prefix(kUtf8Bom.size());
    ReadResult result;
    SetupPyReading(file.path, source, result).read();
    return result;
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_setup_py_reader() { return std::make_unique<python::SetupPyReader>(); }

}  // namespace tracegate::scanner
