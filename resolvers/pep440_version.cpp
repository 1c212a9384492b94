// SPDX-License-Identifier: Apache-2.0
// PEP 440 versions exactly as packaging 23.0's `Version` parses, prints and orders them.
//
// The parser is a hand-written backtracking matcher for packaging's VERSION_PATTERN (compiled
// there with re.VERBOSE | re.IGNORECASE): every optional group and alternative is tried in the
// order Python's regex engine tries it, so the captured groups are the ones packaging gets.
// re.IGNORECASE on a str pattern also lets U+0130/U+0131 match `i`, U+017F match `s` and
// U+212A match `k`; `\s` is Python's Unicode whitespace. Both are reproduced here (UTF-8).

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

#include <fmt/format.h>

#include "resolvers/pep440.hpp"
#include "resolvers/pep440_detail.hpp"

namespace tracegate::resolvers::pep440 {
namespace detail {
namespace {

constexpr std::size_t npos = std::string_view::npos;

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }
constexpr bool is_sep(char c) noexcept { return c == '-' || c == '_' || c == '.'; }

inline unsigned char byte(std::string_view text, std::size_t pos) noexcept {
  return static_cast<unsigned char>(text[pos]);
}

/// The ASCII letter or digit that the character at `pos` matches under re.IGNORECASE (for the
/// letters packaging's patterns use), with its byte length; {0, 0} when it matches none.
struct Folded {
  char c = 0;
  std::size_t len = 0;
};

Folded fold_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return {};
  const unsigned char b0 = byte(text, pos);
  if (b0 < 0x80) {
    const char c = static_cast<char>(b0);
    if (c >= 'A' && c <= 'Z') return {static_cast<char>(c - 'A' + 'a'), 1};
    if ((c >= 'a' && c <= 'z') || is_digit(c)) return {c, 1};
    return {};
  }
  if (pos + 1 < text.size()) {
    const unsigned char b1 = byte(text, pos + 1);
    if (b0 == 0xC4 && (b1 == 0xB0 || b1 == 0xB1)) return {'i', 2};  // U+0130, U+0131
    if (b0 == 0xC5 && b1 == 0xBF) return {'s', 2};                   // U+017F long s
    if (b0 == 0xE2 && b1 == 0x84 && pos + 2 < text.size() && byte(text, pos + 2) == 0xAA) {
      return {'k', 3};  // U+212A Kelvin sign
    }
  }
  return {};
}

/// End of `word` (lowercase ASCII) matched case-insensitively at `pos`, or npos.
std::size_t match_word(std::string_view text, std::size_t pos, std::string_view word) noexcept {
  for (const char w : word) {
    const Folded f = fold_at(text, pos);
    if (f.len == 0 || f.c != w) return npos;
    pos += f.len;
  }
  return pos;
}

/// End of the run of ASCII digits starting at `pos`. Queries carry numbers of 40+ digits, so
/// runs are scanned eight bytes at a time: a byte is flagged when it is below '0' (the
/// subtraction borrows) or above '9' (the addition sets its top bit). Carries and borrows only
/// start at a flagged byte and move towards later bytes, so the lowest flag is exact.
std::size_t digits_end(std::string_view text, std::size_t pos) noexcept {
  const char* data = text.data();
  const std::size_t n = text.size();
  while (pos + 8 <= n) {
    std::uint64_t x;
    std::memcpy(&x, data + pos, 8);
    const std::uint64_t flags =
        ((x + 0x4646464646464646ULL) | (x - 0x3030303030303030ULL)) & 0x8080808080808080ULL;
    if constexpr (std::endian::native == std::endian::little) {
      if (flags != 0) return pos + static_cast<std::size_t>(std::countr_zero(flags) / 8);
    } else {
      if (flags != 0) break;
    }
    pos += 8;
  }
  while (pos < n && is_digit(data[pos])) ++pos;
  return pos;
}

bool sep_at(std::string_view text, std::size_t pos) noexcept {
  return pos < text.size() && is_sep(text[pos]);
}

/// How an optional `[-_.]?label[-_.]?([0-9]+)?` group matched.
struct Letter {
  std::size_t end = 0;
  bool present = false;
  std::size_t label_b = 0, label_e = 0;
  std::size_t num_b = 0, num_e = 0;  // empty: no number
};

/// Matches `[-_.]?(labels)[-_.]?([0-9]+)?` at `pos` the way Python's backtracking ends up matching
/// it inside VERSION_PATTERN. That is deterministic: the longest label wins (a shorter one leaves
/// letters nothing after it can match), a separator after the label is always taken (leaving it
/// for the next group never matches more), and so is every digit after it (nothing after the
/// group starts with a digit). `labels` is ordered longest first where one is a prefix of another.
template <std::size_t N>
Letter match_letter(std::string_view text, std::size_t pos, const std::array<std::string_view, N>& labels) noexcept {
  const std::size_t q = sep_at(text, pos) ? pos + 1 : pos;
  // Most versions have no label here: rule out every label on its first character at once.
  const char first = fold_at(text, q).c;
  if (first == 0) return Letter{pos, false};
  for (const std::string_view label : labels) {
    if (label[0] != first) continue;
    const std::size_t r = match_word(text, q, label);
    if (r == npos) continue;
    const std::size_t t = sep_at(text, r) ? r + 1 : r;
    const std::size_t d = digits_end(text, t);
    return Letter{d, true, q, r, t, d};
  }
  return Letter{pos, false};
}

constexpr std::array<std::string_view, 8> kPreLabels = {"alpha", "a", "beta", "b", "c", "rc", "preview", "pre"};
constexpr std::array<std::string_view, 3> kPostLabels = {"post", "rev", "r"};
constexpr std::array<std::string_view, 1> kDevLabels = {"dev"};

/// End of a local label `[a-z0-9]+(?:[-_.][a-z0-9]+)*` at `pos` (just after the `+`), or npos.
std::size_t local_end(std::string_view text, std::size_t pos) noexcept {
  std::size_t end = npos;
  for (;;) {
    std::size_t p = pos;
    while (true) {
      const Folded f = fold_at(text, p);
      if (f.len == 0) break;
      p += f.len;
    }
    if (p == pos) return end;
    end = p;
    if (!sep_at(text, p)) return end;
    pos = p + 1;
  }
}

std::string_view trim_zeros(std::string_view digits) noexcept {
  std::size_t i = 0;
  while (i + 1 < digits.size() && digits[i] == '0') ++i;
  return digits.substr(i);
}

std::string normalize_number(std::string_view digits) { return std::string(trim_zeros(digits)); }

/// Where match_version found the release segments, so fill_numbers need not scan the digits
/// again. Only the first kMaxSegments ends are kept; longer releases are re-scanned past them.
struct ReleaseSpans {
  static constexpr std::size_t kMaxSegments = 16;
  std::size_t begin = 0, end = 0, segments = 0;
  std::array<std::size_t, kMaxSegments> ends;  // only the first min(segments, kMaxSegments) are set
};

/// Epoch and release of `out` from the matched spans; every suffix field cleared.
void fill_numbers(Version& out, std::string_view text, std::size_t epoch_b, std::size_t epoch_e,
                  const ReleaseSpans& release) {
  // `out` may hold an earlier parse (callers reuse it): clear what a plain release lacks.
  out.pre.reset();
  out.post.reset();
  out.post_long_s = false;
  out.dev.reset();
  out.local.clear();
  if (epoch_e > epoch_b) {
    out.epoch.assign(trim_zeros(text.substr(epoch_b, epoch_e - epoch_b)));
  } else {
    out.epoch.assign("0");
  }
  out.release.resize(release.segments);
  std::size_t i = release.begin;
  for (std::size_t k = 0; k < release.segments; ++k) {
    const std::size_t e = k < ReleaseSpans::kMaxSegments ? release.ends[k] : digits_end(text, i);
    out.release[k].assign(trim_zeros(text.substr(i, e - i)));
    i = e + 1;
  }
}

/// Python's `str.lower()` of a matched label or local segment (only ASCII letters, digits and the
/// four non-ASCII characters re.IGNORECASE folds onto them can occur).
void append_lower(std::string& out, std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char b0 = byte(text, i);
    if (b0 < 0x80) {
      const char c = text[i];
      out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
      ++i;
      continue;
    }
    if (b0 == 0xC4 && i + 1 < text.size() && byte(text, i + 1) == 0xB0) {
      out += "i\xCC\x87";  // 'İ'.lower() == 'i' + U+0307
      i += 2;
      continue;
    }
    if (b0 == 0xE2 && i + 2 < text.size() && byte(text, i + 1) == 0x84 && byte(text, i + 2) == 0xAA) {
      out.push_back('k');
      i += 3;
      continue;
    }
    out.push_back(text[i]);
    ++i;
  }
}

