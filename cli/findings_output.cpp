// SPDX-License-Identifier: Apache-2.0
#include "cli/findings_output.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <iostream>

#include "core/error.hpp"
#include "reports/report_formats.hpp"

namespace tracegate::cli {

CLI::Option* add_findings_format_option(CLI::App& command, std::vector<std::string>& formats) {
  return command
      .add_option("--format", formats,
                  "text|json|sarif|junit|markdown|github|gitlab, or NAME=FILE (repeatable); list: print the formats")
      ->type_name("FORMAT")
      ->allow_extra_args(false)
      ->each([](const std::string& value) {
        if (value != "list") return;
        reports::write_format_list(std::cout);
        throw CLI::Success();
      });
}

std::vector<OutputTarget> findings_targets(const std::vector<std::string>& formats, const std::string& output,
                                           std::string_view command) {
  auto targets = parse_output_targets(formats, output, "text");
  if (!targets) throw core::Fatal(targets.error().message);
  for (const auto& target : *targets) {
    if (!reports::find_format(target.format)) {
      throw core::Fatal(fmt::format("unknown format '{}' for {} (known: {}; see --format list)", target.format, command,
                                    reports::format_names()));
    }
  }
  return *targets;
}

bool use_color(const OutputTarget& target) {
  const char* no_color = std::getenv("NO_COLOR");
  return ::isatty(STDOUT_FILENO) != 0 && (no_color == nullptr || *no_color == '\0') &&
         (target.file.empty() || target.file == "-");
}

void write_findings_report(const std::vector<OutputTarget>& targets, const reports::AuditReport& report) {
  for (const auto& target : targets) {
    reports::WriteOptions options;
    options.color = use_color(target);
    auto written = write_output(target, [&](std::ostream& out) { return reports::write_report(target.format, report, out, options); });
    if (!written) throw core::Fatal(written.error().message);
  }
}

}  // namespace tracegate::cli
