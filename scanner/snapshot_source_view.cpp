// SPDX-License-Identifier: Apache-2.0
#include "scanner/snapshot_source_view.hpp"

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "core/text.hpp"

namespace tracegate::scanner {

core::Result<std::string> SnapshotSourceView::read(std::string_view repo_path) const {
  const auto normalized = core::join_inside("", repo_path);
  if (!normalized) return core::fail(fmt::format("{}: path leaves the repository", repo_path));
  auto bytes = snapshot_.read(*normalized, max_bytes_);
  if (!bytes) return bytes;
  if (core::looks_binary(*bytes)) return core::fail(fmt::format("{}: binary file; skipped", *normalized));
  return bytes;
}

}  // namespace tracegate::scanner
