// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>

#include <fmt/format.h>

#include "scanner/snapshot.hpp"

namespace tracegate::testing {

/// In-memory repository snapshot: path -> bytes, listed in path order.
class FakeSnapshot final : public scanner::RepositorySnapshot {
 public:
  explicit FakeSnapshot(std::map<std::string, std::string> files) : files_(std::move(files)), ref_{"fake-repo", "", "", "fake-repo"} {
    for (const auto& [path, _] : files_) entries_.push_back({path});
  }
  const core::RepositoryRef& ref() const override { return ref_; }
  const std::vector<scanner::FileEntry>& files() const override { return entries_; }
  const std::vector<core::Diagnostic>& listing_diagnostics() const override { return diagnostics_; }
  core::Result<std::string> read(const std::string& path, std::uint64_t max_bytes) const override {
    auto it = files_.find(path);
    if (it == files_.end()) return core::fail(fmt::format("{}: no such file", path));
    if (it->second.size() > max_bytes) {
      return core::fail(fmt::format("{}: file is {} bytes, over the limit of {} bytes; skipped", path,
                                    it->second.size(), max_bytes));
    }
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
  core::RepositoryRef ref_;
  std::vector<scanner::FileEntry> entries_;
  std::vector<core::Diagnostic> diagnostics_;
};

}  // namespace tracegate::testing