std::string normalize_letter(std::string_view label) {
  std::string lower;
  append_lower(lower, label);
  if (lower == "alpha") return "a";
  if (lower == "beta") return "b";
  if (lower == "c" || lower == "pre" || lower == "preview") return "rc";
  if (lower == "rev" || lower == "r") return "post";
  return lower;
}

bool all_digits(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

/// Trailing zero components are ignored when releases are compared.
std::size_t significant_length(const std::vector<std::string>& release) noexcept {
  std::size_t n = release.size();
  while (n > 0 && release[n - 1] == "0") --n;
  return n;
}

}  // namespace

std::size_t space_at(std::string_view text, std::size_t pos) noexcept {
  if (pos >= text.size()) return 0;
  const unsigned char b0 = byte(text, pos);
  if (b0 < 0x80) {
    return ((b0 >= 0x09 && b0 <= 0x0D) || (b0 >= 0x1C && b0 <= 0x20)) ? 1 : 0;
  }
  const auto at = [&](std::size_t k) -> int { return pos + k < text.size() ? byte(text, pos + k) : -1; };
  if (b0 == 0xC2) return (at(1) == 0x85 || at(1) == 0xA0) ? 2 : 0;
  if (b0 == 0xE1) return (at(1) == 0x9A && at(2) == 0x80) ? 3 : 0;  // U+1680
  if (b0 == 0xE2) {
    if (at(1) == 0x80) {
      const int b2 = at(2);
      return ((b2 >= 0x80 && b2 <= 0x8A) || b2 == 0xA8 || b2 == 0xA9 || b2 == 0xAF) ? 3 : 0;
    }
    return (at(1) == 0x81 && at(2) == 0x9F) ? 3 : 0;  // U+205F
  }
  if (b0 == 0xE3) return (at(1) == 0x80 && at(2) == 0x80) ? 3 : 0;  // U+3000
  return 0;
}

