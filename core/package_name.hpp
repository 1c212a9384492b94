// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

#include "core/ecosystem.hpp"

namespace tracegate::core {

/// PEP 503: lowercase, runs of `-`, `_` and `.` become one `-`.
std::string normalize_pypi_name(std::string_view name);

/// PEP 508 name: letters and digits, with `-`, `_`, `.` inside.
bool is_valid_pypi_name(std::string_view name);

/// The ecosystem's canonical form of a package name (Composer and Maven: lowercase / as is).
std::string normalize_package_name(Ecosystem ecosystem, std::string_view name);

}  // namespace tracegate::core
