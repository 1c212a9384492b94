// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate scan` to `app`; `exit_code` receives the command's result when it runs.
void add_scan_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
