// SPDX-License-Identifier: Apache-2.0
// Composer versions: VersionParser::normalize, PHP's version_compare, Comparator and
// parseStability. The regular expressions of composer/semver are matched by hand, trying
// alternatives in the order PCRE backtracks through them, so captures come out identical.
#include <algorithm>
#include <climits>
#include <string>

#include "resolvers/composer.hpp"

namespace tracegate::resolvers::composer {

namespace detail {

bool has_at(std::string_view s, std::size_t pos, std::string_view word, bool ci) {
  if (pos > s.size() || s.size() - pos < word.size()) return false;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const char c = s[pos + i];
    if (ci ? lower(c) != lower(word[i]) : c != word[i]) return false;
  }
  return true;
}

std::string_view php_trim(std::string_view s) {
  const auto trimmed = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\0' || c == '\x0B'; };
  while (!s.empty() && trimmed(s.front())) s.remove_prefix(1);
  while (!s.empty() && trimmed(s.back())) s.remove_suffix(1);
  return s;
}

bool append_modifier(const Modifier& m, std::string& out) {
  if (!m.word.empty()) {
    if (m.word == "stable") return false;
    out.push_back('-');
    // expandStability on the lower-cased word.
    const std::size_t at = out.size();
    for (const char c : m.word) out.push_back(detail::lower(c));
    const std::string_view word = std::string_view(out).substr(at);
    const std::string_view expanded = word == "a"                  ? "alpha"
                                      : word == "b"                ? "beta"
                                      : word == "p" || word == "pl" ? "patch"
                                      : word == "rc"               ? "RC"
                                                                   : "";
    if (!expanded.empty()) out.replace(at, std::string::npos, expanded);
    auto number = m.number;
    while (!number.empty() && (number[0] == '.' || number[0] == '-')) number.remove_prefix(1);
    out.append(number);
  }
  if (!m.dev.empty()) out.append("-dev");
  return true;
}

std::optional<std::string_view> alias_source(std::string_view s) {
  const auto plain = [&](std::size_t p) { return p < s.size() && s[p] != ',' && !is_space(s[p]); };
  std::size_t i = 0;
  while (plain(i)) ++i;
  if (i == 0 || i >= s.size() || s[i] != ' ') return std::nullopt;
  std::size_t j = i;
  while (j < s.size() && s[j] == ' ') ++j;
  if (!has_at(s, j, "as", false)) return std::nullopt;
  std::size_t k = j + 2;
  const std::size_t spaces = k;
  while (k < s.size() && s[k] == ' ') ++k;
  if (k == spaces) return std::nullopt;
  std::size_t end = k;
  while (plain(end)) ++end;
  if (end == k || end != s.size()) return std::nullopt;
  return s.substr(0, i);
}

}  // namespace detail

namespace {

using detail::has_at;
using detail::is_digit;
using detail::is_space;
using detail::Modifier;
using detail::append_modifier;

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_alnum(char c) { return is_digit(c) || is_alpha(c); }

std::size_t digits_from(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  while (p < s.size() && is_digit(s[p])) ++p;
  return p - pos;
}

/// Strips `@(?:stable|RC|beta|alpha|dev)$` (any case).
std::string_view strip_stability_flag(std::string_view s) {
  for (const std::string_view word : {"stable", "RC", "beta", "alpha", "dev"}) {
    if (s.size() > word.size() && s[s.size() - word.size() - 1] == '@' &&
        has_at(s, s.size() - word.size(), word, true)) {
      return s.substr(0, s.size() - word.size() - 1);
    }
  }
  return s;
}

/// `^([^,\s+]++)\+[^\s]++$`: drops build metadata.
std::string_view strip_build_metadata(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size() && s[i] != ',' && s[i] != '+' && !is_space(s[i])) ++i;
  if (i == 0 || i + 1 >= s.size() || s[i] != '+') return s;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    if (is_space(s[j])) return s;
  }
  return s.substr(0, i);
}

