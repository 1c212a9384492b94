// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <CLI/CLI.hpp>

namespace tracegate::cli {

/// Adds `tracegate versions --ecosystem E`: a streaming batch of version questions on stdin.
void add_versions_command(CLI::App& app, int& exit_code);

}  // namespace tracegate::cli
