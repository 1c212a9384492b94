// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <system_error>

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "scanner/snapshot.hpp"
#include "scanner/walk_filter.hpp"

namespace tracegate::scanner {

namespace fs = std::filesystem;

namespace {

class DirectorySnapshot final : public RepositorySnapshot {
 public:
  DirectorySnapshot(fs::path root, core::RepositoryRef ref) : root_(std::move(root)), ref_(std::move(ref)) {
    list();
  }

  const core::RepositoryRef& ref() const override { return ref_; }
  const std::vector<FileEntry>& files() const override { return files_; }
  const std::vector<core::Diagnostic>& listing_diagnostics() const override { return diagnostics_; }

  core::Result<std::string> read(const std::string& path, std::uint64_t max_bytes) const override {
    if (!core::join_inside("", path)) return core::fail(fmt::format("{}: path leaves the repository", path));
    const auto full = root_ / path;
    std::error_code ec;
    // A symlink could point anywhere on the machine; only regular files inside the tree are read.
    const auto status = fs::symlink_status(full, ec);
    if (ec || !fs::is_regular_file(status)) return core::fail(fmt::format("{}: no such file", path));
    const auto size = fs::file_size(full, ec);
    if (ec) return core::fail(fmt::format("{}: cannot read: {}", path, ec.message()));
    if (size > max_bytes) {
      return core::fail(fmt::format("{}: file is {} bytes, over the limit of {} bytes; skipped", path, size, max_bytes));
    }
    std::ifstream in(full, std::ios::binary);
    if (!in) return core::fail(fmt::format("{}: cannot open", path));
    std::string bytes(size, '\0');
    in.read(bytes.data(), static_cast<std::streamsize>(size));
    bytes.resize(static_cast<std::size_t>(in.gcount()));
    return bytes;
  }

 private:
  void list() {
    std::error_code ec;
    fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      diagnostics_.push_back({{".", 0, 0}, fmt::format("cannot list directory: {}", ec.message())});
      return;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        diagnostics_.push_back({{".", 0, 0}, fmt::format("cannot list directory: {}", ec.message())});
        break;
      }
      const auto& entry = *it;
      std::error_code type_ec;
      if (entry.is_symlink(type_ec)) continue;
      if (entry.is_directory(type_ec)) {
        const auto name = entry.path().filename().string();
        if (is_skipped_directory(name) || fs::exists(entry.path() / kVirtualenvMarker, type_ec)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (!entry.is_regular_file(type_ec)) continue;
      files_.push_back({entry.path().lexically_relative(root_).generic_string()});
    }
    std::ranges::sort(files_, {}, &FileEntry::path);
  }

  fs::path root_;
  core::RepositoryRef ref_;
  std::vector<FileEntry> files_;
  std::vector<core::Diagnostic> diagnostics_;
};

}  // namespace

core::Result<std::unique_ptr<RepositorySnapshot>> open_directory(const std::string& path) {
  std::error_code ec;
  if (!fs::exists(path, ec)) return core::fail(fmt::format("{}: no such file or directory", path));
  if (!fs::is_directory(path, ec)) return core::fail(fmt::format("{}: not a directory", path));
  return std::make_unique<DirectorySnapshot>(fs::path(path), core::RepositoryRef{path, "", "", repository_name(path)});
}

std::string repository_name(const std::string& path) {
  std::error_code ec;
  const auto absolute = fs::weakly_canonical(path, ec);
  auto name = (ec ? fs::path(path) : absolute).filename().string();
  if (name.ends_with(".git") && name.size() > 4) name.resize(name.size() - 4);
  return name.empty() ? path : name;
}

bool is_bare_repository(const std::string& path) {
  std::error_code e;
  const fs::path p(path);
  return !fs::exists(p / ".git", e) && fs::is_regular_file(p / "HEAD", e) && fs::is_directory(p / "objects", e) &&
         fs::is_directory(p / "refs", e);
}

core::Result<std::vector<std::string>> discover_repositories(const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return core::fail(fmt::format("{}: not a directory", dir));
  auto is_repository = [](const fs::path& p) {
    std::error_code e;
    return fs::exists(p / ".git", e) || is_bare_repository(p.string());
  };
  std::vector<std::string> found;
  if (is_repository(dir)) return std::vector<std::string>{dir};
  fs::recursive_directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec);
  if (ec) return core::fail(fmt::format("{}: cannot list: {}", dir, ec.message()));
  for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (ec) return core::fail(fmt::format("{}: cannot list: {}", dir, ec.message()));
    std::error_code type_ec;
    if (it->is_symlink(type_ec) || !it->is_directory(type_ec)) continue;
    if (is_skipped_directory(it->path().filename().string())) {
      it.disable_recursion_pending();
      continue;
    }
    if (is_repository(it->path())) {
      found.push_back(it->path().string());
      it.disable_recursion_pending();
    }
  }
  std::ranges::sort(found);
  return found;
}

}  // namespace tracegate::scanner