/// `^v?(\d{1,5})(\.\d++)?(\.\d++)?(\.\d++)?MOD$`, padded to four numbers.
bool normalize_classical(std::string_view s, std::string& out) {
  const std::size_t start = !s.empty() && (s[0] == 'v' || s[0] == 'V') ? 1 : 0;
  // The digit groups cannot give back: a remainder starting with a digit or ".digit" never
  // matches the modifier, so the greedy choice is the only one.
  const std::size_t major = digits_from(s, start);
  if (major == 0 || major > 5) return false;
  std::size_t p = start + major;
  int groups = 1;
  for (; groups < 4 && p + 1 < s.size() && s[p] == '.' && is_digit(s[p + 1]); ++groups) p += 1 + digits_from(s, p + 1);
  const auto write_numbers = [&] {
    out.assign(s.substr(start, p - start));
    out.append(std::string_view(".0.0.0").substr(0, static_cast<std::size_t>(2 * (4 - groups))));
  };
  if (p == s.size()) return write_numbers(), true;
  Modifier m;
  if (!detail::match_modifier(s, p, false, m, [&](std::size_t end) { return end == s.size(); })) return false;
  write_numbers();
  append_modifier(m, out);
  return true;
}

bool is_date_separator(char c) { return c == '.' || c == ':' || c == '-'; }

/// Whether all of `t` matches `\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?`, from `pos` after
/// `reps` two-digit groups.
bool date_body(std::string_view t, std::size_t pos, int reps) {
  if (reps < 6) {
    const bool separator = pos < t.size() && is_date_separator(t[pos]);
    for (std::size_t at : {pos + 1, pos}) {
      if (at == pos + 1 && !separator) continue;
      if (at + 1 < t.size() && is_digit(t[at]) && is_digit(t[at + 1]) && date_body(t, at + 2, reps + 1)) return true;
    }
  }
  if (reps == 0) return false;
  if (pos == t.size()) return true;
  const std::size_t d = is_date_separator(t[pos]) ? pos + 1 : pos;
  const std::size_t n = t.size() - d;
  return n >= 1 && n <= 3 && digits_from(t, d) == n;
}

/// `^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3})?)MOD$`, separators turned into dots.
bool normalize_date(std::string_view s, std::string& out) {
  const std::size_t start = !s.empty() && (s[0] == 'v' || s[0] == 'V') ? 1 : 0;
  if (digits_from(s, start) < 4) return false;
  // The group must end where a digit run ends; the modifier cannot start with "sep digit", so
  // at most one such end lets the rest match, and the order PCRE tries them in is irrelevant.
  std::size_t limit = start;
  while (limit < s.size() && (is_digit(s[limit]) || is_date_separator(s[limit]))) ++limit;
  for (std::size_t q = start + 4; q <= limit; ++q) {
    if (!is_digit(s[q - 1]) || (q < s.size() && is_digit(s[q]))) continue;
    Modifier m;
    if (!date_body(s.substr(start, q - start), 4, 0) ||
        !detail::match_modifier(s, q, false, m, [&](std::size_t end) { return end == s.size(); })) {
      continue;
    }
    out.clear();
    for (std::size_t i = start; i < q; ++i) out.push_back(is_digit(s[i]) ? s[i] : '.');
    append_modifier(m, out);
    return true;
  }
  return false;
}

/// normalizeBranch for a numeric branch ("1.x", "v2.0.*"): "1.9999999.9999999.9999999-dev".
/// Any other name would become "dev-NAME", which normalize rejects for an "x-dev" spelling.
bool normalize_numeric_branch(std::string_view name, std::string& out) {
  name = detail::php_trim(name);
  std::size_t p = !name.empty() && (name[0] == 'v' || name[0] == 'V') ? 1 : 0;
  const std::size_t major = digits_from(name, p);
  if (major == 0) return false;
  out.assign(name.substr(p, major));
  p += major;
  int groups = 1;
  for (; groups < 4 && p + 1 < name.size() && name[p] == '.'; ++groups) {
    const char c = name[p + 1];
    if (c == 'x' || c == 'X' || c == '*') {
      out.append(".9999999");
      p += 2;
    } else {
      const std::size_t n = digits_from(name, p + 1);
      if (n == 0) break;
      out.append(name.substr(p, n + 1));
      p += n + 1;
    }
  }
  if (p != name.size()) return false;
  for (; groups < 4; ++groups) out.append(".9999999");
  out.append("-dev");
  return true;
}

}  // namespace

