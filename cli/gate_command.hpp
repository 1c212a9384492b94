// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate gate --base REF [--head REF] [--upgrade PKG@VERSION] [PATH]`: the findings a
/// pull request introduces, for CI (docs/gate.md).
void add_gate_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
