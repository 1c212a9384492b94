// SPDX-License-Identifier: Apache-2.0
#include <array>
#include <map>
#include <string>

#include "cli/query_fields.hpp"
#include "cli/version_queries.hpp"
#include "resolvers/pep440.hpp"
#include "resolvers/pep508.hpp"

namespace tracegate::cli {

namespace {

namespace pep440 = resolvers::pep440;
namespace pep508 = resolvers::pep508;

// The parsed objects are thread_local and reused, so their buffers are allocated once and a
// query parses without touching the heap.

void answer_cmp(std::string_view a, std::string_view b, std::string& out) {
  thread_local pep440::Version left, right;
  if (!pep440::parse_version_into(a, left) || !pep440::parse_version_into(b, right)) {
    return out.append("invalid"), void();
  }
  const auto order = pep440::compare(left, right);
  out.append(order < 0 ? "-1" : order > 0 ? "1" : "0");
}

void answer_in(std::string_view version_text, std::string_view specifiers, std::string& out) {
  thread_local pep440::Version version;
  thread_local pep440::SpecifierSetScratch set;
  if (!pep440::parse_version_into(version_text, version) || !pep440::parse_specifier_set_into(specifiers, set)) {
    return out.append("invalid"), void();
  }
  out.append(pep440::contains(set, version) ? "true" : "false");
}

void answer_norm(std::string_view text, std::string& out) {
  thread_local pep440::Version version;
  out.append(pep440::parse_version_into(text, version) ? pep440::to_string(version) : "invalid");
}

void answer_req(std::string_view text, std::string& out) {
  const auto requirement = pep508::try_parse_requirement(text);
  out.append(requirement ? pep508::to_string(*requirement) : "invalid");
}

/// Batches name a handful of Python versions; building the environment map per query cost
/// more than evaluating the marker.
const pep508::Environment& environment_for(std::string_view python) {
  thread_local std::map<std::string, pep508::Environment, std::less<>> cache;
  if (auto it = cache.find(python); it != cache.end()) return it->second;
  if (cache.size() >= 256) cache.clear();
  return cache.emplace(std::string(python), pep508::reference_environment(python)).first->second;
}

void answer_marker(std::string_view text, std::string_view python, std::string& out) {
  const auto marker = pep508::try_parse_marker(text);
  if (!marker) return out.append("invalid"), void();
  const auto result = pep508::evaluate(*marker, environment_for(python));
  out.append(!result ? "invalid" : *result ? "true" : "false");
}

}  // namespace

void answer_pypi_query(std::string_view line, std::string& out) {
  std::array<std::string_view, 4> f;
  const auto n = split_fields(line, f);
  if (f[0] == "cmp" && n == 3) return answer_cmp(f[1], f[2], out);
  if (f[0] == "in" && n == 3) return answer_in(f[1], f[2], out);
  if (f[0] == "norm" && n == 2) return answer_norm(f[1], out);
  if (f[0] == "req" && n == 2) return answer_req(f[1], out);
  if (f[0] == "marker" && n == 3) return answer_marker(f[1], f[2], out);
  out.append("error");
}

}  // namespace tracegate::cli
