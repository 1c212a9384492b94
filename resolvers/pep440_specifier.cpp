// SPDX-License-Identifier: Apache-2.0
// PEP 440 version specifiers exactly as packaging 23.0's `Specifier` and `SpecifierSet` parse,
// print and evaluate them, quirks included: `~=` derives its prefix from the operand *as
// written* (so `~=1.0.c1` means `>=1.0c1,==1.0.*`), wildcard matching works on canonicalized
// strings split at dots, and a set drops clauses whose canonical forms are equal (keeping the
// first), which can change what `===` matches.
//
// Where packaging raises InvalidVersion while evaluating (an `===` operand that is not a
// version when it asks for `prereleases`; a candidate whose printed form cannot be re-parsed,
// which only U+0130 in a pre-release label produces), these functions answer "not contained".

#include <algorithm>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "resolvers/pep440.hpp"
#include "resolvers/pep440_detail.hpp"

namespace tracegate::resolvers::pep440 {
namespace {

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

std::string_view operator_text(Operator op) noexcept {
  switch (op) {
    case Operator::compatible: return "~=";
    case Operator::equal: return "==";
    case Operator::not_equal: return "!=";
    case Operator::less_equal: return "<=";
    case Operator::greater_equal: return ">=";
    case Operator::less: return "<";
    case Operator::greater: return ">";
    case Operator::arbitrary: return "===";
  }
  return "";
}

std::unexpected<core::Error> invalid(std::string_view text, std::string_view why) {
  return core::fail(fmt::format("'{}' is not a valid specifier: {}", text, why));
}

bool isdigit_item(std::string_view s) noexcept {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return is_digit(c); });
}

/// packaging.specifiers._version_split: split at dots, and split `1rc1`-like items in two.
std::vector<std::string_view> version_split(std::string_view version) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  for (;;) {
    const std::size_t dot = version.find('.', i);
    const std::string_view item = version.substr(i, dot == std::string_view::npos ? dot : dot - i);
    // _prefix_regex: ^([0-9]+)((?:a|b|c|rc)[0-9]+)$
    std::size_t d = 0;
    while (d < item.size() && is_digit(item[d])) ++d;
    bool split = false;
    if (d > 0 && d < item.size()) {
      std::size_t l = 0;
      if (item.substr(d).starts_with("rc")) {
        l = 2;
      } else if (item[d] == 'a' || item[d] == 'b' || item[d] == 'c') {
        l = 1;
      }
      split = l > 0 && isdigit_item(item.substr(d + l));
    }
    if (split) {
      out.push_back(item.substr(0, d));
      out.push_back(item.substr(d));
    } else {
      out.push_back(item);
    }
    if (dot == std::string_view::npos) break;
    i = dot + 1;
  }
  return out;
}

bool is_not_suffix(std::string_view segment) noexcept {
  for (const std::string_view prefix : {"dev", "a", "b", "rc", "post"}) {
    if (segment.starts_with(prefix)) return false;
  }
  return true;
}

/// `str(version)` does not parse again (U+0130 in a pre-release label lowers to "i\u0307"), so
/// packaging raises wherever it re-parses `prospective.public`.
bool reparse_fails(const Version& v) noexcept {
  return v.pre && v.pre->first.find("\xCC\x87") != std::string::npos;
}

/// canonicalize_version(prospective.public) (strip_trailing_zero=True).
std::string canonical_public(const Version& v) {
  const bool plain = !v.pre || v.pre->first == "a" || v.pre->first == "b" || v.pre->first == "rc";
  if (plain) return detail::canonicalize(v, true, false);
  return detail::canonicalize(to_string(public_part(v)), true);
}

/// _compare_equal with `spec` = `prefix` + ".*".
bool equal_prefix(const Version& prospective, std::string_view prefix) {
  const std::string normalized_prospective = canonical_public(prospective);
  const std::string normalized_spec = detail::canonicalize(prefix, false);
  const std::vector<std::string_view> split_spec = version_split(normalized_spec);
  const std::vector<std::string_view> split_prospective = version_split(normalized_prospective);

  // _pad_version: zero-pad the prospective's leading all-digit items to the spec's count.
  const auto digits_count = [](const std::vector<std::string_view>& items) {
    std::size_t n = 0;
    while (n < items.size() && isdigit_item(items[n])) ++n;
    return n;
  };
  const std::size_t left = digits_count(split_prospective);
  const std::size_t right = digits_count(split_spec);
  std::vector<std::string_view> padded(split_prospective.begin(), split_prospective.begin() + static_cast<std::ptrdiff_t>(left));
  if (right > left) padded.insert(padded.end(), right - left, std::string_view("0"));
  padded.insert(padded.end(), split_prospective.begin() + static_cast<std::ptrdiff_t>(left), split_prospective.end());

  if (padded.size() < split_spec.size()) return false;
  return std::equal(split_spec.begin(), split_spec.end(), padded.begin());
}

