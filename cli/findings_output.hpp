// SPDX-License-Identifier: Apache-2.0
// The `--format` option of the commands that report findings (audit, gate, agent probe) and
// the writing of their report in every format asked for (docs/formats.md).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/output_targets.hpp"
#include "reports/audit_report.hpp"

namespace tracegate::cli {

/// Adds `--format NAME[=FILE]` (repeatable); `--format list` prints the formats and exits 0
/// before required options are checked.
CLI::Option* add_findings_format_option(CLI::App& command, std::vector<std::string>& formats);

/// The targets of `--format`/`--output`; an unknown format is a usage error naming the known ones.
std::vector<OutputTarget> findings_targets(const std::vector<std::string>& formats, const std::string& output,
                                           std::string_view command);

/// Writes `report` to every target; colours only for text on a terminal, and not when NO_COLOR
/// is set to anything but "" (no-color.org).
void write_findings_report(const std::vector<OutputTarget>& targets, const reports::AuditReport& report);

/// Whether text written to the target may be coloured.
bool use_color(const OutputTarget& target);

}  // namespace tracegate::cli
