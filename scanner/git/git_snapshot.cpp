// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstring>
#include <unordered_map>

#include <fmt/format.h>

#include "scanner/git/git_handles.hpp"
#include "scanner/snapshot.hpp"
#include "scanner/walk_filter.hpp"

namespace tracegate::scanner {

namespace {

using namespace git;

std::string oid_hex(const git_oid* oid) {
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, oid);
  return hex;
}

/// A tree at one commit, read from the object database only: no checkout, no work tree.
class GitSnapshot final : public RepositorySnapshot {
 public:
  GitSnapshot(Repository repo, Tree tree, core::RepositoryRef ref)
      : repo_(std::move(repo)), tree_(std::move(tree)), ref_(std::move(ref)) {
    list(tree_.get(), "", 0);
    std::ranges::sort(files_, {}, &Listed::path);
    for (const auto& listed : files_) entries_.push_back({listed.path});
  }

  const core::RepositoryRef& ref() const override { return ref_; }
  const std::vector<FileEntry>& files() const override { return entries_; }
  const std::vector<core::Diagnostic>& listing_diagnostics() const override { return diagnostics_; }

  core::Result<std::string> read(const std::string& path, std::uint64_t max_bytes) const override {
    auto it = std::ranges::lower_bound(files_, path, {}, &Listed::path);
    if (it == files_.end() || it->path != path) return core::fail(fmt::format("{}: no such file at {}", path, ref_.ref));
    // The same blob often sits at several paths (a Dockerfile copied per service): read it once.
    if (auto cached = cache_.find(it->oid); cached != cache_.end()) {
      if (cached->second.size() > max_bytes) return too_large(path, cached->second.size(), max_bytes);
      return cached->second;
    }
    auto bytes = read_object(path, it->oid, max_bytes);
    if (bytes) cache_.emplace(it->oid, *bytes);
    return bytes;
  }

 private:
  struct OidHash {
    std::size_t operator()(const git_oid& oid) const {
      std::size_t hash;
      std::memcpy(&hash, oid.id, sizeof hash);
      return hash;
    }
  };
  struct OidEqual {
    bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
  };

  static std::unexpected<core::Error> too_large(const std::string& path, std::uint64_t size, std::uint64_t max_bytes) {
    return core::fail(fmt::format("{}: file is {} bytes, over the limit of {} bytes; skipped", path, size, max_bytes));
  }

  std::unexpected<core::Error> unreadable(const std::string& path, const git_oid& oid) const {
    return core::fail(describe_error(fmt::format("{}: cannot read object {}", path, oid_hex(&oid))));
  }

  /// The size is known before anything is inflated, so a huge blob is refused unread.
  core::Result<std::string> read_object(const std::string& path, const git_oid& oid, std::uint64_t max_bytes) const {
    Odb odb;
    if (git_repository_odb(out(odb), repo_.get()) != 0) return core::fail(describe_error(path));
    // Loose objects stream: one open gives the size, then the bytes.
    OdbStream stream;
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_open_rstream(out(stream), &size, &type, odb.get(), &oid) == 0) {
      if (size > max_bytes) return too_large(path, size, max_bytes);
      std::string bytes(size, '\0');
      std::size_t done = 0;
      while (done < size) {
        const int n = git_odb_stream_read(stream.get(), bytes.data() + done, size - done);
        if (n <= 0) return unreadable(path, oid);
        done += static_cast<std::size_t>(n);
      }
      return bytes;
    }
    // Packed objects do not stream; their header is cheap to read.
    git_error_clear();
    if (git_odb_read_header(&size, &type, odb.get(), &oid) != 0) return unreadable(path, oid);
    if (size > max_bytes) return too_large(path, size, max_bytes);
    OdbObject object;
    if (git_odb_read(out(object), odb.get(), &oid) != 0) return unreadable(path, oid);
    const auto* data = static_cast<const char*>(git_odb_object_data(object.get()));
    return std::string(data, git_odb_object_size(object.get()));
  }

  struct Listed {
    std::string path;
    git_oid oid;
  };

  void list(const git_tree* tree, const std::string& prefix, int depth) {
    if (depth > 256) {
      diagnostics_.push_back({{prefix, 0, 0}, "tree nesting deeper than 256 levels; not entered"});
      return;
    }
    if (!prefix.empty() && git_tree_entry_byname(tree, std::string(kVirtualenvMarker).c_str()) != nullptr) return;
    const auto count = git_tree_entrycount(tree);
    for (std::size_t i = 0; i < count; ++i) {
      const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
      const std::string name = git_tree_entry_name(entry);
      const std::string path = prefix.empty() ? name : prefix + "/" + name;
      switch (git_tree_entry_filemode(entry)) {
        case GIT_FILEMODE_TREE: {
          if (is_skipped_directory(name)) break;
          Tree subtree;
          if (git_tree_lookup(out(subtree), repo_.get(), git_tree_entry_id(entry)) != 0) {
            diagnostics_.push_back({{path, 0, 0}, describe_error("cannot read tree")});
            break;
          }
          list(subtree.get(), path, depth + 1);
          break;
        }
        case GIT_FILEMODE_BLOB:
        case GIT_FILEMODE_BLOB_EXECUTABLE:
          files_.push_back({path, *git_tree_entry_id(entry)});
          break;
        default:
          break;  // symlinks and submodules are not followed
      }
    }
  }

  Repository repo_;
  Tree tree_;
  core::RepositoryRef ref_;
  std::vector<Listed> files_;
  std::vector<FileEntry> entries_;
  std::vector<core::Diagnostic> diagnostics_;
  mutable std::unordered_map<git_oid, std::string, OidHash, OidEqual> cache_;
};

}  // namespace

core::Result<std::unique_ptr<RepositorySnapshot>> open_git_ref(const std::string& path, const std::string& ref) {
  ensure_initialized();
  Repository repo;
  // NO_SEARCH: the path itself must be the repository; never a parent directory's.
  if (git_repository_open_ext(out(repo), path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    return core::fail(fmt::format("{}: not a git repository", path));
  }
  Object object;
  if (git_revparse_single(out(object), repo.get(), ref.c_str()) != 0) {
    return core::fail(fmt::format("{}: unknown ref '{}'", path, ref));
  }
  Object peeled;
  if (git_object_peel(out(peeled), object.get(), GIT_OBJECT_COMMIT) != 0) {
    return core::fail(fmt::format("{}: ref '{}' does not name a commit", path, ref));
  }
  const std::string commit_id = oid_hex(git_object_id(peeled.get()));
  Tree tree;
  if (git_commit_tree(out(tree), reinterpret_cast<git_commit*>(peeled.get())) != 0) {
    return core::fail(describe_error(fmt::format("{}: cannot read the tree of {}", path, commit_id)));
  }
  return std::make_unique<GitSnapshot>(std::move(repo), std::move(tree), core::RepositoryRef{path, ref, commit_id, repository_name(path)});
}

}  // namespace tracegate::scanner
