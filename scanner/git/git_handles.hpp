// SPDX-License-Identifier: Apache-2.0
#pragma once

// The only place besides scanner/git/*.cpp that sees <git2.h>.
#include <git2.h>

#include <memory>
#include <string>
#include <string_view>

#include "core/error.hpp"

namespace tracegate::scanner::git {

template <auto Free>
struct GitDeleter {
  template <class T>
  void operator()(T* p) const {
    Free(p);
  }
};

using Repository = std::unique_ptr<git_repository, GitDeleter<git_repository_free>>;
using Object = std::unique_ptr<git_object, GitDeleter<git_object_free>>;
using Commit = std::unique_ptr<git_commit, GitDeleter<git_commit_free>>;
using Tree = std::unique_ptr<git_tree, GitDeleter<git_tree_free>>;
using Blob = std::unique_ptr<git_blob, GitDeleter<git_blob_free>>;
using Odb = std::unique_ptr<git_odb, GitDeleter<git_odb_free>>;
using OdbObject = std::unique_ptr<git_odb_object, GitDeleter<git_odb_object_free>>;
using OdbStream = std::unique_ptr<git_odb_stream, GitDeleter<git_odb_stream_free>>;

/// Adapts a unique_ptr to libgit2's `T**` out-parameters: `git_x_lookup(out(ptr), ...)`.
template <class Ptr>
class OutPtr {
 public:
  explicit OutPtr(Ptr& owner) : owner_(owner) {}
  ~OutPtr() { owner_.reset(raw_); }
  OutPtr(const OutPtr&) = delete;
  OutPtr& operator=(const OutPtr&) = delete;
  operator typename Ptr::pointer*() { return &raw_; }

 private:
  Ptr& owner_;
  typename Ptr::pointer raw_ = nullptr;
};
template <class Ptr>
OutPtr<Ptr> out(Ptr& owner) {
  return OutPtr<Ptr>(owner);
}

/// Initialises libgit2 once per process (thread-safe).
void ensure_initialized();

/// "`action`: <libgit2's last error message>".
std::string describe_error(std::string_view action);

}  // namespace tracegate::scanner::git
