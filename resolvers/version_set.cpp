// SPDX-License-Identifier: Apache-2.0
// Version sets: unions of intervals between cuts of the total PEP 440 order, each interval with a
// mask of the version kinds (pre/post/local combinations) that are members. See
// docs/version-sets.md for why this represents every packaging specifier set exactly.

#include "resolvers/version_set.hpp"

#include <algorithm>
#include <compare>
#include <optional>
#include <utility>

#include <fmt/format.h>

namespace tracegate::resolvers {

using pep440::Version;
using Bound = VersionSet::Bound;
using Interval = VersionSet::Interval;
using BoundKind = VersionSet::Bound::Kind;

namespace vset_detail {

namespace {

constexpr std::uint8_t pre_bit = 1;
constexpr std::uint8_t post_bit = 2;
constexpr std::uint8_t local_bit = 4;

std::strong_ordering compare_number(std::string_view a, std::string_view b) noexcept {
  if (a.size() != b.size()) return a.size() <=> b.size();
  const int c = a.compare(b);
  return c < 0 ? std::strong_ordering::less : c > 0 ? std::strong_ordering::greater : std::strong_ordering::equal;
}

bool is_zero(std::string_view n) noexcept { return n == "0" || n.find_first_not_of('0') == std::string_view::npos; }

std::size_t stripped_length(const std::vector<std::string>& release) noexcept {
  std::size_t n = release.size();
  while (n > 0 && is_zero(release[n - 1])) --n;
  return n;
}

/// Epoch, then release with trailing zeros ignored.
std::strong_ordering compare_base(const Version& a, const Version& b) noexcept {
  if (auto c = compare_number(a.epoch, b.epoch); c != 0) return c;
  const std::size_t na = stripped_length(a.release);
  const std::size_t nb = stripped_length(b.release);
  for (std::size_t i = 0; i < std::min(na, nb); ++i) {
    if (auto c = compare_number(a.release[i], b.release[i]); c != 0) return c;
  }
  return na <=> nb;
}

/// 4-bit kind of a public version: pre/dev, post.
std::uint8_t public_kind(const Version& v) noexcept {
  return static_cast<std::uint8_t>((v.is_prerelease() ? pre_bit : 0) | (v.is_postrelease() ? post_bit : 0));
}

struct Inf {
  bool exists = false;         ///< some version of the kind lies above the cut
  std::optional<Version> min;  ///< the smallest one, when there is one
  Bound cut;                   ///< otherwise their infimum (not attained)
};

Version base_of(const Version& v) {
  Version b;
  b.epoch = v.epoch;
  b.release = v.release;
  return b;
}

/// The infimum of public versions >= y (public) of the public kind k0.
Inf first_public(const Version& y, std::uint8_t k0) {
  Inf out;
  out.exists = true;
  // Same epoch, release, pre and post; dev at least y's.
  if (public_kind(y) == k0) {
    out.min = y;
    return out;
  }
  const bool dev_only = !y.pre && !y.post && y.dev;
  if (y.dev && !y.pre && y.post && k0 == post_bit) {
    Version v = y;
    v.dev.reset();
    out.min = std::move(v);
    return out;
  }
  // Same epoch, release and pre; a later post.
  if (!dev_only) {
    const std::string next_post = y.post ? increment(*y.post) : "0";
    if (k0 == (pre_bit | post_bit) || (!y.pre && k0 == post_bit)) {
      Version v = base_of(y);
      v.pre = y.pre;
      v.post = next_post;
      if (k0 & pre_bit) v.dev = "0";
      out.min = std::move(v);
      return out;
    }
  }
  // Same epoch and release; a later pre-release phase, or the final release.
  if (y.pre || dev_only) {
    Version v = base_of(y);
    if (k0 & pre_bit) {
      v.pre = y.pre ? std::pair{y.pre->first, increment(y.pre->second)} : std::pair<std::string, std::string>{"a", "0"};
      if (k0 & post_bit) v.post = "0";
      v.dev = "0";
    } else if (k0 & post_bit) {
      v.post = "0";
    }
    out.min = std::move(v);
    return out;
  }
  // A later release: the releases just above y's accumulate at its after_release cut.
  out.cut = Bound{BoundKind::after_release, base_of(y)};
  return out;
}

Version min_version() {
  Version v;
  v.release = {"0"};
  v.dev = "0";
  return v;
}

/// Infimum of the versions of kind `k` strictly above every version <= x (x any version).
Inf inf_after(const Version& x, std::uint8_t k) {
  Version p = pep440::public_part(x);
  const std::uint8_t k0 = k & static_cast<std::uint8_t>(~local_bit);
  if ((k & local_bit) && k0 == public_kind(p)) {
    // Local labels of p are dense just above x.
    return Inf{true, std::nullopt, Bound{BoundKind::after, x}};
  }
  Inf f = first_public(successor(p), k0);
  if (!(k & local_bit)) return f;
  if (f.min) return Inf{true, std::nullopt, Bound{BoundKind::after, *f.min}};
  return Inf{true, std::nullopt, f.cut};
}

Inf inf_above(const Bound& cut, std::uint8_t k) {
  switch (cut.kind) {
    case BoundKind::positive_infinity: return Inf{};
    case BoundKind::after_release: return Inf{true, std::nullopt, cut};
    case BoundKind::negative_infinity: {
      const Version m = min_version();
      if (VersionSet::kind_bit(m) == (1u << k)) return Inf{true, m, {}};
      return inf_after(m, k);
    }
    case BoundKind::before:
      if (VersionSet::kind_bit(cut.version) == (1u << k)) return Inf{true, cut.version, {}};
      return inf_after(cut.version, k);
    case BoundKind::after: return inf_after(cut.version, k);
  }
  return Inf{};
}

}  // namespace

std::string ascii_lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string increment(std::string_view number) {
  std::string out(number);
  std::size_t i = out.size();
  while (i > 0) {
    --i;
    if (out[i] != '9') {
      ++out[i];
      return out;
    }
    out[i] = '0';
  }
  return "1" + out;
}

Version successor(const Version& p) {
  Version v = p;
  v.local.clear();
  if (v.dev) {
    v.dev = increment(*v.dev);
  } else if (v.post) {
    v.post = increment(*v.post);
    v.dev = "0";
  } else {
    v.post = "0";
    v.dev = "0";
  }
  return v;
}

Bound before(Version v) {
  if (pep440::compare(v, min_version()) == 0) return Bound{};
  return Bound{BoundKind::before, std::move(v)};
}
Bound after(Version v) { return Bound{BoundKind::after, std::move(v)}; }
Bound after_release(const Version& v) { return Bound{BoundKind::after_release, base_of(v)}; }
Bound minus_infinity() { return Bound{}; }
Bound plus_infinity() { return Bound{BoundKind::positive_infinity, {}}; }

std::strong_ordering compare_cuts(const Bound& a, const Bound& b) {
  const auto rank = [](const Bound& x) {
    return x.kind == BoundKind::negative_infinity ? 0 : x.kind == BoundKind::positive_infinity ? 2 : 1;
  };
  if (rank(a) != 1 || rank(b) != 1) return rank(a) <=> rank(b);
  const bool ra = a.kind == BoundKind::after_release;
  const bool rb = b.kind == BoundKind::after_release;
  if (ra || rb) {
    if (auto c = compare_base(a.version, b.version); c != 0) return c;
    if (ra && rb) return std::strong_ordering::equal;
    return ra ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  if (auto c = pep440::compare(a.version, b.version); c != 0) return c;
  if (a.kind == b.kind) return std::strong_ordering::equal;
  return a.kind == BoundKind::before ? std::strong_ordering::less : std::strong_ordering::greater;
}

bool cut_below(const Bound& cut, const Version& v) {
  switch (cut.kind) {
    case BoundKind::negative_infinity: return true;
    case BoundKind::positive_infinity: return false;
    case BoundKind::before: return pep440::compare(cut.version, v) <= 0;
    case BoundKind::after: return pep440::compare(cut.version, v) < 0;
    case BoundKind::after_release: return compare_base(cut.version, v) < 0;
  }
  return false;
}

std::uint8_t present_kinds(const Bound& lower, const Bound& upper) {
  std::uint8_t mask = 0;
  if (compare_cuts(lower, upper) >= 0) return 0;
  for (std::uint8_t k = 0; k < 8; ++k) {
    const Inf inf = inf_above(lower, k);
    if (!inf.exists) continue;
    const bool present = inf.min ? compare_cuts(upper, before(*inf.min)) > 0 : compare_cuts(upper, inf.cut) > 0;
    if (present) mask = static_cast<std::uint8_t>(mask | (1u << k));
  }
  return mask;
}

bool interval_contains(const Interval& in, const Version& v) {
  return (in.kinds & VersionSet::kind_bit(v)) != 0 && cut_below(in.lower, v) && !cut_below(in.upper, v);
}

}  // namespace vset_detail

using namespace vset_detail;

std::uint8_t VersionSet::kind_bit(const Version& version) {
  const unsigned k = (version.is_prerelease() ? 1u : 0u) | (version.is_postrelease() ? 2u : 0u) |
                     (version.local.empty() ? 0u : 4u);
  return static_cast<std::uint8_t>(1u << k);
}

VersionSet VersionSet::all() { return from_intervals({Interval{minus_infinity(), plus_infinity(), all_kinds}}); }

VersionSet VersionSet::none() { return VersionSet{}; }

VersionSet VersionSet::from_intervals(std::vector<Interval> intervals, std::vector<std::string> literals) {
  VersionSet out;
  for (Interval& in : intervals) {
    in.kinds &= present_kinds(in.lower, in.upper);
    if (in.kinds == 0) continue;
    if (!out.intervals_.empty()) {
      Interval& prev = out.intervals_.back();
      // Merge with the previous interval when one mask describes both, across a gap that has
      // no version of the merged kinds.
      const std::uint8_t merged = prev.kinds | in.kinds;
      if ((merged & present_kinds(prev.lower, prev.upper)) == prev.kinds &&
          (merged & present_kinds(in.lower, in.upper)) == in.kinds &&
          (merged & present_kinds(prev.upper, in.lower)) == 0) {
        {
          prev.upper = std::move(in.upper);
          prev.kinds = merged;
          continue;
        }
      }
    }
    out.intervals_.push_back(std::move(in));
  }
  std::sort(literals.begin(), literals.end());
  literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
  for (std::string& text : literals) {
    auto parsed = pep440::parse_version(text);
    if (!parsed || pep440::to_string(*parsed) != text) continue;  // matches no version
    const bool covered = std::any_of(out.intervals_.begin(), out.intervals_.end(),
                                     [&](const Interval& in) { return interval_contains(in, *parsed); });
    if (!covered) out.literals_.push_back(std::move(text));
  }
  return out;
}

namespace {

/// Sweeps the elementary segments between every cut of `a` and `b`, combining their masks.
template <class Combine>
std::vector<Interval> sweep(const std::vector<Interval>& a, const std::vector<Interval>& b, Combine combine) {
  std::vector<Bound> cuts{minus_infinity(), plus_infinity()};
  for (const auto* list : {&a, &b}) {
    for (const Interval& in : *list) {
      cuts.push_back(in.lower);
      cuts.push_back(in.upper);
    }
  }
  std::sort(cuts.begin(), cuts.end(), [](const Bound& x, const Bound& y) { return compare_cuts(x, y) < 0; });
  cuts.erase(std::unique(cuts.begin(), cuts.end(), [](const Bound& x, const Bound& y) { return compare_cuts(x, y) == 0; }),
             cuts.end());
  const auto mask_at = [](const std::vector<Interval>& list, std::size_t& pos, const Bound& lo) -> std::uint8_t {
    while (pos < list.size() && compare_cuts(list[pos].upper, lo) <= 0) ++pos;
    if (pos < list.size() && compare_cuts(list[pos].lower, lo) <= 0) return list[pos].kinds;
    return 0;
  };
  std::vector<Interval> out;
  std::size_t ia = 0;
  std::size_t ib = 0;
  for (std::size_t i = 0; i + 1 < cuts.size(); ++i) {
    const std::uint8_t m = combine(mask_at(a, ia, cuts[i]), mask_at(b, ib, cuts[i]));
    if (m != 0) out.push_back(Interval{cuts[i], cuts[i + 1], m});
  }
  return out;
}

}  // namespace

bool VersionSet::contains(const Version& version) const {
  if (std::any_of(intervals_.begin(), intervals_.end(),
                  [&](const Interval& in) { return interval_contains(in, version); })) {
    return true;
  }
  if (literals_.empty()) return false;
  return std::binary_search(literals_.begin(), literals_.end(), pep440::to_string(version));
}

VersionSet VersionSet::intersect(const VersionSet& other) const {
  std::vector<Interval> merged =
      sweep(intervals_, other.intervals_, [](std::uint8_t x, std::uint8_t y) { return static_cast<std::uint8_t>(x & y); });
  std::vector<std::string> literals;
  const auto keep = [&](const std::vector<std::string>& mine, const VersionSet& theirs) {
    for (const std::string& text : mine) {
      auto v = pep440::parse_version(text);
      if (v && theirs.contains(*v)) literals.push_back(text);
    }
  };
  keep(literals_, other);
  keep(other.literals_, *this);
  return from_intervals(std::move(merged), std::move(literals));
}

VersionSet VersionSet::unite(const VersionSet& other) const {
  std::vector<Interval> merged =
      sweep(intervals_, other.intervals_, [](std::uint8_t x, std::uint8_t y) { return static_cast<std::uint8_t>(x | y); });
  std::vector<std::string> literals = literals_;
  literals.insert(literals.end(), other.literals_.begin(), other.literals_.end());
  return from_intervals(std::move(merged), std::move(literals));
}

VersionSet VersionSet::complement() const {
  return from_intervals(sweep(intervals_, {}, [](std::uint8_t x, std::uint8_t) { return static_cast<std::uint8_t>(~x); }));
}

bool VersionSet::is_empty() const { return intervals_.empty() && literals_.empty(); }

// ---------------------------------------------------------------------------------------------
// Human form.

namespace {

bool is_plain_dev0(const Version& v) { return !v.pre && !v.post && v.dev == "0" && v.local.empty(); }

/// The public version whose successor is `y`, if there is one.
std::optional<Version> predecessor(const Version& y) {
  if (!y.local.empty() || !y.dev) return std::nullopt;
  Version p = y;
  if (*y.dev != "0") {
    // decrement
    std::string d = *y.dev;
    std::size_t i = d.size();
    while (i > 0) {
      --i;
      if (d[i] != '0') {
        --d[i];
        break;
      }
      d[i] = '9';
    }
    if (d.size() > 1 && d[0] == '0') d.erase(0, 1);
    p.dev = d;
    return p;
  }
  if (!y.post) return std::nullopt;
  p.dev.reset();
  if (*y.post == "0") {
    p.post.reset();
    return p;
  }
  return std::nullopt;
}

std::string describe_lower(const Bound& b, std::uint8_t kinds) {
  switch (b.kind) {
    case BoundKind::negative_infinity: return "";
    case BoundKind::before:
      if (is_plain_dev0(b.version) && (kinds & 0xAA) == 0) {
        Version base = b.version;
        base.dev.reset();
        return ">=" + pep440::to_string(base);  // nothing between X.dev0 and X is a member
      }
      return ">=" + pep440::to_string(b.version);
    case BoundKind::after: return ">" + pep440::to_string(b.version);
    case BoundKind::after_release: return ">" + pep440::to_string(b.version);
    case BoundKind::positive_infinity: return "<none>";
  }
  return "";
}

std::string describe_upper(const Bound& b) {
  switch (b.kind) {
    case BoundKind::negative_infinity: return "<none>";
    case BoundKind::before: {
      if (is_plain_dev0(b.version)) {
        Version base = b.version;
        base.dev.reset();
        return "<" + pep440::to_string(base);
      }
      if (auto p = predecessor(b.version)) return "<=" + pep440::to_string(*p);
      return "<" + pep440::to_string(b.version);
    }
    case BoundKind::after: return "<=" + pep440::to_string(b.version);
    case BoundKind::after_release: return "<=" + pep440::to_string(b.version) + ".post*";
    case BoundKind::positive_infinity: return "";
  }
  return "";
}

std::string describe_kinds(std::uint8_t kinds, std::uint8_t present) {
  if (kinds == present) return (present & 0xAA) ? " (pre-releases included)" : "";
  std::vector<std::string> notes;
  std::uint8_t explained = present;
  if ((kinds & 0xAA) == 0) {
    explained &= VersionSet::no_prereleases;  // the PEP 440 default, left unsaid
  } else {
    notes.emplace_back("pre-releases included");
  }
  if ((present & 0xCC) != 0 && (kinds & 0xCC) == 0) {
    explained &= VersionSet::no_postreleases;
    notes.emplace_back("no post-releases");
  }
  if ((present & 0xF0) != 0 && (kinds & 0xF0) == 0) {
    explained &= VersionSet::no_locals;
    notes.emplace_back("no local versions");
  }
  if (explained != kinds) notes = {fmt::format("version kinds {:#04x}", kinds)};
  if (notes.empty()) return "";
  std::string out = " (";
  for (std::size_t i = 0; i < notes.size(); ++i) out += (i ? ", " : "") + notes[i];
  return out + ")";
}

}  // namespace

std::string VersionSet::to_string() const {
  if (is_empty()) return "<none>";
  std::vector<std::string> parts;
  for (const Interval& in : intervals_) {
    std::string text;
    const bool singleton_public = in.lower.kind == BoundKind::before && in.upper.kind == BoundKind::before &&
                                  in.lower.version.local.empty() &&
                                  pep440::compare(successor(in.lower.version), in.upper.version) == 0;
    const bool singleton_local = in.lower.kind == BoundKind::before && in.upper.kind == BoundKind::after &&
                                 pep440::compare(in.lower.version, in.upper.version) == 0;
    if (singleton_public || singleton_local) {
      text = "==" + pep440::to_string(in.lower.version);
    } else {
      const std::string lo = describe_lower(in.lower, in.kinds);
      const std::string hi = describe_upper(in.upper);
      text = lo.empty() && hi.empty() ? "*" : lo.empty() ? hi : hi.empty() ? lo : lo + "," + hi;
    }
    parts.push_back(text + describe_kinds(in.kinds, present_kinds(in.lower, in.upper)));
  }
  for (const std::string& literal : literals_) parts.push_back("===" + literal);
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) out += (i ? " || " : "") + parts[i];
  return out;
}

std::string explain_disjoint(const VersionSet& a, std::string_view a_text, const VersionSet& b, std::string_view b_text) {
  if (!a.intersect(b).is_empty()) return "";
  const std::string at = a_text.empty() ? a.to_string() : std::string(a_text);
  const std::string bt = b_text.empty() ? b.to_string() : std::string(b_text);
  return fmt::format("no version is both {} and {}", at, bt);
}

// ---------------------------------------------------------------------------------------------
// PEP 440 specifier sets.

namespace {

using pep440::Operator;

Version make(const Version& base, std::optional<std::pair<std::string, std::string>> pre, std::optional<std::string> post,
             std::optional<std::string> dev) {
  Version v = base_of(base);
  v.pre = std::move(pre);
  v.post = std::move(post);
  v.dev = std::move(dev);
  return v;
}

VersionSet range(Bound lo, Bound hi, std::uint8_t kinds = VersionSet::all_kinds) {
  return VersionSet::from_intervals({Interval{std::move(lo), std::move(hi), kinds}});
}

VersionSet ranges(std::vector<Interval> list) { return VersionSet::from_intervals(std::move(list)); }

/// packaging 23.0's `==P.*` as _compare_equal evaluates it (string items, zero padding, and the
/// quirks of a non-zero epoch, which is glued to the first release item).
VersionSet wildcard_set(const Version& p) {
  const std::vector<std::string>& rs = p.release;
  const bool epoch0 = is_zero(p.epoch);
  const std::size_t n = rs.size();
  const bool trailing_zero = is_zero(rs.back());
  const auto exact_release_family = [&]() {
    // Release equal to rs, and exactly p's pre and post.
    if (p.post) {
      return range(before(make(p, p.pre, *p.post, "0")), before(make(p, p.pre, increment(*p.post), "0")));
    }
    if (p.pre) {
      return range(before(make(p, p.pre, std::nullopt, "0")),
                   before(make(p, std::pair{p.pre->first, increment(p.pre->second)}, std::nullopt, "0")));
    }
    return VersionSet::none();
  };
  Version next = base_of(p);
  next.release.back() = increment(rs.back());
  next.dev = "0";
  if (epoch0) {
    if (p.pre || p.post) return exact_release_family();
    VersionSet out = range(before(make(p, std::nullopt, std::nullopt, "0")), before(next));
    if (stripped_length(rs) == 0) {
      Version e1;
      e1.epoch = "1";
      e1.release = {"0"};
      e1.dev = "0";
      out = out.unite(range(before(e1), plus_infinity()));
    }
    return out;
  }
  if (p.pre || p.post) {
    if (n >= 2 && trailing_zero) return VersionSet::none();
    return exact_release_family();
  }
  if (n == 1) {
    return ranges({Interval{before(make(p, std::nullopt, std::nullopt, "0")),
                            before(make(p, std::pair<std::string, std::string>{"a", "0"}, std::nullopt, "0")),
                            VersionSet::all_kinds},
                   Interval{before(make(p, std::nullopt, std::nullopt, std::nullopt)), before(next), VersionSet::all_kinds}});
  }
  if (!trailing_zero) return range(before(make(p, std::nullopt, std::nullopt, "0")), before(next));
  return range(after_release(p), before(next));
}

/// packaging's _version_split.
std::vector<std::string> version_split(std::string_view text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    const std::string_view item = text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    // ^([0-9]+)((?:a|b|c|rc)[0-9]+)$
    std::size_t i = 0;
    while (i < item.size() && item[i] >= '0' && item[i] <= '9') ++i;
    bool split = false;
    if (i > 0 && i < item.size()) {
      std::size_t j = i;
      if (item.substr(j).starts_with("rc")) {
        j += 2;
      } else if (item[j] == 'a' || item[j] == 'b' || item[j] == 'c') {
        j += 1;
      } else {
        j = std::string_view::npos;
      }
      if (j != std::string_view::npos && j < item.size() &&
          std::all_of(item.begin() + static_cast<std::ptrdiff_t>(j), item.end(), [](char c) { return c >= '0' && c <= '9'; })) {
        split = true;
      }
    }
    if (split) {
      out.emplace_back(item.substr(0, i));
      out.emplace_back(item.substr(i));
    } else {
      out.emplace_back(item);
    }
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return out;
}

core::Result<VersionSet> compatible_set(const pep440::Specifier& spec) {
  const std::vector<std::string> items = version_split(spec.version_text);
  std::size_t keep = 0;
  const auto is_suffix = [](std::string_view s) {
    return s.starts_with("dev") || s.starts_with("a") || s.starts_with("b") || s.starts_with("rc") ||
           s.starts_with("post");
  };
  while (keep < items.size() && !is_suffix(items[keep])) ++keep;
  std::string prefix;
  for (std::size_t i = 0; i + 1 < keep; ++i) prefix += (i ? "." : "") + items[i];
  auto parsed = pep440::parse_version(prefix);
  if (!parsed || parsed->dev || !parsed->local.empty()) {
    return core::fail(fmt::format("unsupported ~= specifier '~={}': its prefix '{}' is not a release", spec.version_text,
                                  prefix));
  }
  return wildcard_set(*parsed).intersect(range(before(*spec.version), plus_infinity()));
}

core::Result<VersionSet> clause_set(const pep440::Specifier& spec) {
  if (spec.op == Operator::arbitrary) {
    return VersionSet::from_intervals({}, {ascii_lower(spec.version_text)});
  }
  if (!spec.version) return core::fail(fmt::format("specifier '{}' has no version", pep440::to_string(spec)));
  const Version& v = *spec.version;
  switch (spec.op) {
    case Operator::greater_equal: return range(before(v), plus_infinity());
    case Operator::less_equal: return range(minus_infinity(), before(successor(pep440::public_part(v))));
    case Operator::less: {
      if (v.is_prerelease()) return range(minus_infinity(), before(v));
      const Version b0 = make(v, std::nullopt, std::nullopt, "0");
      return ranges({Interval{minus_infinity(), before(b0), VersionSet::all_kinds},
                     Interval{before(b0), before(v), VersionSet::no_prereleases}});
    }
    case Operator::greater: {
      const std::uint8_t near = v.is_postrelease() ? std::uint8_t{VersionSet::no_locals}
                                                   : std::uint8_t{VersionSet::no_locals & VersionSet::no_postreleases};
      return ranges({Interval{after(v), after_release(v), near},
                     Interval{after_release(v), plus_infinity(), VersionSet::all_kinds}});
    }
    case Operator::equal:
    case Operator::not_equal: {
      VersionSet eq = spec.wildcard       ? wildcard_set(v)
                      : v.local.empty()   ? range(before(v), before(successor(v)))
                                          : range(before(v), after(v));
      return spec.op == Operator::equal ? eq : eq.complement();
    }
    case Operator::compatible: return compatible_set(spec);
    case Operator::arbitrary: break;
  }
  return core::fail("unreachable specifier operator");
}

}  // namespace

core::Result<VersionSet> VersionSet::from_specifiers(const pep440::SpecifierSet& set) {
  VersionSet out = pep440::admits_prereleases(set) ? all() : from_intervals({Interval{minus_infinity(), plus_infinity(), no_prereleases}});
  for (const pep440::Specifier& spec : set.specifiers) {
    auto clause = clause_set(spec);
    if (!clause) return std::unexpected(std::move(clause).error());
    out = out.intersect(*clause);
  }
  return out;
}

}  // namespace tracegate::resolvers