std::size_t space_before(std::string_view text, std::size_t end) noexcept {
  for (std::size_t len = 1; len <= 3 && len <= end; ++len) {
    if (space_at(text, end - len) == len) return len;
  }
  return 0;
}

std::string_view strip(std::string_view text) noexcept {
  std::size_t b = 0;
  while (const std::size_t n = space_at(text, b)) b += n;
  std::size_t e = text.size();
  while (e > b) {
    const std::size_t n = space_before(text, e);
    if (n == 0) break;
    e -= n;
  }
  return text.substr(b, e - b);
}

const char* match_version(std::string_view text, const Grammar& grammar, Version& out) {
  const std::size_t n = text.size();
  std::size_t pos = 0;
  if (pos < n && (text[pos] == 'v' || text[pos] == 'V')) ++pos;

  std::size_t epoch_b = 0, epoch_e = 0;
  std::size_t d = digits_end(text, pos);
  if (d == pos) return "not a valid version";
  if (d < n && text[d] == '!') {
    epoch_b = pos;
    epoch_e = d;
    pos = d + 1;
    d = digits_end(text, pos);
    if (d == pos) return "not a valid version";
  }
  ReleaseSpans release;
  release.begin = pos;
  release.ends[0] = d;
  pos = d;
  std::size_t segments = 1;
  while (pos + 1 < n && text[pos] == '.' && is_digit(text[pos + 1])) {
    pos = digits_end(text, pos + 1);
    if (segments < ReleaseSpans::kMaxSegments) release.ends[segments] = pos;
    ++segments;
  }
  release.end = pos;
  release.segments = segments;

  if (pos == n) {  // fast path: a plain release
    if (segments < grammar.min_release) return "needs at least two release segments";
    fill_numbers(out, text, epoch_b, epoch_e, release);
    return nullptr;
  }

  const Letter pre = match_letter(text, pos, kPreLabels);
  pos = pre.end;
  // post: `-N` (an implicit post release) or a labelled spelling.
  Letter post;
  std::size_t post_n1_b = 0, post_n1_e = 0;
  if (pos + 1 < n && text[pos] == '-' && is_digit(text[pos + 1])) {
    post_n1_b = pos + 1;
    post_n1_e = digits_end(text, pos + 1);
    post.end = post_n1_e;
  } else {
    post = match_letter(text, pos, kPostLabels);
  }
  pos = post.end;
  const Letter dev = match_letter(text, pos, kDevLabels);
  pos = dev.end;
  std::size_t local_b = 0, local_e = 0;
  if (pos < n) {
    if (text[pos] != '+' || local_end(text, pos + 1) != n) return "not a valid version";
    local_b = pos + 1;
    local_e = n;
  }
  if (segments < grammar.min_release) return "needs at least two release segments";
  if (local_e > local_b && !grammar.allow_local) return "local versions are not allowed here";

  Version& v = out;
  fill_numbers(v, text, epoch_b, epoch_e, release);
  if (pre.present) {
    v.pre.emplace(normalize_letter(text.substr(pre.label_b, pre.label_e - pre.label_b)),
                  pre.num_e > pre.num_b ? normalize_number(text.substr(pre.num_b, pre.num_e - pre.num_b)) : "0");
  }
  if (post.present) {
    v.post = post.num_e > post.num_b ? normalize_number(text.substr(post.num_b, post.num_e - post.num_b)) : "0";
    v.post_long_s = normalize_letter(text.substr(post.label_b, post.label_e - post.label_b)) != "post";
  } else if (post_n1_e > post_n1_b) {
    v.post = normalize_number(text.substr(post_n1_b, post_n1_e - post_n1_b));
  }
  if (dev.present) {
    v.dev = dev.num_e > dev.num_b ? normalize_number(text.substr(dev.num_b, dev.num_e - dev.num_b)) : "0";
  }
  if (local_e > local_b) {
    std::size_t i = local_b;
    while (i <= local_e) {
      std::size_t e = i;
      while (e < local_e && !is_sep(text[e])) ++e;
      const std::string_view part = text.substr(i, e - i);
      if (all_digits(part)) {
        v.local.push_back(normalize_number(part));
      } else {
        std::string lower;
        append_lower(lower, part);
        v.local.push_back(std::move(lower));
      }
      i = e + 1;
    }
  }
  return nullptr;
}

