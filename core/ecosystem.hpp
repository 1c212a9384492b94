// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string_view>

namespace tracegate::core {

/// Where a package comes from; decides name normalization and version semantics.
enum class Ecosystem { pypi, packagist, maven };

/// The grammar a constraint string is written in (Poetry's `^1.2` is not PEP 440).
enum class ConstraintSyntax { pep440, poetry, composer, maven, gradle };

/// The language a service runs on.
enum class Language { python, php, jvm };

std::string_view to_string(Ecosystem ecosystem);
std::string_view to_string(ConstraintSyntax syntax);
std::string_view to_string(Language language);
std::optional<Ecosystem> parse_ecosystem(std::string_view text);

}  // namespace tracegate::core
