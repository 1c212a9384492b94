// SPDX-License-Identifier: Apache-2.0
#include "cli/run.hpp"

#include <iostream>

#include <CLI/CLI.hpp>

#include "cli/agent_command.hpp"
#include "cli/audit_command.hpp"
#include "cli/baseline_command.hpp"
#include "cli/gate_command.hpp"
#include "cli/exit_code.hpp"
#include "cli/rules_command.hpp"
#include "cli/scan_command.hpp"
#include "cli/versions_command.hpp"
#include "core/error.hpp"
#include "core/redact.hpp"

namespace tracegate::cli {

int run(int argc, char** argv) {
  CLI::App app{"tracegate: what breaks when the tracer is upgraded", "tracegate"};
  app.set_version_flag("--version", std::string("tracegate ") + TRACEGATE_VERSION);
  app.require_subcommand(1);
  int exit_code = kClean;
  add_scan_command(app, exit_code);
  add_audit_command(app, exit_code);
  add_gate_command(app, exit_code);
  add_baseline_command(app, exit_code);
  add_versions_command(app, exit_code);
  add_rules_command(app, exit_code);
  add_agent_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& error) {
    const int code = app.exit(error);
    return code == 0 ? kClean : kUsage;
  } catch (const core::Fatal& error) {
    std::cerr << "tracegate: error: " << core::redact_credentials(error.what()) << '\n';
    return kUsage;
  }
  return exit_code;
}

}  // namespace tracegate::cli
