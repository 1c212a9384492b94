// SPDX-License-Identifier: Apache-2.0
#include "cli/agent_command.hpp"

#include <pthread.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>

#include "cli/exit_code.hpp"
#include "connectivity/agent_simulator.hpp"
#include "connectivity/agent_versions.hpp"
#include "core/error.hpp"

namespace tracegate::cli {

namespace {

struct SimulateFlags {
  std::string listen = "127.0.0.1:8126";
  std::string agent_version{connectivity::kDefaultAgentVersion};
  std::string fault = "none";
  std::string log;
};

/// `HOST:PORT`, `[V6HOST]:PORT` or `:PORT` (loopback).
std::pair<std::string, int> parse_listen(const std::string& text) {
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) throw core::Fatal("--listen wants HOST:PORT, got '" + text + "'");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  if (host.empty()) host = "127.0.0.1";
  int port = -1;
  try {
    std::size_t used = 0;
    port = std::stoi(text.substr(colon + 1), &used);
    if (used != text.size() - colon - 1) port = -1;
  } catch (const std::exception&) {
    port = -1;
  }
  if (port < 0 || port > 65535) throw core::Fatal("--listen: bad port in '" + text + "'");
  return {host, port};
}

/// Blocks SIGINT and SIGTERM in this thread and every thread started after it, so they are only
/// ever taken by sigwait() below: no signal handler, nothing async-signal-unsafe. The old mask
/// comes back on destruction.
class BlockedStopSignals {
 public:
  BlockedStopSignals() {
    sigemptyset(&set_);
    sigaddset(&set_, SIGINT);
    sigaddset(&set_, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &set_, &previous_);
  }
  ~BlockedStopSignals() { pthread_sigmask(SIG_SETMASK, &previous_, nullptr); }
  BlockedStopSignals(const BlockedStopSignals&) = delete;
  BlockedStopSignals& operator=(const BlockedStopSignals&) = delete;

  int wait() const {
    int signal = 0;
    sigwait(&set_, &signal);
    return signal;
  }

 private:
  sigset_t set_{};
  sigset_t previous_{};
};

int run_simulate(const SimulateFlags& flags) {
  connectivity::SimulatorOptions options;
  std::tie(options.host, options.port) = parse_listen(flags.listen);
  auto version = connectivity::parse_agent_version(flags.agent_version);
  if (!version) throw core::Fatal("--agent-version: " + version.error().message);
  options.version = *version;
  auto fault = connectivity::parse_fault(flags.fault);
  if (!fault) throw core::Fatal("--fault: " + fault.error().message);
  options.fault = *fault;

  // One JSON line per request, flushed at once so a test or `tail -f` sees it immediately.
  std::shared_ptr<std::ofstream> file;
  if (!flags.log.empty()) {
    file = std::make_shared<std::ofstream>(flags.log, std::ios::out | std::ios::trunc);
    if (!*file) throw core::Fatal("--log: cannot write " + flags.log);
    options.log = [file](std::string_view line) { *file << line << '\n' << std::flush; };
  } else {
    options.log = [](std::string_view line) { std::cout << line << '\n' << std::flush; };
  }

  const BlockedStopSignals signals;  // before the simulator starts its threads, which inherit the mask
  connectivity::AgentSimulator simulator(std::move(options));
  const auto port = simulator.start();
  if (!port) throw core::Fatal(port.error().message);
  const std::string host = parse_listen(flags.listen).first;
  const bool v6 = host.find(':') != std::string::npos;
  std::cout << "listening on " << (v6 ? "[" + host + "]" : host) << ':' << *port << std::endl;
  if (*fault != connectivity::Fault::kNone) {
    std::cerr << "tracegate: simulating agent " << flags.agent_version << " with fault '" << flags.fault << "'\n";
  }
  const int signal = signals.wait();
  simulator.stop();
  std::cerr << "tracegate: agent simulator stopped (" << (signal == SIGINT ? "SIGINT" : "SIGTERM") << ")\n";
  return kClean;
}

}  // namespace

void add_agent_command(CLI::App& app, int& exit_code) {
  auto* agent = app.add_subcommand("agent", "Rehearse against the Datadog trace agent (docs/agent-simulator.md)");
  agent->require_subcommand(1);

  auto flags = std::make_shared<SimulateFlags>();
  auto* simulate = agent->add_subcommand(
      "simulate", "Run a simulated trace agent until SIGINT/SIGTERM; the first line printed names the port");
  simulate->add_option("--listen", flags->listen, "HOST:PORT to listen on (port 0 picks a free one)")
      ->capture_default_str();
  simulate->add_option("--agent-version", flags->agent_version, "agent version to behave as (endpoints in /info)")
      ->capture_default_str();
  simulate->add_option("--fault", flags->fault, "none, refuse, 404, 413, 429, 500, slow or reset")
      ->capture_default_str();
  simulate->add_option("--log", flags->log, "write one JSON line per request here (default: stdout)");
  simulate->callback([flags, &exit_code] { exit_code = run_simulate(*flags); });

  add_agent_probe_command(*agent, exit_code);
}

}  // namespace tracegate::cli
