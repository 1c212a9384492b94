// SPDX-License-Identifier: Apache-2.0
// Gradle selectors (DefaultVersionSelectorScheme), rich versions and the sets they compile into.
// docs/versions-gradle.md.
#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "resolvers/gradle.hpp"

namespace tracegate::resolvers::gradle {

namespace {

// ----- VersionRangeSelector.ALL_RANGE, matched by hand ---------------------------------------

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\x0B' || c == '\f' || c == '\r'; }
bool is_open(char c) { return c == '[' || c == ']' || c == '('; }
bool is_close(char c) { return c == ']' || c == '[' || c == ')'; }
/// ANY_NON_SPECIAL_PATTERN: not whitespace, not `,`, not a bracket or parenthesis.
bool is_bound_char(char c) { return !is_space(c) && c != ',' && c != '[' && c != ']' && c != '(' && c != ')'; }

struct RangeText {
  std::string_view lower, upper;  // empty when open-ended
  bool lower_inclusive = true, upper_inclusive = true;
};

struct Scanner {
  std::string_view s;
  std::size_t i = 0;
  void spaces() {
    while (i < s.size() && is_space(s[i])) ++i;
  }
  std::string_view bound() {
    const auto start = i;
    while (i < s.size() && is_bound_char(s[i])) ++i;
    return s.substr(start, i - start);
  }
  bool take(char c) {
    if (i < s.size() && s[i] == c) return ++i, true;
    return false;
  }
  bool separator() {  // \s*,\s*
    spaces();
    if (!take(',')) return false;
    spaces();
    return true;
  }
  bool closes_at_end() { return i + 1 == s.size() && is_close(s[i]); }
};

/// FINITE, LOWER_INFINITE, UPPER_INFINITE and SINGLE_VALUE, tried in the constructor's order.
bool match_range(std::string_view s, RangeText& out) {
  if (s.empty()) return false;
  {  // open \s*(bound)\s*,\s*(bound)\s* close
    Scanner c{s, 0};
    if (is_open(s[0])) {
      c.i = 1;
      c.spaces();
      const auto lower = c.bound();
      if (!lower.empty() && c.separator()) {
        const auto upper = c.bound();
        c.spaces();
        if (!upper.empty() && c.closes_at_end()) {
          out = {lower, upper, s.front() == '[', s.back() == ']'};
          return true;
        }
      }
    }
  }
  {  // \(\s*,\s*(bound)\s* close
    Scanner c{s, 0};
    if (c.take('(') && c.separator()) {
      const auto upper = c.bound();
      c.spaces();
      if (!upper.empty() && c.closes_at_end()) {
        out = {{}, upper, true, s.back() == ']'};
        return true;
      }
    }
  }
  {  // open \s*(bound)\s*,\s*\)
    Scanner c{s, 0};
    if (is_open(s[0])) {
      c.i = 1;
      c.spaces();
      const auto lower = c.bound();
      if (!lower.empty() && c.separator() && c.i + 1 == s.size() && s[c.i] == ')') {
        out = {lower, {}, s.front() == '[', true};
        return true;
      }
    }
  }
  {  // \[\s*(bound)\]
    Scanner c{s, 0};
    if (c.take('[')) {
      c.spaces();
      const auto value = c.bound();
      if (!value.empty() && c.i + 1 == s.size() && s[c.i] == ']') {
        out = {value, value, true, true};
        return true;
      }
    }
  }
  return false;
}

int status_index(std::string_view status) {
  if (status == "integration") return 0;
  if (status == "milestone") return 1;
  if (status == "release") return 2;
  return -1;
}

Intervals::Bound lower_cut(const Selector& s) {
  if (!s.has_lower) return Intervals::minus_infinity();
  return s.lower_inclusive ? Intervals::before(s.lower) : Intervals::after(s.lower);
}
Intervals::Bound upper_cut(const Selector& s) {
  if (!s.has_upper) return Intervals::plus_infinity();
  return s.upper_inclusive ? Intervals::after(s.upper) : Intervals::before(s.upper);
}
bool range_is_empty(const Selector& s) { return Intervals::compare_cuts(lower_cut(s), upper_cut(s)) >= 0; }

// ----- VersionSet internals ------------------------------------------------------------------

using Layer = VersionSet::Layer;
using Refinement = VersionSet::Refinement;

bool same_intervals(const Intervals& a, const Intervals& b) {
  const auto& x = a.intervals();
  const auto& y = b.intervals();
  if (x.size() != y.size()) return false;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (Intervals::compare_cuts(x[i].lower, y[i].lower) != 0) return false;
    if (Intervals::compare_cuts(x[i].upper, y[i].upper) != 0) return false;
  }
  return true;
}

bool same_layer(const Layer& a, const Layer& b) {
  if (!same_intervals(a.base, b.base) || a.refinements.size() != b.refinements.size()) return false;
  for (std::size_t i = 0; i < a.refinements.size(); ++i) {
    const auto& x = a.refinements[i];
    const auto& y = b.refinements[i];
    if (x.key != y.key || x.exact != y.exact || !same_intervals(x.members, y.members)) return false;
  }
  return true;
}

bool matches(const Refinement& r, std::string_view text) { return r.exact ? text == r.key : text.starts_with(r.key); }

/// Whether `r` matches every text that the key (`key`, `exact`) matches.
bool covers(const Refinement& r, std::string_view key, bool exact) {
  return r.exact ? exact && r.key == key : key.starts_with(r.key);
}

bool more_specific(const Refinement& a, const Refinement& b) {
  if (a.key.size() != b.key.size()) return a.key.size() > b.key.size();
  return a.exact && !b.exact;
}

/// The intervals deciding membership, in `layer`, for texts whose most specific key (among the
/// keys of every operand) is (`key`, `exact`).
const Intervals& value_at(const Layer& layer, std::string_view key, bool exact, const Refinement* skip = nullptr) {
  const Refinement* best = nullptr;
  for (const auto& r : layer.refinements) {
    if (&r == skip || !covers(r, key, exact)) continue;
    if (best == nullptr || more_specific(r, *best)) best = &r;
  }
  return best != nullptr ? best->members : layer.base;
}

/// Drops what cannot change membership: exact keys whose status belongs to the other layer, and
/// refinements equal to what they refine. An exact key's intervals shrink to all or none.
void normalize(Layer& layer, Status status) {
  auto& rs = layer.refinements;
  // A prefix refinement with the empty key is the base.
  if (auto it = std::find_if(rs.begin(), rs.end(), [](const Refinement& r) { return !r.exact && r.key.empty(); });
      it != rs.end()) {
    layer.base = std::move(it->members);
    rs.erase(it);
  }
  std::vector<bool> drop(rs.size(), false);
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (!rs[i].exact) continue;
    if (maven_status(rs[i].key) != status) {
      drop[i] = true;
    } else {
      rs[i].members = rs[i].members.contains(parse_version(rs[i].key)) ? Intervals::all() : Intervals::none();
    }
  }
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (drop[i]) continue;
    const Intervals& parent = value_at(layer, rs[i].key, rs[i].exact, &rs[i]);
    const bool redundant = rs[i].exact ? parent.contains(parse_version(rs[i].key)) == rs[i].members.is_all()
                                       : same_intervals(parent, rs[i].members);
    // Dropping a refinement equal to its parent leaves every other lookup unchanged, and an
    // exact key of the other status is never looked up, so the flags can be computed at once.
    if (redundant) drop[i] = true;
  }
  std::size_t kept = 0;
  for (std::size_t i = 0; i < rs.size(); ++i) {
    if (drop[i]) continue;
    if (kept != i) rs[kept] = std::move(rs[i]);
    ++kept;
  }
  rs.resize(kept);
}

