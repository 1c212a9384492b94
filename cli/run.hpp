// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace tracegate::cli {

/// Parses flags, runs the command, returns the exit code. The one place that catches Fatal.
int run(int argc, char** argv);

}  // namespace tracegate::cli