bool normalize_into(std::string_view version, std::string& out) {
  auto v = detail::php_trim(version);
  // One pass tells which of the rewriting patterns can apply at all.
  bool space = false, at = false, plus = false;
  for (const char c : v) {
    space |= is_space(c);
    at |= c == '@';
    plus |= c == '+';
  }
  if (space) {
    if (const auto source = detail::alias_source(v)) v = *source;
  }
  if (at) v = strip_stability_flag(v);
  if (v.size() >= 4 && v.size() <= 7 && (v == "master" || v == "trunk" || v == "default")) {
    out.assign("dev-").append(v);
    return true;
  }
  if (has_at(v, 0, "dev-", true)) {
    out.assign("dev-").append(v.substr(4));
    return true;
  }
  if (plus) v = strip_build_metadata(v);
  if (normalize_classical(v, out) || normalize_date(v, out)) return true;
  // `(.*?)[.-]?dev$`: the lazy group stops before a separator in front of "dev".
  if (v.size() >= 3 && has_at(v, v.size() - 3, "dev", true)) {
    const std::size_t cut = v.size() >= 4 && (v[v.size() - 4] == '.' || v[v.size() - 4] == '-') ? 4 : 3;
    if (normalize_numeric_branch(v.substr(0, v.size() - cut), out)) return true;
  }
  return false;
}

core::Result<std::string> normalize(std::string_view version) {
  std::string out;
  if (!normalize_into(version, out)) return core::fail("Invalid version string \"" + std::string(version) + "\"");
  return out;
}

// ---------------------------------------------------------------------------------------------
// PHP's version_compare (ext/standard/versioning.c), byte for byte.

