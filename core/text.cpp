// SPDX-License-Identifier: Apache-2.0
#include "core/text.hpp"

#include <algorithm>

namespace tracegate::core {

std::string_view trim(std::string_view text) {
  constexpr std::string_view kSpace = " \t\r\n\f\v";
  const auto first = text.find_first_not_of(kSpace);
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(kSpace);
  return text.substr(first, last - first + 1);
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool starts_with_icase(std::string_view text, std::string_view prefix) {
  if (text.size() < prefix.size()) return false;
  return to_lower(text.substr(0, prefix.size())) == to_lower(prefix);
}

bool looks_binary(std::string_view bytes) {
  return bytes.substr(0, std::min<std::size_t>(bytes.size(), 8000)).find('\0') != std::string_view::npos;
}

LineColumn line_column_at(std::string_view text, std::size_t offset) {
  offset = std::min(offset, text.size());
  LineColumn at;
  const auto before = text.substr(0, offset);
  at.line = 1 + static_cast<int>(std::count(before.begin(), before.end(), '\n'));
  const auto line_start = before.rfind('\n');
  at.column = 1 + static_cast<int>(line_start == std::string_view::npos ? offset : offset - line_start - 1);
  return at;
}

std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    auto end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    auto line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

int bracket_depth(std::string_view text, int limit) {
  int depth = 0;
  int deepest = 0;
  bool in_string = false;
  char quote = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == quote) {
        in_string = false;
      }
      continue;
    }
    if (c == '"' || c == '\'') {
      in_string = true;
      quote = c;
    } else if (c == '[' || c == '{') {
      deepest = std::max(deepest, ++depth);
      if (deepest >= limit) return deepest;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

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

}  // namespace tracegate::core