bool is_release_only(std::string_view text) noexcept {
  std::size_t pos = 0;
  const std::size_t n = text.size();
  if (pos < n && (text[pos] == 'v' || text[pos] == 'V')) ++pos;
  std::size_t d = digits_end(text, pos);
  if (d == pos) return false;
  if (d < n && text[d] == '!') {
    pos = d + 1;
    d = digits_end(text, pos);
    if (d == pos) return false;
  }
  pos = d;
  while (pos < n) {
    if (text[pos] != '.') return false;
    d = digits_end(text, pos + 1);
    if (d == pos + 1) return false;
    pos = d;
  }
  return true;
}

std::strong_ordering compare_number(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return a.size() <=> b.size();
  const int c = a.compare(b);
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

std::string canonicalize(const Version& v, bool strip_trailing_zero, bool with_local) {
  std::string out;
  if (v.epoch != "0") {
    out += v.epoch;
    out += '!';
  }
  std::size_t count = v.release.size();
  if (strip_trailing_zero) {
    while (count > 1 && v.release[count - 1] == "0") --count;
  }
  for (std::size_t i = 0; i < count; ++i) {
    if (i > 0) out += '.';
    out += v.release[i];
  }
  if (v.pre) {
    out += v.pre->first;
    out += v.pre->second;
  }
  if (v.post) {
    out += ".post";
    out += *v.post;
  }
  if (v.dev) {
    out += ".dev";
    out += *v.dev;
  }
  if (with_local && !v.local.empty()) {
    out += '+';
    for (std::size_t i = 0; i < v.local.size(); ++i) {
      if (i > 0) out += '.';
      out += v.local[i];
    }
  }
  return out;
}

std::string canonicalize(std::string_view text, bool strip_trailing_zero) {
  Version v;
  if (match_version(strip(text), Grammar{}, v) != nullptr) return std::string(text);
  return canonicalize(v, strip_trailing_zero);
}

std::string python_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  append_lower(out, text);
  return out;
}

