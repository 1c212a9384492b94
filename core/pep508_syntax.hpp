// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tracegate::core {

/// A PEP 508 requirement split into its parts; nothing is evaluated.
struct Pep508Parts {
  std::string name;
  std::vector<std::string> extras;
  std::string specifier;  ///< ">=1.0,<2" with the parentheses of `name (>=1.0)` removed; spaces kept out
  std::string url;        ///< `name @ url`
  std::string markers;    ///< after `;`, trimmed
};

/// Splits `text` (one requirement, no comments or options) into its parts.
/// The error gives a column (1-based, in `text`) and says what was expected.
Result<Pep508Parts> split_pep508(std::string_view text);

}  // namespace tracegate::core
