// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tracegate::cli {

/// Answers one tab-separated query line of `tracegate versions` (without its newline),
/// appending the answer (without newline) to `out`. A malformed line answers "error".
using QueryAnswerer = void (*)(std::string_view line, std::string& out);

/// The answerer for `--ecosystem NAME`; the error lists the known ecosystems.
core::Result<QueryAnswerer> find_query_answerer(std::string_view ecosystem);

/// pypi: cmp / in / norm / req / marker, as docs/versions.md describes.
void answer_pypi_query(std::string_view line, std::string& out);
/// packagist: cmp / in / norm with composer/semver's semantics (docs/versions.md).
void answer_packagist_query(std::string_view line, std::string& out);
/// maven: cmp / in / norm with maven-artifact's ComparableVersion and VersionRange.
void answer_maven_query(std::string_view line, std::string& out);
/// gradle: cmp / in / norm with Gradle's version ordering and selectors.
void answer_gradle_query(std::string_view line, std::string& out);

}  // namespace tracegate::cli
