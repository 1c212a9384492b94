// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate rules validate|list|show`: the knowledge base (docs/rules.md).
void add_rules_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
