// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <numeric>
#include <vector>

#include <fmt/format.h>

#include "reports/inventory_writer.hpp"

namespace tracegate::reports {

namespace {
using Factory = std::unique_ptr<InventoryWriter> (*)();
constexpr Factory kFactories[] = {&make_inventory_text_writer, &make_inventory_json_writer};

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), 0);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = up;
    }
  }
  return row[b.size()];
}
}  // namespace

std::span<const std::unique_ptr<InventoryWriter>> inventory_writers() {
  static const std::vector<std::unique_ptr<InventoryWriter>> writers = [] {
    std::vector<std::unique_ptr<InventoryWriter>> out;
    for (auto factory : kFactories) out.push_back(factory());
    return out;
  }();
  return writers;
}

core::Result<const InventoryWriter*> find_inventory_writer(std::string_view name) {
  const InventoryWriter* closest = nullptr;
  std::size_t best = 3;  // farther than two edits is no hint
  std::vector<std::string_view> names;
  for (const auto& writer : inventory_writers()) {
    if (writer->name() == name) return writer.get();
    names.push_back(writer->name());
    if (const auto d = edit_distance(name, writer->name()); d < best) {
      best = d;
      closest = writer.get();
    }
  }
  auto message = fmt::format("unknown format '{}' for scan (formats: {})", name, fmt::join(names, ", "));
  if (closest) message += fmt::format("; did you mean '{}'?", closest->name());
  return core::fail(message);
}

}  // namespace tracegate::reports