template <class Op>
Layer combine(const Layer& a, const Layer& b, Op op) {
  Layer out;
  out.base = op(a.base, b.base);
  std::vector<std::pair<std::string_view, bool>> keys;
  keys.reserve(a.refinements.size() + b.refinements.size());
  for (const auto& r : a.refinements) keys.emplace_back(r.key, r.exact);
  for (const auto& r : b.refinements) keys.emplace_back(r.key, r.exact);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  out.refinements.reserve(keys.size());
  for (const auto& [key, exact] : keys) {
    out.refinements.push_back({std::string(key), exact, op(value_at(a, key, exact), value_at(b, key, exact))});
  }
  return out;
}

std::string show(const Version& v) {
  switch (v.limit) {
    case Limit::none: return v.text;
    case Limit::dev_tail: return v.text + (v.text.empty() ? "dev…" : ".dev…");
    case Limit::zero_run: return v.text + "…";
  }
  return v.text;
}

std::string describe_layer(const Layer& layer) {
  std::string text = layer.base.describe(show);
  for (const auto& r : layer.refinements) {
    text += fmt::format("; \"{}\"{}: {}", r.key, r.exact ? "" : "*", r.members.describe(show));
  }
  return text;
}

// ----- rich versions -------------------------------------------------------------------------

constexpr std::array<std::string_view, 4> kClauses = {"strictly", "require", "prefer", "reject"};

