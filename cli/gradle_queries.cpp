// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <functional>
#include <map>
#include <optional>
#include <string>

#include "cli/query_fields.hpp"
#include "cli/version_queries.hpp"
#include "resolvers/gradle.hpp"

namespace tracegate::cli {

namespace {

namespace gradle = resolvers::gradle;

// Versions are parsed into thread_local objects whose buffers are reused; compiled selectors are
// cached by their text (batches repeat a handful of selectors), so a query allocates nothing once
// warm.

void answer_cmp(std::string_view a, std::string_view b, std::string& out) {
  thread_local gradle::Version left, right;
  gradle::parse_version_into(a, left);
  gradle::parse_version_into(b, right);
  const int order = gradle::compare(left, right);
  out.append(order < 0 ? "-1" : order > 0 ? "1" : "0");
}

/// The compiled set of a selector or rich version; nullptr when Gradle would reject it.
const gradle::VersionSet* compiled(std::string_view text) {
  thread_local std::map<std::string, std::optional<gradle::VersionSet>, std::less<>> cache;
  if (auto it = cache.find(text); it != cache.end()) return it->second ? &*it->second : nullptr;
  if (cache.size() >= 4096) cache.clear();
  std::optional<gradle::VersionSet> set;
  if (const auto constraint = gradle::parse_constraint(text)) set = gradle::compile(*constraint);
  const auto& slot = cache.emplace(std::string(text), std::move(set)).first->second;
  return slot ? &*slot : nullptr;
}

void answer_in(std::string_view version_text, std::string_view selector, std::string& out) {
  thread_local gradle::Version version;
  const auto* set = compiled(selector);
  if (set == nullptr) return out.append("invalid"), void();
  gradle::parse_version_into(version_text, version);
  out.append(set->contains(version) ? "true" : "false");
}

void answer_norm(std::string_view text, std::string& out) {
  thread_local gradle::Version version;
  gradle::parse_version_into(text, version);
  if (!gradle::normalize_into(version, out)) out.append("invalid");
}

}  // namespace

void answer_gradle_query(std::string_view line, std::string& out) {
  answer_common_query(line, out, answer_cmp, answer_in, answer_norm);
}

}  // namespace tracegate::cli
