// SPDX-License-Identifier: Apache-2.0
#include "scanner/python/lock_blanking.hpp"

#include <algorithm>

#include "core/text.hpp"

namespace tracegate::scanner::python {

namespace {

constexpr auto npos = std::string_view::npos;

/// Index of the `]` closing the array opened at `open`, skipping strings and comments;
/// npos when the array is unclosed or holds a multi-line string.
std::size_t matching_bracket(std::string_view text, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      if (text.substr(i, 3) == std::string(3, c)) return npos;
      for (++i; i < text.size() && text[i] != c; ++i) {
        if (text[i] == '\n') return npos;
        if (c == '"' && text[i] == '\\') ++i;
      }
      if (i >= text.size()) return npos;
    } else if (c == '#') {
      i = text.find('\n', i);
      if (i == npos) return npos;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']' && --depth == 0) {
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

}  // namespace

std::string blank_unread_arrays(std::string_view text, std::initializer_list<std::string_view> keys,
                                std::string_view section) {
  std::string out;
  out.reserve(text.size());
  bool in_section = false;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto line_end = text.find('\n', pos);
    if (line_end == npos) line_end = text.size();
    const auto line = text.substr(pos, line_end - pos);
    std::string_view key;
    const auto bracket = line.empty() || line.front() == '[' ? npos : array_start(line, key);
    if (!line.empty() && line.front() == '[') {
      const auto header = core::trim(line);
      in_section = header.size() == section.size() + 2 && header.substr(1, section.size()) == section &&
                   header.back() == ']';
    } else if (bracket != npos && (in_section || std::ranges::find(keys, key) != keys.end())) {
      const auto open = pos + bracket;
      const auto close = matching_bracket(text, open);
      if (close == npos) return std::string(text);
      // Only the newlines stay: the parser still counts lines, and skips nothing byte by byte.
      out.append(text.substr(pos, open + 1 - pos));
      out.append(static_cast<std::size_t>(std::count(text.begin() + static_cast<std::ptrdiff_t>(open),
                                                     text.begin() + static_cast<std::ptrdiff_t>(close), '\n')),
                 '\n');
      pos = close;
      continue;
    }
    out.append(text.substr(pos, std::min(line_end + 1, text.size()) - pos));
    pos = line_end + 1;
  }
  return out;
}

}  // namespace tracegate::scanner::python
