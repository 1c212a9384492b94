// SPDX-License-Identifier: Apache-2.0
// PEP 508 environment markers as packaging 23.0 (markers.py, _parser.py, _tokenizer.py) parses,
// prints and evaluates them, quirks included:
// - Marker() does not require the end of the text after the expression ("a == 'b' junk" is
//   `a == "b"`), so `\b` after `and`/`or` decides how much is read;
// - quoted strings go through ast.literal_eval (escapes are decoded, a raw newline or NUL is an error);
// - only the first comparison of the top level has its `extra` operand normalized when parsing;
// - a parenthesized group of one element prints without parentheses, and so does the only
//   element of a one-element group, even when that element is itself an `or` group;
// - evaluation does not short-circuit: an error anywhere is an error.
#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "resolvers/pep508.hpp"
#include "resolvers/pep508_detail.hpp"

namespace tracegate::resolvers::pep508 {
namespace detail {
namespace {

struct CodeRange {
  std::uint32_t first;
  std::uint32_t last;
};
struct LowerRun {
  std::uint32_t first;
  std::uint32_t last;
  std::uint32_t stride;
  std::int32_t delta;
};

#include "resolvers/pep508_unicode.inc"

template <std::size_t N>
bool in_ranges(const CodeRange (&table)[N], char32_t c) noexcept {
  const auto* it = std::upper_bound(std::begin(table), std::end(table), static_cast<std::uint32_t>(c),
                                    [](std::uint32_t value, const CodeRange& r) { return value < r.first; });
  return it != std::begin(table) && static_cast<std::uint32_t>(c) <= (it - 1)->last;
}

bool is_word(char32_t c) noexcept {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
  return in_ranges(kWord, c);
}

/// Python's one-character lowercase (U+0130 and U+03A3 are handled by the caller).
char32_t lower_one(char32_t c) noexcept {
  if (c < 0x80) {
    return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  }
  const auto* it = std::upper_bound(std::begin(kLower), std::end(kLower), static_cast<std::uint32_t>(c),
                                    [](std::uint32_t value, const LowerRun& r) { return value < r.first; });
  if (it == std::begin(kLower)) {
    return c;
  }
  const LowerRun& run = *(it - 1);
  if (c > run.last || (c - run.first) % run.stride != 0) {
    return c;
  }
  return static_cast<char32_t>(static_cast<std::int64_t>(c) + run.delta);
}

void append_utf8(std::string& out, char32_t c) {
  // Surrogates (only from `\ud800`-style escapes) are kept as 3-byte sequences, as Python's
  // "surrogatepass" writes them, so the byte order stays the code point order.
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

/// Decodes possibly surrogate-carrying text (values may hold `\ud800` escapes).
std::vector<char32_t> code_points(std::string_view text) {
  std::vector<char32_t> out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    std::size_t length = 1;
    out.push_back(decode_at(text, pos, length));
    pos += length;
  }
  return out;
}

}  // namespace

bool valid_utf8(std::string_view text) noexcept {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  for (std::size_t i = 0; i < n;) {
    // Queries are almost all ASCII: skip eight ASCII bytes at a time.
    if (std::uint64_t word; i + 8 <= n && (std::memcpy(&word, s + i, 8), (word & 0x8080808080808080ULL) == 0)) {
      i += 8;
      continue;
    }
    const unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    char32_t cp = 0;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (i + length > n) {
      return false;
    }
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) {
        return false;
      }
      cp = (cp << 6) | (s[i + k] & 0x3F);
    }
    const bool overlong_or_surrogate = length == 3 && (cp < 0x800 || (cp >= 0xD800 && cp < 0xE000));
    if (overlong_or_surrogate || (length == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
      return false;
    }
    i += length;
  }
  return true;
}

char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& length) noexcept {
  const auto c = static_cast<unsigned char>(text[pos]);
  if (c < 0x80) {
    length = 1;
    return c;
  }
  std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
  if (pos + n > text.size()) {
    n = 1;
  }
  char32_t cp = n == 4 ? (c & 0x07) : n == 3 ? (c & 0x0F) : n == 2 ? (c & 0x1F) : c;
  for (std::size_t k = 1; k < n; ++k) {
    cp = (cp << 6) | (static_cast<unsigned char>(text[pos + k]) & 0x3F);
  }
  length = n;
  return cp;
}

bool word_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) {
    return false;
  }
  std::size_t length = 1;
  return is_word(decode_at(text, pos, length));
}

