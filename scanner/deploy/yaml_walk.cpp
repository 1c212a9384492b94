// SPDX-License-Identifier: Apache-2.0
#include "scanner/deploy/yaml_walk.hpp"

#include <charconv>

#include <fmt/format.h>

#include "core/text.hpp"

namespace tracegate::scanner::deploy {

core::SourceLocation location_of(std::string_view path, const YAML::Mark& mark) {
  core::SourceLocation where{std::string(path)};
  if (mark.line >= 0) where.line = mark.line + 1;
  if (mark.column >= 0 && mark.line >= 0) where.column = mark.column + 1;
  return where;
}

core::Result<std::vector<YAML::Node>> load_documents(std::string_view path, std::string_view text) {
  const core::SourceLocation file{std::string(path)};
  if (text.size() > kMaxDeployFileBytes) {
    return core::fail(fmt::format("file of {} bytes is larger than the {} bytes a deploy file may have; not read",
                                  text.size(), kMaxDeployFileBytes),
                      core::SourceLocation{std::string(path), 1});
  }
  if (core::looks_binary(text)) return core::fail("binary file, not YAML", core::SourceLocation{std::string(path), 1});
  if (core::bracket_depth(text, kMaxFlowDepth) >= kMaxFlowDepth) {
    return core::fail(fmt::format("YAML nested deeper than {} levels; not read", kMaxFlowDepth),
                      core::SourceLocation{std::string(path), 1});
  }
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    return core::fail(fmt::format("malformed YAML: {}", error.msg), location_of(path, error.mark));
  } catch (const std::exception& error) {
    return core::fail(fmt::format("cannot read YAML: {}", error.what()), core::SourceLocation{std::string(path), 1});
  }
}

bool YamlWalk::visit(const YAML::Node&) {
  if (exhausted_) return false;
  if (++visited_ <= kMaxVisitedNodes) return true;
  exhausted_ = true;
  diagnostics_.push_back(core::Diagnostic{
      core::SourceLocation{path_, 1},
      fmt::format("more than {} YAML nodes to visit (aliases expanding?); the rest of the file is not read",
                  kMaxVisitedNodes)});
  return false;
}

YAML::Node YamlWalk::child(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap() || !visit(map)) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& entry : map) {
    if (!visit(entry.first)) break;
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.second;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node YamlWalk::key_of(const YAML::Node& map, std::string_view key) {
  if (!map.IsDefined() || !map.IsMap() || !visit(map)) return YAML::Node(YAML::NodeType::Undefined);
  for (const auto& entry : map) {
    if (!visit(entry.first)) break;
    if (entry.first.IsScalar() && entry.first.Scalar() == key) return entry.first;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node YamlWalk::path_of(const YAML::Node& map, std::initializer_list<std::string_view> keys) {
  YAML::Node node = map;
  for (const auto key : keys) {
    YAML::Node next = child(node, key);
    node.reset(next);  // never `node = next`: that would assign into the document
  }
  return node;
}

std::optional<std::string> YamlWalk::text(const YAML::Node& node) {
  if (!node.IsDefined() || !node.IsScalar() || !visit(node)) return std::nullopt;
  return node.Scalar();
}

std::optional<bool> YamlWalk::boolean(const YAML::Node& node, std::string_view what) {
  const auto value = text(node);
  if (!value) return std::nullopt;
  const auto lower = core::to_lower(*value);
  if (lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "off") return false;
  warn(node, fmt::format("{} is '{}', not true or false; ignored", what, *value));
  return std::nullopt;
}

std::optional<int> YamlWalk::integer(const YAML::Node& node, std::string_view what) {
  const auto value = text(node);
  if (!value) return std::nullopt;
  int number = 0;
  const auto* end = value->data() + value->size();
  const auto [ptr, ec] = std::from_chars(value->data(), end, number);
  if (ec == std::errc() && ptr == end) return number;
  warn(node, fmt::format("{} is '{}', not a number; ignored", what, *value));
  return std::nullopt;
}

std::optional<core::Located<std::string>> YamlWalk::located_text(const YAML::Node& node) {
  auto value = text(node);
  if (!value) return std::nullopt;
  return core::Located<std::string>{std::move(*value), at(node)};
}

std::optional<core::Located<bool>> YamlWalk::located_boolean(const YAML::Node& node, std::string_view what) {
  const auto value = boolean(node, what);
  if (!value) return std::nullopt;
  return core::Located<bool>{*value, at(node)};
}

std::optional<core::Located<int>> YamlWalk::located_integer(const YAML::Node& node, std::string_view what) {
  const auto value = integer(node, what);
  if (!value) return std::nullopt;
  return core::Located<int>{*value, at(node)};
}

void YamlWalk::warn(const YAML::Node& node, std::string message) {
  diagnostics_.push_back(core::Diagnostic{at(node), std::move(message), core::Diagnostic::Level::warning});
}

}  // namespace tracegate::scanner::deploy
