// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "reports/audit_report.hpp"

namespace tracegate::reports {

/// One `--format` a findings report (audit, gate, agent probe) can be written in (docs/formats.md).
struct ReportFormat {
  std::string_view name;
  std::string_view description;
  /// Only for findings: `scan` (an inventory) offers the formats where this is false.
  bool findings_only = true;
};

/// text, json, sarif, junit, markdown, github, gitlab.
const std::vector<ReportFormat>& formats();

/// The format named `name`, or nullptr.
const ReportFormat* find_format(std::string_view name);

/// "text, json, sarif, …": for error messages.
std::string format_names();

/// What `--format list` prints: one line per format, name padded, then its description.
void write_format_list(std::ostream& out, bool findings = true);

struct WriteOptions {
  bool color = false;  ///< text only: ANSI colours (the CLI decides: a TTY and NO_COLOR unset)
  /// SARIF helpUri, Markdown and JUnit links: the documentation root; empty = docs_base_url().
  std::string docs_url;
  /// markdown: the whole document stays under this many bytes.
  std::size_t markdown_limit = 65000;
};

/// Writes `report` in `format`; an unknown format is an error naming the known ones.
core::Result<void> write_report(std::string_view format, const AuditReport& report, std::ostream& out,
                                const WriteOptions& options = {});

// The writers behind write_report, one file each (reports/<format>.cpp).
void write_sarif(const AuditReport& report, std::ostream& out, const WriteOptions& options);
void write_junit(const AuditReport& report, std::ostream& out, const WriteOptions& options);
void write_markdown(const AuditReport& report, std::ostream& out, const WriteOptions& options);
void write_github(const AuditReport& report, std::ostream& out, const WriteOptions& options);
void write_gitlab(const AuditReport& report, std::ostream& out, const WriteOptions& options);

}  // namespace tracegate::reports
