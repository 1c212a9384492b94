// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the deploy readers (scanner/deploy/) on arbitrary bytes. The first byte picks
// the path the bytes are read as, and so the reader: a Kubernetes manifest, Helm values,
// Chart.yaml, helmfile, compose file, service catalog or Dockerfile (its ENV); every result then
// goes through the inventory's default resolution. The replay (replay_main.cpp) tries selectors
// 0-12, so every path here is reached.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "scanner/deploy/deploy_readers.hpp"

namespace {

constexpr std::string_view kPaths[] = {
    "deploy/k8s/app.yaml",     "charts/datadog/values.yaml", "charts/app/Chart.yaml",   "helmfile.yaml",
    "docker-compose.yml",      "service.datadog.yaml",       "values/prod-values.yaml", "chart/templates/x.yaml",
    "Dockerfile",              "build/api.Containerfile",
};
static_assert(sizeof(kPaths) / sizeof(kPaths[0]) <= 13, "replay_main.cpp replays selectors 0-12 only");

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const auto path = kPaths[data[0] % (sizeof(kPaths) / sizeof(kPaths[0]))];
  tracegate::core::DeployInventory inventory;
  tracegate::scanner::deploy::add_to_inventory(inventory, tracegate::scanner::deploy::read_deploy_file(path, bytes));
  // A second copy under a Chart.yaml's directory exercises pin matching.
  tracegate::scanner::deploy::add_to_inventory(
      inventory, tracegate::scanner::deploy::read_deploy_file("charts/app/values.yaml", bytes));
  tracegate::scanner::deploy::finish_inventory(inventory);
  return 0;
}
