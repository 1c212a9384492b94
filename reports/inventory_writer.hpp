// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <ostream>
#include <span>
#include <string_view>

#include "core/error.hpp"
#include "core/service.hpp"

namespace tracegate::reports {

/// Renders the inventory `tracegate scan` prints. Output is deterministic and has every URL
/// credential redacted.
class InventoryWriter {
 public:
  virtual ~InventoryWriter() = default;
  virtual std::string_view name() const = 0;
  virtual std::string_view description() const = 0;
  virtual core::Result<void> write(const core::Inventory& inventory, std::ostream& out) const = 0;
};

std::unique_ptr<InventoryWriter> make_inventory_text_writer();
std::unique_ptr<InventoryWriter> make_inventory_json_writer();

/// Every inventory format, in the order `--format list` prints them.
std::span<const std::unique_ptr<InventoryWriter>> inventory_writers();
/// The writer called `name`; the error lists the formats and suggests the closest one.
core::Result<const InventoryWriter*> find_inventory_writer(std::string_view name);

}  // namespace tracegate::reports
