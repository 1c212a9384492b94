// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace tracegate::rules {

/// The CPython 3 minor versions whose standard library is known; others use the nearest.
inline constexpr int kOldestKnownPythonMinor = 7;
inline constexpr int kNewestKnownPythonMinor = 14;

/// Whether `top_level_name` ("json", "_thread", "__future__", not "json.decoder") is a module of
/// CPython 3.`python_minor`'s standard library, on any platform: the names of
/// `sys.stdlib_module_names`, private modules included. `distutils` is one up to 3.11, `tomllib`
/// from 3.11 on. A minor below 7 or above 14 is answered as 3.7 or 3.14.
bool is_stdlib_module(std::string_view top_level_name, int python_minor);

}  // namespace tracegate::rules