bool compare_equal(const Specifier& spec, const Version& prospective) {
  if (spec.wildcard) {
    return equal_prefix(prospective, std::string_view(spec.version_text).substr(0, spec.version_text.size() - 2));
  }
  const Version& sv = *spec.version;
  if (sv.local.empty()) return detail::compare_public(prospective, sv) == 0;
  return compare(prospective, sv) == 0;
}

/// The `==X.*` prefix that `~=` derives from its operand as written.
std::string compatible_prefix(std::string_view spec) {
  const std::vector<std::string_view> items = version_split(spec);
  std::size_t keep = 0;
  while (keep < items.size() && is_not_suffix(items[keep])) ++keep;
  std::string prefix;
  for (std::size_t i = 0; i + 1 < keep; ++i) {
    if (i > 0) prefix += '.';
    prefix += items[i];
  }
  return prefix;
}

/// Whether packaging raises while evaluating this operator on `prospective`.
bool raises(const Specifier& spec, const Version& prospective) {
  if (!reparse_fails(prospective)) return false;
  switch (spec.op) {
    case Operator::compatible:
    case Operator::less_equal:
    case Operator::greater_equal: return true;
    case Operator::equal:
    case Operator::not_equal: return !spec.wildcard && spec.version->local.empty();
    default: return false;
  }
}

/// `Specifier.prereleases` raises InvalidVersion: an `===` operand that is not a version.
bool raises_for_prereleases(const Specifier& spec) noexcept {
  return spec.op == Operator::arbitrary && !spec.version.has_value();
}

bool evaluate(const Specifier& spec, const Version& prospective) {
  switch (spec.op) {
    case Operator::compatible:
      return detail::compare_public(prospective, *spec.version) >= 0 &&
             equal_prefix(prospective, compatible_prefix(spec.version_text));
    case Operator::equal: return compare_equal(spec, prospective);
    case Operator::not_equal: return !compare_equal(spec, prospective);
    case Operator::less_equal: return detail::compare_public(prospective, *spec.version) <= 0;
    case Operator::greater_equal: return detail::compare_public(prospective, *spec.version) >= 0;
    case Operator::less: {
      const Version& sv = *spec.version;
      if (compare(prospective, sv) >= 0) return false;
      return !(!sv.is_prerelease() && prospective.is_prerelease() && detail::same_base(prospective, sv));
    }
    case Operator::greater: {
      const Version& sv = *spec.version;
      if (compare(prospective, sv) <= 0) return false;
      if (!sv.is_postrelease() && prospective.is_postrelease() && detail::same_base(prospective, sv)) return false;
      if (!prospective.local.empty() && detail::same_base(prospective, sv)) return false;
      return true;
    }
    case Operator::arbitrary: return to_string(prospective) == detail::python_lower(spec.version_text);
  }
  return false;
}

}  // namespace

