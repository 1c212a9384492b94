// SPDX-License-Identifier: Apache-2.0
// Loading untrusted YAML with yaml-cpp and reading it within bounds. yaml-cpp expands aliases
// as shared nodes, so a billion-laughs document is small in memory but huge to traverse: every
// node a reader visits goes through YamlWalk::visit, which stops the file after
// kMaxVisitedNodes. yaml-cpp's own parser refuses nesting deeper than 2000 (DeepRecursion);
// we refuse flow nesting deeper than kMaxFlowDepth before parsing and never recurse deeper than
// kMaxWalkDepth ourselves.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "core/deployment.hpp"
#include "core/diagnostic.hpp"
#include "core/error.hpp"

namespace tracegate::scanner::deploy {

inline constexpr std::size_t kMaxDeployFileBytes = 8u << 20;
inline constexpr std::size_t kMaxVisitedNodes = 1'000'000;
inline constexpr int kMaxFlowDepth = 256;
inline constexpr int kMaxWalkDepth = 64;

/// 1-based file:line:column of a yaml-cpp mark (which is 0-based; -1 when unknown).
core::SourceLocation location_of(std::string_view path, const YAML::Mark& mark);

/// Every document of `text`, or an error at the line yaml-cpp (or the size, binary or nesting
/// check) stopped at. Never throws.
core::Result<std::vector<YAML::Node>> load_documents(std::string_view path, std::string_view text);

/// Bounded, exception-free access to the nodes of one file.
class YamlWalk {
 public:
  YamlWalk(std::string_view path, std::vector<core::Diagnostic>& diagnostics)
      : path_(path), diagnostics_(diagnostics) {}

  std::string_view path() const { return path_; }
  core::SourceLocation at(const YAML::Node& node) const { return location_of(path_, node.Mark()); }

  /// Counts one visited node; false once the budget is spent (diagnosed once).
  bool visit(const YAML::Node& node);
  bool exhausted() const { return exhausted_; }

  /// `map[key]` when `map` is a mapping holding `key`, else an undefined node. Counts a visit.
  YAML::Node child(const YAML::Node& map, std::string_view key);
  /// The key node of `key` in `map` (for the key's line), or an undefined node.
  YAML::Node key_of(const YAML::Node& map, std::string_view key);
  /// `map[k1][k2]…`.
  YAML::Node path_of(const YAML::Node& map, std::initializer_list<std::string_view> keys);

  /// Scalars of `node` (a missing node or a non-scalar gives nullopt; a mistyped one is diagnosed).
  std::optional<std::string> text(const YAML::Node& node);
  std::optional<bool> boolean(const YAML::Node& node, std::string_view what);
  std::optional<int> integer(const YAML::Node& node, std::string_view what);

  std::optional<core::Located<std::string>> located_text(const YAML::Node& node);
  std::optional<core::Located<bool>> located_boolean(const YAML::Node& node, std::string_view what);
  std::optional<core::Located<int>> located_integer(const YAML::Node& node, std::string_view what);

  void warn(const YAML::Node& node, std::string message);

 private:
  std::string path_;
  std::vector<core::Diagnostic>& diagnostics_;
  std::size_t visited_ = 0;
  bool exhausted_ = false;
};

}  // namespace tracegate::scanner::deploy
