// SPDX-License-Identifier: Apache-2.0
#include "rules/release_diff.hpp"

#include <map>

#include "rules/version_scheme.hpp"

namespace tracegate::rules {

namespace {

std::map<std::string, std::vector<std::string>> by_name(const VersionScheme& scheme, const Release& release,
                                                        std::string_view package) {
  std::map<std::string, std::vector<std::string>> names;
  for (const auto& requirement : requirements_for(release, package)) names[scheme.requirement_name(requirement)].push_back(requirement);
  return names;
}

}  // namespace

ReleaseDiff diff_releases(const Tracer& tracer, std::string_view package, const Release& from, const Release& to) {
  const auto& scheme = version_scheme(tracer.ecosystem);
  const auto before = by_name(scheme, from, package);
  const auto after = by_name(scheme, to, package);
  ReleaseDiff diff;
  for (const auto& [name, strings] : before) {
    const auto it = after.find(name);
    if (it == after.end()) {
      diff.removed.push_back({name, strings, {}});
    } else if (it->second != strings) {
      diff.changed.push_back({name, strings, it->second});
    }
  }
  for (const auto& [name, strings] : after) {
    if (!before.contains(name)) diff.added.push_back({name, {}, strings});
  }
  for (const auto& change : tracer.breaking) {
    if (change.since.empty()) continue;
    if (scheme.compare(change.since, from.version) > 0 && scheme.compare(change.since, to.version) <= 0) {
      diff.breaking.push_back(&change);
    }
  }
  return diff;
}

const Release* find_release(const Tracer& tracer, std::string_view version) {
  const auto& scheme = version_scheme(tracer.ecosystem);
  if (!scheme.check_version(version)) return nullptr;
  for (const auto& release : tracer.releases) {
    if (scheme.compare(release.version, version) == 0) return &release;
  }
  return nullptr;
}

bool version_in(const Tracer& tracer, std::string_view constraint, std::string_view version) {
  return version_scheme(tracer.ecosystem).contains(constraint, version);
}

}  // namespace tracegate::rules
