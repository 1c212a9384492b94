// SPDX-License-Identifier: Apache-2.0
#include "scanner/walk_filter.hpp"

#include <array>

namespace tracegate::scanner {

bool is_skipped_directory(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kSkipped{
      ".git",  ".hg",          ".svn",  ".venv",   "venv",      "node_modules", "site-packages",
      "vendor", "__pycache__", ".tox",  ".nox",    ".mypy_cache", ".pytest_cache", "build",
      "dist",  "target",       "templates"};
  for (auto skipped : kSkipped) {
    if (name == skipped) return true;
  }
  return name.ends_with(".egg-info");
}

}  // namespace tracegate::scanner
