// SPDX-License-Identifier: Apache-2.0
#pragma once

namespace tracegate::cli {

/// As in DESIGN.md: findings beat unreadable input.
enum ExitCode : int {
  kClean = 0,
  kFindings = 1,
  kUsage = 2,        ///< bad flag, missing path, unknown ref, nothing could be read
  kDiagnostics = 3,  ///< some input could not be read; the rest was
};

}  // namespace tracegate::cli
