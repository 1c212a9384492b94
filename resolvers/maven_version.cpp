// SPDX-License-Identifier: Apache-2.0
// ComparableVersion (maven-artifact 3.8.7): parsing, normalization, ordering, canonical form.
#include <algorithm>
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "resolvers/maven.hpp"

namespace tracegate::resolvers::maven {

namespace {

using Item = Version::Item;
using Kind = Version::Kind;

// ---------------------------------------------------------------------------------------------
// Java's view of the text: UTF-8 decoded as new String(bytes, UTF_8) decodes it, lower-cased
// as String.toLowerCase(Locale.ENGLISH), digits as Character.isDigit(char). The tables were
// generated from JDK 17 (Unicode 13) with Character.isDigit / Character.digit /
// Character.toLowerCase(int) over every code point.
// ---------------------------------------------------------------------------------------------

/// The zero of every run of ten decimal digits in the BMP (supplementary digits are surrogate
/// pairs to Java's char-wise isDigit, so letters).
constexpr char32_t kDigitZeros[] = {
    0x0030, 0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10};

/// Character.toLowerCase(int): code points first..last (every `stride`-th) map to cp + delta.
struct LowerRun {
  char32_t first;
  char32_t last;
  std::int32_t delta;
  std::uint8_t stride;
};
constexpr LowerRun kLowerRuns[] = {
    {0x41, 0x5A, 32, 1}, {0xC0, 0xD6, 32, 1}, {0xD8, 0xDE, 32, 1}, {0x100, 0x12E, 1, 2},
    {0x130, 0x130, -199, 1}, {0x132, 0x136, 1, 2}, {0x139, 0x147, 1, 2}, {0x14A, 0x176, 1, 2},
    {0x178, 0x178, -121, 1}, {0x179, 0x17D, 1, 2}, {0x181, 0x181, 210, 1}, {0x182, 0x184, 1, 2},
    {0x186, 0x186, 206, 1}, {0x187, 0x187, 1, 1}, {0x189, 0x18A, 205, 1}, {0x18B, 0x18B, 1, 1},
    {0x18E, 0x18E, 79, 1}, {0x18F, 0x18F, 202, 1}, {0x190, 0x190, 203, 1}, {0x191, 0x191, 1, 1},
    {0x193, 0x193, 205, 1}, {0x194, 0x194, 207, 1}, {0x196, 0x196, 211, 1}, {0x197, 0x197, 209, 1},
    {0x198, 0x198, 1, 1}, {0x19C, 0x19C, 211, 1}, {0x19D, 0x19D, 213, 1}, {0x19F, 0x19F, 214, 1},
    {0x1A0, 0x1A4, 1, 2}, {0x1A6, 0x1A6, 218, 1}, {0x1A7, 0x1A7, 1, 1}, {0x1A9, 0x1A9, 218, 1},
    {0x1AC, 0x1AC, 1, 1}, {0x1AE, 0x1AE, 218, 1}, {0x1AF, 0x1AF, 1, 1}, {0x1B1, 0x1B2, 217, 1},
    {0x1B3, 0x1B5, 1, 2}, {0x1B7, 0x1B7, 219, 1}, {0x1B8, 0x1B8, 1, 1}, {0x1BC, 0x1BC, 1, 1},
    {0x1C4, 0x1C4, 2, 1}, {0x1C5, 0x1C5, 1, 1}, {0x1C7, 0x1C7, 2, 1}, {0x1C8, 0x1C8, 1, 1},
    {0x1CA, 0x1CA, 2, 1}, {0x1CB, 0x1DB, 1, 2}, {0x1DE, 0x1EE, 1, 2}, {0x1F1, 0x1F1, 2, 1},
    {0x1F2, 0x1F4, 1, 2}, {0x1F6, 0x1F6, -97, 1}, {0x1F7, 0x1F7, -56, 1}, {0x1F8, 0x21E, 1, 2},
    {0x220, 0x220, -130, 1}, {0x222, 0x232, 1, 2}, {0x23A, 0x23A, 10795, 1}, {0x23B, 0x23B, 1, 1},
    {0x23D, 0x23D, -163, 1}, {0x23E, 0x23E, 10792, 1}, {0x241, 0x241, 1, 1}, {0x243, 0x243, -195, 1},
    {0x244, 0x244, 69, 1}, {0x245, 0x245, 71, 1}, {0x246, 0x24E, 1, 2}, {0x370, 0x372, 1, 2},
    {0x376, 0x376, 1, 1}, {0x37F, 0x37F, 116, 1}, {0x386, 0x386, 38, 1}, {0x388, 0x38A, 37, 1},
    {0x38C, 0x38C, 64, 1}, {0x38E, 0x38F, 63, 1}, {0x391, 0x3A1, 32, 1}, {0x3A3, 0x3AB, 32, 1},
    {0x3CF, 0x3CF, 8, 1}, {0x3D8, 0x3EE, 1, 2}, {0x3F4, 0x3F4, -60, 1}, {0x3F7, 0x3F7, 1, 1},
    {0x3F9, 0x3F9, -7, 1}, {0x3FA, 0x3FA, 1, 1}, {0x3FD, 0x3FF, -130, 1}, {0x400, 0x40F, 80, 1},
    {0x410, 0x42F, 32, 1}, {0x460, 0x480, 1, 2}, {0x48A, 0x4BE, 1, 2}, {0x4C0, 0x4C0, 15, 1},
    {0x4C1, 0x4CD, 1, 2}, {0x4D0, 0x52E, 1, 2}, {0x531, 0x556, 48, 1}, {0x10A0, 0x10C5, 7264, 1},
    {0x10C7, 0x10C7, 7264, 1}, {0x10CD, 0x10CD, 7264, 1}, {0x13A0, 0x13EF, 38864, 1}, {0x13F0, 0x13F5, 8, 1},
    {0x1C90, 0x1CBA, -3008, 1}, {0x1CBD, 0x1CBF, -3008, 1}, {0x1E00, 0x1E94, 1, 2}, {0x1E9E, 0x1E9E, -7615, 1},
    {0x1EA0, 0x1EFE, 1, 2}, {0x1F08, 0x1F0F, -8, 1}, {0x1F18, 0x1F1D, -8, 1}, {0x1F28, 0x1F2F, -8, 1},
    {0x1F38, 0x1F3F, -8, 1}, {0x1F48, 0x1F4D, -8, 1}, {0x1F59, 0x1F5F, -8, 2}, {0x1F68, 0x1F6F, -8, 1},
    {0x1F88, 0x1F8F, -8, 1}, {0x1F98, 0x1F9F, -8, 1}, {0x1FA8, 0x1FAF, -8, 1}, {0x1FB8, 0x1FB9, -8, 1},
    {0x1FBA, 0x1FBB, -74, 1}, {0x1FBC, 0x1FBC, -9, 1}, {0x1FC8, 0x1FCB, -86, 1}, {0x1FCC, 0x1FCC, -9, 1},
    {0x1FD8, 0x1FD9, -8, 1}, {0x1FDA, 0x1FDB, -100, 1}, {0x1FE8, 0x1FE9, -8, 1}, {0x1FEA, 0x1FEB, -112, 1},
    {0x1FEC, 0x1FEC, -7, 1}, {0x1FF8, 0x1FF9, -128, 1}, {0x1FFA, 0x1FFB, -126, 1}, {0x1FFC, 0x1FFC, -9, 1},
    {0x2126, 0x2126, -7517, 1}, {0x212A, 0x212A, -8383, 1}, {0x212B, 0x212B, -8262, 1}, {0x2132, 0x2132, 28, 1},
    {0x2160, 0x216F, 16, 1}, {0x2183, 0x2183, 1, 1}, {0x24B6, 0x24CF, 26, 1}, {0x2C00, 0x2C2E, 48, 1},
    {0x2C60, 0x2C60, 1, 1}, {0x2C62, 0x2C62, -10743, 1}, {0x2C63, 0x2C63, -3814, 1}, {0x2C64, 0x2C64, -10727, 1},
    {0x2C67, 0x2C6B, 1, 2}, {0x2C6D, 0x2C6D, -10780, 1}, {0x2C6E, 0x2C6E, -10749, 1}, {0x2C6F, 0x2C6F, -10783, 1},
    {0x2C70, 0x2C70, -10782, 1}, {0x2C72, 0x2C72, 1, 1}, {0x2C75, 0x2C75, 1, 1}, {0x2C7E, 0x2C7F, -10815, 1},
    {0x2C80, 0x2CE2, 1, 2}, {0x2CEB, 0x2CED, 1, 2}, {0x2CF2, 0x2CF2, 1, 1}, {0xA640, 0xA66C, 1, 2},
    {0xA680, 0xA69A, 1, 2}, {0xA722, 0xA72E, 1, 2}, {0xA732, 0xA76E, 1, 2}, {0xA779, 0xA77B, 1, 2},
    {0xA77D, 0xA77D, -35332, 1}, {0xA77E, 0xA786, 1, 2}, {0xA78B, 0xA78B, 1, 1}, {0xA78D, 0xA78D, -42280, 1},
    {0xA790, 0xA792, 1, 2}, {0xA796, 0xA7A8, 1, 2}, {0xA7AA, 0xA7AA, -42308, 1}, {0xA7AB, 0xA7AB, -42319, 1},
    {0xA7AC, 0xA7AC, -42315, 1}, {0xA7AD, 0xA7AD, -42305, 1}, {0xA7AE, 0xA7AE, -42308, 1}, {0xA7B0, 0xA7B0, -42258, 1},
    {0xA7B1, 0xA7B1, -42282, 1}, {0xA7B2, 0xA7B2, -42261, 1}, {0xA7B3, 0xA7B3, 928, 1}, {0xA7B4, 0xA7BE, 1, 2},
    {0xA7C2, 0xA7C2, 1, 1}, {0xA7C4, 0xA7C4, -48, 1}, {0xA7C5, 0xA7C5, -42307, 1}, {0xA7C6, 0xA7C6, -35384, 1},
    {0xA7C7, 0xA7C9, 1, 2}, {0xA7F5, 0xA7F5, 1, 1}, {0xFF21, 0xFF3A, 32, 1}, {0x10400, 0x10427, 40, 1},
    {0x104B0, 0x104D3, 40, 1}, {0x10C80, 0x10CB2, 64, 1}, {0x118A0, 0x118BF, 32, 1}, {0x16E40, 0x16E5F, 32, 1},
    {0x1E900, 0x1E921, 34, 1},
};

/// The value of a decimal digit, or -1.
int digit_value(char32_t cp) {
  if (cp < 0x80) return cp >= '0' && cp <= '9' ? static_cast<int>(cp - '0') : -1;
  const auto* it = std::upper_bound(std::begin(kDigitZeros), std::end(kDigitZeros), cp);
  if (it == std::begin(kDigitZeros)) return -1;
  const char32_t zero = *(it - 1);
  return cp - zero <= 9 ? static_cast<int>(cp - zero) : -1;
}

char32_t to_lower(char32_t cp) {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z' ? cp + 32 : cp;
  const auto* it = std::upper_bound(std::begin(kLowerRuns), std::end(kLowerRuns), cp,
                                    [](char32_t c, const LowerRun& run) { return c < run.first; });
  if (it == std::begin(kLowerRuns)) return cp;
  const LowerRun& run = *(it - 1);
  if (cp > run.last || (cp - run.first) % run.stride != 0) return cp;
  return static_cast<char32_t>(static_cast<std::int32_t>(cp) + run.delta);
}

// String.toLowerCase turns U+03A3 into final sigma when, within its word, a cased letter comes
// before it and none after. Java finds the word with its BreakIterator; what follows mimics that
// iterator on version-like text (letters, digits, marks, and . ' - between letters, . , '
// between digits, _ next to a letter) with an approximate letter class. It is the one place
// tracegate is not exact (docs/versions-maven.md).

bool in_ranges(char32_t cp, std::initializer_list<std::pair<char32_t, char32_t>> ranges) {
  for (const auto& [first, last] : ranges) {
    if (cp >= first && cp <= last) return true;
  }
  return false;
}

/// ConditionalSpecialCasing.isCased: general category Ll, Lu or Lt, or Other_Lowercase /
/// Other_Uppercase as the JDK lists them (JDK 17, generated like the tables above).
constexpr std::pair<char32_t, char32_t> kCased[] = {
    {0x41, 0x5A}, {0x61, 0x7A}, {0xB5, 0xB5}, {0xC0, 0xD6}, {0xD8, 0xF6},
    {0xF8, 0x1BA}, {0x1BC, 0x1BF}, {0x1C4, 0x293}, {0x295, 0x2B8}, {0x2C0, 0x2C1},
    {0x2E0, 0x2E4}, {0x345, 0x345}, {0x370, 0x373}, {0x376, 0x377}, {0x37A, 0x37D},
    {0x37F, 0x37F}, {0x386, 0x386}, {0x388, 0x38A}, {0x38C, 0x38C}, {0x38E, 0x3A1},
    {0x3A3, 0x3F5}, {0x3F7, 0x481}, {0x48A, 0x52F}, {0x531, 0x556}, {0x560, 0x588},
    {0x10A0, 0x10C5}, {0x10C7, 0x10C7}, {0x10CD, 0x10CD}, {0x10D0, 0x10FA}, {0x10FD, 0x10FF},
    {0x13A0, 0x13F5}, {0x13F8, 0x13FD}, {0x1C80, 0x1C88}, {0x1C90, 0x1CBA}, {0x1CBD, 0x1CBF},
    {0x1D00, 0x1D61}, {0x1D6B, 0x1D77}, {0x1D79, 0x1D9A}, {0x1E00, 0x1F15}, {0x1F18, 0x1F1D},
    {0x1F20, 0x1F45}, {0x1F48, 0x1F4D}, {0x1F50, 0x1F57}, {0x1F59, 0x1F59}, {0x1F5B, 0x1F5B},
    {0x1F5D, 0x1F5D}, {0x1F5F, 0x1F7D}, {0x1F80, 0x1FB4}, {0x1FB6, 0x1FBC}, {0x1FBE, 0x1FBE},
    {0x1FC2, 0x1FC4}, {0x1FC6, 0x1FCC}, {0x1FD0, 0x1FD3}, {0x1FD6, 0x1FDB}, {0x1FE0, 0x1FEC},
    {0x1FF2, 0x1FF4}, {0x1FF6, 0x1FFC}, {0x2102, 0x2102}, {0x2107, 0x2107}, {0x210A, 0x2113},
    {0x2115, 0x2115}, {0x2119, 0x211D}, {0x2124, 0x2124}, {0x2126, 0x2126}, {0x2128, 0x2128},
    {0x212A, 0x212D}, {0x212F, 0x2134}, {0x2139, 0x2139}, {0x213C, 0x213F}, {0x2145, 0x2149},
    {0x214E, 0x214E}, {0x2160, 0x217F}, {0x2183, 0x2184}, {0x24B6, 0x24E9}, {0x2C00, 0x2C2E},
    {0x2C30, 0x2C5E}, {0x2C60, 0x2C7B}, {0x2C7E, 0x2CE4}, {0x2CEB, 0x2CEE}, {0x2CF2, 0x2CF3},
    {0x2D00, 0x2D25}, {0x2D27, 0x2D27}, {0x2D2D, 0x2D2D}, {0xA640, 0xA66D}, {0xA680, 0xA69B},
    {0xA722, 0xA76F}, {0xA771, 0xA787}, {0xA78B, 0xA78E}, {0xA790, 0xA7BF}, {0xA7C2, 0xA7CA},
    {0xA7F5, 0xA7F6}, {0xA7FA, 0xA7FA}, {0xAB30, 0xAB5A}, {0xAB60, 0xAB68}, {0xAB70, 0xABBF},
    {0xFB00, 0xFB06}, {0xFB13, 0xFB17}, {0xFF21, 0xFF3A}, {0xFF41, 0xFF5A}, {0x10400, 0x1044F},
    {0x104B0, 0x104D3}, {0x104D8, 0x104FB}, {0x10C80, 0x10CB2}, {0x10CC0, 0x10CF2}, {0x118A0, 0x118DF},
    {0x16E40, 0x16E7F}, {0x1D400, 0x1D454}, {0x1D456, 0x1D49C}, {0x1D49E, 0x1D49F}, {0x1D4A2, 0x1D4A2},
    {0x1D4A5, 0x1D4A6}, {0x1D4A9, 0x1D4AC}, {0x1D4AE, 0x1D4B9}, {0x1D4BB, 0x1D4BB}, {0x1D4BD, 0x1D4C3},
    {0x1D4C5, 0x1D505}, {0x1D507, 0x1D50A}, {0x1D50D, 0x1D514}, {0x1D516, 0x1D51C}, {0x1D51E, 0x1D539},
    {0x1D53B, 0x1D53E}, {0x1D540, 0x1D544}, {0x1D546, 0x1D546}, {0x1D54A, 0x1D550}, {0x1D552, 0x1D6A5},
    {0x1D6A8, 0x1D6C0}, {0x1D6C2, 0x1D6DA}, {0x1D6DC, 0x1D6FA}, {0x1D6FC, 0x1D714}, {0x1D716, 0x1D734},
    {0x1D736, 0x1D74E}, {0x1D750, 0x1D76E}, {0x1D770, 0x1D788}, {0x1D78A, 0x1D7A8}, {0x1D7AA, 0x1D7C2},
    {0x1D7C4, 0x1D7CB}, {0x1E900, 0x1E943}};

bool is_cased(char32_t cp) {
  const auto* it = std::upper_bound(std::begin(kCased), std::end(kCased), cp,
                                    [](char32_t c, const std::pair<char32_t, char32_t>& r) { return c < r.first; });
  return it != std::begin(kCased) && cp <= (it - 1)->second;
}

/// Approximates a letter as Java's word iterator sees one (supplementary characters end words).
bool is_letter(char32_t cp) {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  if (cp >= 0x10000 || in_ranges(cp, {{0x2160, 0x2188}, {0x24B6, 0x24E9}})) return false;
  if (is_cased(cp) || cp == 0xAA || cp == 0xBA) return true;
  return !in_ranges(cp, {{0x80, 0xBF}, {0xD7, 0xD7}, {0xF7, 0xF7}, {0x300, 0x36F}, {0x2000, 0x2BFF},
                         {0x3000, 0x303F}, {0xD800, 0xF8FF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFF20},
                         {0xFF3B, 0xFF40}, {0xFF5B, 0xFF65}, {0xFFF0, 0xFFFF}}) &&
         digit_value(cp) < 0;
}

/// Whether cps[j] belongs to the word around it.
bool in_word(const std::u32string& cps, std::size_t j) {
  const char32_t c = cps[j];
  if (is_letter(c) || digit_value(c) >= 0 || (c >= 0x300 && c <= 0x36F)) return true;
  const char32_t before = j > 0 ? cps[j - 1] : 0;
  const char32_t after = j + 1 < cps.size() ? cps[j + 1] : 0;
  if (c == '_') return is_letter(before) || is_letter(after);
  if ((c == '.' || c == '\'' || c == '-') && is_letter(before) && is_letter(after)) return true;
  return (c == '.' || c == ',' || c == '\'') && digit_value(before) >= 0 && digit_value(after) >= 0;
}

bool is_final_sigma(const std::u32string& cps, std::size_t k) {
  bool cased_before = false;
  for (std::size_t j = k; j > 0 && !cased_before; --j) {
    if (is_cased(cps[j - 1])) {
      cased_before = true;
    } else if (!in_word(cps, j - 1)) {
      break;
    }
  }
  if (!cased_before) return false;
  for (std::size_t j = k + 1; j < cps.size(); ++j) {
    if (is_cased(cps[j])) return false;
    if (!in_word(cps, j)) break;
  }
  return true;
}

/// new String(bytes, UTF_8): malformed input becomes U+FFFD exactly where (and as many times
/// as) the JDK's decoder puts it.
void decode_java_utf8(std::string_view in, std::u32string& out) {
  constexpr char32_t kReplacement = 0xFFFD;
  const std::size_t sl = in.size();
  std::size_t sp = 0;
  auto at = [&](std::size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(in[k])); };
  auto cont = [](unsigned b) { return (b & 0xC0) == 0x80; };
  while (sp < sl) {
    const unsigned b1 = at(sp++);
    if (b1 < 0x80) {
      out.push_back(b1);
    } else if ((b1 >> 5) == 0x6 && (b1 & 0x1E) != 0) {  // C2..DF
      if (sp < sl) {
        const unsigned b2 = at(sp++);
        if (!cont(b2)) {
          out.push_back(kReplacement);
          --sp;
        } else {
          out.push_back(((b1 & 0x1F) << 6) | (b2 & 0x3F));
        }
        continue;
      }
      out.push_back(kReplacement);
      break;
    } else if ((b1 >> 4) == 0xE) {  // E0..EF
      auto bad_second = [&](unsigned b2) { return (b1 == 0xE0 && (b2 & 0xE0) == 0x80) || !cont(b2); };
      if (sp + 1 < sl) {
        const unsigned b2 = at(sp++);
        const unsigned b3 = at(sp++);
        if (bad_second(b2) || !cont(b3)) {
          out.push_back(kReplacement);
          sp -= bad_second(b2) ? 2 : 1;
        } else {
          const char32_t cp = ((b1 & 0x0F) << 12) | ((b2 & 0x3F) << 6) | (b3 & 0x3F);
          out.push_back(cp >= 0xD800 && cp <= 0xDFFF ? kReplacement : cp);
        }
        continue;
      }
      out.push_back(kReplacement);
      if (sp < sl && bad_second(at(sp))) continue;
      break;
    } else if ((b1 >> 3) == 0x1E) {  // F0..F7
      auto bad_second = [&](unsigned b2) {
        return b1 > 0xF4 || (b1 == 0xF0 && (b2 < 0x90 || b2 > 0xBF)) || (b1 == 0xF4 && (b2 & 0xF0) != 0x80) ||
               !cont(b2);
      };
      if (sp + 2 < sl) {
        const unsigned b2 = at(sp), b3 = at(sp + 1), b4 = at(sp + 2);
        const char32_t uc = ((b1 & 0x07) << 18) | ((b2 & 0x3F) << 12) | ((b3 & 0x3F) << 6) | (b4 & 0x3F);
        if (!cont(b2) || !cont(b3) || !cont(b4) || uc < 0x10000 || uc > 0x10FFFF) {
          out.push_back(kReplacement);
          sp += bad_second(b2) ? 0 : !cont(b3) ? 1 : 2;
        } else {
          out.push_back(uc);
          sp += 3;
        }
        continue;
      }
      if (b1 > 0xF4 || (sp < sl && bad_second(at(sp)))) {
        out.push_back(kReplacement);
        continue;
      }
      ++sp;
      out.push_back(kReplacement);
      if (sp < sl && !cont(at(sp))) continue;
      break;
    } else {
      out.push_back(kReplacement);
    }
  }
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// Decodes one code point of valid UTF-8 (what lower_into wrote) at `i`; sets its length.
char32_t decode_at(std::string_view s, std::size_t i, std::size_t& length) {
  const auto b = [&](std::size_t k) { return static_cast<char32_t>(static_cast<unsigned char>(s[i + k])); };
  const char32_t b0 = b(0);
  if (b0 < 0x80) return length = 1, b0;
  if (b0 < 0xE0) return length = 2, ((b0 & 0x1F) << 6) | (b(1) & 0x3F);
  if (b0 < 0xF0) return length = 3, ((b0 & 0x0F) << 12) | ((b(1) & 0x3F) << 6) | (b(2) & 0x3F);
  return length = 4, ((b0 & 0x07) << 18) | ((b(1) & 0x3F) << 12) | ((b(2) & 0x3F) << 6) | (b(3) & 0x3F);
}

/// String.toLowerCase for ASCII text, into out[0, text.size()).
void lower_ascii_into(std::string_view text, char* out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto c = static_cast<unsigned char>(text[i]);
    out[i] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
  }
}

/// `text.toLowerCase(Locale.ENGLISH)` as UTF-8 into `out`, for text that is not all ASCII.
void lower_into(std::string_view text, std::string& out) {
  out.clear();
  thread_local std::u32string cps;
  cps.clear();
  decode_java_utf8(text, cps);
  for (std::size_t k = 0; k < cps.size(); ++k) {
    const char32_t cp = cps[k];
    if (cp == 0x130) {  // İ -> "i̇" (String.toLowerCase, not Character.toLowerCase)
      out.push_back('i');
      append_utf8(out, 0x307);
    } else if (cp == 0x3A3) {
      append_utf8(out, is_final_sigma(cps, k) ? 0x3C2 : 0x3C3);
    } else {
      append_utf8(out, to_lower(cp));
    }
  }
}

/// The first UTF-16 unit of a code point, for String.compareTo's order.
char32_t utf16_lead(char32_t cp) { return cp < 0x10000 ? cp : 0xD800 + ((cp - 0x10000) >> 10); }

/// String.compareTo (UTF-16 code unit order) on two UTF-8 strings.
int compare_utf16(std::string_view a, std::string_view b) {
  const auto [pa, pb] = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
  if (pa == a.end() || pb == b.end()) {
    return a.size() == b.size() ? 0 : a.size() < b.size() ? -1 : 1;
  }
  std::size_t i = static_cast<std::size_t>(pa - a.begin());
  while (i > 0 && (static_cast<unsigned char>(a[i]) & 0xC0) == 0x80) --i;  // back to the code point
  std::size_t la = 0, lb = 0;
  const char32_t ca = decode_at(a, i, la), cb = decode_at(b, i, lb);
  const char32_t ua = utf16_lead(ca), ub = utf16_lead(cb);
  if (ua != ub) return ua < ub ? -1 : 1;
  return ca < cb ? -1 : 1;
}

// ---------------------------------------------------------------------------------------------
// Items
// ---------------------------------------------------------------------------------------------

constexpr std::string_view kQualifierNames[] = {"alpha", "beta", "milestone", "rc", "snapshot", "", "sp"};
constexpr std::uint8_t kRelease = 5;
constexpr std::uint8_t kUnknown = 7;

std::uint64_t pack(std::size_t offset, std::size_t length) {
  return (static_cast<std::uint64_t>(offset) << 32) | static_cast<std::uint64_t>(length);
}

/// StringItem: qualifier aliases (a1/b1/m1 only before a digit; ga, final, release = ""; cr = rc).
std::uint8_t qualifier_rank(std::string_view s, bool followed_by_digit) {
  switch (s.size()) {
    case 1:
      if (followed_by_digit) {
        if (s[0] == 'a') return 0;
        if (s[0] == 'b') return 1;
        if (s[0] == 'm') return 2;
      }
      break;
    case 2:
      if (s == "rc" || s == "cr") return 3;
      if (s == "ga") return kRelease;
      if (s == "sp") return 6;
      break;
    case 4:
      if (s == "beta") return 1;
      break;
    case 5:
      if (s == "alpha") return 0;
      if (s == "final") return kRelease;
      break;
    case 7:
      if (s == "release") return kRelease;
      break;
    case 8:
      if (s == "snapshot") return 4;
      break;
    case 9:
      if (s == "milestone") return 2;
      break;
    default:
      break;
  }
  return kUnknown;
}

/// Item.isNull(): zero, or the release qualifier ("", ga, final, release). A number's payload
/// is 0 exactly when it is zero (a BigInteger zero has no digits). A sub-list is null when
/// empty, which the parser handles itself (only ever last in a list).
bool is_null(const Item& item) {
  return item.kind == Kind::string ? item.rank == kRelease : item.kind != Kind::list && item.payload == 0;
}

/// item.compareTo(null): how an item compares with "nothing" at its position.
int compare_with_nothing(const Item& item) {
  switch (item.kind) {
    case Kind::integer:
    case Kind::long_integer:
    case Kind::big_integer: return is_null(item) ? 0 : 1;
    case Kind::string: return item.rank < kRelease ? -1 : item.rank == kRelease ? 0 : 1;
    case Kind::list: return 0;  // the sub-list's items follow in the flat sequence
  }
  return 0;
}

/// The first non-zero compare_with_nothing from `from` on: a list (and everything nested in
/// it) against nothing.
int rest_against_nothing(std::span<const Item> items, std::size_t from) {
  for (std::size_t k = from; k < items.size(); ++k) {
    if (const int c = compare_with_nothing(items[k]); c != 0) return c;
  }
  return 0;
}

/// parseItem(true, ...) for a digit run with digits of other scripts (at least one): each
/// counts as one char and has its Character.digit value; a BigInteger's ASCII digits are
/// appended to `text`, whose capacity was reserved beforehand (the parsed pointer stays valid).
Item wide_number_item(std::string_view run, std::string& text) {
  std::size_t chars = 0;
  std::uint64_t value = 0;
  const std::size_t offset = text.size();
  for (std::size_t k = 0; k < run.size();) {
    std::size_t length = 1;
    const int d = digit_value(decode_at(run, k, length));
    k += length;
    ++chars;
    value = value * 10 + static_cast<std::uint64_t>(d);  // only used for <= 18 digits
    if (text.size() > offset || d != 0) text.push_back(static_cast<char>('0' + d));
  }
  if (chars <= 18) {
    text.resize(offset);
    return {value, chars <= 9 ? Kind::integer : Kind::long_integer, 0};
  }
  const std::size_t length = text.size() - offset;
  return {length == 0 ? 0 : pack(offset, length), Kind::big_integer, 0};  // zero has no digits
}

/// ComparableVersion.parseVersion of p[0, n) into `items`, normalized as ListItem.normalize
/// leaves it; returns the item count. Without `text`, p is the input as given: qualifiers are
/// lower-cased on the fly, and parsing stops, returning npos, at the first non-ASCII byte. With
/// it, p is `text` itself, lower-cased and valid UTF-8, and BigIntegers written in other
/// scripts' digits are appended to it in ASCII. `uses_text` tells whether an item refers to the
/// text (an unknown qualifier or a BigInteger).
std::size_t parse_items(const char* p, std::size_t n, std::string* text, Version::Items& items, bool& uses_text) {
  const bool ascii = text == nullptr;
  constexpr std::size_t kStop = static_cast<std::size_t>(-1);
  // Items are written straight into the version's buffer (usually the eight inline ones).
  Item* out = items.raw();
  Item* limit = out + items.capacity();
  Item* o = out;     // the next item
  Item* list = out;  // the first item of the current (innermost) list
  uses_text = false;
  auto emit = [&](const Item& item) {
    if (o == limit) {
      const auto used = static_cast<std::size_t>(o - out);
      const auto list_at = static_cast<std::size_t>(list - out);
      const std::size_t capacity = 2 * items.capacity();
      out = items.grow_keeping(used, capacity);
      limit = out + capacity;
      o = out + used;
      list = out + list_at;
    }
    *o++ = item;
  };
  bool digits = false;  // what the current run is made of
  bool run_wide = false;
  std::uint64_t run_value = 0;  // the last digit run's value (meaningful for <= 18 digits)
  std::size_t start = 0;
  std::size_t i = 0;
  std::size_t length = 1;

  auto wide_digit_at = [&](std::size_t k, std::size_t& size) {
    return digit_value(decode_at(std::string_view(p, n), k, size)) >= 0;
  };
  auto trim = [&] {
    while (o > list && is_null(o[-1])) --o;
  };
  // A new sub-list, last item of the current one: that list is complete, so its trailing
  // nulls go now (normalize() would drop them, and a null sub-list after them, the same way).
  auto open_list = [&] {
    trim();
    emit({0, Kind::list, 0});
    list = o;
  };
  auto string_item = [&](std::size_t begin, std::size_t end, bool followed_by_digit) -> Item {
    const std::size_t size = end - begin;
    if (size <= 9) {  // no known qualifier is longer
      char lower[9];
      for (std::size_t k = 0; k < size; ++k) {
        const auto c = static_cast<unsigned char>(p[begin + k]);
        lower[k] = static_cast<char>(c + (static_cast<unsigned char>(c - 'A') < 26 ? 32 : 0));
      }
      const std::uint8_t rank = qualifier_rank(std::string_view(lower, size), followed_by_digit);
      if (rank != kUnknown) return {0, Kind::string, rank};
    }
    uses_text = true;
    return {pack(begin, size), Kind::string, kUnknown};
  };
  // parseItem(true, ...) on the digit run just scanned: leading ASCII zeros are stripped (all
  // of them kept when nothing else is there); the length left picks int (<= 9 chars), long
  // (<= 18) or BigInteger.
  auto number_item = [&](std::size_t begin, std::size_t end) -> Item {
    std::size_t s = begin;
    while (s < end && p[s] == '0') ++s;
    if (s == end) s = begin;
    const std::size_t size = end - s;
    if (run_wide) {
      const Item item = wide_number_item(std::string_view(p + s, size), *text);
      uses_text = uses_text || (item.kind == Kind::big_integer && item.payload != 0);
      return item;
    }
    if (size <= 18) return {run_value, size <= 9 ? Kind::integer : Kind::long_integer, 0};
    // Digits from a non-'0' on are the value as BigInteger prints it; all zeros are zero.
    if (p[s] == '0') return {0, Kind::big_integer, 0};
    uses_text = true;
    return {pack(s, size), Kind::big_integer, 0};
  };

  // Fast path for the most common shape, digits and dots only ("1.0", "2.3.1"): numbers (0 for
  // an empty part), no sub-list. At anything else the general loop below takes over at the
  // start of the current part, in the state it would have reached there itself.
  if (ascii) {
    std::size_t part = 0;
    std::uint64_t value = 0;
    bool seen_digit = false;
    auto number = [&](std::size_t stop) {
      if (stop == part) return emit({0, Kind::integer, 0}), true;
      std::size_t s = part;
      while (s < stop && p[s] == '0') ++s;
      const std::size_t size = s == stop ? stop - part : stop - s;
      if (size > 18) return false;  // BigInteger: left to the general loop
      emit({value, size <= 9 ? Kind::integer : Kind::long_integer, 0});
      return true;
    };
    std::size_t k = 0;
    for (; k < n; ++k) {
      const auto c = static_cast<unsigned char>(p[k]);
      if (static_cast<unsigned char>(c - '0') < 10) {
        value = value * 10 + (c - '0');
      } else if (c == '.' && number(k)) {
        seen_digit = seen_digit || k > part;
        value = 0;
        part = k + 1;
      } else {
        break;
      }
    }
    if (k == n && (n == part || number(n))) {
      trim();
      items.set_size(static_cast<std::size_t>(o - out));
      return static_cast<std::size_t>(o - out);
    }
    i = start = part;
    digits = seen_digit;
  }

  while (i < n) {
    const auto c = static_cast<unsigned char>(p[i]);
    if (c == '.' || c == '-') {
      if (i == start) {
        emit({0, Kind::integer, 0});
      } else {
        emit(digits ? number_item(start, i) : string_item(start, i, false));
      }
      start = i + 1;
      if (c == '-') open_list();
      ++i;
      continue;
    }
    if (c >= 0x80 && ascii) return kStop;
    // A run of digits or of other chars: only its first char can change anything.
    if (c < 0x80 ? static_cast<unsigned char>(c - '0') < 10 : wide_digit_at(i, length)) {
      if (!digits && i > start) {
        // 1.0.0.X1 < 1.0.0-X2: a qualifier after a dot still opens a sub-list.
        if (o != list) open_list();
        emit(string_item(start, i, true));
        start = i;
        open_list();
      }
      digits = true;
      run_wide = c >= 0x80;
      std::uint64_t value = c - '0';  // cannot overflow while it matters (<= 18 digits)
      i += c < 0x80 ? 1 : length;
      while (i < n) {
        const auto d = static_cast<unsigned char>(p[i]);
        if (static_cast<unsigned char>(d - '0') < 10) {
          value = value * 10 + (d - '0');
          ++i;
        } else if (d < 0x80) {
          break;
        } else if (ascii) {
          return kStop;
        } else if (wide_digit_at(i, length)) {
          run_wide = true;
          i += length;
        } else {
          break;
        }
      }
      run_value = value;
    } else {
      if (digits && i > start) {
        emit(number_item(start, i));
        start = i;
        open_list();
      }
      digits = false;
      i += c < 0x80 ? 1 : length;
      while (i < n) {
        const auto d = static_cast<unsigned char>(p[i]);
        if (d < 0x80) {
          if (d == '.' || d == '-' || static_cast<unsigned char>(d - '0') < 10) break;
          ++i;
        } else if (ascii) {
          return kStop;
        } else if (wide_digit_at(i, length)) {
          break;
        } else {
          i += length;
        }
      }
    }
  }
  if (n > start) {
    if (!digits && o != list) open_list();
    emit(digits ? number_item(start, n) : string_item(start, n, false));
  }
  // normalize(): the innermost list's trailing nulls, then the lists left empty.
  trim();
  while (o > out && o[-1].kind == Kind::list) --o;
  items.set_size(static_cast<std::size_t>(o - out));
  return static_cast<std::size_t>(o - out);
}

int compare_numbers(std::uint64_t a, std::uint64_t b) { return a < b ? -1 : a > b ? 1 : 0; }

}  // namespace