bool starts_rich(std::string_view text) {
  return std::any_of(kClauses.begin(), kClauses.end(), [&](std::string_view key) {
    return text.size() > key.size() && text.starts_with(key) && text[key.size()] == '=';
  });
}

/// `reject=` items: comma-separated, a range item keeping its own comma.
std::vector<std::string> split_rejects(std::string_view value) {
  std::vector<std::string> items;
  std::size_t i = 0;
  while (true) {
    std::size_t end = std::string_view::npos;
    if (i < value.size() && is_open(value[i])) {
      RangeText range;
      for (std::size_t q = i + 1; q < value.size(); ++q) {
        if (is_close(value[q]) && (q + 1 == value.size() || value[q + 1] == ',') &&
            match_range(value.substr(i, q + 1 - i), range)) {
          end = q + 1;
          break;
        }
      }
    }
    if (end == std::string_view::npos) end = std::min(value.find(',', i), value.size());
    items.emplace_back(value.substr(i, end - i));
    if (end >= value.size()) break;
    i = end + 1;
  }
  return items;
}

core::Result<RichVersion> parse_rich(std::string_view text) {
  RichVersion version;
  std::array<bool, 4> seen{};
  std::size_t start = 0;
  while (true) {
    const auto semicolon = text.find(';', start);
    const auto clause = text.substr(start, semicolon == std::string_view::npos ? std::string_view::npos : semicolon - start);
    const auto equals = clause.find('=');
    const auto key = clause.substr(0, equals);
    const auto it = std::find(kClauses.begin(), kClauses.end(), key);
    if (equals == std::string_view::npos || it == kClauses.end()) {
      return core::fail(fmt::format("not a rich version clause: '{}'", clause));
    }
    const auto index = static_cast<std::size_t>(it - kClauses.begin());
    if (seen[index]) return core::fail(fmt::format("'{}' given twice", key));
    seen[index] = true;
    const auto value = clause.substr(equals + 1);
    switch (index) {
      case 0: version.strictly = value; break;
      case 1: version.require = value; break;
      case 2: version.prefer = value; break;
      default: version.rejects = split_rejects(value); break;
    }
    if (semicolon == std::string_view::npos) break;
    start = semicolon + 1;
  }
  return version;
}

}  // namespace

// ----- selectors -----------------------------------------------------------------------------

Selector parse_selector(std::string_view text) {
  Selector selector;
  RangeText range;
  if (match_range(text, range)) {
    if (!range.lower.empty() && range.lower == range.upper && range.lower_inclusive && range.upper_inclusive) {
      selector.kind = SelectorKind::exact;  // `[1.0]`, `[1.0, 1.0]`
      selector.text = range.upper;
      parse_version_into(selector.text, selector.lower);
      return selector;
    }
    selector.kind = SelectorKind::range;
    selector.text = text;
    selector.has_lower = !range.lower.empty();
    selector.has_upper = !range.upper.empty();
    selector.lower_inclusive = range.lower_inclusive;
    selector.upper_inclusive = range.upper_inclusive;
    if (selector.has_lower) parse_version_into(range.lower, selector.lower);
    if (selector.has_upper) parse_version_into(range.upper, selector.upper);
    return selector;
  }
  if (text.ends_with('+')) {
    selector.kind = SelectorKind::prefix;
    selector.text = text.substr(0, text.size() - 1);
    if (!selector.text.empty()) selector.lower = prefix_infimum(selector.text);
    return selector;
  }
  if (text.starts_with("latest.")) {
    selector.kind = SelectorKind::latest;
    selector.text = text.substr(7);
    return selector;
  }
  selector.kind = SelectorKind::exact;
  selector.text = text;
  parse_version_into(text, selector.lower);
  return selector;
}

