// SPDX-License-Identifier: Apache-2.0
// Gradle versions: parsing (VersionParser), ordering (StaticVersionComparator), the status
// inferred for Maven versions, and the infimum of a prefix. docs/versions-gradle.md.
#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "resolvers/gradle.hpp"

namespace tracegate::resolvers::gradle {

namespace {

constexpr std::int64_t kMaxLong = std::numeric_limits<std::int64_t>::max();

bool is_separator(char c) { return c == '.' || c == '_' || c == '-' || c == '+'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char ascii_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool equals_ignoring_ascii_case(std::string_view text, std::string_view lower_word) {
  if (text.size() != lower_word.size()) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (ascii_lower(text[i]) != lower_word[i]) return false;
  }
  return true;
}

struct SpecialWord {
  std::string_view word;
  std::int8_t meaning;
};
// StaticVersionComparator.SPECIAL_MEANINGS. Java's toLowerCase(Locale.US) maps no non-ASCII
// character onto these ASCII letters, so an ASCII case-insensitive match is the same lookup.
constexpr SpecialWord kSpecialWords[] = {{"dev", -1},  {"rc", 1}, {"snapshot", 2}, {"final", 3},
                                         {"ga", 4},    {"release", 5}, {"sp", 6}};

std::int8_t special_meaning(std::string_view text) {
  if (text.size() < 2 || text.size() > 8) return 0;
  for (const auto& special : kSpecialWords) {
    if (equals_ignoring_ascii_case(text, special.word)) return special.meaning;
  }
  return 0;
}

std::string_view special_word(std::int8_t meaning) {
  for (const auto& special : kSpecialWords) {
    if (special.meaning == meaning) return special.word;
  }
  return {};
}

/// Guava's Longs.tryParse on a part (which holds only digits or only non-digits), then the
/// special-word lookup for what is not a number.
void classify(Part& part, std::string_view text) {
  part.numeric = false;
  part.special = 0;
  part.value = 0;
  if (!text.empty() && is_digit(text.front())) {
    std::int64_t value = 0;
    bool fits = true;
    for (const char c : text) {
      const int digit = c - '0';
      if (value > (kMaxLong - digit) / 10) {
        fits = false;
        break;
      }
      value = value * 10 + digit;
    }
    if (fits) {
      part.numeric = true;
      part.value = value;
      return;
    }
    return;  // too large for a long: an ordinary string part
  }
  part.special = special_meaning(text);
}

void push_part(Version& version, std::size_t begin, std::size_t end) {
  Part part;
  part.offset = static_cast<std::uint32_t>(begin);
  part.length = static_cast<std::uint32_t>(end - begin);
  classify(part, std::string_view(version.text).substr(begin, end - begin));
  version.parts.push_back(part);
}

/// Appends a part to a synthetic (limit) version; the `.` in its text is cosmetic.
void append_part(Version& version, std::string_view text) {
  if (!version.parts.empty()) version.text.push_back('.');
  const auto begin = version.text.size();
  version.text.append(text);
  push_part(version, begin, version.text.size());
}

/// The sign of Java's String.compareTo on the UTF-16 forms of two UTF-8 strings. UTF-8 byte order
/// is code point order; UTF-16 differs only in putting supplementary characters (surrogates
/// D800-DFFF) before U+E000..U+FFFF.
int java_compare(std::string_view a, std::string_view b) {
  const auto n = std::min(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    if (a[i] == b[i]) continue;
    const auto x = static_cast<unsigned char>(a[i]);
    const auto y = static_cast<unsigned char>(b[i]);
    if (x >= 0xF0 && (y == 0xEE || y == 0xEF)) return -1;
    if (y >= 0xF0 && (x == 0xEE || x == 0xEF)) return 1;
    return x < y ? -1 : 1;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

int sign(std::int64_t v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

/// StaticVersionComparator.compare for two parsed versions, quirks included.
int compare_real(const Version& a, const Version& b) {
  if (a.text == b.text) return 0;
  const auto n = std::min(a.parts.size(), b.parts.size());
  for (std::size_t i = 0; i < n; ++i) {
    const Part& x = a.parts[i];
    const Part& y = b.parts[i];
    const auto x_text = a.part_text(i);
    const auto y_text = b.part_text(i);
    if (x_text == y_text) continue;
    if (x.numeric != y.numeric) return x.numeric ? 1 : -1;
    if (x.numeric) {
      if (x.value != y.value) return x.value < y.value ? -1 : 1;
      continue;
    }
    // Gradle returns sm1 - sm2 here, so two spellings of one special word end the comparison
    // with 0 instead of going on to the next part.
    if (x.special != 0 || y.special != 0) return sign(x.special - y.special);
    return java_compare(x_text, y_text);
  }
  if (a.parts.size() > n) return a.parts[n].numeric ? 1 : -1;
  if (b.parts.size() > n) return b.parts[n].numeric ? -1 : 1;
  return 0;
}

/// A position in the (possibly infinite) part sequence of a version.
struct Item {
  enum class Kind : std::uint8_t { end, real, dev, zero_run } kind = Kind::end;
  const Part* part = nullptr;
  std::string_view text;

  bool numeric() const { return kind == Kind::real && part->numeric; }
  std::int8_t meaning() const {
    return kind == Kind::dev ? std::int8_t{-1} : kind == Kind::real ? part->special : std::int8_t{0};
  }
};

Item item_at(const Version& v, std::size_t i) {
  if (v.limit == Limit::zero_run && i + 1 == v.parts.size()) return {Item::Kind::zero_run, nullptr, {}};
  if (i < v.parts.size()) return {Item::Kind::real, &v.parts[i], v.part_text(i)};
  if (v.limit == Limit::dev_tail) return {Item::Kind::dev, nullptr, {}};
  return {};
}

/// A non-special string against the infinite string "000…".
int compare_with_zero_run(std::string_view text) {
  for (const char c : text) {
    if (c != '0') return static_cast<unsigned char>(c) < static_cast<unsigned char>('0') ? -1 : 1;
  }
  return -1;  // a prefix of it (only "" can be: a run of zeros is a number)
}

/// Two items, neither at the end; 0 means "go on". No early-0 quirk: limits are tracegate's.
int compare_items(const Item& x, const Item& y) {
  if (x.numeric() != y.numeric()) return x.numeric() ? 1 : -1;
  if (x.numeric()) return x.part->value == y.part->value ? 0 : x.part->value < y.part->value ? -1 : 1;
  const auto mx = x.meaning();
  const auto my = y.meaning();
  if (mx != 0 || my != 0) return sign(mx - my);
  if (x.kind == Item::Kind::zero_run) return y.kind == Item::Kind::zero_run ? 0 : -compare_with_zero_run(y.text);
  if (y.kind == Item::Kind::zero_run) return compare_with_zero_run(x.text);
  return x.text == y.text ? 0 : java_compare(x.text, y.text);
}

int compare_general(const Version& a, const Version& b) {
  for (std::size_t i = 0;; ++i) {
    const auto x = item_at(a, i);
    const auto y = item_at(b, i);
    using K = Item::Kind;
    if (x.kind == K::dev && y.kind == K::dev) return 0;  // both are `dev` forever from here
    if (x.kind == K::end && y.kind == K::end) return 0;
    // One sequence is longer: an extra numeric part is higher, an extra non-numeric one lower.
    if (x.kind == K::end) return y.numeric() ? -1 : 1;
    if (y.kind == K::end) return x.numeric() ? 1 : -1;
    if (const int c = compare_items(x, y); c != 0) return c;
  }
}

bool is_line_terminator_at(std::string_view s, std::size_t i, std::size_t& width) {
  const auto c = static_cast<unsigned char>(s[i]);
  width = 1;
  if (c == '\n' || c == '\r') return true;
  if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x85) return width = 2, true;
  if (c == 0xE2 && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0x80 &&
      (static_cast<unsigned char>(s[i + 2]) == 0xA8 || static_cast<unsigned char>(s[i + 2]) == 0xA9)) {
    return width = 3, true;
  }
  return false;
}

/// Java's `(.+)-\d{8}\.\d{6}-\d+` as a whole-string match (`.` stops at line terminators).
bool is_timestamped_snapshot(std::string_view s) {
  std::size_t i = s.size();
  std::size_t digits = 0;
  while (i > 0 && is_digit(s[i - 1])) --i, ++digits;
  if (digits == 0 || i == 0 || s[i - 1] != '-') return false;
  --i;
  auto take_digits = [&](std::size_t count) {
    for (std::size_t k = 0; k < count; ++k) {
      if (i == 0 || !is_digit(s[i - 1])) return false;
      --i;
    }
    return true;
  };
  if (!take_digits(6) || i == 0 || s[i - 1] != '.') return false;
  --i;
  if (!take_digits(8) || i == 0 || s[i - 1] != '-') return false;
  --i;
  if (i == 0) return false;  // `.+` needs one character
  for (std::size_t k = 0; k < i;) {
    std::size_t width = 1;
    if (is_line_terminator_at(s, k, width)) return false;
    k += width;
  }
  return true;
}

}  // namespace

void parse_version_into(std::string_view text, Version& out) {
  out.text.assign(text);
  out.parts.clear();
  out.limit = Limit::none;
  bool digit = false;
  std::size_t start = 0;
  std::size_t pos = 0;
  for (; pos < text.size(); ++pos) {
    const char c = text[pos];
    if (is_separator(c)) {
      push_part(out, start, pos);
      start = pos + 1;
      digit = false;
    } else if (is_digit(c)) {
      if (!digit && pos > start) {
        push_part(out, start, pos);
        start = pos;
      }
      digit = true;
    } else {
      if (digit) {
        push_part(out, start, pos);
        start = pos;
      }
      digit = false;
    }
  }
  if (pos > start) push_part(out, start, pos);
}

Version parse_version(std::string_view text) {
  Version version;
  parse_version_into(text, version);
  return version;
}

int compare(const Version& a, const Version& b) {
  if (a.limit == Limit::none && b.limit == Limit::none) return compare_real(a, b);
  return compare_general(a, b);
}

bool normalize_into(const Version& version, std::string& out) {
  if (version.text.empty()) return false;
  for (std::size_t i = 0; i < version.parts.size(); ++i) {
    if (i > 0) out.push_back('.');
    const Part& part = version.parts[i];
    if (part.numeric) {
      char buffer[24];
      const auto result = std::to_chars(buffer, buffer + sizeof buffer, part.value);
      out.append(buffer, result.ptr);
    } else if (part.special != 0) {
      out.append(special_word(part.special));
    } else {
      out.append(version.part_text(i));
    }
  }
  if (version.parts.back().length == 0) out.push_back('.');
  return true;
}

Status maven_status(std::string_view version) {
  const bool snapshot = version.ends_with("SNAPSHOT") || is_timestamped_snapshot(version);
  return snapshot ? Status::integration : Status::release;
}

Version prefix_infimum(std::string_view prefix) {
  Version out;
  out.limit = Limit::dev_tail;
  if (prefix.empty()) return out;
  const Version raw = parse_version(prefix);
  const char last = prefix.back();
  // With a trailing separator every part is complete and the next one is free: its lowest
  // choice is `dev`, and then `dev` again, forever.
  const std::size_t complete = is_separator(last) ? raw.parts.size() : raw.parts.size() - 1;
  for (std::size_t i = 0; i < complete; ++i) append_part(out, raw.part_text(i));
  if (complete == raw.parts.size()) return out;

  const Part& open = raw.parts.back();
  const auto open_text = raw.part_text(raw.parts.size() - 1);
  if (is_digit(last)) {
    if (!open.numeric) {
      append_part(out, open_text);  // already too long for a long: a string, lowest as it is
    } else if (open.value == 0) {
      // Zeros then enough digits overflow into a string part below every number; their
      // infimum is the infinite run of zeros.
      append_part(out, "0");
      out.parts.back().numeric = false;
      out.limit = Limit::zero_run;
    } else {
      // The shortest overflowing continuation with zeros is the lowest string part.
      std::int64_t value = open.value;
      std::size_t zeros = 0;
      while (value <= kMaxLong / 10) value *= 10, ++zeros;
      std::string lowest(open_text);
      lowest.append(zeros + 1, '0');
      append_part(out, lowest);
    }
  } else if (open_text.size() <= 3 &&
             equals_ignoring_ascii_case(open_text, std::string_view("dev").substr(0, open_text.size()))) {
    append_part(out, "dev");  // it can still become `dev`, the lowest string
  } else if (open.special > 0) {
    // Any longer string is no special word any more (meaning 0 < this one); the lowest of them
    // adds the lowest character.
    std::string lowest(open_text);
    lowest.push_back('\0');
    append_part(out, lowest);
  } else {
    append_part(out, open_text);
  }
  return out;
}

}  // namespace tracegate::resolvers::gradle