void Version::assign(std::string_view text) {
  bool uses_text = false;
  if (parse_items(text.data(), text.size(), nullptr, items_, uses_text) != static_cast<std::size_t>(-1)) {
    // Items refer to the text by offset, and ASCII lower-casing keeps offsets.
    if (uses_text) {
      lower_ascii_into(text, text_.resize(text.size()));
    } else {
      text_.clear();
    }
    return;
  }
  thread_local std::string work;  // the lower-cased text, then BigIntegers re-encoded
  lower_into(text, work);
  work.reserve(2 * work.size() + 1);  // room for re-encoded digits: the pointer parsed stays valid
  parse_items(work.data(), work.size(), &work, items_, uses_text);
  if (uses_text) {
    text_.assign(work);
  } else {
    text_.clear();
  }
}

int compare(const Version& a, const Version& b) {
  const auto x = a.items();
  const auto y = b.items();
  // ListItem.compareTo, flattened: both sides enter a sub-list together (a list marker is the
  // last item of its list), and a side that ran out compares as null.
  for (std::size_t i = 0;; ++i) {
    if (i == x.size()) return i == y.size() ? 0 : -rest_against_nothing(y, i);
    if (i == y.size()) return rest_against_nothing(x, i);
    const Item& l = x[i];
    const Item& r = y[i];
    if (l.kind != r.kind) return l.kind < r.kind ? -1 : 1;
    int c = 0;
    switch (l.kind) {
      case Kind::integer:
      case Kind::long_integer: c = compare_numbers(l.payload, r.payload); break;
      case Kind::big_integer: {
        const auto ld = a.item_text(l), rd = b.item_text(r);
        c = ld.size() != rd.size() ? (ld.size() < rd.size() ? -1 : 1) : ld.compare(rd);
        break;
      }
      case Kind::string:
        if (l.rank != r.rank) {
          c = l.rank < r.rank ? -1 : 1;
        } else if (l.rank == kUnknown) {
          c = compare_utf16(a.item_text(l), b.item_text(r));
        }
        break;
      case Kind::list: break;
    }
    if (c != 0) return c < 0 ? -1 : 1;
  }
}

void Version::append_canonical(std::string& out) const {
  // ListItem.toString: items joined by '.', a sub-list by '-', each list with its own buffer
  // (a separator only after something was written in that list).
  std::size_t list_start = out.size();
  for (const Item& item : items_) {
    if (item.kind == Kind::list) {
      if (out.size() > list_start) out.push_back('-');
      list_start = out.size();
      continue;
    }
    if (out.size() > list_start) out.push_back('.');
    switch (item.kind) {
      case Kind::integer:
      case Kind::long_integer: {
        char buffer[24];
        const auto end = std::to_chars(buffer, buffer + sizeof buffer, item.payload).ptr;
        out.append(buffer, end);
        break;
      }
      case Kind::big_integer: {
        const auto digits = item_text(item);
        out.append(digits.empty() ? std::string_view("0") : digits);
        break;
      }
      case Kind::string:
        out.append(item.rank == kUnknown ? item_text(item) : kQualifierNames[item.rank]);
        break;
      case Kind::list: break;
    }
  }
}

std::string Version::canonical() const {
  std::string out;
  append_canonical(out);
  return out;
}

}  // namespace tracegate::resolvers::maven
