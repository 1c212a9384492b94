// SPDX-License-Identifier: Apache-2.0
// Composer constraints: VersionParser::parseConstraints (splitting, every operator, the "-dev"
// bound tricks, MultiConstraint::create's merging of touching ranges), their compilation into
// version sets, Semver::satisfies, and the stability flags a requirement carries.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <string>

#include "resolvers/composer.hpp"

namespace tracegate::resolvers::composer {

namespace {

using detail::has_at;
using detail::is_digit;
using detail::is_space;
using detail::Modifier;

std::size_t digits_from(std::string_view s, std::size_t pos) {
  std::size_t p = pos;
  while (p < s.size() && is_digit(s[p])) ++p;
  return p - pos;
}
bool is_x(char c) { return c == 'x' || c == 'X' || c == '*'; }

// ---------------------------------------------------------------------------------------------
// Splitting

/// preg_split('{\s*\|\|?\s*}', s): the OR parts, empty ones included.
template <class Visit>
bool split_or(std::string_view s, Visit&& visit) {
  std::size_t last = 0;
  for (auto bar = s.find('|'); bar != std::string_view::npos; bar = s.find('|', last)) {
    std::size_t start = bar;
    while (start > last && is_space(s[start - 1])) --start;
    std::size_t end = bar + 1;
    if (end < s.size() && s[end] == '|') ++end;
    while (end < s.size() && is_space(s[end])) ++end;
    if (!visit(s.substr(last, start - last))) return false;
    last = end;
  }
  return visit(s.substr(last));
}

/// Where a match of the AND separator `(?<!^|as|[=>< ,]) *(?<!-)[, ](?!-) *(?!,|as|$)` that
/// starts at `i` ends, trying the space runs greedily first as PCRE does; npos when none.
std::size_t and_separator_end(std::string_view s, std::size_t i) {
  if (i == 0 || (i >= 2 && s[i - 2] == 'a' && s[i - 1] == 's')) return std::string_view::npos;
  switch (s[i - 1]) {
    case '=': case '>': case '<': case ' ': case ',': return std::string_view::npos;
    default: break;
  }
  std::size_t spaces = 0;
  while (i + spaces < s.size() && s[i + spaces] == ' ') ++spaces;
  for (std::size_t k = spaces + 1; k-- > 0;) {
    const std::size_t p = i + k;
    if (p >= s.size() || (s[p] != ',' && s[p] != ' ') || s[p - 1] == '-') continue;
    if (p + 1 < s.size() && s[p + 1] == '-') continue;
    std::size_t after = p + 1;
    while (after < s.size() && s[after] == ' ') ++after;
    for (std::size_t q = after + 1; q-- > p + 1;) {
      if (q == s.size() || s[q] == ',' || has_at(s, q, "as", false)) continue;
      return q;
    }
  }
  return std::string_view::npos;
}

/// preg_split of one OR part on the AND separator.
template <class Visit>
bool split_and(std::string_view s, Visit&& visit) {
  std::size_t last = 0;
  for (std::size_t i = 0; i < s.size();) {
    // A match starts with spaces or the separator itself.
    const std::size_t end = s[i] == ' ' || s[i] == ',' ? and_separator_end(s, i) : std::string_view::npos;
    if (end == std::string_view::npos) {
      ++i;
      continue;
    }
    if (!visit(s.substr(last, i - last))) return false;
    last = i = end;
  }
  return visit(s.substr(last));
}

// ---------------------------------------------------------------------------------------------
// The version part of the operator patterns

/// The captures of parseConstraint's `$versionRegex`:
/// `v?(\d++)(?:\.(\d++))?(?:\.(\d++))?(?:\.(\d++))?(?:MOD|\.([xX*][.-]?dev))(?:\+[^\s]+)?`.
struct VersionMatch {
  std::array<std::string_view, 4> numbers;  ///< groups 1-4, "" when absent
  Modifier modifier;                        ///< groups 5-7
  std::string_view x_dev;                   ///< group 8 ("x-dev")
  std::size_t end = 0;                      ///< after the build metadata
};

/// Matches `$versionRegex` (case-insensitively) at `pos`, followed by whatever `rest` accepts.
/// The number groups never give back (what would follow is ".digit", which nothing accepts), so
/// only the modifier and the build metadata backtrack.
template <class Rest>
bool match_version(std::string_view s, std::size_t pos, VersionMatch& m, Rest&& rest) {
  std::size_t p = pos < s.size() && (s[pos] == 'v' || s[pos] == 'V') ? pos + 1 : pos;
  const std::size_t major = digits_from(s, p);
  if (major == 0) return false;
  m.numbers = {s.substr(p, major), {}, {}, {}};
  p += major;
  for (std::size_t i = 1; i < 4 && p + 1 < s.size() && s[p] == '.' && is_digit(s[p + 1]); ++i) {
    const std::size_t n = digits_from(s, p + 1);
    m.numbers[i] = s.substr(p + 1, n);
    p += n + 1;
  }
  const auto then_metadata = [&](std::size_t e) {
    if (e + 1 < s.size() && s[e] == '+' && !is_space(s[e + 1])) {
      std::size_t f = e + 1;
      while (f < s.size() && !is_space(s[f])) ++f;
      if (rest(f)) return m.end = f, true;
    }
    if (rest(e)) return m.end = e, true;
    return false;
  };
  m.x_dev = {};
  if (detail::match_modifier(s, p, false, m.modifier, then_metadata)) return true;
  m.modifier = {};
  if (p + 1 < s.size() && s[p] == '.' && is_x(s[p + 1])) {
    const std::size_t q = p + 2;
    const bool separator = q < s.size() && (s[q] == '.' || s[q] == '-');
    for (const std::size_t at : {q + 1, q}) {
      if ((at == q + 1 && !separator) || !has_at(s, at, "dev", true)) continue;
      m.x_dev = s.substr(p + 1, at + 3 - (p + 1));
      if (then_metadata(at + 3)) return true;
    }
    m.x_dev = {};
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Bounds arithmetic

/// PHP's `(string)($digits + 1)`: an integer while it fits, else a float printed with
/// precision 14 ("1.0E+20"), which composer then uses as a version.
void append_incremented(std::string_view digits, std::string& out) {
  while (digits.size() > 1 && digits[0] == '0') digits.remove_prefix(1);
  constexpr std::string_view kLongMax = "9223372036854775807";
  if (digits.size() < kLongMax.size() || (digits.size() == kLongMax.size() && digits < kLongMax)) {
    const std::size_t at = out.size();
    out.append(digits);
    std::size_t i = out.size();
    while (i > at && out[i - 1] == '9') out[--i] = '0';
    if (i == at) out.insert(at, 1, '1');
    else ++out[i - 1];
    return;
  }
  const double value = std::strtod(std::string(digits).c_str(), nullptr) + 1.0;
  // zend_gcvt(value, 14, '.', 'E'): at most 14 significant digits, trailing zeros dropped,
  // always the exponent form here (the value is at least 2^63).
  char buffer[40];
  std::snprintf(buffer, sizeof buffer, "%.13e", value);
  std::string_view text(buffer);
  const auto e = text.find('e');
  auto mantissa = text.substr(0, e);
  while (mantissa.back() == '0') mantissa.remove_suffix(1);
  if (mantissa.back() == '.') mantissa.remove_suffix(1);
  out.append(mantissa);
  if (mantissa.size() == 1) out.append(".0");
  out.append("E+");
  out.append(std::to_string(std::atoi(text.data() + e + 2)));
}

/// manipulateVersionString: numbers after `position` become 0, the one at `position` is
/// incremented when asked; the others stay as written (leading zeros included).
void manipulate(const std::array<std::string_view, 4>& numbers, int position, bool increment, std::string& out) {
  out.clear();
  for (int i = 1; i <= 4; ++i) {
    if (i > 1) out.push_back('.');
    if (i > position) {
      out.push_back('0');
    } else if (i == position && increment) {
      append_incremented(numbers[static_cast<std::size_t>(i - 1)], out);
    } else {
      out.append(numbers[static_cast<std::size_t>(i - 1)]);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// One constraint (VersionParser::parseConstraint)

struct Builder {
  Constraint& out;
  std::string& scratch;

  void add(Op op, std::string_view version) {
    auto& atom = out.atoms.emplace_back();
    atom.op = op;
    atom.version.assign(version);
  }
  bool add_normalized(Op op, std::string_view text, std::string_view suffix = {}) {
    if (!normalize_into(text, scratch)) return false;
    scratch.append(suffix);
    add(op, scratch);
    return true;
  }
};

/// normalize(text) for a `text` that match_version matched whole as `m`, read off the captures
/// when they decide it: no build metadata, no x-dev, a major of at most five digits (then
/// normalize takes its classical path and finds the same modifier). False otherwise.
bool normalized_from_match(std::string_view text, const VersionMatch& m, std::string& out) {
  if (m.numbers[0].size() > 5 || !m.x_dev.empty() || text.find('+') != std::string_view::npos) return false;
  std::size_t groups = 1;
  while (groups < 4 && !m.numbers[groups].empty()) ++groups;
  const auto& last = m.numbers[groups - 1];
  out.assign(m.numbers[0].data(), static_cast<std::size_t>(last.data() + last.size() - m.numbers[0].data()));
  out.append(std::string_view(".0.0.0").substr(0, 2 * (4 - groups)));
  detail::append_modifier(m.modifier, out);
  return true;
}

/// The `>=` bound of `~` and `^`: normalize(VERSION . "-dev") when the version names no
/// stability, normalize(VERSION) otherwise.
bool add_tilde_caret_low(std::string_view text, const VersionMatch& m, Builder& b) {
  const bool dev_suffix = m.modifier.word.empty() && m.modifier.dev.empty() && m.x_dev.empty();
  if (normalized_from_match(text, m, b.scratch)) {
    if (dev_suffix) b.scratch.append("-dev");
    b.add(Op::ge, b.scratch);
    return true;
  }
  thread_local std::string low;
  low.assign(text);
  if (dev_suffix) low.append("-dev");
  return b.add_normalized(Op::ge, low);
}

constexpr std::array<std::string_view, 5> kStabilityWords = {"stable", "RC", "beta", "alpha", "dev"};

bool is_stability_word(std::string_view s) {
  return std::any_of(kStabilityWords.begin(), kStabilityWords.end(),
                     [&](std::string_view w) { return s.size() == w.size() && has_at(s, 0, w, true); });
}

/// `^([^,\s]*?)@(stable|RC|beta|alpha|dev)$`: the part before the flag and the flag.
std::optional<std::pair<std::string_view, std::string_view>> split_stability_flag(std::string_view s) {
  for (std::size_t at = 0; at < s.size(); ++at) {
    if (s[at] == ',' || is_space(s[at])) return std::nullopt;
    if (s[at] == '@' && is_stability_word(s.substr(at + 1))) return std::pair{s.substr(0, at), s.substr(at + 1)};
  }
  return std::nullopt;
}

/// `^(dev-[^,\s@]+?|[^,\s@]+?\.x-dev)#.+$`: the constraint without its `#ref`.
std::string_view strip_reference(std::string_view s) {
  const auto plain = [&](std::size_t p) { return s[p] != ',' && s[p] != '@' && !is_space(s[p]); };
  if (has_at(s, 0, "dev-", true)) {
    for (std::size_t j = 4; j < s.size() && plain(j); ++j) {
      if (j >= 5 && s[j] == '#' && j + 1 < s.size()) return s.substr(0, j);
    }
  }
  for (std::size_t j = 0; j < s.size() && plain(j); ++j) {
    if (j >= 7 && s[j] == '#' && j + 1 < s.size() && has_at(s, j - 6, ".x-dev", true)) return s.substr(0, j);
  }
  return s;
}

/// What an operator pattern made of a constraint: not its pattern, atoms added, or an error.
enum class Parsed : std::uint8_t { no, ok, error };
Parsed done(bool ok) { return ok ? Parsed::ok : Parsed::error; }

Parsed parse_tilde(std::string_view c, Builder& b) {
  if (c.empty() || c[0] != '~') return Parsed::no;
  const std::size_t at = c.size() > 1 && c[1] == '>' ? 2 : 1;
  thread_local VersionMatch m;  // reused: no per-query zeroing
  if (!match_version(c, at, m, [&](std::size_t e) { return e == c.size(); })) return Parsed::no;
  if (at == 2) return Parsed::error;  // "~>": composer refuses the Ruby operator
  int position = !m.numbers[3].empty() ? 4 : !m.numbers[2].empty() ? 3 : !m.numbers[1].empty() ? 2 : 1;
  if (!m.x_dev.empty()) ++position;
  if (!add_tilde_caret_low(c.substr(1), m, b)) return Parsed::error;
  manipulate(m.numbers, std::max(1, position - 1), true, b.scratch);
  b.scratch.append("-dev");
  b.add(Op::lt, b.scratch);
  return Parsed::ok;
}

Parsed parse_caret(std::string_view c, Builder& b) {
  if (c.empty() || c[0] != '^') return Parsed::no;
  thread_local VersionMatch m;  // reused: no per-query zeroing
  if (!match_version(c, 1, m, [&](std::size_t e) { return e == c.size(); })) return Parsed::no;
  const auto& n = m.numbers;
  const int position = n[0] != "0" || n[1].empty() ? 1 : n[1] != "0" || n[2].empty() ? 2 : 3;
  if (!add_tilde_caret_low(c.substr(1), m, b)) return Parsed::error;
  manipulate(m.numbers, position, true, b.scratch);
  b.scratch.append("-dev");
  b.add(Op::lt, b.scratch);
  return Parsed::ok;
}

/// `^v?(\d++)(?:\.(\d++))?(?:\.(\d++))?(?:\.[xX*])++$` (case-sensitive: a lower-case v only).
Parsed parse_x_range(std::string_view c, Builder& b) {
  std::size_t p = !c.empty() && c[0] == 'v' ? 1 : 0;
  const std::size_t major = digits_from(c, p);
  if (major == 0) return Parsed::no;
  std::array<std::string_view, 4> numbers{c.substr(p, major)};
  p += major;
  int position = 1;
  for (; position < 3 && p + 1 < c.size() && c[p] == '.' && is_digit(c[p + 1]); ++position) {
    const std::size_t n = digits_from(c, p + 1);
    numbers[static_cast<std::size_t>(position)] = c.substr(p + 1, n);
    p += n + 1;
  }
  if (p == c.size()) return Parsed::no;
  while (p + 1 < c.size() && c[p] == '.' && is_x(c[p + 1])) p += 2;
  if (p != c.size()) return Parsed::no;
  thread_local std::string low;
  manipulate(numbers, position, false, low);
  low.append("-dev");
  manipulate(numbers, position, true, b.scratch);
  b.scratch.append("-dev");
  if (low != "0.0.0.0-dev") b.add(Op::ge, low);
  b.add(Op::lt, b.scratch);
  return Parsed::ok;
}

Parsed parse_hyphen(std::string_view c, Builder& b) {
  thread_local VersionMatch from, to;
  std::size_t to_start = 0;
  const bool found = match_version(c, 0, from, [&](std::size_t e) {
    if (e >= c.size() || c[e] != ' ') return false;
    while (e < c.size() && c[e] == ' ') ++e;
    if (e + 1 >= c.size() || c[e] != '-' || c[e + 1] != ' ') return false;
    e += 1;
    while (e < c.size() && c[e] == ' ') ++e;
    to_start = e;
    return match_version(c, e, to, [&](std::size_t f) { return f == c.size(); });
  });
  if (!found) return Parsed::no;
  const bool dev_suffix = from.modifier.word.empty() && from.modifier.dev.empty() && from.x_dev.empty();
  const auto from_text = c.substr(0, from.end);
  if (!normalized_from_match(from_text, from, b.scratch) && !normalize_into(from_text, b.scratch)) return Parsed::error;
  if (dev_suffix) b.scratch.append("-dev");
  b.add(Op::ge, b.scratch);
  const auto to_text = c.substr(to_start);
  const bool known = normalized_from_match(to_text, to, b.scratch);
  // A complete upper version is inclusive; a partial one ("2.0") means "below 2.1".
  if ((!to.numbers[1].empty() && !to.numbers[2].empty()) || !to.modifier.word.empty() || !to.modifier.dev.empty() ||
      !to.x_dev.empty()) {
    if (known) return b.add(Op::le, b.scratch), Parsed::ok;
    return done(b.add_normalized(Op::le, to_text));
  }
  if (!known && !normalize_into(to_text, b.scratch)) return Parsed::error;  // composer validates it
  manipulate(to.numbers, to.numbers[1].empty() ? 1 : 2, true, b.scratch);
  b.scratch.append("-dev");
  b.add(Op::lt, b.scratch);
  return Parsed::ok;
}

/// `-MOD$` anywhere in the lower-cased operand (case-sensitive, so "rc" never matches "RC").
bool has_explicit_modifier(std::string_view s) {
  Modifier m;
  for (auto dash = s.find('-'); dash != std::string_view::npos; dash = s.find('-', dash + 1)) {
    if (detail::match_modifier(s, dash + 1, true, m, [&](std::size_t e) { return e == s.size(); })) return true;
  }
  return false;
}

/// `^(<>|!=|>=?|<=?|==?)?\s*(.*)`.
bool parse_comparison(std::string_view c, std::string_view stability, Builder& b) {
  Op op = Op::eq;
  std::size_t op_size = 0;
  const char second = c.size() > 1 ? c[1] : '\0';
  switch (c.empty() ? '\0' : c[0]) {
    case '<': op = second == '>' ? Op::ne : second == '=' ? Op::le : Op::lt, op_size = second == '>' || second == '=' ? 2 : 1; break;
    case '>': op = second == '=' ? Op::ge : Op::gt, op_size = second == '=' ? 2 : 1; break;
    case '!': if (second == '=') op = Op::ne, op_size = 2; break;
    case '=': op_size = second == '=' ? 2 : 1; break;
    default: break;
  }
  auto operand = c.substr(op_size);
  while (!operand.empty() && is_space(operand[0])) operand.remove_prefix(1);
  std::string& version = b.scratch;
  if (!normalize_into(operand, version)) {
    // "foo-dev" is recovered as the branch "dev-foo", even after an operator.
    const bool branch_like = operand.ends_with("-dev") && std::all_of(operand.begin(), operand.end(), [](char ch) {
      return is_digit(ch) || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || ch == '-' || ch == '.' || ch == '/';
    });
    if (!branch_like) return false;
    version.assign("dev-").append(operand.substr(0, operand.size() - 4));
  }
  if (op != Op::eq && !stability.empty() && parse_stability(version) == Stability::stable) {
    version.append("-").append(stability);
  } else if ((op == Op::lt || op == Op::ge) && !has_explicit_modifier(operand) && !operand.starts_with("dev-")) {
    // "<1.0" must also exclude 1.0's pre-releases, and ">=1.0" admit them.
    version.append("-dev");
  }
  b.add(op, version);
  return true;
}

bool parse_one(std::string_view c, Builder& b) {
  // One pass tells which patterns can apply at all: an alias needs " as ", a flag '@', a
  // reference '#', a hyphen range " - ".
  bool flag = false, reference = false, space = false;
  for (const char ch : c) {
    flag |= ch == '@';
    reference |= ch == '#';
    space |= ch == ' ';
  }
  const bool alias = space && c.find(" as ") != std::string_view::npos;
  const bool hyphen = space && c.find(" - ") != std::string_view::npos;
  if (alias) {
    if (const auto source = detail::alias_source(c)) c = *source;
  }
  std::string_view stability;
  if (flag) {
    if (const auto split = split_stability_flag(c)) {
      c = split->first.empty() ? std::string_view("*") : split->first;
      if (split->second != "stable") stability = split->second;
    }
  }
  if (reference) c = strip_reference(c);
  if (c.empty()) return parse_comparison(c, stability, b);
  // `^(v)?[xX*](\.[xX*])*$`: a bare `*` admits branches too, its spelled-out forms do not.
  if (std::size_t p = c[0] == 'v' || c[0] == 'V' ? 1 : 0; p < c.size() && is_x(c[p])) {
    std::size_t q = p + 1;
    while (q + 1 < c.size() && c[q] == '.' && is_x(c[q + 1])) q += 2;
    if (q == c.size()) {
      if (c.size() == 1) b.add(Op::any, {});
      else b.add(Op::ge, "0.0.0.0-dev");
      return true;
    }
  }
  Parsed parsed = Parsed::no;
  if (c[0] == '~') {
    parsed = parse_tilde(c, b);
  } else if (c[0] == '^') {
    parsed = parse_caret(c, b);
  } else {
    if (is_x(c.back())) parsed = parse_x_range(c, b);
    if (parsed == Parsed::no && hyphen) parsed = parse_hyphen(c, b);
  }
  if (parsed != Parsed::no) return parsed == Parsed::ok;
  return parse_comparison(c, stability, b);
}

/// MultiConstraint::create's one optimization: consecutive OR groups `[>= A < B]` and
/// `[>= B <(=) C]` (B the same string) become `[>= A <(=) C]` whatever A and C are, so
/// ">=2 <1.5 || >=1.5 <3" does not contain 1.6 although its second half does.
void merge_touching_ranges(Constraint& c) {
  const auto begin = [&](std::size_t g) -> std::size_t { return g == 0 ? 0 : c.group_ends[g - 1]; };
  /// A group as composer holds it while folding: original atoms [a, b), or a merged pair (a, b).
  struct Group {
    std::size_t a, b;
    bool original;
  };
  const auto pair = [&](const Group& g, std::size_t& first, std::size_t& second) {
    if (g.original && g.b - g.a != 2) return false;
    first = g.a, second = g.original ? g.a + 1 : g.b;
    return true;
  };
  const auto touching = [&](const Group& left, const Group& right) {
    std::size_t l0, l1, r0, r1;
    if (!pair(left, l0, l1) || !pair(right, r0, r1)) return false;
    const auto& a = c.atoms;
    return a[l0].op == Op::ge && a[l1].op == Op::lt && a[r0].op == Op::ge && (a[r1].op == Op::lt || a[r1].op == Op::le) &&
           a[l1].version == a[r0].version;
  };
  const std::size_t groups = c.group_ends.size();
  const auto original = [&](std::size_t g) { return Group{begin(g), c.group_ends[g], true}; };
  bool any = false;
  for (std::size_t g = 1; g < groups && !any; ++g) any = touching(original(g - 1), original(g));
  if (!any) return;  // composer keeps the groups as they are

  thread_local Constraint merged;
  merged.atoms.clear();
  merged.group_ends.clear();
  const auto emit = [&](const Group& g) {
    if (g.original) {
      for (std::size_t i = g.a; i < g.b; ++i) merged.atoms.push_back(std::move(c.atoms[i]));
    } else {
      merged.atoms.push_back(std::move(c.atoms[g.a]));
      merged.atoms.push_back(std::move(c.atoms[g.b]));
    }
    merged.group_ends.push_back(static_cast<std::uint32_t>(merged.atoms.size()));
  };
  Group left = original(0);
  for (std::size_t g = 1; g < groups; ++g) {
    const Group right = original(g);
    std::size_t l0, l1, r0, r1;
    if (touching(left, right) && pair(left, l0, l1) && pair(right, r0, r1)) {
      left = {l0, r1, false};
    } else {
      emit(left);
      left = right;
    }
  }
  emit(left);
  std::swap(c, merged);
}

}  // namespace

bool parse_constraint_into(std::string_view text, Constraint& out) {
  out.atoms.clear();
  out.group_ends.clear();
  thread_local std::string scratch;
  Builder b{out, scratch};
  const bool ok = split_or(detail::php_trim(text), [&](std::string_view part) {
    const bool parsed = split_and(part, [&](std::string_view one) { return parse_one(one, b); });
    out.group_ends.push_back(static_cast<std::uint32_t>(out.atoms.size()));
    return parsed;
  });
  if (!ok) return false;
  merge_touching_ranges(out);
  return true;
}

core::Result<Constraint> parse_constraint(std::string_view text) {
  Constraint out;
  if (!parse_constraint_into(text, out)) {
    return core::fail("Could not parse version constraint " + std::string(text));
  }
  return out;
}

namespace {

std::string_view op_text(Op op) {
  switch (op) {
    case Op::any: return "*";
    case Op::eq: return "==";
    case Op::ne: return "!=";
    case Op::lt: return "<";
    case Op::le: return "<=";
    case Op::gt: return ">";
    case Op::ge: return ">=";
  }
  return "*";
}

void append_atom(const Atom& atom, std::string& out) {
  out.append(op_text(atom.op));
  if (atom.op != Op::any) out.append(" ").append(atom.version);
}

}  // namespace

std::string to_string(const Constraint& constraint) {
  std::string out;
  const std::size_t groups = constraint.group_ends.size();
  if (groups > 1) out.push_back('[');
  for (std::size_t g = 0; g < groups; ++g) {
    const std::size_t begin = g == 0 ? 0 : constraint.group_ends[g - 1], end = constraint.group_ends[g];
    if (g > 0) out.append(" || ");
    if (end - begin > 1) out.push_back('[');
    for (std::size_t i = begin; i < end; ++i) {
      if (i > begin) out.push_back(' ');
      append_atom(constraint.atoms[i], out);
    }
    if (end - begin > 1) out.push_back(']');
  }
  if (groups > 1) out.push_back(']');
  return out;
}

// ---------------------------------------------------------------------------------------------
// Version sets

bool BranchSet::contains(std::string_view branch) const {
  return std::binary_search(names.begin(), names.end(), branch, std::less<>{}) != cofinite;
}

BranchSet BranchSet::intersect(const BranchSet& other) const {
  BranchSet out;
  const auto& a = names;
  const auto& b = other.names;
  auto into = std::back_inserter(out.names);
  if (!cofinite && !other.cofinite) {
    std::set_intersection(a.begin(), a.end(), b.begin(), b.end(), into);
  } else if (!cofinite) {
    std::set_difference(a.begin(), a.end(), b.begin(), b.end(), into);
  } else if (!other.cofinite) {
    std::set_difference(b.begin(), b.end(), a.begin(), a.end(), into);
  } else {
    out.cofinite = true;
    std::set_union(a.begin(), a.end(), b.begin(), b.end(), into);
  }
  return out;
}

BranchSet BranchSet::unite(const BranchSet& other) const { return complement().intersect(other.complement()).complement(); }

namespace {

// Compilation works on cuts that point into the constraint's atoms, so no version is copied
// until the final intervals are built, and the groups' intervals are merged here rather than
// through repeated set unions. This runs for every `in` query.

using Kind = OrderedSet::Bound::Kind;

struct Cut {
  Kind kind;
  const std::string* version;
};

/// IntervalSet::compare_cuts on pointer cuts.
int compare(const Cut& a, const Cut& b) {
  if (a.kind == Kind::negative_infinity || b.kind == Kind::positive_infinity) return a.kind == b.kind ? 0 : -1;
  if (a.kind == Kind::positive_infinity || b.kind == Kind::negative_infinity) return 1;
  const int order = compare_versions(*a.version, *b.version);
  if (order != 0) return order < 0 ? -1 : 1;
  return a.kind == b.kind ? 0 : a.kind == Kind::before ? -1 : 1;
}

struct Span {
  Cut lower, upper;
};

/// The branch part of one AND group: every branch but `excluded`, or at most `only`.
struct GroupBranches {
  bool any = true;   ///< false once an operand admits no branch at all
  bool only = false;
  const std::string* only_branch = nullptr;
};

/// Adds one AND group's intervals to `spans` and its branches to `branches`, as
/// Constraint::matchSpecific decides for a `==` provider: a range operator never matches a
/// branch (nor does a range bounded by a branch match anything), `!=` compares branches as
/// strings, `==dev-x` is that branch only, `*` is everything.
void compile_group(const Atom* begin, const Atom* end, std::vector<Span>& spans, BranchSet& branches) {
  Cut lower{Kind::negative_infinity, nullptr}, upper{Kind::positive_infinity, nullptr};
  bool ordered = true;
  GroupBranches group;
  thread_local std::vector<const std::string*> excluded, points;
  excluded.clear();
  points.clear();
  for (const Atom* atom = begin; atom != end; ++atom) {
    if (atom->op == Op::any) continue;
    const std::string* v = &atom->version;
    if (is_branch(*v)) {
      if (atom->op == Op::ne) {
        if (!group.only) excluded.push_back(v);
        else if (group.only_branch && *group.only_branch == *v) group.only_branch = nullptr;
        continue;
      }
      ordered = false;
      if (atom->op != Op::eq) {
        group.any = false;
      } else if (!group.only) {
        group.only = true;
        const bool out = std::any_of(excluded.begin(), excluded.end(), [&](const std::string* e) { return *e == *v; });
        group.only_branch = out ? nullptr : v;
      } else if (group.only_branch && *group.only_branch != *v) {
        group.only_branch = nullptr;
      }
      continue;
    }
    const auto raise = [&](Cut cut) { if (compare(cut, lower) > 0) lower = cut; };
    const auto drop = [&](Cut cut) { if (compare(cut, upper) < 0) upper = cut; };
    switch (atom->op) {
      case Op::ne: points.push_back(v); continue;  // admits every branch
      case Op::eq: raise({Kind::before, v}), drop({Kind::after, v}); break;
      case Op::lt: drop({Kind::before, v}); break;
      case Op::le: drop({Kind::after, v}); break;
      case Op::gt: raise({Kind::after, v}); break;
      case Op::ge: raise({Kind::before, v}); break;
      case Op::any: break;
    }
    group.any = false;
  }
  if (group.any) {
    if (!group.only && excluded.empty()) {
      branches = {true, {}};
    } else if (group.only) {
      if (group.only_branch) branches = branches.unite({false, {*group.only_branch}});
    } else {
      BranchSet all_but{true, {}};
      for (const auto* e : excluded) all_but.names.push_back(*e);
      std::sort(all_but.names.begin(), all_but.names.end());
      all_but.names.erase(std::unique(all_but.names.begin(), all_but.names.end()), all_but.names.end());
      branches = branches.unite(all_but);
    }
  }
  if (!ordered || compare(lower, upper) >= 0) return;
  // `!=` points cut the interval; sorted, each one inside splits it once.
  std::sort(points.begin(), points.end(), [](const std::string* a, const std::string* b) { return compare_versions(*a, *b) < 0; });
  for (const auto* point : points) {
    const Cut before{Kind::before, point}, after{Kind::after, point};
    if (compare(before, lower) < 0 || compare(after, upper) > 0) continue;
    if (compare(lower, before) < 0) spans.push_back({lower, before});
    lower = after;
  }
  if (compare(lower, upper) < 0) spans.push_back({lower, upper});
}

}  // namespace

VersionSet VersionSet::from_constraint(const Constraint& constraint) {
  thread_local std::vector<Span> spans;
  spans.clear();
  BranchSet branches;
  std::size_t begin = 0;
  for (const auto end : constraint.group_ends) {
    compile_group(constraint.atoms.data() + begin, constraint.atoms.data() + end, spans, branches);
    begin = end;
  }
  if (spans.size() > 1) {
    std::sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return compare(a.lower, b.lower) < 0; });
    // Touching spans join, as IntervalSet::unite joins them.
    std::size_t kept = 0;
    for (std::size_t i = 1; i < spans.size(); ++i) {
      if (compare(spans[i].lower, spans[kept].upper) <= 0) {
        if (compare(spans[i].upper, spans[kept].upper) > 0) spans[kept].upper = spans[i].upper;
      } else {
        spans[++kept] = spans[i];
      }
    }
    spans.resize(kept + 1);
  }
  const auto bound = [](const Cut& cut) {
    return OrderedSet::Bound{cut.kind, cut.version ? Version{*cut.version} : Version{}};
  };
  OrderedSet ordered;
  for (const auto& span : spans) {
    auto one = OrderedSet::from_interval(bound(span.lower), bound(span.upper));
    ordered = ordered.is_empty() ? std::move(one) : ordered.unite(one);
  }
  return {std::move(ordered), std::move(branches)};
}

bool VersionSet::contains(const Version& normalized) const {
  return is_branch(normalized.text) ? branches_.contains(normalized.text) : ordered_.contains(normalized);
}

bool VersionSet::contains(std::string_view normalized) const {
  if (is_branch(normalized)) return branches_.contains(normalized);
  thread_local Version probe;
  probe.text.assign(normalized);
  return ordered_.contains(probe);
}

VersionSet VersionSet::intersect(const VersionSet& other) const {
  return {ordered_.intersect(other.ordered_), branches_.intersect(other.branches_)};
}
VersionSet VersionSet::unite(const VersionSet& other) const {
  return {ordered_.unite(other.ordered_), branches_.unite(other.branches_)};
}
VersionSet VersionSet::complement() const { return {ordered_.complement(), branches_.complement()}; }

std::string to_string(const VersionSet& set) {
  std::string out;
  if (!set.ordered().is_empty()) out = set.ordered().describe([](const Version& v) { return v.text; });
  const auto& branches = set.branches();
  if (branches.cofinite) {
    if (!out.empty()) out.append(" || ");
    out.append(branches.names.empty() ? "every branch" : "every branch except ");
    for (std::size_t i = 0; i < branches.names.size(); ++i) out.append(i ? ", " : "").append(branches.names[i]);
  } else {
    for (const auto& name : branches.names) out.append(out.empty() ? "" : " || ").append(name);
  }
  return out.empty() ? "<none>" : out;
}

core::Result<bool> satisfies(std::string_view version, std::string_view constraint) {
  auto normalized = normalize(version);
  if (!normalized) return std::unexpected(std::move(normalized).error());
  auto parsed = parse_constraint(constraint);
  if (!parsed) return std::unexpected(std::move(parsed).error());
  return VersionSet::from_constraint(*parsed).contains(*normalized);
}

// ---------------------------------------------------------------------------------------------
// Stability flags

std::optional<Stability> stability_flag(std::string_view constraint, Stability minimum) {
  std::optional<Stability> flag;
  bool explicit_flag = false;
  const auto each_part = [&](auto&& visit) {
    split_or(detail::php_trim(constraint), [&](std::string_view part) {
      return split_and(part, [&](std::string_view one) { return visit(one), true; });
    });
  };
  // `^[^@]*?@(stable|RC|beta|alpha|dev)$`: the least stable explicit flag wins.
  each_part([&](std::string_view one) {
    const auto at = one.find('@');
    if (at == std::string_view::npos) return;
    if (const auto s = stability_from_name(one.substr(at + 1))) {
      if (!flag || *s >= *flag) flag = s;
      explicit_flag = true;
    }
  });
  if (explicit_flag) return flag;
  // Otherwise a version spelled out as unstable ("1.0.0-beta2", "dev-main") flags its
  // stability, when minimum-stability would not already admit it.
  each_part([&](std::string_view one) {
    std::size_t plain = 0;
    while (plain < one.size() && one[plain] != ',' && one[plain] != '@' && !is_space(one[plain])) ++plain;
    if (plain > 0 && one.substr(plain).starts_with(" as ") && plain + 4 < one.size()) one = one.substr(0, plain);
    else if (plain != one.size() || plain == 0) return;
    const auto s = parse_stability(one);
    if (s == Stability::stable || (flag && *flag > s) || minimum > s) return;
    flag = s;
  });
  return flag;
}

}  // namespace tracegate::resolvers::composer