bool word_before(std::string_view text, std::size_t pos) noexcept {
  if (pos == 0) {
    return false;
  }
  std::size_t start = pos - 1;
  while (start > 0 && (static_cast<unsigned char>(text[start]) & 0xC0) == 0x80) {
    --start;
  }
  return word_at(text, start);
}

std::size_t unicode_space_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) {
    return 0;
  }
  std::size_t length = 1;
  const char32_t c = decode_at(text, pos, length);
  const bool space = (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680 ||
                     (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
                     c == 0x3000;
  return space ? length : 0;
}

bool nfkc_has_url_delimiter(char32_t c) noexcept { return c >= 0x80 && in_ranges(kNfkcUrlDelimiter, c); }

std::string canonicalize_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool ascii = true;
  for (std::size_t i = 0; i < name.size();) {
    const char c = name[i];
    if (c == '-' || c == '_' || c == '.') {
      out.push_back('-');
      while (i < name.size() && (name[i] == '-' || name[i] == '_' || name[i] == '.')) {
        ++i;
      }
      continue;
    }
    if (static_cast<unsigned char>(c) >= 0x80) {
      ascii = false;
    }
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    ++i;
  }
  if (ascii) {
    return out;
  }
  // str.lower() with full case mapping: U+0130 becomes two characters, U+03A3 depends on its
  // Final_Sigma context (cased letter before, none after, case-ignorable ones skipped).
  const std::vector<char32_t> cps = code_points(out);
  std::string lowered;
  lowered.reserve(out.size() + 4);
  const std::size_t n = cps.size();
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = cps[i];
    if (c == 0x130) {
      append_utf8(lowered, U'i');
      append_utf8(lowered, 0x307);
    } else if (c == 0x3A3) {
      std::size_t j = i;
      while (j > 0 && in_ranges(kCaseIgnorable, cps[j - 1])) {
        --j;
      }
      bool final_sigma = j > 0 && in_ranges(kCased, cps[j - 1]);
      if (final_sigma && i + 1 < n) {
        std::size_t k = i + 1;
        while (k < n && in_ranges(kCaseIgnorable, cps[k])) {
          ++k;
        }
        final_sigma = k == n || !in_ranges(kCased, cps[k]);
      }
      append_utf8(lowered, final_sigma ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(lowered, lower_one(c));
    }
  }
  return lowered;
}

bool Cursor::skip_ws() noexcept {
  const std::size_t start = pos;
  while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t')) {
    ++pos;
  }
  return pos != start;
}

bool Cursor::at_end() const noexcept { return pos == text.size() || (pos + 1 == text.size() && text[pos] == '\n'); }

bool Cursor::keyword(std::string_view word) const noexcept {
  return text.substr(pos).starts_with(word) && !word_before(text, pos) && !word_at(text, pos + word.size());
}

core::Error syntax_error(const Cursor& cursor, std::string_view message, std::size_t at) {
  if (cursor.quiet) return core::Error{};
  std::size_t column = 1;
  for (std::size_t i = 0; i < at && i < cursor.text.size(); ++i) {
    if ((static_cast<unsigned char>(cursor.text[i]) & 0xC0) != 0x80) {
      ++column;
    }
  }
  return core::Error{fmt::format("column {}: {}", column, message), std::nullopt};
}