bool accepts(const Selector& selector, const Version& version) {
  switch (selector.kind) {
    case SelectorKind::exact: return selector.text.empty() || version.text == selector.text;
    case SelectorKind::prefix: return version.text.starts_with(selector.text);
    case SelectorKind::latest: {
      const int wanted = status_index(selector.text);
      const int actual = maven_status(version.text) == Status::integration ? 0 : 2;
      return wanted >= 0 && wanted <= actual;
    }
    case SelectorKind::range: {
      if (selector.has_lower) {
        const int c = compare(version, selector.lower);
        if (selector.lower_inclusive ? c < 0 : c <= 0) return false;
      }
      if (selector.has_upper) {
        const int c = compare(version, selector.upper);
        if (selector.upper_inclusive) return c <= 0;
        return c < 0 && !version.text.starts_with(selector.upper.text);
      }
      return true;
    }
  }
  return false;
}

bool at_least_accepted(const Selector& selector, const Version& version) {
  switch (selector.kind) {
    case SelectorKind::exact: return selector.text.empty() || compare(version, selector.lower) >= 0;
    case SelectorKind::prefix: return selector.text.empty() || compare(version, selector.lower) > 0;
    case SelectorKind::latest: return status_index(selector.text) >= 0;
    case SelectorKind::range: {
      if (range_is_empty(selector)) return false;
      if (!selector.has_lower) return true;
      const int c = compare(version, selector.lower);
      return selector.lower_inclusive ? c >= 0 : c > 0;
    }
  }
  return false;
}

// ----- constraints ---------------------------------------------------------------------------

core::Result<Constraint> parse_constraint(std::string_view text) {
  Constraint constraint;
  if (starts_rich(text)) {
    auto version = parse_rich(text);
    if (!version) return std::unexpected(std::move(version).error());
    constraint.rich = true;
    constraint.version = std::move(*version);
    return constraint;
  }
  // StrictVersionParser: `S!!P` is strictly S, prefer P; `!!` may not come first.
  if (const auto bang = text.find("!!"); bang != std::string_view::npos) {
    if (bang == 0) return core::fail("the strict version modifier (!!) must follow a version");
    constraint.rich = true;
    constraint.version.strictly = text.substr(0, bang);
    constraint.version.prefer = text.substr(bang + 2);
    return constraint;
  }
  constraint.selector = parse_selector(text);
  return constraint;
}

bool contains(const Constraint& constraint, const Version& version) {
  if (!constraint.rich) return accepts(constraint.selector, version);
  const auto& rich = constraint.version;
  const bool kept = !rich.strictly.empty() ? accepts(parse_selector(rich.strictly), version)
                                           : at_least_accepted(parse_selector(rich.require), version);
  if (!kept) return false;
  return std::none_of(rich.rejects.begin(), rich.rejects.end(),
                      [&](const std::string& reject) { return accepts(parse_selector(reject), version); });
}

// ----- VersionSet ----------------------------------------------------------------------------

VersionSet VersionSet::uniform(const Intervals& intervals) {
  VersionSet set;
  for (auto& layer : set.layers_) layer.base = intervals;
  return set;
}

VersionSet VersionSet::all() { return uniform(Intervals::all()); }
VersionSet VersionSet::none() { return uniform(Intervals::none()); }

VersionSet VersionSet::exact_text(std::string_view text) {
  if (text.empty()) return all();
  VersionSet set;
  for (std::size_t s = 0; s < set.layers_.size(); ++s) {
    set.layers_[s].refinements.push_back({std::string(text), true, Intervals::all()});
    normalize(set.layers_[s], static_cast<Status>(s));
  }
  return set;
}

VersionSet VersionSet::with_prefix(std::string_view prefix) {
  if (prefix.empty()) return all();
  VersionSet set;
  for (auto& layer : set.layers_) layer.refinements.push_back({std::string(prefix), false, Intervals::all()});
  return set;
}

VersionSet VersionSet::with_status(Status status) {
  VersionSet set;
  set.layers_[static_cast<std::size_t>(status)].base = Intervals::all();
  return set;
}

