// SPDX-License-Identifier: Apache-2.0
#include "cli/service_files.hpp"

#include <algorithm>

#include "scanner/walk_filter.hpp"

namespace tracegate::cli {

namespace {

constexpr std::uint64_t kMaxFileBytes = 1 << 20;

bool inside(std::string_view path, std::string_view directory) {
  return directory == "." || (path.size() > directory.size() && path.starts_with(directory) && path[directory.size()] == '/');
}

bool in_skipped_directory(std::string_view path) {
  std::size_t start = 0;
  for (auto slash = path.find('/'); slash != std::string_view::npos; slash = path.find('/', start)) {
    if (scanner::is_skipped_directory(path.substr(start, slash - start))) return true;
    start = slash + 1;
  }
  return false;
}

}  // namespace

std::vector<rules::ServiceFile> read_service_files(const scanner::RepositorySnapshot& snapshot, const core::Service& service,
                                                   const std::vector<core::Service>& all_services,
                                                   std::vector<core::Diagnostic>& diagnostics) {
  std::vector<rules::ServiceFile> files;
  for (const auto& entry : snapshot.files()) {
    const auto& path = entry.path;
    if (!inside(path, service.path) || in_skipped_directory(path)) continue;
    const auto kind = rules::file_kind_for_path(path);
    if (!kind || *kind == rules::FileKind::php || *kind == rules::FileKind::java) continue;
    // A nested service's files are its own.
    const bool nested = std::ranges::any_of(all_services, [&](const core::Service& other) {
      return other.path != service.path && inside(other.path, service.path == "." ? "." : service.path) &&
             other.path != "." && inside(path, other.path);
    });
    if (nested) continue;
    auto text = snapshot.read(path, kMaxFileBytes);
    if (!text) {
      diagnostics.push_back({{path, 0, 0}, text.error().message, core::Diagnostic::Level::warning, service.source.repository});
      continue;
    }
    files.push_back({path, *kind, std::move(*text)});
  }
  return files;
}

}  // namespace tracegate::cli
