// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tracegate::cli {

/// tracegate.toml. Documented in docs/configuration.md; later issues add their tables.
struct Config {
  struct Scan {
    std::vector<std::string> exclude;            ///< fnmatch patterns on repository paths
    std::optional<std::uint64_t> max_file_size;  ///< bytes
    std::optional<int> jobs;
  } scan;
  struct Rules {
    std::vector<std::string> paths;  ///< extra knowledge directories, relative to the file
  } rules;
};

/// Reads and parses a configuration file.
core::Result<Config> load_config_file(const std::string& path);

/// Parses `text` (read from `path`). Unknown keys, wrong types and syntax errors are errors
/// naming `path:line:col`.
core::Result<Config> parse_config(std::string_view text, std::string_view path);

}  // namespace tracegate::cli
