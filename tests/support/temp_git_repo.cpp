// SPDX-License-Identifier: Apache-2.0
#include "tests/support/temp_git_repo.hpp"

#include <git2.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <stdexcept>

namespace tracegate::testing {

namespace fs = std::filesystem;

namespace {

template <auto Free>
struct Deleter {
  template <class T>
  void operator()(T* p) const { Free(p); }
};
using Repo = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using Index = std::unique_ptr<git_index, Deleter<git_index_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using Signature = std::unique_ptr<git_signature, Deleter<git_signature_free>>;
using Commit = std::unique_ptr<git_commit, Deleter<git_commit_free>>;
using Object = std::unique_ptr<git_object, Deleter<git_object_free>>;

void check(int rc, const char* what) {
  if (rc < 0) {
    const git_error* e = git_error_last();
    throw std::runtime_error(std::string(what) + ": " + (e ? e->message : "?"));
  }
}

Repo open(const fs::path& path) {
  git_repository* raw = nullptr;
  check(git_repository_open(&raw, path.c_str()), "open");
  return Repo(raw);
}

using TreeBuilder = std::unique_ptr<git_treebuilder, Deleter<git_treebuilder_free>>;

/// Writes `files` (paths relative to this tree) as nested trees; a bare repository has no index.
git_oid write_tree(git_repository* repo, const std::map<std::string, std::string>& files) {
  std::map<std::string, std::map<std::string, std::string>> subdirs;
  git_treebuilder* raw = nullptr;
  check(git_treebuilder_new(&raw, repo, nullptr), "treebuilder");
  TreeBuilder builder(raw);
  for (const auto& [path, contents] : files) {
    const auto slash = path.find('/');
    if (slash != std::string::npos) {
      subdirs[path.substr(0, slash)][path.substr(slash + 1)] = contents;
      continue;
    }
    git_oid blob;
    check(git_blob_create_from_buffer(&blob, repo, contents.data(), contents.size()), "blob");
    check(git_treebuilder_insert(nullptr, builder.get(), path.c_str(), &blob, GIT_FILEMODE_BLOB), "insert");
  }
  for (const auto& [name, children] : subdirs) {
    const git_oid subtree = write_tree(repo, children);
    check(git_treebuilder_insert(nullptr, builder.get(), name.c_str(), &subtree, GIT_FILEMODE_TREE), "insert");
  }
  git_oid id;
  check(git_treebuilder_write(&id, builder.get()), "write tree");
  return id;
}

}  // namespace

TempDir::TempDir() {
  static int counter = 0;
  auto base = fs::temp_directory_path() / ("tracegate-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::remove_all(base);
  fs::create_directories(base);
  path_ = base;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const fs::path& root, const std::string& relative, const std::string& contents) {
  const auto full = root / relative;
  fs::create_directories(full.parent_path());
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out << contents;
}

TempGitRepo::TempGitRepo(const fs::path& dir, bool bare) : path_(dir), bare_(bare) {
  git_libgit2_init();
  git_repository* raw = nullptr;
  check(git_repository_init(&raw, dir.c_str(), bare ? 1 : 0), "init");
  git_repository_free(raw);
}

std::string TempGitRepo::commit(const std::map<std::string, std::string>& files, const std::string& message) {
  auto repo = open(path_);
  git_index* raw_index = nullptr;
  Index index;
  git_oid tree_id;
  if (bare_) {
    for (const auto& [path, contents] : files) tree_[path] = contents;
    std::erase_if(tree_, [](const auto& entry) { return entry.second == kDelete; });
    tree_id = write_tree(repo.get(), tree_);
  } else {
    check(git_repository_index(&raw_index, repo.get()), "index");
    index.reset(raw_index);
    for (const auto& [path, contents] : files) {
      if (contents == kDelete) {
        fs::remove(path_ / path);
        check(git_index_remove_bypath(index.get(), path.c_str()), "remove");
      } else {
        write_file(path_, path, contents);
        check(git_index_add_bypath(index.get(), path.c_str()), "add");
      }
    }
    check(git_index_write(index.get()), "write index");
    check(git_index_write_tree_to(&tree_id, index.get(), repo.get()), "write tree");
  }
  git_tree* raw_tree = nullptr;
  check(git_tree_lookup(&raw_tree, repo.get(), &tree_id), "tree");
  Tree tree(raw_tree);
  git_signature* raw_sig = nullptr;
  check(git_signature_new(&raw_sig, "Test", "test@example.com", 1700000000, 0), "signature");
  Signature sig(raw_sig);

  Commit parent;
  git_object* raw_parent = nullptr;
  if (git_revparse_single(&raw_parent, repo.get(), "HEAD") == 0) {
    Object object(raw_parent);
    git_commit* raw_commit = nullptr;
    check(git_commit_lookup(&raw_commit, repo.get(), git_object_id(object.get())), "parent");
    parent.reset(raw_commit);
  }
  const git_commit* parents[] = {parent.get()};
  git_oid commit_id;
  check(git_commit_create(&commit_id, repo.get(), "HEAD", sig.get(), sig.get(), nullptr, message.c_str(), tree.get(),
                          parent ? 1 : 0, parents),
        "commit");
  char hex[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(hex, sizeof hex, &commit_id);
  return hex;
}

void TempGitRepo::tag(const std::string& name) {
  auto repo = open(path_);
  git_object* raw = nullptr;
  check(git_revparse_single(&raw, repo.get(), "HEAD"), "HEAD");
  Object head(raw);
  git_oid id;
  check(git_tag_create_lightweight(&id, repo.get(), name.c_str(), head.get(), 0), "tag");
}

}  // namespace tracegate::testing
