// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate audit --upgrade PKG@VERSION`: what breaks when services upgrade their tracer.
void add_audit_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
