// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate agent simulate`: a simulated Datadog trace agent on a local port, running
/// until SIGINT or SIGTERM (docs/agent-simulator.md), and `agent probe`.
void add_agent_command(CLI::App& app, int& exit_code);

/// Adds `tracegate agent probe URL [--tracer PKG@VERSION]` below `agent`: replays the tracer's
/// conversation against the agent at URL and reports what fails (docs/agent-probe.md).
/// In cli/agent_probe_command.cpp.
void add_agent_probe_command(CLI::App& agent, int& exit_code);

}  // namespace tracegate::cli
