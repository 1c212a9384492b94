// SPDX-License-Identifier: Apache-2.0
#include "scanner/git/change_set.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "scanner/git/git_handles.hpp"

namespace tracegate::scanner {

namespace {

using namespace git;

using Diff = std::unique_ptr<git_diff, GitDeleter<git_diff_free>>;

constexpr std::string_view kShallowHint =
    "this is a shallow clone, which lacks the history to compare with: fetch with full history "
    "(actions/checkout `fetch-depth: 0`, GitLab `GIT_DEPTH: 0`, or `git fetch --unshallow`)";

std::string hex(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

core::Result<git_oid> resolve(git_repository* repo, const std::string& path, const std::string& ref, bool shallow) {
  Object object;
  if (git_revparse_single(out(object), repo, ref.c_str()) != 0) {
    return core::fail(shallow ? fmt::format("{}: unknown ref '{}'; {}", path, ref, kShallowHint)
                              : fmt::format("{}: unknown ref '{}'", path, ref));
  }
  Object commit;
  if (git_object_peel(out(commit), object.get(), GIT_OBJECT_COMMIT) != 0) {
    return core::fail(fmt::format("{}: ref '{}' does not name a commit", path, ref));
  }
  return *git_object_id(commit.get());
}

core::Result<Tree> tree_of(git_repository* repo, const git_oid& id, const std::string& path) {
  Commit commit;
  Tree tree;
  // One call per statement: out() hands the pointer over when its full expression ends.
  const int looked_up = git_commit_lookup(out(commit), repo, &id);
  if (looked_up != 0) return core::fail(describe_error(fmt::format("{}: cannot read commit {}", path, hex(id))));
  if (git_commit_tree(out(tree), commit.get()) != 0) {
    return core::fail(describe_error(fmt::format("{}: cannot read the tree of {}", path, hex(id))));
  }
  return tree;
}

}  // namespace

core::Result<ChangeSet> changes_between(const std::string& repository, const std::string& base_ref,
                                        const std::string& head_ref) {
  ensure_initialized();
  Repository repo;
  if (git_repository_open_ext(out(repo), repository.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    return core::fail(fmt::format("{}: not a git repository", repository));
  }
  const bool shallow = git_repository_is_shallow(repo.get()) == 1;
  const auto base = resolve(repo.get(), repository, base_ref, shallow);
  if (!base) return std::unexpected(base.error());
  const auto head = resolve(repo.get(), repository, head_ref, shallow);
  if (!head) return std::unexpected(head.error());

  git_oid merge_base{};
  const int found = git_merge_base(&merge_base, repo.get(), &*base, &*head);
  if (found != 0) {
    if (shallow) return core::fail(fmt::format("{}: no merge-base of '{}' and '{}' in this clone; {}", repository, base_ref, head_ref, kShallowHint));
    if (found == GIT_ENOTFOUND) {
      return core::fail(fmt::format("{}: '{}' and '{}' have no common history", repository, base_ref, head_ref));
    }
    return core::fail(describe_error(fmt::format("{}: cannot find the merge-base of '{}' and '{}'", repository, base_ref, head_ref)));
  }

  auto old_tree = tree_of(repo.get(), merge_base, repository);
  if (!old_tree) return std::unexpected(old_tree.error());
  auto new_tree = tree_of(repo.get(), *head, repository);
  if (!new_tree) return std::unexpected(new_tree.error());
  Diff diff;
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  if (git_diff_tree_to_tree(out(diff), repo.get(), old_tree->get(), new_tree->get(), &options) != 0) {
    return core::fail(describe_error(fmt::format("{}: cannot compare {} with {}", repository, hex(merge_base), hex(*head))));
  }
  ChangeSet changes{hex(*base), hex(*head), hex(merge_base), {}};
  const auto count = git_diff_num_deltas(diff.get());
  for (std::size_t i = 0; i < count; ++i) {
    const auto* delta = git_diff_get_delta(diff.get(), i);
    if (delta->old_file.path) changes.changed_paths.emplace_back(delta->old_file.path);
    if (delta->new_file.path) changes.changed_paths.emplace_back(delta->new_file.path);
  }
  std::ranges::sort(changes.changed_paths);
  const auto [first, last] = std::ranges::unique(changes.changed_paths);
  changes.changed_paths.erase(first, last);
  return changes;
}

}  // namespace tracegate::scanner
