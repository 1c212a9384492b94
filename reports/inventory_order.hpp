// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <vector>

#include "core/service.hpp"

namespace tracegate::reports {

/// Services sorted by repository, then path, then name: output never depends on thread timing.
std::vector<const core::Service*> ordered_services(const core::Inventory& inventory);
/// Diagnostics sorted by repository, file, line, column, message.
std::vector<const core::Diagnostic*> ordered_diagnostics(const std::vector<core::Diagnostic>& diagnostics);

struct InventoryCounts {
  std::size_t repositories = 0;
  std::size_t services = 0;
  std::size_t with_tracer = 0;
  std::size_t diagnostics = 0;  ///< service and repository diagnostics together
};
InventoryCounts count(const core::Inventory& inventory);

}  // namespace tracegate::reports
