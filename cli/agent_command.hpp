// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate agent simulate`: a simulated Datadog trace agent on a local port, running
/// until SIGINT or SIGTERM (docs/agent-simulator.md). `agent probe` joins it here later.
void add_agent_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