namespace {

/// Why a specifier is invalid; `none` when it parsed.
enum class SpecError { none, no_operator, arbitrary_operand, missing_version, wildcard_operator, wildcard_suffix,
                       compatible_segments, local_label, bad_version };

/// Parses `text` into `spec`, overwriting every field (reusing its buffers, so a caller that
/// keeps one Specifier around parses without allocating).
SpecError parse_clause(std::string_view text, Specifier& spec) {
  const std::string_view body = detail::strip(text);
  std::size_t op_len = 2;
  if (body.starts_with("===")) {
    spec.op = Operator::arbitrary;
    op_len = 3;
  } else if (body.starts_with("~=")) {
    spec.op = Operator::compatible;
  } else if (body.starts_with("==")) {
    spec.op = Operator::equal;
  } else if (body.starts_with("!=")) {
    spec.op = Operator::not_equal;
  } else if (body.starts_with("<=")) {
    spec.op = Operator::less_equal;
  } else if (body.starts_with(">=")) {
    spec.op = Operator::greater_equal;
  } else if (body.starts_with("<")) {
    spec.op = Operator::less;
    op_len = 1;
  } else if (body.starts_with(">")) {
    spec.op = Operator::greater;
    op_len = 1;
  } else {
    return SpecError::no_operator;
  }

  std::size_t pos = op_len;
  while (const std::size_t n = detail::space_at(body, pos)) pos += n;
  const std::string_view operand = body.substr(pos);
  spec.version_text.assign(operand);
  spec.wildcard = false;
  // Parse into the engaged optional's Version so its buffers are reused across calls.
  Version& v = spec.version ? *spec.version : spec.version.emplace();

  if (spec.op == Operator::arbitrary) {
    for (std::size_t i = 0; i < operand.size(); ++i) {
      if (operand[i] == ';' || operand[i] == ')' || detail::space_at(operand, i) != 0) {
        return SpecError::arbitrary_operand;
      }
    }
    if (detail::match_version(operand, detail::Grammar{}, v) != nullptr) spec.version.reset();
    return SpecError::none;
  }

  if (operand.empty()) return SpecError::missing_version;
  const bool equality = spec.op == Operator::equal || spec.op == Operator::not_equal;
  if (operand.ends_with(".*")) {
    if (!equality) return SpecError::wildcard_operator;
    const std::string_view prefix = operand.substr(0, operand.size() - 2);
    if (!detail::is_release_only(prefix)) return SpecError::wildcard_suffix;
    detail::match_version(prefix, detail::Grammar{}, v);
    spec.wildcard = true;
    return SpecError::none;
  }

  const detail::Grammar grammar{.allow_local = equality, .min_release = spec.op == Operator::compatible ? 2u : 1u};
  if (const char* why = detail::match_version(operand, grammar, v)) {
    if (std::string_view(why).starts_with("needs")) return SpecError::compatible_segments;
    if (std::string_view(why).starts_with("local")) return SpecError::local_label;
    return SpecError::bad_version;
  }
  return SpecError::none;
}

}  // namespace

core::Result<Specifier> parse_specifier(std::string_view text) {
  Specifier spec;
  switch (parse_clause(text, spec)) {
    case SpecError::none: return spec;
    case SpecError::no_operator: return invalid(text, "expected one of ~= == != <= >= < > ===");
    case SpecError::arbitrary_operand: return invalid(text, "=== takes an operand without whitespace, ';' or ')'");
    case SpecError::missing_version: return invalid(text, "missing version");
    case SpecError::wildcard_operator:
      return invalid(text, fmt::format("{} does not allow a .* wildcard", operator_text(spec.op)));
    case SpecError::wildcard_suffix:
      return invalid(text, "a .* wildcard may only follow a release segment (no pre, post, dev or local part)");
    case SpecError::compatible_segments: return invalid(text, "~= needs at least two release segments");
    case SpecError::local_label:
      return invalid(text, fmt::format("{} does not allow a local version label", operator_text(spec.op)));
    case SpecError::bad_version: break;
  }
  return invalid(text, fmt::format("'{}' is not a valid version", std::string_view(spec.version_text)));
}

bool parse_specifier_into(std::string_view text, Specifier& out) {
  return parse_clause(text, out) == SpecError::none;
}

std::string to_string(const Specifier& specifier) {
  std::string out(operator_text(specifier.op));
  out += specifier.version_text;
  return out;
}

bool admits_prereleases(const Specifier& specifier) {
  switch (specifier.op) {
    case Operator::equal:
    case Operator::greater_equal:
    case Operator::less_equal:
    case Operator::compatible:
    case Operator::arbitrary:
      // `==X.*` is parsed without its wildcard; an `===` operand that is not a version makes
      // packaging raise, taken here as "no".
      return specifier.version.has_value() && specifier.version->is_prerelease();
    default: return false;
  }
}

bool contains(const Specifier& specifier, const Version& version, std::optional<bool> prereleases) {
  if (specifier.op != Operator::arbitrary && !specifier.version.has_value()) return false;  // not from parse_specifier
  if (!prereleases.has_value() && raises_for_prereleases(specifier)) return false;
  const bool allow = prereleases.has_value() ? *prereleases : admits_prereleases(specifier);
  if (version.is_prerelease() && !allow) return false;
  if (raises(specifier, version)) return false;
  return evaluate(specifier, version);
}

/// The `_canonical_spec` packaging hashes and compares specifiers by (its operand through
/// canonicalize_version, trailing zeros kept for `~=`).
std::string canonical_key(const Specifier& spec) {
  std::string key(operator_text(spec.op));
  key += '\0';
  const bool strip = spec.op != Operator::compatible;
  if (spec.version.has_value() && !spec.wildcard) {
    key += detail::canonicalize(*spec.version, strip);
  } else {
    key += detail::canonicalize(spec.version_text, strip);
  }
  return key;
}

