// SPDX-License-Identifier: Apache-2.0
// Poetry's version constraint syntax compiled into VersionSet, following poetry-core's
// constraints/version/parser.py (parse_constraint, parse_single_constraint,
// _make_x_constraint_range) and the allows() methods of Version and VersionRange, including their
// local/post-release rules for `>`, `<=` and `==`. https://python-poetry.org/docs/dependency-specification/
//
// Pre-releases: poetry-core's constraints themselves allow pre-releases; since poetry-core 1.5
// the solver takes one only when the dependency says allow-prereleases or no stable release
// fits. A set cannot say "only if nothing else fits", so a `||` alternative admits pre-releases
// (and dev releases) exactly when one of its clauses names one (poetry-core < 1.5's rule, and
// PEP 440's). docs/version-sets.md lists this and the other choices.

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>

#include "resolvers/version_set.hpp"

namespace tracegate::resolvers {
namespace {

using pep440::Version;
using namespace vset_detail;
using Interval = VersionSet::Interval;

bool is_space(char c) noexcept { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string_view strip(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string_view skip_space(std::string_view s) noexcept {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

/// A full match of packaging's VERSION_PATTERN (no surrounding whitespace).
std::optional<Version> version_pattern(std::string_view text) {
  if (text.empty() || is_space(text.front()) || is_space(text.back())) return std::nullopt;
  auto v = pep440::parse_version(text);
  if (!v) return std::nullopt;
  return *std::move(v);
}

/// One clause, compiled, and whether it names a pre-release.
struct Clause {
  VersionSet set;
  bool names_prerelease = false;
};

VersionSet range(VersionSet::Bound lo, VersionSet::Bound hi, std::uint8_t kinds = VersionSet::all_kinds) {
  return VersionSet::from_intervals({Interval{std::move(lo), std::move(hi), kinds}});
}

Version first_devrelease(const Version& v) {
  Version out = v;
  out.local.clear();
  out.dev = "0";
  return out;
}

/// Version.stable: itself when neither pre nor dev, else epoch, release and (without a pre) post.
Version stable(const Version& v) {
  if (!v.is_prerelease()) return v;
  Version out;
  out.epoch = v.epoch;
  out.release = v.release;
  if (!v.pre) out.post = v.post;
  return out;
}


/// Release.next_major / next_minor / next_patch / next (poetry-core segments.py), as a new
/// version of the same epoch with only a release.
Version with_release(const Version& v, std::vector<std::string> release) {
  Version out;
  out.epoch = v.epoch;
  out.release = std::move(release);
  return out;
}

Version next_major(const Version& v) {
  std::vector<std::string> r = v.release;
  r[0] = increment(r[0]);
  for (std::size_t i = 1; i < r.size(); ++i) r[i] = "0";
  return with_release(v, std::move(r));
}

Version next_minor(const Version& v) {
  std::vector<std::string> r = v.release;
  if (r.size() < 2) {
    r.push_back("1");
  } else {
    r[1] = increment(r[1]);
    for (std::size_t i = 2; i < r.size(); ++i) r[i] = "0";
  }
  return with_release(v, std::move(r));
}

Version next_patch(const Version& v) {
  std::vector<std::string> r = v.release;
  if (r.size() < 2) r.push_back("0");
  if (r.size() < 3) {
    r.push_back("1");
  } else {
    r[2] = increment(r[2]);
    for (std::size_t i = 3; i < r.size(); ++i) r[i] = "0";
  }
  return with_release(v, std::move(r));
}

/// Version.next_breaking.
Version next_breaking(const Version& v) {
  const Version s = stable(v);
  const bool major_positive = v.release[0] != "0";
  if (major_positive || v.release.size() < 2) return next_major(s);
  if (v.release[1] != "0" || v.release.size() < 3) return next_minor(s);
  return next_patch(s);
}

// VersionRange.allows, one bound at a time (a two-sided range is their intersection).

VersionSet at_least(const Version& v) { return range(before(v), plus_infinity()); }

VersionSet below(const Version& v) {
  // allowed_max: the bound itself when unstable, else its first dev release.
  const Version allowed = v.is_prerelease() ? v : first_devrelease(v);
  return range(minus_infinity(), before(allowed));
}

VersionSet at_most(const Version& v) {
  if (!v.local.empty()) return range(minus_infinity(), after(v));
  return range(minus_infinity(), before(successor(v)));
}

core::Result<VersionSet> above(const Version& v, std::string_view text) {
  if (!v.local.empty()) {
    if (v.is_postrelease()) return range(after(v), plus_infinity());
    return core::fail(fmt::format("unsupported Poetry constraint '{}': '>' with a local version label", text));
  }
  if (v.is_postrelease()) return range(before(successor(v)), plus_infinity());
  // A post release counts as its version without the post (and dev) part: "2.0.post1" does not
  // match ">2", nor "1.0a1.post1" ">1.0a1"; every other version is compared without its local label.
  VersionSet::Bound post_start;
  if (v.dev) {
    post_start = after(v);
  } else if (v.pre) {
    Version next = v;
    next.pre->second = increment(v.pre->second);
    next.dev = "0";
    post_start = before(std::move(next));
  } else {
    post_start = after_release(v);
  }
  return VersionSet::from_intervals({Interval{before(successor(v)), plus_infinity(), VersionSet::no_postreleases}})
      .unite(VersionSet::from_intervals({Interval{post_start, plus_infinity(), static_cast<std::uint8_t>(~VersionSet::no_postreleases)}}));
}

VersionSet equal_to(const Version& v) {
  if (!v.local.empty()) return range(before(v), after(v));
  return range(before(v), before(successor(v)));
}

/// _make_x_constraint_range (not a marker constraint).
VersionSet x_range(const Version& v, bool invert) {
  Version next;
  if (v.is_postrelease()) {
    next = with_release(v, v.release);
    next.pre = v.pre;
    next.post = v.dev ? *v.post : increment(*v.post);
  } else if (!v.is_prerelease()) {
    std::vector<std::string> r = v.release;
    if (r.size() == 1) {
      next = next_major(v);
    } else if (r.size() == 2) {
      next = next_minor(v);
    } else if (r.size() == 3) {
      next = next_patch(v);
    } else {
      r.back() = increment(r.back());
      next = with_release(v, std::move(r));
    }
  } else if (v.pre) {
    next = with_release(v, v.release);
    next.pre = v.pre;
    if (!v.dev || v.post) next.pre->second = increment(v.pre->second);
  } else {
    next = with_release(v, v.release);
    next.pre = v.pre;
    next.post = v.post;
    next.dev = increment(*v.dev);
  }
  if (!next.dev) next = first_devrelease(next);
  VersionSet out = range(before(first_devrelease(v)), before(next));
  return invert ? out.complement() : out;
}

// parse_single_constraint.

bool any_pattern(std::string_view c) {
  // (?i)^v?[xX*](\.[xX*])*$
  if (!c.empty() && (c.front() == 'v' || c.front() == 'V')) c.remove_prefix(1);
  if (c.empty()) return false;
  const auto wild = [](char ch) { return ch == 'x' || ch == 'X' || ch == '*'; };
  if (!wild(c.front())) return false;
  c.remove_prefix(1);
  while (!c.empty()) {
    if (c.size() < 2 || c[0] != '.' || !wild(c[1])) return false;
    c.remove_prefix(2);
  }
  return true;
}

/// X_CONSTRAINT: ^(!=|==)?\s*v?(\d+)(\.\d+)?(\.\d+)?(\.\*)+$
std::optional<std::pair<bool, Version>> x_pattern(std::string_view c) {
  bool invert = false;
  if (c.starts_with("!=") || c.starts_with("==")) {
    invert = c.starts_with("!=");
    c.remove_prefix(2);
  }
  c = skip_space(c);
  if (!c.empty() && c.front() == 'v') c.remove_prefix(1);
  std::vector<std::string> release;
  while (release.size() < 3) {
    if (!release.empty()) {
      if (c.size() < 2 || c[0] != '.' || !is_digit(c[1])) break;
      c.remove_prefix(1);
    }
    std::size_t n = 0;
    while (n < c.size() && is_digit(c[n])) ++n;
    if (n == 0) return std::nullopt;
    release.emplace_back(c.substr(0, n));
    c.remove_prefix(n);
  }
  if (c.empty()) return std::nullopt;
  while (!c.empty()) {
    if (!c.starts_with(".*")) return std::nullopt;
    c.remove_prefix(2);
  }
  std::string text;
  for (std::size_t i = 0; i < release.size(); ++i) text += (i ? "." : "") + release[i];
  auto v = pep440::parse_version(text);
  if (!v) return std::nullopt;
  return std::pair{invert, *std::move(v)};
}

core::Result<Clause> parse_single(std::string_view c, std::string_view whole) {
  const auto bad = [&]() {
    return core::fail(fmt::format("invalid Poetry constraint '{}': could not parse '{}'", whole, c));
  };
  if (any_pattern(c)) return Clause{VersionSet::all(), false};

  if (c.starts_with("~") && !c.starts_with("~=")) {
    auto v = version_pattern(skip_space(c.substr(1)));
    if (!v) return bad();
    const Version s = stable(*v);
    const Version high = v->release.size() == 1 ? next_major(s) : next_minor(s);
    return Clause{at_least(*v).intersect(below(high)), v->is_prerelease()};
  }
  if (c.starts_with("~=")) {
    auto v = version_pattern(skip_space(c.substr(2)));
    if (!v) return bad();
    const Version s = stable(*v);
    const Version high = v->release.size() == 2 ? next_major(s) : next_minor(s);
    return Clause{at_least(*v).intersect(below(high)), v->is_prerelease()};
  }
  if (c.starts_with("^")) {
    auto v = version_pattern(skip_space(c.substr(1)));
    if (!v) return bad();
    return Clause{at_least(*v).intersect(below(next_breaking(*v))), v->is_prerelease()};
  }
  if (auto x = x_pattern(c)) return Clause{x_range(x->second, x->first), false};

  // BASIC_CONSTRAINT: ^(<>|!=|>=?|<=?|==?)?\s*(VERSION|dev)(\.\*)?$ (case-insensitive).
  std::string_view op;
  for (std::string_view candidate : {"<>", "!=", ">=", ">", "<=", "<", "==", "="}) {
    if (c.starts_with(candidate)) {
      op = candidate;
      break;
    }
  }
  std::string_view rest = skip_space(c.substr(op.size()));
  bool wildcard = false;
  std::optional<Version> v;
  const auto version_or_dev = [](std::string_view text) -> std::optional<Version> {
    if (ascii_lower(text) == "dev") {
      auto d = pep440::parse_version("0.0-dev");
      return d ? std::optional<Version>(*d) : std::nullopt;
    }
    return version_pattern(text);
  };
  v = version_or_dev(rest);
  if (!v && rest.ends_with(".*")) {
    v = version_or_dev(rest.substr(0, rest.size() - 2));
    wildcard = v.has_value();
  }
  if (!v) return bad();
  const bool pre = v->is_prerelease();
  if (op == "<") return Clause{below(*v), pre};
  if (op == "<=") return Clause{at_most(*v), pre};
  if (op == ">") {
    auto set = above(*v, whole);
    if (!set) return std::unexpected(std::move(set).error());
    return Clause{*std::move(set), pre};
  }
  if (op == ">=") return Clause{at_least(*v), pre};
  if (wildcard) return Clause{x_range(*v, op == "!="), pre};
  if (op == "!=") {
    auto upper = above(*v, whole);
    if (!upper) return std::unexpected(std::move(upper).error());
    return Clause{below(*v).unite(*upper), pre};
  }
  // "==", "=", none, and (as poetry-core does) "<>": the version itself.
  return Clause{equal_to(*v), pre};
}

/// re.split(r"(?<!^)(?<![\^~=>< ,]) *(?<!-)[, ](?!-) *(?!,|$)", text)
std::vector<std::string_view> split_and(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t p = 0;
  while (p < s.size()) {
    std::size_t match_end = std::string_view::npos;
    if (p > 0 && std::string_view("^~=>< ,").find(s[p - 1]) == std::string_view::npos) {
      std::size_t spaces = 0;
      while (p + spaces < s.size() && s[p + spaces] == ' ') ++spaces;
      for (std::size_t k = spaces + 1; k-- > 0 && match_end == std::string_view::npos;) {
        const std::size_t q = p + k;
        if (q >= s.size() || (s[q] != ',' && s[q] != ' ')) continue;
        if (s[q - 1] == '-') continue;
        if (q + 1 < s.size() && s[q + 1] == '-') continue;
        std::size_t more = 0;
        while (q + 1 + more < s.size() && s[q + 1 + more] == ' ') ++more;
        for (std::size_t j = more + 1; j-- > 0;) {
          const std::size_t r = q + 1 + j;
          if (r < s.size() && s[r] != ',') {
            match_end = r;
            break;
          }
        }
      }
    }
    if (match_end != std::string_view::npos) {
      parts.push_back(s.substr(start, p - start));
      start = match_end;
      p = match_end;
    } else {
      ++p;
    }
  }
  parts.push_back(s.substr(start));
  return parts;
}

/// re.split(r"\s*\|\|?\s*", text)
std::vector<std::string_view> split_or(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  std::size_t i = 0;
  while (i < s.size()) {
    std::size_t j = i;
    while (j < s.size() && is_space(s[j])) ++j;
    if (j < s.size() && s[j] == '|') {
      ++j;
      if (j < s.size() && s[j] == '|') ++j;
      while (j < s.size() && is_space(s[j])) ++j;
      parts.push_back(s.substr(start, i - start));
      start = i = j;
    } else {
      ++i;
    }
  }
  parts.push_back(s.substr(start));
  return parts;
}

}  // namespace

core::Result<VersionSet> VersionSet::from_poetry(std::string_view constraint) {
  if (constraint == "*") return from_intervals({Interval{minus_infinity(), plus_infinity(), no_prereleases}});
  VersionSet out = none();
  for (std::string_view alternative : split_or(strip(constraint))) {
    while (!alternative.empty() && alternative.back() == ',') alternative.remove_suffix(1);
    while (!alternative.empty() && is_space(alternative.back())) alternative.remove_suffix(1);
    VersionSet group = all();
    bool names_prerelease = false;
    for (std::string_view part : split_and(alternative)) {
      auto clause = parse_single(part, constraint);
      if (!clause) return std::unexpected(std::move(clause).error());
      group = group.intersect(clause->set);
      names_prerelease = names_prerelease || clause->names_prerelease;
    }
    if (!names_prerelease) group = group.intersect(from_intervals({Interval{minus_infinity(), plus_infinity(), no_prereleases}}));
    out = out.unite(group);
  }
  return out;
}

}  // namespace tracegate::resolvers
