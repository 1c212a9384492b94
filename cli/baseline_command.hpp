// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate baseline write FILE [--upgrade PKG@VERSION] [--ref REF] [PATH]`: records the
/// findings of every service at REF, so that `gate --baseline FILE` does not fail on them.
void add_baseline_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