namespace {

/// Parses the clauses of `text` into `specs[0, count)`, reusing the elements (and their buffers)
/// already there; elements past the count are kept as spare storage. Returns the count, or
/// nullopt with `error` set to the first invalid clause's error.
std::optional<std::size_t> parse_clauses(std::string_view text, std::vector<Specifier>& specs,
                                         std::string_view* bad_piece, SpecError* error) {
  std::size_t count = 0;
  std::size_t i = 0;
  for (;;) {
    const std::size_t comma = text.find(',', i);
    const std::string_view piece =
        detail::strip(text.substr(i, comma == std::string_view::npos ? comma : comma - i));
    if (!piece.empty()) {
      if (count == specs.size()) specs.emplace_back();
      if (const SpecError e = parse_clause(piece, specs[count]); e != SpecError::none) {
        if (bad_piece) *bad_piece = piece;
        if (error) *error = e;
        return std::nullopt;
      }
      ++count;
    }
    if (comma == std::string_view::npos) break;
    i = comma + 1;
  }
  // packaging keeps a frozenset: of clauses with equal canonical forms only the first stays.
  // Canonical forms are only built for clauses that share an operator. A duplicate is rotated
  // past the count rather than erased, so its buffers stay for the next parse.
  for (std::size_t k = 1; k < count;) {
    bool duplicate = false;
    std::string key;
    for (std::size_t j = 0; j < k && !duplicate; ++j) {
      if (specs[j].op != specs[k].op) continue;
      if (key.empty()) key = canonical_key(specs[k]);
      duplicate = canonical_key(specs[j]) == key;
    }
    if (duplicate) {
      std::rotate(specs.begin() + static_cast<std::ptrdiff_t>(k), specs.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                  specs.begin() + static_cast<std::ptrdiff_t>(count));
      --count;
    } else {
      ++k;
    }
  }
  return count;
}

bool contains_clauses(std::span<const Specifier> specs, const Version& version, std::optional<bool> prereleases) {
  // packaging raises (or, depending on frozenset order, answers through a clause that admits
  // pre-releases) when it asks an `===` clause on a non-version for `prereleases`.
  if (!prereleases.has_value() && std::any_of(specs.begin(), specs.end(), raises_for_prereleases)) {
    return false;
  }
  const bool allow = prereleases.has_value()
                         ? *prereleases
                         : std::any_of(specs.begin(), specs.end(), [](const Specifier& s) { return admits_prereleases(s); });
  if (version.is_prerelease() && !allow) return false;
  return std::all_of(specs.begin(), specs.end(), [&](const Specifier& s) { return contains(s, version, allow); });
}

}  // namespace

core::Result<SpecifierSet> parse_specifier_set(std::string_view text) {
  SpecifierSet set;
  set.specifiers.reserve(static_cast<std::size_t>(std::count(text.begin(), text.end(), ',')) + 1);
  std::string_view bad_piece;
  SpecError error = SpecError::none;
  const auto count = parse_clauses(text, set.specifiers, &bad_piece, &error);
  if (!count) {
    const auto spec = parse_specifier(bad_piece);  // only to word the error
    return core::fail(fmt::format("'{}' is not a valid specifier set: {}", text, spec.error().message));
  }
  set.specifiers.resize(*count);
  return set;
}

bool parse_specifier_set_into(std::string_view text, SpecifierSetScratch& out) {
  const auto count = parse_clauses(text, out.storage, nullptr, nullptr);
  out.count = count.value_or(0);
  return count.has_value();
}

bool parse_specifier_set_into(std::string_view text, SpecifierSet& out) {
  const auto count = parse_clauses(text, out.specifiers, nullptr, nullptr);
  if (!count) return false;
  out.specifiers.resize(*count);
  return true;
}

bool contains(const SpecifierSetScratch& set, const Version& version) {
  return contains_clauses(set.specifiers(), version, std::nullopt);
}

std::string to_string(const SpecifierSet& set) {
  std::vector<std::string> parts;
  parts.reserve(set.specifiers.size());
  for (const Specifier& s : set.specifiers) parts.push_back(to_string(s));
  std::sort(parts.begin(), parts.end());
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += ',';
    out += parts[i];
  }
  return out;
}

bool admits_prereleases(const SpecifierSet& set) {
  return std::any_of(set.specifiers.begin(), set.specifiers.end(),
                     [](const Specifier& s) { return admits_prereleases(s); });
}

bool contains(const SpecifierSet& set, const Version& version, std::optional<bool> prereleases) {
  return contains_clauses(set.specifiers, version, prereleases);
}

}  // namespace tracegate::resolvers::pep440