namespace {

/// compare_special_version_forms' rank of a non-numeric part, matched as a prefix.
int special_form(std::string_view form) {
  static constexpr std::pair<std::string_view, int> kForms[] = {
      {"dev", 0}, {"alpha", 1}, {"a", 1}, {"beta", 2}, {"b", 2}, {"RC", 3}, {"rc", 3}, {"#", 4}, {"pl", 5}, {"p", 5}};
  for (const auto& [name, order] : kForms) {
    if (form.starts_with(name)) return order;
  }
  return -1;
}

int sign(long long v) { return v < 0 ? -1 : v > 0 ? 1 : 0; }

/// php_canonicalize_version: the first byte verbatim, then "-_+" and other symbols become one
/// '.', and a '.' goes between digits and non-digits (a symbol right after a digit is kept).
void canonicalize(std::string_view v, std::string& out) {
  out.clear();
  if (v.empty()) return;
  const auto digit = [](char c) { return is_digit(c); };
  const auto non_digit = [](char c) { return !is_digit(c) && c != '.'; };
  char lp = v[0];
  out.push_back(lp);
  for (std::size_t i = 1; i < v.size(); ++i) {
    const char c = v[i];
    const char lq = out.back();
    if (c == '-' || c == '_' || c == '+') {
      if (lq != '.') out.push_back('.');
    } else if ((non_digit(lp) && digit(c)) || (digit(lp) && non_digit(c))) {
      if (lq != '.') out.push_back('.');
      out.push_back(c);
    } else if (!is_alnum(c)) {
      if (lq != '.') out.push_back('.');
    } else {
      out.push_back(c);
    }
    lp = c;
  }
}

/// strtol on a part starting with a digit: saturates at LONG_MAX.
long part_number(std::string_view p) {
  long value = 0;
  for (const char c : p) {
    if (!is_digit(c)) break;
    const int d = c - '0';
    value = value > (LONG_MAX - d) / 10 ? LONG_MAX : value * 10 + d;
  }
  return value;
}

std::string_view c_string(std::string_view s) { return s.substr(0, s.find('\0')); }

int version_compare_canonical(std::string_view v1, std::string_view v2);

int version_compare_raw(std::string_view a, std::string_view b) {
  if (a.empty() || b.empty()) return a.empty() && b.empty() ? 0 : a.empty() ? -1 : 1;
  std::string ca, cb;
  if (a[0] == '#') ca.assign(a); else canonicalize(a, ca);
  if (b[0] == '#') cb.assign(b); else canonicalize(b, cb);
  return version_compare_canonical(ca, cb);
}

/// The comparison loop on canonical strings; the C code's n1/n2 "more parts follow" pointers
/// are the `more` flags here.
int version_compare_canonical(std::string_view v1, std::string_view v2) {
  std::size_t p1 = 0, p2 = 0;
  bool more1 = true, more2 = true;
  int compare = 0;
  while (p1 < v1.size() && p2 < v2.size() && more1 && more2) {
    const auto dot1 = v1.find('.', p1), dot2 = v2.find('.', p2);
    more1 = dot1 != std::string_view::npos;
    more2 = dot2 != std::string_view::npos;
    const auto part1 = v1.substr(p1, more1 ? dot1 - p1 : std::string_view::npos);
    const auto part2 = v2.substr(p2, more2 ? dot2 - p2 : std::string_view::npos);
    const bool d1 = !part1.empty() && is_digit(part1[0]), d2 = !part2.empty() && is_digit(part2[0]);
    if (d1 && d2) {
      compare = sign(static_cast<long long>(part_number(part1)) - part_number(part2));
    } else if (!d1 && !d2) {
      compare = sign(special_form(part1) - special_form(part2));
    } else {
      compare = d1 ? sign(special_form("#N#") - special_form(part2)) : sign(special_form(part1) - special_form("#N#"));
    }
    if (compare != 0) break;
    if (more1) p1 = dot1 + 1;
    if (more2) p2 = dot2 + 1;
  }
  if (compare == 0) {
    if (more1) {
      compare = p1 < v1.size() && is_digit(v1[p1]) ? 1 : version_compare_raw(v1.substr(p1), "#N#");
    } else if (more2) {
      compare = p2 < v2.size() && is_digit(v2[p2]) ? -1 : version_compare_raw("#N#", v2.substr(p2));
    }
  }
  return compare;
}

}  // namespace

int php_version_compare(std::string_view a, std::string_view b) { return version_compare_raw(c_string(a), c_string(b)); }

// ---------------------------------------------------------------------------------------------
// The same order on normalized versions, streamed.

namespace {

/// special_form for a run of letters, decided on its first bytes.
int word_rank(const char* p, const char* end) {
  switch (p[0]) {
    case 'a': return 1;
    case 'b': return 2;
    case 'p': return 5;
    case 'd': return end - p >= 3 && p[1] == 'e' && p[2] == 'v' ? 0 : -1;
    case 'R': return end - p >= 2 && p[1] == 'C' ? 3 : -1;
    case 'r': return end - p >= 2 && p[1] == 'c' ? 3 : -1;
    default: return -1;
  }
}

/// One part of a normalized version (digits, ASCII letters, '.', '-', '+'), where every part is
/// a maximal run of digits or of letters: a number (rank 4, like PHP's "#N#") or a ranked word.
struct Part {
  int rank;
  unsigned long long value;
};

/// Reads the part at `p`, skipping separators; false at the end.
bool next_part(const char*& p, const char* end, Part& part) {
  while (p != end && !is_alnum(*p)) ++p;
  if (p == end) return false;
  const char* start = p;
  if (is_digit(*p)) {
    unsigned long long value = 0;
    while (p != end && is_digit(*p)) value = value * 10 + static_cast<unsigned>(*p++ - '0');
    if (p - start > 18) {  // strtol saturates at LONG_MAX; redo the long ones with care
      value = 0;
      for (const char* q = start; q != p; ++q) {
        const unsigned d = static_cast<unsigned>(*q - '0');
        value = value > (static_cast<unsigned long long>(LONG_MAX) - d) / 10 ? LONG_MAX : value * 10 + d;
      }
    }
    part = {4, value};
  } else {
    while (p != end && is_alpha(*p)) ++p;
    part = {word_rank(start, p), 0};
  }
  return true;
}

}  // namespace

