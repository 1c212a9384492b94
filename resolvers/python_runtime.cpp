// SPDX-License-Identifier: Apache-2.0
#include "resolvers/python_runtime.hpp"

#include <algorithm>
#include <charconv>
#include <compare>
#include <vector>

#include <fmt/format.h>

#include "core/text.hpp"

namespace tracegate::resolvers {

namespace {

using Release = std::vector<long>;

core::Result<Release> parse_release(std::string_view text) {
  text = core::trim(text);
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  Release release;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find('.', start);
    if (end == std::string_view::npos) end = text.size();
    const auto part = text.substr(start, end - start);
    long value = 0;
    auto [ptr, ec] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (part.empty() || ec != std::errc() || ptr != part.data() + part.size() || release.size() > 8) {
      return core::fail(fmt::format("'{}' is not a final release version", text));
    }
    release.push_back(value);
    start = end + 1;
  }
  return release;
}

std::strong_ordering compare(const Release& a, const Release& b) {
  const auto n = std::max(a.size(), b.size());
  for (std::size_t i = 0; i < n; ++i) {
    const long x = i < a.size() ? a[i] : 0;
    const long y = i < b.size() ? b[i] : 0;
    if (x != y) return x <=> y;
  }
  return std::strong_ordering::equal;
}

bool has_prefix(const Release& version, const Release& prefix) {
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if ((i < version.size() ? version[i] : 0) != prefix[i]) return false;
  }
  return true;
}

/// Upper bound for `~=`, Poetry `~` and `^`: bump component `index`, drop the rest.
Release bump(Release release, std::size_t index) {
  release.resize(std::max(release.size(), index + 1), 0);
  release[index] += 1;
  release.resize(index + 1);
  return release;
}

/// One clause such as ">=3.8", "==3.*", "^3.9", "~3.10", "3.11" (Poetry: bare means ==).
core::Result<bool> clause_holds(const Release& v, std::string_view clause, core::ConstraintSyntax syntax) {
  clause = core::trim(clause);
  if (clause.empty() || clause == "*") return true;
  for (std::string_view op : {"===", "==", "!=", "<=", ">=", "~=", "<", ">", "^", "~", "="}) {
    if (!clause.starts_with(op)) continue;
    auto operand = core::trim(clause.substr(op.size()));
    const bool wildcard = operand.ends_with(".*");
    if (wildcard) operand.remove_suffix(2);
    auto bound = parse_release(operand);
    if (!bound) return std::unexpected(bound.error());
    if (wildcard && op != "==" && op != "!=") return core::fail(fmt::format("wildcard not allowed in '{}'", clause));
    const auto order = compare(v, *bound);
    if (op == "==" || op == "===" || op == "=") return wildcard ? has_prefix(v, *bound) : order == 0;
    if (op == "!=") return wildcard ? !has_prefix(v, *bound) : order != 0;
    if (op == "<=") return order <= 0;
    if (op == ">=") return order >= 0;
    if (op == "<") return order < 0;
    if (op == ">") return order > 0;
    if (op == "~=") {
      if (bound->size() < 2) return core::fail(fmt::format("'{}' needs at least two components", clause));
      return order >= 0 && compare(v, bump(*bound, bound->size() - 2)) < 0;
    }
    if (op == "~") {
      return order >= 0 && compare(v, bump(*bound, bound->size() >= 2 ? 1 : 0)) < 0;
    }
    // Caret: the first non-zero component may not change.
    std::size_t index = 0;
    while (index + 1 < bound->size() && (*bound)[index] == 0) ++index;
    return order >= 0 && compare(v, bump(*bound, index)) < 0;
  }
  if (syntax == core::ConstraintSyntax::poetry) return clause_holds(v, fmt::format("=={}", clause), syntax);
  return core::fail(fmt::format("unsupported clause '{}'", clause));
}

std::vector<std::string_view> split_any(std::string_view text, std::string_view separators) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= text.size()) {
    auto end = text.find_first_of(separators, start);
    if (end == std::string_view::npos) end = text.size();
    if (auto part = core::trim(text.substr(start, end - start)); !part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

core::Result<bool> satisfies(const Release& v, std::string_view constraint, core::ConstraintSyntax syntax) {
  // Poetry: `||` separates alternatives; `,` or spaces separate clauses that must all hold.
  std::vector<std::string_view> alternatives;
  if (syntax == core::ConstraintSyntax::poetry) {
    std::size_t start = 0;
    while (start <= constraint.size()) {
      auto end = constraint.find("||", start);
      if (end == std::string_view::npos) end = constraint.size();
      alternatives.push_back(constraint.substr(start, end - start));
      start = end + 2;
    }
  } else {
    alternatives.push_back(constraint);
  }
  for (auto alternative : alternatives) {
    bool all = true;
    // Poetry lets operators be followed by spaces (">= 3.8"); join them back before splitting.
    std::string joined;
    for (std::size_t i = 0; i < alternative.size(); ++i) {
      const char c = alternative[i];
      if (c == ' ' && !joined.empty() && std::string_view("<>=!~^").find(joined.back()) != std::string_view::npos) continue;
      joined.push_back(c);
    }
    for (auto clause : split_any(joined, syntax == core::ConstraintSyntax::poetry ? ", " : ",")) {
      auto holds = clause_holds(v, clause, syntax);
      if (!holds) return holds;
      all = all && *holds;
    }
    if (all) return true;
  }
  return false;
}

}  // namespace

core::Result<bool> python_line_may_satisfy(std::string_view version, std::string_view constraint,
                                           core::ConstraintSyntax syntax) {
  auto release = parse_release(version);
  if (!release) return std::unexpected(release.error());
  if (release->size() >= 3) return satisfies(*release, constraint, syntax);
  // A line ("3.8") stands for all its patch releases: its first and a far later one.
  Release first = *release;
  first.resize(3, 0);
  Release late = first;
  late[2] = 999;
  if (release->size() == 1) late[1] = 999;
  for (const auto& candidate : {first, late}) {
    auto holds = satisfies(candidate, constraint, syntax);
    if (!holds || *holds) return holds;
  }
  return false;
}

}  // namespace tracegate::resolvers