namespace {

constexpr std::size_t kMaxDepth = 256;

struct VariableSpelling {
  std::string_view spelling;
  std::string_view name;
};

// The VARIABLE rule, with `.replace(".", "_")` and process_env_var applied to each spelling.
constexpr std::array<VariableSpelling, 18> kVariables{{
    {"python_version", "python_version"},
    {"python_full_version", "python_full_version"},
    {"os_name", "os_name"},
    {"os.name", "os_name"},
    {"sys_platform", "sys_platform"},
    {"sys.platform", "sys_platform"},
    {"platform_release", "platform_release"},
    {"platform_system", "platform_system"},
    {"platform_version", "platform_version"},
    {"platform.version", "platform_version"},
    {"platform_machine", "platform_machine"},
    {"platform.machine", "platform_machine"},
    {"platform_python_implementation", "platform_python_implementation"},
    {"platform.python_implementation", "platform_python_implementation"},
    {"python_implementation", "platform_python_implementation"},
    {"implementation_name", "implementation_name"},
    {"implementation_version", "implementation_version"},
    {"extra", "extra"},
}};

bool hex_digit(char c) noexcept { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

unsigned hex_value(char c) noexcept {
  return c <= '9' ? static_cast<unsigned>(c - '0') : static_cast<unsigned>((c | 0x20) - 'a' + 10);
}

/// ast.literal_eval of a one-quoted Python string literal whose contents (between the quotes) are
/// `body`: escape sequences decoded, a line continuation removed, a raw newline an error.
core::Result<std::string> literal_eval(std::string_view body) {
  if (body.find('\0') != std::string_view::npos) {
    return core::fail("source code string cannot contain null bytes");
  }
  std::string out;
  out.reserve(body.size());
  const std::size_t n = body.size();
  for (std::size_t i = 0; i < n;) {
    const char c = body[i];
    if (c == '\n' || c == '\r') {
      return core::fail("unterminated string literal");
    }
    if (c != '\\') {
      out.push_back(c);
      ++i;
      continue;
    }
    if (i + 1 == n) {
      return core::fail("unterminated string literal");  // the backslash escapes the closing quote
    }
    const char e = body[i + 1];
    i += 2;
    switch (e) {
      case '\n':
        break;
      case '\r':
        if (i < n && body[i] == '\n') {
          ++i;
        }
        break;
      case '\\': out.push_back('\\'); break;
      case '\'': out.push_back('\''); break;
      case '"': out.push_back('"'); break;
      case 'a': out.push_back('\a'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 't': out.push_back('\t'); break;
      case 'v': out.push_back('\v'); break;
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        char32_t value = static_cast<char32_t>(e - '0');
        for (int k = 0; k < 2 && i < n && body[i] >= '0' && body[i] <= '7'; ++k, ++i) {
          value = value * 8 + static_cast<char32_t>(body[i] - '0');
        }
        append_utf8(out, value);
        break;
      }
      case 'x':
      case 'u':
      case 'U': {
        const std::size_t digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
        char32_t value = 0;
        for (std::size_t k = 0; k < digits; ++k, ++i) {
          if (i >= n || !hex_digit(body[i])) {
            return core::fail(fmt::format("truncated \\{} escape", e));
          }
          value = value * 16 + hex_value(body[i]);
        }
        if (value > 0x10FFFF) {
          return core::fail("illegal Unicode character");
        }
        append_utf8(out, value);
        break;
      }
      case 'N':
        // Python looks the name up in its Unicode database; tracegate carries no such table.
        return core::fail("\\N{...} escapes are not supported");
      default:
        out.push_back('\\');  // an unknown escape keeps its backslash (Python warns, nothing more)
        out.push_back(e);
        break;
    }
  }
  return out;
}

class MarkerParser {
 public:
  explicit MarkerParser(Cursor& cursor) : c_(cursor) {}

  // marker = marker_atom (BOOLOP marker_atom)*
  core::Result<Marker::Node> marker(std::size_t depth) {
    Marker::Node group;
    group.kind = Marker::Node::Kind::group;
    auto first = atom(depth);
    if (!first) {
      return std::unexpected(std::move(first).error());
    }
    group.children.push_back(std::move(*first));
    while (true) {
      bool is_or = false;
      if (c_.keyword("or")) {
        is_or = true;
        c_.pos += 2;
      } else if (c_.keyword("and")) {
        c_.pos += 3;
      } else {
        break;
      }
      auto next = atom(depth);
      if (!next) {
        return std::unexpected(std::move(next).error());
      }
      group.or_before.push_back(is_or);
      group.children.push_back(std::move(*next));
    }
    return group;
  }

 private:
  // marker_atom = WS? '(' WS? marker WS? ')' WS? | WS? marker_item WS?
  core::Result<Marker::Node> atom(std::size_t depth) {
    c_.skip_ws();
    if (c_.at('(')) {
      const std::size_t open = c_.pos;
      if (depth + 1 > kMaxDepth) {
        return std::unexpected(syntax_error(c_, fmt::format("Parentheses nested deeper than {}", kMaxDepth), open));
      }
      ++c_.pos;
      c_.skip_ws();
      auto inner = marker(depth + 1);
      if (!inner) {
        return inner;
      }
      c_.skip_ws();
      if (!c_.at(')')) {
        return std::unexpected(syntax_error(c_, "Expected closing RIGHT_PARENTHESIS", open));
      }
      ++c_.pos;
      c_.skip_ws();
      return inner;
    }
    auto result = item();
    c_.skip_ws();
    return result;
  }

  // marker_item = WS? marker_var WS? marker_op WS? marker_var WS?
  core::Result<Marker::Node> item() {
    Marker::Node node;
    node.kind = Marker::Node::Kind::comparison;
    c_.skip_ws();
    TRACEGATE_TRY(var(node.lhs));
    c_.skip_ws();
    TRACEGATE_TRY(op(node.op));
    c_.skip_ws();
    TRACEGATE_TRY(var(node.rhs));
    return node;
  }

  // marker_var = VARIABLE | QUOTED_STRING
  core::Result<void> var(Operand& out) {
    const std::string_view rest = c_.text.substr(c_.pos);
    if (!rest.empty() && (rest[0] == 'p' || rest[0] == 'o' || rest[0] == 's' || rest[0] == 'i' || rest[0] == 'e')) {
      for (const auto& v : kVariables) {
        if (v.spelling[0] == rest[0] && c_.keyword(v.spelling)) {
          c_.pos += v.spelling.size();
          out.is_variable = true;
          out.text = std::string(v.name);
          return {};
        }
      }
    }
    if (!rest.empty() && (rest[0] == '\'' || rest[0] == '"')) {
      const std::size_t close = rest.find(rest[0], 1);
      if (close != std::string_view::npos) {
        auto value = literal_eval(rest.substr(1, close - 1));
        if (!value) {
          return std::unexpected(syntax_error(c_, value.error().message, c_.pos));
        }
        c_.pos += close + 1;
        out.is_variable = false;
        out.text = std::move(*value);
        return {};
      }
    }
    return std::unexpected(syntax_error(c_, "Expected a marker variable or quoted string", c_.pos));
  }

  // marker_op = IN | NOT WS IN | OP
  core::Result<void> op(CompareOp& out) {
    if (c_.keyword("in")) {
      c_.pos += 2;
      out = CompareOp::in;
      return {};
    }
    if (c_.keyword("not")) {
      c_.pos += 3;
      if (!c_.skip_ws()) {
        return std::unexpected(syntax_error(c_, "Expected whitespace after 'not'", c_.pos));
      }
      if (!c_.keyword("in")) {
        return std::unexpected(syntax_error(c_, "Expected 'in' after 'not'", c_.pos));
      }
      c_.pos += 2;
      out = CompareOp::not_in;
      return {};
    }
    static constexpr std::pair<std::string_view, CompareOp> kOps[] = {
        {"===", CompareOp::arbitrary},  {"==", CompareOp::equal}, {"~=", CompareOp::compatible},
        {"!=", CompareOp::not_equal},   {"<=", CompareOp::less_equal}, {">=", CompareOp::greater_equal},
        {"<", CompareOp::less},         {">", CompareOp::greater},
    };
    const std::string_view rest = c_.text.substr(c_.pos);
    for (const auto& [text, value] : kOps) {
      if (rest.starts_with(text)) {
        c_.pos += text.size();
        out = value;
        return {};
      }
    }
    return std::unexpected(
        syntax_error(c_, "Expected marker operator, one of <=, <, !=, ==, >=, >, ~=, ===, in, not in", c_.pos));
  }

  Cursor& c_;
};

std::string_view op_text(CompareOp op) noexcept {
  switch (op) {
    case CompareOp::less: return "<";
    case CompareOp::less_equal: return "<=";
    case CompareOp::equal: return "==";
    case CompareOp::not_equal: return "!=";
    case CompareOp::greater_equal: return ">=";
    case CompareOp::greater: return ">";
    case CompareOp::compatible: return "~=";
    case CompareOp::arbitrary: return "===";
    case CompareOp::in: return "in";
    case CompareOp::not_in: return "not in";
  }
  return "";
}

bool is_membership(CompareOp op) noexcept { return op == CompareOp::in || op == CompareOp::not_in; }

/// Fills the evaluation data of every comparison (see `_evaluate_markers` and `_eval_op`).
void prepare(Marker::Node& node) {
  if (node.kind == Marker::Node::Kind::group) {
    for (auto& child : node.children) {
      prepare(child);
    }
    return;
  }
  node.env_is_lhs = node.lhs.is_variable;
  node.env_key = node.env_is_lhs ? node.lhs.text : node.rhs.text;
  node.fixed = node.env_is_lhs ? node.rhs.text : node.lhs.text;
  node.normalize = node.env_key == "extra";
  if (node.normalize) {
    node.fixed = canonicalize_name(node.fixed);
  }
  if (node.env_is_lhs) {
    if (!is_membership(node.op)) {
      // The allocation-free parsers: most fixed sides ('posix', 'linux') are not versions, and
      // the Result-returning ones would format an error message for each.
      thread_local std::string spec;
      spec.assign(op_text(node.op));
      spec += node.fixed;
      if (!pep440::parse_specifier_into(spec, node.fixed_specifier.emplace())) node.fixed_specifier.reset();
    }
  } else if (!pep440::parse_version_into(node.fixed, node.fixed_version.emplace())) {
    node.fixed_version.reset();
  }
}

/// _normalize_extra_values: only the first element of the top-level list, when it is a comparison.
void normalize_extra_values(Marker::Node& root) {
  if (root.children.empty() || root.children.front().kind != Marker::Node::Kind::comparison) {
    return;
  }
  Marker::Node& first = root.children.front();
  if (first.lhs.is_variable && first.lhs.text == "extra") {
    first.rhs = Operand{false, canonicalize_name(first.rhs.text)};
  } else if (first.rhs.is_variable && first.rhs.text == "extra") {
    first.lhs = Operand{false, canonicalize_name(first.lhs.text)};
  }
}

void format(const Marker::Node& node, bool first, std::string& out) {
  if (node.kind == Marker::Node::Kind::comparison) {
    auto operand = [&out](const Operand& o) {
      if (o.is_variable) {
        out += o.text;
      } else {
        out += '"';
        out += o.text;
        out += '"';
      }
    };
    operand(node.lhs);
    out += ' ';
    out += op_text(node.op);
    out += ' ';
    operand(node.rhs);
    return;
  }
  if (node.children.size() == 1) {
    format(node.children.front(), true, out);  // [[...]] and [(...)] print their only element
    return;
  }
  if (!first) {
    out += '(';
  }
  for (std::size_t i = 0; i < node.children.size(); ++i) {
    if (i > 0) {
      out += node.or_before[i - 1] ? " or " : " and ";
    }
    format(node.children[i], false, out);
  }
  if (!first) {
    out += ')';
  }
}

bool string_compare(CompareOp op, std::string_view lhs, std::string_view rhs) {
  switch (op) {
    case CompareOp::in: return rhs.find(lhs) != std::string_view::npos;
    case CompareOp::not_in: return rhs.find(lhs) == std::string_view::npos;
    case CompareOp::less: return lhs < rhs;
    case CompareOp::less_equal: return lhs <= rhs;
    case CompareOp::equal: return lhs == rhs;
    case CompareOp::not_equal: return lhs != rhs;
    case CompareOp::greater_equal: return lhs >= rhs;
    case CompareOp::greater: return lhs > rhs;
    case CompareOp::compatible:
    case CompareOp::arbitrary: break;
  }
  return false;
}

/// Specifier.contains(prospective, prereleases=True), which raises where packaging re-parses
/// `prospective.public` and cannot (a pre-release label holding U+0130, lowered to "i\u0307");
/// mirrors `raises` in pep440_specifier.cpp, which answers false there.
core::Result<bool> specifier_contains(const pep440::Specifier& spec, const pep440::Version& prospective) {
  if (prospective.pre && prospective.pre->first.find("\xCC\x87") != std::string::npos) {
    bool raises = false;
    switch (spec.op) {
      case pep440::Operator::compatible:
      case pep440::Operator::less_equal:
      case pep440::Operator::greater_equal: raises = true; break;
      case pep440::Operator::equal:
      case pep440::Operator::not_equal: raises = !spec.wildcard && spec.version && spec.version->local.empty(); break;
      default: break;
    }
    if (raises) {
      return core::fail(fmt::format("InvalidVersion: '{}' does not parse again", pep440::to_string(prospective)));
    }
  }
  return pep440::contains(spec, prospective, true);
}

core::Result<bool> evaluate_node(const Marker::Node& node, const Environment& environment) {
  if (node.kind == Marker::Node::Kind::group) {
    // groups = [[...], ...] split at "or"; any(all(group)); every element is evaluated.
    bool any = false;
    bool all = true;
    for (std::size_t i = 0; i < node.children.size(); ++i) {
      if (i > 0 && node.or_before[i - 1]) {
        any = any || all;
        all = true;
      }
      auto value = evaluate_node(node.children[i], environment);
      if (!value) {
        return value;
      }
      all = all && *value;
    }
    return any || all;
  }

  const auto found = environment.find(std::string_view(node.env_key));
  if (found == environment.end()) {
    return core::fail(fmt::format("UndefinedEnvironmentName: '{}' is not in the environment", node.env_key));
  }
  std::string normalized;
  std::string_view env_value = found->second;
  if (node.normalize) {
    normalized = canonicalize_name(env_value);
    env_value = normalized;
  }
  const std::string_view lhs = node.env_is_lhs ? env_value : std::string_view(node.fixed);
  const std::string_view rhs = node.env_is_lhs ? std::string_view(node.fixed) : env_value;

  // _eval_op: a valid Specifier(op + rhs) decides, with lhs as a Version (InvalidVersion is an error).
  if (node.env_is_lhs) {
    if (node.fixed_specifier) {
      thread_local pep440::Version version;  // reused: its buffers outlive the call
      if (!pep440::parse_version_into(lhs, version)) {
        return core::fail(fmt::format("InvalidVersion: '{}'", lhs));
      }
      return specifier_contains(*node.fixed_specifier, version);
    }
  } else if (!is_membership(node.op)) {
    thread_local std::string spec_text;
    thread_local pep440::Specifier spec;
    spec_text.assign(op_text(node.op));
    spec_text += rhs;
    if (pep440::parse_specifier_into(spec_text, spec)) {
      if (!node.fixed_version) {
        return core::fail(fmt::format("InvalidVersion: '{}'", lhs));
      }
      return specifier_contains(spec, *node.fixed_version);
    }
  }
  if (node.op == CompareOp::compatible || node.op == CompareOp::arbitrary) {
    return core::fail(fmt::format("UndefinedComparison: '{}' {} '{}'", lhs, op_text(node.op), rhs));
  }
  return string_compare(node.op, lhs, rhs);
}

}  // namespace

core::Result<std::shared_ptr<Marker::Node>> parse_marker_at(Cursor& cursor) {
  MarkerParser parser(cursor);
  auto root = parser.marker(0);
  if (!root) {
    return std::unexpected(std::move(root).error());
  }
  normalize_extra_values(*root);
  prepare(*root);
  return std::make_shared<Marker::Node>(std::move(*root));
}

}  // namespace detail

