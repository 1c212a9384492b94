// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internals shared by pep508_marker.cpp and pep508_requirement.cpp. Not part of the public API.
//
// The tokenizer follows packaging 23.0's `_tokenizer.DEFAULT_RULES` one rule at a time. Text is
// UTF-8 (validated up front); positions are byte offsets. Where Python's `re` is Unicode-aware
// (`\b`, `\s`, IGNORECASE) the code uses the generated tables of pep508_unicode.inc.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "resolvers/pep440.hpp"
#include "resolvers/pep508.hpp"

namespace tracegate::resolvers::pep508 {

enum class CompareOp : std::uint8_t {
  less, less_equal, equal, not_equal, greater_equal, greater, compatible, arbitrary, in, not_in
};

/// One side of a marker comparison: a Variable (`text` is its normalized name, e.g. `os_name`
/// for `os.name`) or a Value (`text` is the string after Python's literal_eval).
struct Operand {
  bool is_variable = false;
  std::string text;
};

/// packaging's marker list: a group (`[atom, "and"|"or", atom, ...]`, the parenthesized or
/// top-level expression) or one comparison (`(lhs, op, rhs)`).
struct Marker::Node {
  enum class Kind : std::uint8_t { group, comparison };
  Kind kind = Kind::group;

  // group
  std::vector<Node> children;
  std::vector<bool> or_before;  ///< or_before[i]: the operator between children[i] and children[i + 1] is "or"

  // comparison
  Operand lhs;
  CompareOp op = CompareOp::equal;
  Operand rhs;

  // Evaluation data derived from the comparison (see pep508_marker.cpp, `prepare`).
  std::string env_key;      ///< the environment entry the comparison reads
  std::string fixed;        ///< the side that does not come from the environment, `extra`-normalized
  bool env_is_lhs = false;  ///< the environment value is the left-hand side
  bool normalize = false;   ///< env_key is "extra": both sides go through canonicalize_name
  std::optional<pep440::Specifier> fixed_specifier;  ///< env_is_lhs: Specifier(op + fixed), if valid
  std::optional<pep440::Version> fixed_version;      ///< !env_is_lhs: Version(fixed), if valid
};

namespace detail {

/// Validates UTF-8 (Python strings cannot hold anything else).
bool valid_utf8(std::string_view text) noexcept;

/// Decodes the code point at `pos` (text is valid UTF-8); `length` receives its byte count.
char32_t decode_at(std::string_view text, std::size_t pos, std::size_t& length) noexcept;

/// Whether the regex `\w` of a Python str pattern matches the character starting at `pos`
/// (false at the end), or the one ending at `pos` (false at the start).
bool word_at(std::string_view text, std::size_t pos) noexcept;
bool word_before(std::string_view text, std::size_t pos) noexcept;

/// Byte length of the Python whitespace character (`\s`, str.isspace) at `pos`, or 0.
std::size_t unicode_space_at(std::string_view text, std::size_t pos) noexcept;

/// Whether NFKC(c) contains one of `/?#@:` (urllib.parse._checknetloc).
bool nfkc_has_url_delimiter(char32_t c) noexcept;

/// packaging.utils.canonicalize_name: runs of `-_.` become `-`, then Python's str.lower().
std::string canonicalize_name(std::string_view name);

/// A cursor over the source text with packaging's token rules.
struct Cursor {
  std::string_view text;
  std::size_t pos = 0;
  /// Syntax errors carry no message (callers that only need "invalid" skip formatting one).
  bool quiet = false;

  bool at(char c) const noexcept { return pos < text.size() && text[pos] == c; }
  /// WS: `[ \t]+`; returns whether anything was consumed.
  bool skip_ws() noexcept;
  /// END: `$` (the end, or just before a final "\n").
  bool at_end() const noexcept;
  /// A keyword made of word characters, with `\b` on both sides (e.g. `\band\b`).
  bool keyword(std::string_view word) const noexcept;
};

/// `column N: message` with a 1-based code point column, as an error; an empty one when
/// `cursor.quiet`.
core::Error syntax_error(const Cursor& cursor, std::string_view message, std::size_t at);

/// _parse_marker at the cursor (no END check, as in packaging); then _normalize_extra_values.
core::Result<std::shared_ptr<Marker::Node>> parse_marker_at(Cursor& cursor);

}  // namespace detail
}  // namespace tracegate::resolvers::pep508
