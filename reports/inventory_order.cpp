// SPDX-License-Identifier: Apache-2.0
#include "reports/inventory_order.hpp"

#include <algorithm>
#include <set>
#include <tuple>

namespace tracegate::reports {

std::vector<const core::Service*> ordered_services(const core::Inventory& inventory) {
  std::vector<const core::Service*> out;
  for (const auto& s : inventory.services) out.push_back(&s);
  std::ranges::sort(out, {}, [](const core::Service* s) { return std::tie(s->source.repository, s->path, s->name); });
  return out;
}

std::vector<const core::Diagnostic*> ordered_diagnostics(const std::vector<core::Diagnostic>& diagnostics) {
  std::vector<const core::Diagnostic*> out;
  for (const auto& d : diagnostics) out.push_back(&d);
  std::ranges::sort(out, {}, [](const core::Diagnostic* d) {
    return std::tie(d->repository, d->where.path, d->where.line, d->where.column, d->message);
  });
  return out;
}

InventoryCounts count(const core::Inventory& inventory) {
  InventoryCounts counts;
  std::set<std::string> repositories;
  for (const auto& s : inventory.services) {
    repositories.insert(s.source.repository);
    counts.with_tracer += s.tracer.has_value();
    counts.diagnostics += s.diagnostics.size();
  }
  for (const auto& d : inventory.diagnostics) repositories.insert(d.repository);
  for (const auto& r : inventory.repositories) repositories.insert(r.repository);
  counts.repositories = repositories.size();
  counts.services = inventory.services.size();
  counts.diagnostics += inventory.diagnostics.size();
  return counts;
}

}  // namespace tracegate::reports
