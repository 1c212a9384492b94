// SPDX-License-Identifier: Apache-2.0
#pragma once

// Internals shared by pep440_version.cpp and pep440_specifier.cpp. Not part of the public API.

#include <compare>
#include <cstddef>
#include <string>
#include <string_view>

#include "resolvers/pep440.hpp"

namespace tracegate::resolvers::pep440::detail {

/// Byte length of the Python whitespace character (`str.isspace`, the regex `\s`) that starts
/// at `text[pos]`, or 0. Text is UTF-8.
std::size_t space_at(std::string_view text, std::size_t pos) noexcept;

/// Byte length of the Python whitespace character that ends at `text[end - 1]`, or 0.
std::size_t space_before(std::string_view text, std::size_t end) noexcept;

/// `text.strip()` as Python strips a str.
std::string_view strip(std::string_view text) noexcept;

/// What the version grammar may contain where it is embedded.
struct Grammar {
  bool allow_local = true;
  std::size_t min_release = 1;
};

/// Why `text` (already stripped, no surrounding whitespace) does not match packaging's
/// VERSION_PATTERN under `grammar`, or nullptr when it matches (then every field of `out` is
/// overwritten with the parse; on failure `out` is untouched).
const char* match_version(std::string_view text, const Grammar& grammar, Version& out);

/// Whether `text` is `v?(N!)?N(.N)*` (a release-only version, as before a `.*` wildcard).
bool is_release_only(std::string_view text) noexcept;

/// Compares two digit strings without leading zeros.
std::strong_ordering compare_number(std::string_view a, std::string_view b) noexcept;

/// packaging.utils.canonicalize_version(text, strip_trailing_zero=...): the normalized form
/// with trailing `.0` release components removed, or `text` unchanged when it is not a version.
std::string canonicalize(std::string_view text, bool strip_trailing_zero);

/// canonicalize_version of an already parsed version (of its public part unless `with_local`).
std::string canonicalize(const Version& version, bool strip_trailing_zero, bool with_local = true);

/// compare(public_part(a), b) without copying `a`.
std::strong_ordering compare_public(const Version& a, const Version& b) noexcept;

/// `str.lower()` for the characters that can make a difference when comparing against a
/// printed version (ASCII, U+0130, U+212A); every other character is kept as is.
std::string python_lower(std::string_view text);

/// Whether epoch and release (trailing zeros ignored) are equal: `Version(a.base_version) ==
/// Version(b.base_version)`.
bool same_base(const Version& a, const Version& b) noexcept;

}  // namespace tracegate::resolvers::pep440::detail