Marker::Marker() : root_(std::make_shared<const Node>()) {}
Marker::~Marker() = default;
Marker::Marker(Marker&&) noexcept = default;
Marker& Marker::operator=(Marker&&) noexcept = default;
Marker::Marker(const Marker&) = default;
Marker& Marker::operator=(const Marker&) = default;
Marker::Marker(std::shared_ptr<const Node> root) : root_(std::move(root)) {}

core::Result<Marker> parse_marker(std::string_view text) {
  if (!detail::valid_utf8(text)) {
    return core::fail("marker is not valid UTF-8");
  }
  detail::Cursor cursor{text, 0};
  auto root = detail::parse_marker_at(cursor);
  if (!root) {
    return std::unexpected(std::move(root).error());
  }
  return Marker(std::shared_ptr<const Marker::Node>(std::move(*root)));
}

std::optional<Marker> try_parse_marker(std::string_view text) {
  if (!detail::valid_utf8(text)) return std::nullopt;
  detail::Cursor cursor{text, 0, /*quiet=*/true};
  auto root = detail::parse_marker_at(cursor);
  if (!root) return std::nullopt;
  return Marker(std::shared_ptr<const Marker::Node>(std::move(*root)));
}

std::string to_string(const Marker& marker) {
  std::string out;
  detail::format(marker.root(), true, out);
  return out;
}

core::Result<bool> evaluate(const Marker& marker, const Environment& environment) {
  return detail::evaluate_node(marker.root(), environment);
}

Environment reference_environment(std::string_view python_version) {
  std::string full(python_version);
  if (std::count(python_version.begin(), python_version.end(), '.') < 2) {
    full += ".0";
  }
  return Environment{
      {"extra", ""},
      {"implementation_name", "cpython"},
      {"implementation_version", "3.11.2"},
      {"os_name", "posix"},
      {"platform_machine", "x86_64"},
      {"platform_python_implementation", "CPython"},
      {"platform_release", "6.1.0"},
      {"platform_system", "Linux"},
      {"platform_version", "#1 SMP Debian 6.1.0"},
      {"python_full_version", std::move(full)},
      {"python_version", std::string(python_version)},
      {"sys_platform", "linux"},
  };
}

}  // namespace tracegate::resolvers::pep508
