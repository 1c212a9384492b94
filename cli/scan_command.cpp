// SPDX-License-Identifier: Apache-2.0
#include "cli/scan_command.hpp"

#include <unistd.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include <fmt/format.h>

#include "cli/exit_code.hpp"
#include "cli/output_targets.hpp"
#include "cli/scan_pipeline.hpp"
#include "core/redact.hpp"
#include "reports/inventory_writer.hpp"

namespace tracegate::cli {

namespace {

struct ScanFlags {
  std::vector<std::string> paths;
  std::vector<std::string> discover;
  std::string ref;
  std::vector<std::string> formats;
  std::string output;
  std::string config;
  int jobs = 0;
};

int list_formats() {
  for (const auto& writer : reports::inventory_writers()) {
    std::cout << fmt::format("{:<10} {}\n", writer->name(), writer->description());
  }
  return kClean;
}

int run_scan(const ScanFlags& flags) {
  if (std::ranges::find(flags.formats, "list") != flags.formats.end()) return list_formats();
  auto targets = parse_output_targets(flags.formats, flags.output, "text");
  if (!targets) throw core::Fatal(targets.error().message);
  std::vector<const reports::InventoryWriter*> writers;
  for (const auto& target : *targets) {
    auto writer = reports::find_inventory_writer(target.format);
    if (!writer) throw core::Fatal(writer.error().message);
    writers.push_back(*writer);
  }

  ScanRequest request;
  request.paths = flags.paths;
  request.discover_dirs = flags.discover;
  if (request.paths.empty() && request.discover_dirs.empty()) request.paths.push_back(".");
  if (!flags.ref.empty()) request.ref = flags.ref;
  if (!flags.config.empty()) {
    auto config = load_config_file(flags.config);
    if (!config) throw core::Fatal(core::to_string(config.error()));
    request.config = *config;
  }
  const int configured_jobs = request.config && request.config->scan.jobs ? *request.config->scan.jobs : 0;
  request.jobs = flags.jobs > 0 ? flags.jobs
                 : configured_jobs > 0 ? configured_jobs
                                       : static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));

  // A progress line only for a person watching a terminal: CI logs and pipes stay clean.
  const bool show_progress = ::isatty(STDERR_FILENO) != 0;
  if (show_progress) {
    request.on_progress = [](std::size_t done, std::size_t total) {
      std::cerr << fmt::format("\rscanning: {}/{} repositories", done, total) << std::flush;
    };
  }
  auto inventory = build_inventory(request);
  if (show_progress) std::cerr << "\r\033[K" << std::flush;
  if (!inventory) throw core::Fatal(core::to_string(inventory.error()));
  for (std::size_t i = 0; i < targets->size(); ++i) {
    auto written = write_output((*targets)[i], [&](std::ostream& out) { return writers[i]->write(*inventory, out); });
    if (!written) throw core::Fatal(written.error().message);
  }
  return has_error_diagnostics(*inventory) ? kDiagnostics : kClean;
}

}  // namespace

void add_scan_command(CLI::App& app, int& exit_code) {
  auto flags = std::make_shared<ScanFlags>();
  auto* scan = app.add_subcommand("scan", "Inventory: which service uses which tracer, at which version, on which runtime");
  scan->add_option("paths", flags->paths, "repositories or directories to scan (default: .)");
  scan->add_option("--ref", flags->ref, "read this git ref from the object database (branch, tag, sha, HEAD~n)");
  scan->add_option("--discover", flags->discover, "scan every git repository below DIR")
      ->type_name("DIR")
      ->allow_extra_args(false);
  scan->add_option("--format", flags->formats, "text|json|list, or NAME=FILE (repeatable)")
      ->type_name("FORMAT")
      ->allow_extra_args(false);
  scan->add_option("--output,-o", flags->output, "write the report to FILE")->type_name("FILE");
  scan->add_option("--config", flags->config, "configuration file (default: each repository's tracegate.toml)")
      ->type_name("FILE");
  scan->add_option("--jobs,-j", flags->jobs, "repositories scanned in parallel (default: CPU count)")
      ->check(CLI::Range(1, 1024));
  scan->callback([flags, &exit_code] { exit_code = run_scan(*flags); });
}

}  // namespace tracegate::cli
