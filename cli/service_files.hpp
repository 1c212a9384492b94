// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/service.hpp"
#include "rules/audit.hpp"
#include "scanner/snapshot.hpp"

namespace tracegate::cli {

/// The text files of `service` the audit reads (Python code, Dockerfiles, .env, YAML, shell),
/// from its directory down, leaving out the directories of services nested in it, skipped
/// directories (virtualenvs, vendor, build output, hidden ones) and files over 1 MiB. A file
/// that cannot be read becomes a diagnostic of the service.
std::vector<rules::ServiceFile> read_service_files(const scanner::RepositorySnapshot& snapshot, const core::Service& service,
                                                   const std::vector<core::Service>& all_services,
                                                   std::vector<core::Diagnostic>& diagnostics);

}  // namespace tracegate::cli