bool same_base(const Version& a, const Version& b) noexcept {
  if (a.epoch != b.epoch) return false;
  const std::size_t na = significant_length(a.release);
  if (na != significant_length(b.release)) return false;
  for (std::size_t i = 0; i < na; ++i) {
    if (a.release[i] != b.release[i]) return false;
  }
  return true;
}

}  // namespace detail

core::Result<Version> parse_version(std::string_view text) {
  core::Result<Version> result(std::in_place);
  if (detail::match_version(detail::strip(text), detail::Grammar{}, *result) != nullptr) {
    return core::fail(fmt::format("'{}' is not a valid PEP 440 version", text));
  }
  return result;
}

bool parse_version_into(std::string_view text, Version& out) {
  return detail::match_version(detail::strip(text), detail::Grammar{}, out) == nullptr;
}

std::string to_string(const Version& version) { return detail::canonicalize(version, false); }

namespace {

/// packaging's `_cmpkey` ordering; `a_public` reads `a` as `Version(a.public)` would parse.
std::strong_ordering compare_impl(const Version& a, const Version& b, bool a_public) noexcept {
  using detail::compare_number;
  if (auto c = compare_number(a.epoch, b.epoch); c != 0) return c;

  const std::size_t na = detail::significant_length(a.release);
  const std::size_t nb = detail::significant_length(b.release);
  for (std::size_t i = 0; i < na && i < nb; ++i) {
    if (auto c = compare_number(a.release[i], b.release[i]); c != 0) return c;
  }
  if (na != nb) return na <=> nb;

  // pre: dev-only versions sort first (-inf), then pre-releases, then everything else (+inf).
  const auto pre_rank = [](const Version& v) { return (!v.pre && !v.post && v.dev) ? 0 : v.pre ? 1 : 2; };
  const int ra = pre_rank(a);
  const int rb = pre_rank(b);
  if (ra != rb) return ra <=> rb;
  if (ra == 1) {
    if (auto c = a.pre->first.compare(b.pre->first); c != 0) return c <=> 0;
    if (auto c = compare_number(a.pre->second, b.pre->second); c != 0) return c;
  }

  // post: absent sorts first.
  if (a.post.has_value() != b.post.has_value()) return a.post.has_value() <=> b.post.has_value();
  if (a.post) {
    const bool a_long_s = a.post_long_s && !a_public;
    if (a_long_s != b.post_long_s) return a_long_s <=> b.post_long_s;  // "post" < "poſt"
    if (auto c = compare_number(*a.post, *b.post); c != 0) return c;
  }

  // dev: absent sorts last.
  if (a.dev.has_value() != b.dev.has_value()) return b.dev.has_value() <=> a.dev.has_value();
  if (a.dev) {
    if (auto c = compare_number(*a.dev, *b.dev); c != 0) return c;
  }

  // local: absent sorts first; alphanumeric segments before numeric ones; shorter prefix first.
  const std::size_t la = a_public ? 0 : a.local.size();
  const std::size_t lb = b.local.size();
  for (std::size_t i = 0; i < la && i < lb; ++i) {
    const bool da = detail::all_digits(a.local[i]);
    const bool db = detail::all_digits(b.local[i]);
    if (da != db) return da <=> db;
    if (da) {
      if (auto c = compare_number(a.local[i], b.local[i]); c != 0) return c;
    } else if (auto c = a.local[i].compare(b.local[i]); c != 0) {
      return c <=> 0;
    }
  }
  return la <=> lb;
}

}  // namespace

std::strong_ordering compare(const Version& a, const Version& b) { return compare_impl(a, b, false); }

std::strong_ordering detail::compare_public(const Version& a, const Version& b) noexcept {
  return compare_impl(a, b, true);
}

Version public_part(const Version& version) {
  Version v = version;
  v.local.clear();
  v.post_long_s = false;
  return v;
}

}  // namespace tracegate::resolvers::pep440