int compare_versions(std::string_view a, std::string_view b) {
  // Identical leading parts compare equal: start after the last separator both share.
  const std::size_t common = std::min(a.size(), b.size());
  std::size_t same = 0;
  while (same < common && a[same] == b[same]) ++same;
  if (same == a.size() && same == b.size()) return 0;
  while (same > 0 && is_alnum(a[same - 1])) --same;
  const char *pa = a.data() + same, *pb = b.data() + same;
  const char *ea = a.data() + a.size(), *eb = b.data() + b.size();
  Part x{}, y{};
  for (;;) {
    const bool has_x = next_part(pa, ea, x), has_y = next_part(pb, eb, y);
    // A missing part sits above every word ranked below '#' and below every number.
    if (!has_x || !has_y) {
      if (has_x) return x.rank > 3 ? 1 : -1;
      if (has_y) return y.rank > 3 ? -1 : 1;
      return 0;
    }
    if (x.rank != y.rank) return x.rank < y.rank ? -1 : 1;
    if (x.value != y.value) return x.value < y.value ? -1 : 1;
  }
}

Relation compare(std::string_view a, std::string_view b) {
  const bool a_branch = is_branch(a), b_branch = is_branch(b);
  if (a_branch && b_branch) return a == b ? Relation::equal : Relation::unrelated;
  // Comparator compares a branch with version_compare: its first part "dev" ranks below the
  // number every other normalized version starts with, so the branch is lower.
  if (a_branch) return Relation::less;
  if (b_branch) return Relation::greater;
  const int order = compare_versions(a, b);
  return order < 0 ? Relation::less : order > 0 ? Relation::greater : Relation::equal;
}

// ---------------------------------------------------------------------------------------------
// Stability

Stability parse_stability(std::string_view version) {
  // `#.+$` goes first: from the first '#' that has something after it.
  if (const auto hash = version.find('#'); hash != std::string_view::npos && hash + 1 < version.size()) {
    version = version.substr(0, hash);
  }
  if (version.starts_with("dev-") || version.ends_with("-dev")) return Stability::dev;
  // The pattern runs with /i on strtolower(version): case-insensitively on the version itself.
  const std::string_view s = version;
  // Unanchored `MOD(?:\+.*)?$`: the leftmost start where the modifier reaches the end or a '+'.
  Modifier m;
  for (std::size_t start = 0; start <= s.size(); ++start) {
    if (!detail::match_modifier(s, start, false, m,
                                [&](std::size_t end) { return end == s.size() || s[end] == '+'; })) {
      continue;
    }
    const auto is = [&](std::string_view word) { return m.word.size() == word.size() && has_at(m.word, 0, word, true); };
    if (!m.dev.empty()) return Stability::dev;
    if (is("beta") || is("b")) return Stability::beta;
    if (is("alpha") || is("a")) return Stability::alpha;
    if (is("rc")) return Stability::rc;
    return Stability::stable;
  }
  return Stability::stable;
}

std::string_view to_string(Stability stability) {
  switch (stability) {
    case Stability::stable: return "stable";
    case Stability::rc: return "RC";
    case Stability::beta: return "beta";
    case Stability::alpha: return "alpha";
    case Stability::dev: return "dev";
  }
  return "stable";
}

std::optional<Stability> stability_from_name(std::string_view name) {
  for (const auto s : {Stability::stable, Stability::rc, Stability::beta, Stability::alpha, Stability::dev}) {
    if (name.size() == to_string(s).size() && has_at(name, 0, to_string(s), true)) return s;
  }
  return std::nullopt;
}

bool stability_allows(std::string_view normalized_version, std::optional<Stability> flag, Stability minimum) {
  const auto stability = parse_stability(normalized_version);
  return stability <= (flag ? *flag : minimum);
}

}  // namespace tracegate::resolvers::composer