bool VersionSet::contains(const Version& version) const {
  const Layer& l = layer(maven_status(version.text));
  const Refinement* best = nullptr;
  for (const auto& r : l.refinements) {
    if (matches(r, version.text) && (best == nullptr || more_specific(r, *best))) best = &r;
  }
  return (best != nullptr ? best->members : l.base).contains(version);
}

bool VersionSet::is_empty() const {
  return std::all_of(layers_.begin(), layers_.end(), [](const Layer& l) {
    return l.base.is_empty() &&
           std::all_of(l.refinements.begin(), l.refinements.end(), [](const Refinement& r) { return r.members.is_empty(); });
  });
}

VersionSet VersionSet::intersect(const VersionSet& other) const {
  VersionSet out;
  for (std::size_t s = 0; s < layers_.size(); ++s) {
    out.layers_[s] = combine(layers_[s], other.layers_[s],
                             [](const Intervals& a, const Intervals& b) { return a.intersect(b); });
    normalize(out.layers_[s], static_cast<Status>(s));
  }
  return out;
}

VersionSet VersionSet::unite(const VersionSet& other) const {
  VersionSet out;
  for (std::size_t s = 0; s < layers_.size(); ++s) {
    out.layers_[s] = combine(layers_[s], other.layers_[s],
                             [](const Intervals& a, const Intervals& b) { return a.unite(b); });
    normalize(out.layers_[s], static_cast<Status>(s));
  }
  return out;
}

VersionSet VersionSet::complement() const {
  VersionSet out;
  for (std::size_t s = 0; s < layers_.size(); ++s) {
    out.layers_[s].base = layers_[s].base.complement();
    for (const auto& r : layers_[s].refinements) {
      out.layers_[s].refinements.push_back({r.key, r.exact, r.members.complement()});
    }
  }
  return out;
}

std::string VersionSet::describe() const {
  const auto& release = layer(Status::release);
  const auto& integration = layer(Status::integration);
  if (same_layer(release, integration)) return describe_layer(release);
  return "release: " + describe_layer(release) + " | integration: " + describe_layer(integration);
}

VersionSet compile(const Selector& selector) {
  switch (selector.kind) {
    case SelectorKind::exact: return VersionSet::exact_text(selector.text);
    case SelectorKind::prefix: return VersionSet::with_prefix(selector.text);
    case SelectorKind::latest: {
      const int wanted = status_index(selector.text);
      if (wanted < 0) return VersionSet::none();
      return wanted == 0 ? VersionSet::all() : VersionSet::with_status(Status::release);
    }
    case SelectorKind::range: {
      auto set = VersionSet::uniform(Intervals::from_interval(lower_cut(selector), upper_cut(selector)));
      // An exclusive upper bound is also a prefix exclusion (2.0-SNAPSHOT is not in [1.0,2.0)).
      if (selector.has_upper && !selector.upper_inclusive) set = set.minus(VersionSet::with_prefix(selector.upper.text));
      return set;
    }
  }
  return VersionSet::none();
}

VersionSet compile_at_least(const Selector& selector) {
  switch (selector.kind) {
    case SelectorKind::exact:
      if (selector.text.empty()) return VersionSet::all();
      return VersionSet::uniform(Intervals::at_least(selector.lower));
    case SelectorKind::prefix:
      if (selector.text.empty()) return VersionSet::all();
      return VersionSet::uniform(Intervals::greater_than(selector.lower));
    case SelectorKind::latest:
      return status_index(selector.text) >= 0 ? VersionSet::all() : VersionSet::none();
    case SelectorKind::range:
      if (range_is_empty(selector)) return VersionSet::none();
      return VersionSet::uniform(Intervals::from_interval(lower_cut(selector), Intervals::plus_infinity()));
  }
  return VersionSet::none();
}

VersionSet compile(const Constraint& constraint) {
  if (!constraint.rich) return compile(constraint.selector);
  const auto& rich = constraint.version;
  auto set = !rich.strictly.empty() ? compile(parse_selector(rich.strictly))
                                     : compile_at_least(parse_selector(rich.require));
  for (const auto& reject : rich.rejects) set = set.minus(compile(parse_selector(reject)));
  return set;
}

}  // namespace tracegate::resolvers::gradle
