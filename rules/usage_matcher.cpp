// SPDX-License-Identifier: Apache-2.0
#include "rules/usage_matcher.hpp"

#include <fmt/format.h>
#include <re2/re2.h>
#include <re2/set.h>

#include <algorithm>
#include <map>
#include <utility>

namespace tracegate::rules {

namespace {

RE2::Options pattern_options() {
  RE2::Options options;
  options.set_log_errors(false);
  options.set_max_mem(64 << 20);
  return options;
}

/// The offsets at which the lines of `text` start.
std::vector<std::size_t> line_starts(std::string_view text) {
  std::vector<std::size_t> starts{0};
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') starts.push_back(i + 1);
  }
  return starts;
}

std::string excerpt_at(std::string_view text, std::size_t line_start) {
  auto end = text.find('\n', line_start);
  std::string_view line = text.substr(line_start, end == std::string_view::npos ? std::string_view::npos : end - line_start);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) line.remove_suffix(1);
  return std::string(line.substr(0, 200));
}

}  // namespace

/// One group per (file kind, masking): the set, and the single regexes in set order.
struct UsageMatcher::Compiled {
  struct Group {
    std::unique_ptr<RE2::Set> set;
    std::vector<std::unique_ptr<RE2>> regexes;
    std::vector<std::size_t> rules;
  };
  std::map<std::pair<FileKind, bool>, Group> groups;
};

UsageMatcher::UsageMatcher(std::unique_ptr<Compiled> compiled) : compiled_(std::move(compiled)) {}
UsageMatcher::UsageMatcher(UsageMatcher&&) noexcept = default;
UsageMatcher& UsageMatcher::operator=(UsageMatcher&&) noexcept = default;
UsageMatcher::~UsageMatcher() = default;

core::Result<UsageMatcher> UsageMatcher::compile(std::vector<UsagePattern> patterns) {
  auto compiled = std::make_unique<Compiled>();
  const auto options = pattern_options();
  for (std::size_t index = 0; index < patterns.size(); ++index) {
    const auto& pattern = patterns[index];
    auto single = std::make_unique<RE2>(pattern.regex, options);
    if (!single->ok()) return core::fail(fmt::format("pattern {}: {}", index, single->error()));
    for (const auto kind : pattern.files) {
      // Configuration files never blank strings, so their masking key is always "keep".
      const bool code = kind == FileKind::python || kind == FileKind::php || kind == FileKind::java;
      auto& group = compiled->groups[{kind, code ? pattern.in_strings : true}];
      if (!group.set) group.set = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
      std::string error;
      if (group.set->Add(pattern.regex, &error) < 0) return core::fail(fmt::format("pattern {}: {}", index, error));
      group.regexes.push_back(std::make_unique<RE2>(pattern.regex, options));
      group.rules.push_back(pattern.rule);
    }
  }
  for (auto& [key, group] : compiled->groups) {
    if (!group.set->Compile()) return core::fail("the breaking-change patterns need more memory than RE2 allows");
  }
  return UsageMatcher(std::move(compiled));
}

std::vector<UsageHit> UsageMatcher::find(FileKind kind, std::string_view text) const {
  std::vector<UsageHit> hits;
  std::vector<std::size_t> starts;  // computed at the first hit
  for (const bool keep_strings : {false, true}) {
    const auto it = compiled_->groups.find({kind, keep_strings});
    if (it == compiled_->groups.end()) continue;
    const auto& group = it->second;
    const std::string masked = mask_source(text, kind, keep_strings);
    std::vector<int> matched;
    if (!group.set->Match(masked, &matched)) continue;
    for (const int index : matched) {
      const RE2& regex = *group.regexes[static_cast<std::size_t>(index)];
      re2::StringPiece input(masked);
      re2::StringPiece match;
      std::size_t from = 0;
      while (from <= masked.size() &&
             regex.Match(input, from, masked.size(), RE2::UNANCHORED, &match, 1)) {
        const auto offset = static_cast<std::size_t>(match.data() - masked.data());
        if (starts.empty()) starts = line_starts(text);
        const auto line_index = static_cast<std::size_t>(std::upper_bound(starts.begin(), starts.end(), offset) - starts.begin()) - 1;
        const std::size_t line_start = starts[line_index];
        hits.push_back({group.rules[static_cast<std::size_t>(index)], static_cast<int>(line_index) + 1,
                        static_cast<int>(offset - line_start) + 1, excerpt_at(text, line_start)});
        // One hit per line is enough: continue on the next line.
        const auto next_line = masked.find('\n', offset);
        if (next_line == std::string::npos) break;
        from = next_line + 1;
      }
    }
  }
  std::sort(hits.begin(), hits.end(), [](const UsageHit& a, const UsageHit& b) {
    return std::tie(a.line, a.column, a.rule) < std::tie(b.line, b.column, b.rule);
  });
  return hits;
}

}  // namespace tracegate::rules
