// SPDX-License-Identifier: Apache-2.0
#include "scanner/python/lock_blanking.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace tracegate::scanner::python {

namespace {

constexpr auto npos = std::string_view::npos;

/// Next index at or after `from` holding one of `"'#[]` (string_view::find_first_of calls
/// memchr per byte, which dominated whole scans).
std::size_t next_special(std::string_view text, std::size_t from) {
  for (std::size_t i = from; i < text.size(); ++i) {
    switch (text[i]) {
      case '"': case '\'': case '#': case '[': case ']': return i;
      default: break;
    }
  }
  return npos;
}

/// Next index at or after `from` holding `quote`, a backslash (basic strings) or a newline.
std::size_t next_string_stop(std::string_view text, std::size_t from, char quote) {
  for (std::size_t i = from; i < text.size(); ++i) {
    const char c = text[i];
    if (c == quote || c == '\n' || (c == '\\' && quote == '"')) return i;
  }
  return npos;
}

/// Index of the `]` closing the array opened at `open`, skipping strings and comments;
/// npos when the array is unclosed or holds a multi-line string.
std::size_t matching_bracket(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = next_special(text, open); i != npos; i = next_special(text, i + 1)) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      if (text.substr(i, 3) == (c == '"' ? std::string_view("\"\"\"") : std::string_view("'''"))) return npos;
      // A one-line string ends on its quote; basic strings skip escaped characters.
      i = next_string_stop(text, i + 1, c);
      while (i != npos && text[i] == '\\') i = next_string_stop(text, i + 2, c);
      if (i == npos || text[i] == '\n') return npos;
    } else if (c == '#') {
      i = text.find('\n', i);
      if (i == npos) return npos;
    } else if (c == '[') {
      ++depth;
    } else if (--depth == 0) {
      return i;
    }
  }
  return npos;
}

/// Offset of the `[` in a column-0 `key = [` line, with the key; npos otherwise.
std::size_t array_start(std::string_view line, std::string_view& key) {
  const auto eq = line.find('=');
  if (eq == npos || eq == 0) return npos;
  key = core::trim(line.substr(0, eq));
  if (key.empty() || line.front() == ' ' || line.front() == '\t') return npos;
  const auto after = line.find_first_not_of(" \t", eq + 1);
  return after != npos && line[after] == '[' ? after : npos;
}

bool is_section_header(std::string_view line, std::string_view section) {
  const auto header = core::trim(line);
  return header.size() == section.size() + 2 && header.front() == '[' && header.back() == ']' &&
         header.substr(1, section.size()) == section;
}

}  // namespace

std::string blank_unread_arrays(std::string_view text, std::initializer_list<std::string_view> keys,
                                std::string_view section) {
  std::string out;
  std::size_t copied = 0;  // text before this offset is in `out` already
  bool in_section = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto line_end = text.find('\n', pos);
    if (line_end == npos) line_end = text.size();
    const auto line = text.substr(pos, line_end - pos);
    std::string_view key;
    if (!line.empty() && line.front() == '[') {
      in_section = !section.empty() && is_section_header(line, section);
    } else if (const auto bracket = array_start(line, key);
               bracket != npos && (in_section || std::ranges::find(keys, key) != keys.end())) {
      const auto open = pos + bracket;
      const auto close = matching_bracket(text, open);
      if (close == npos) return std::string(text);
      // Only the newlines stay: the parser still counts lines, and skips nothing byte by byte.
      if (out.empty()) out.reserve(text.size());
      out.append(text.substr(copied, open + 1 - copied));
      const auto inside = text.substr(open, close - open);
      out.append(static_cast<std::size_t>(std::ranges::count(inside, '\n')), '\n');
      copied = pos = close;
      continue;
    }
    pos = line_end + 1;
  }
  if (copied == 0) return std::string(text);
  out.append(text.substr(copied));
  return out;
}

}  // namespace tracegate::scanner::python
