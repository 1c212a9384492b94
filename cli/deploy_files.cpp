// SPDX-License-Identifier: Apache-2.0
#include "cli/deploy_files.hpp"

#include "scanner/deploy/deploy_readers.hpp"

namespace tracegate::cli {

namespace {

// Deploy files are hand-written; a larger one is generated output (rendered charts, CRD bundles).
constexpr std::uint64_t kMaxDeployFileBytes = 4u << 20;

}  // namespace

rules::RepositoryDeploy read_repository_deploy(const scanner::RepositorySnapshot& snapshot,
                                               std::vector<core::Diagnostic>& diagnostics) {
  rules::RepositoryDeploy deploy;
  deploy.source = snapshot.ref();
  for (const auto& entry : snapshot.files()) {
    const auto kind = scanner::deploy::classify_deploy_path(entry.path);
    if (kind == scanner::deploy::DeployFileKind::none || kind == scanner::deploy::DeployFileKind::helm_template) continue;
    auto text = snapshot.read(entry.path, kMaxDeployFileBytes);
    if (!text) {
      diagnostics.push_back({{entry.path, 0, 0}, text.error().message, core::Diagnostic::Level::warning, deploy.source.repository});
      continue;
    }
    scanner::deploy::add_to_inventory(deploy.inventory, scanner::deploy::read_deploy_file(entry.path, *text));
  }
  scanner::deploy::finish_inventory(deploy.inventory);
  for (auto& diagnostic : deploy.inventory.diagnostics) {
    if (diagnostic.repository.empty()) diagnostic.repository = deploy.source.repository;
    diagnostics.push_back(std::move(diagnostic));
  }
  deploy.inventory.diagnostics.clear();
  return deploy;
}

}  // namespace tracegate::cli
