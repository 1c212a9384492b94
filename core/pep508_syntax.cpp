// SPDX-License-Identifier: Apache-2.0
#include "core/pep508_syntax.hpp"

#include <fmt/format.h>

#include "core/text.hpp"

namespace tracegate::core {

namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_name_char(char c) { return is_alnum(c) || c == '-' || c == '_' || c == '.'; }
bool is_space(char c) { return c == ' ' || c == '\t'; }
bool is_version_char(char c) {
  return is_alnum(c) || c == '.' || c == '*' || c == '+' || c == '!' || c == '-' || c == '_';
}

/// Cursor over the requirement text that reports errors at 1-based columns.
class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  void skip_space() {
    while (pos_ < text_.size() && is_space(text_[pos_])) ++pos_;
  }
  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  std::size_t pos() const { return pos_; }
  void advance(std::size_t n = 1) { pos_ += n; }
  std::string_view rest() const { return text_.substr(pos_); }
  std::string_view slice(std::size_t from) const { return text_.substr(from, pos_ - from); }
  std::unexpected<Error> error(std::string what) const {
    return fail(fmt::format("column {}: {}", pos_ + 1, what), SourceLocation{"", 0, static_cast<int>(pos_ + 1)});
  }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

std::string_view match_operator(std::string_view text) {
  for (std::string_view op : {"===", "==", "!=", "<=", ">=", "~=", "<", ">"}) {
    if (text.starts_with(op)) return op;
  }
  return {};
}

/// Reads `op version (, op version)*` up to `)`, `;` or the end; spaces are dropped.
Result<std::string> read_specifier(Cursor& cursor, bool in_parens) {
  std::string out;
  while (true) {
    cursor.skip_space();
    const auto op = match_operator(cursor.rest());
    if (op.empty()) return cursor.error("expected a version operator (==, !=, <=, >=, ~=, <, >, ===)");
    cursor.advance(op.size());
    cursor.skip_space();
    const auto start = cursor.pos();
    if (op == "===") {
      // Arbitrary equality takes any string without spaces, commas or the closing characters.
      while (!cursor.at_end() && !is_space(cursor.peek()) && cursor.peek() != ',' && cursor.peek() != ';' &&
             cursor.peek() != ')')
        cursor.advance();
    } else {
      while (!cursor.at_end() && is_version_char(cursor.peek())) cursor.advance();
    }
    if (cursor.pos() == start) return cursor.error(fmt::format("expected a version after '{}'", op));
    out += op;
    out += cursor.slice(start);
    cursor.skip_space();
    if (cursor.peek() == ',') {
      cursor.advance();
      out += ',';
      continue;
    }
    if (cursor.at_end() || cursor.peek() == ';' || (in_parens && cursor.peek() == ')')) return out;
    return cursor.error(fmt::format("unexpected '{}' in version specifier", cursor.peek()));
  }
}

}  // namespace

Result<Pep508Parts> split_pep508(std::string_view text) {
  Pep508Parts parts;
  Cursor cursor(text);
  cursor.skip_space();
  const auto name_start = cursor.pos();
  if (!is_alnum(cursor.peek())) return cursor.error("expected a package name");
  while (!cursor.at_end() && is_name_char(cursor.peek())) cursor.advance();
  parts.name = std::string(cursor.slice(name_start));
  if (!is_alnum(parts.name.back())) return cursor.error("a package name must end with a letter or digit");
  cursor.skip_space();

  if (cursor.peek() == '[') {
    cursor.advance();
    while (true) {
      cursor.skip_space();
      if (cursor.peek() == ']' && parts.extras.empty()) {
        cursor.advance();
        break;
      }
      const auto extra_start = cursor.pos();
      while (!cursor.at_end() && is_name_char(cursor.peek())) cursor.advance();
      if (cursor.pos() == extra_start) return cursor.error("expected an extra name");
      parts.extras.emplace_back(cursor.slice(extra_start));
      cursor.skip_space();
      if (cursor.peek() == ',') {
        cursor.advance();
        continue;
      }
      if (cursor.peek() == ']') {
        cursor.advance();
        break;
      }
      return cursor.error("expected ',' or ']' in extras");
    }
    cursor.skip_space();
  }

  if (cursor.peek() == '@') {
    cursor.advance();
    cursor.skip_space();
    const auto url_start = cursor.pos();
    while (!cursor.at_end() && !is_space(cursor.peek())) cursor.advance();
    if (cursor.pos() == url_start) return cursor.error("expected a URL after '@'");
    parts.url = std::string(cursor.slice(url_start));
    cursor.skip_space();
    // PEP 508: a URL may contain ';', so markers need whitespace before it.
    if (!cursor.at_end() && cursor.peek() != ';') return cursor.error("expected ';' and markers after the URL");
  } else if (cursor.peek() == '(') {
    cursor.advance();
    auto spec = read_specifier(cursor, true);
    if (!spec) return std::unexpected(spec.error());
    if (cursor.peek() != ')') return cursor.error("expected ')'");
    cursor.advance();
    parts.specifier = std::move(*spec);
  } else if (!cursor.at_end() && cursor.peek() != ';') {
    auto spec = read_specifier(cursor, false);
    if (!spec) return std::unexpected(spec.error());
    parts.specifier = std::move(*spec);
  }

  cursor.skip_space();
  if (cursor.peek() == ';') {
    cursor.advance();
    parts.markers = std::string(trim(cursor.rest()));
    if (parts.markers.empty()) return cursor.error("expected markers after ';'");
  } else if (!cursor.at_end()) {
    return cursor.error(fmt::format("unexpected '{}'", cursor.peek()));
  }
  return parts;
}

}  // namespace tracegate::core
