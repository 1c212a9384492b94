// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracegate::core {

/// Directory part of a repository-relative path ("a/b.txt" -> "a", "b.txt" -> "").
std::string_view parent_dir(std::string_view path);

/// Last component ("a/b.txt" -> "b.txt").
std::string_view base_name(std::string_view path);

/// Joins `relative` onto `dir` and removes `.`/`..`; nullopt when the result would leave
/// the repository or `relative` is absolute.
std::optional<std::string> join_inside(std::string_view dir, std::string_view relative);

/// True when `path` is `dir` itself or below it ("" is the root and holds everything).
bool is_within(std::string_view path, std::string_view dir);

}  // namespace tracegate::core
