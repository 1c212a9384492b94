// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "rules/source_masking.hpp"

namespace tracegate::rules {

/// One breaking-change pattern: an RE2 regex, the file kinds it runs on, and whether it also
/// looks inside string literals of source code (an environment variable read through
/// `os.environ["DD_…"]` lives in a string; an import never does).
struct UsagePattern {
  std::string regex;
  std::vector<FileKind> files;
  bool in_strings = false;
  std::size_t rule = 0;  ///< the caller's index of the rule the pattern belongs to
};

/// Where a pattern matched: 1-based line and column of the match start in the original text.
struct UsageHit {
  std::size_t rule = 0;
  int line = 0;
  int column = 0;
  std::string excerpt;  ///< the original line, trimmed, at most 200 bytes
};

/// All patterns compiled once: per file kind and masking, one RE2::Set tells which patterns
/// occur in a file in a single pass; only those are then run to find their lines.
class UsageMatcher {
 public:
  /// Error (naming the pattern's index and RE2's message) when a regex does not compile.
  static core::Result<UsageMatcher> compile(std::vector<UsagePattern> patterns);

  UsageMatcher(UsageMatcher&&) noexcept;
  UsageMatcher& operator=(UsageMatcher&&) noexcept;
  ~UsageMatcher();

  /// Every match of every pattern for `kind` in `text`, in text order.
  std::vector<UsageHit> find(FileKind kind, std::string_view text) const;

 private:
  struct Compiled;
  explicit UsageMatcher(std::unique_ptr<Compiled> compiled);
  std::unique_ptr<Compiled> compiled_;
};

}  // namespace tracegate::rules
