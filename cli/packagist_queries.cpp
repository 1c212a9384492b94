// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <string>

#include "cli/query_fields.hpp"
#include "cli/version_queries.hpp"
#include "resolvers/composer.hpp"

namespace tracegate::cli {

namespace {

namespace composer = resolvers::composer;

// Buffers are thread_local and reused, so a query allocates only its compiled set.

void answer_cmp(std::string_view a, std::string_view b, std::string& out) {
  thread_local std::string left, right;
  if (!composer::normalize_into(a, left) || !composer::normalize_into(b, right)) return out.append("invalid"), void();
  switch (composer::compare(left, right)) {
    case composer::Relation::less: return out.append("-1"), void();
    case composer::Relation::equal: return out.append("0"), void();
    case composer::Relation::greater: return out.append("1"), void();
    case composer::Relation::unrelated: return out.append("none"), void();
  }
}

void answer_in(std::string_view version_text, std::string_view constraint_text, std::string& out) {
  thread_local std::string version;
  thread_local composer::Constraint constraint;
  if (!composer::normalize_into(version_text, version) || !composer::parse_constraint_into(constraint_text, constraint)) {
    return out.append("invalid"), void();
  }
  out.append(composer::VersionSet::from_constraint(constraint).contains(version) ? "true" : "false");
}

void answer_norm(std::string_view text, std::string& out) {
  thread_local std::string version;
  out.append(composer::normalize_into(text, version) ? std::string_view(version) : "invalid");
}

}  // namespace

void answer_packagist_query(std::string_view line, std::string& out) {
  answer_common_query(line, out, answer_cmp, answer_in, answer_norm);
}

}  // namespace tracegate::cli
