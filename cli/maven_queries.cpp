// SPDX-License-Identifier: Apache-2.0
#include <array>

#include "cli/query_fields.hpp"
#include "cli/version_queries.hpp"
#include "resolvers/maven.hpp"

namespace tracegate::cli {

namespace {

namespace maven = resolvers::maven;

// The parsed objects are thread_local and reused, so their buffers are allocated once. Maven
// reads every string as a version, so only a range spec can be `invalid`.

void answer_cmp(std::string_view a, std::string_view b, std::string& out) {
  thread_local maven::Version left, right;
  left.assign(a);
  right.assign(b);
  const int order = maven::compare(left, right);
  out.append(order < 0 ? "-1" : order > 0 ? "1" : "0");
}

void answer_in(std::string_view version_text, std::string_view spec, std::string& out) {
  thread_local maven::Version version;
  thread_local maven::VersionSet set;
  if (!maven::parse_range_into(spec, set)) return out.append("invalid"), void();
  version.assign(version_text);
  out.append(set.contains(version) ? "true" : "false");
}

void answer_norm(std::string_view text, std::string& out) {
  thread_local maven::Version version;
  version.assign(text);
  version.append_canonical(out);
}

}  // namespace

void answer_maven_query(std::string_view line, std::string& out) {
  answer_common_query(line, out, answer_cmp, answer_in, answer_norm);
}

}  // namespace tracegate::cli
