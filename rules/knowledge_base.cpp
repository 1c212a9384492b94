// SPDX-License-Identifier: Apache-2.0
#include "rules/knowledge_base.hpp"

#include <algorithm>

#include "core/package_name.hpp"

namespace tracegate::rules {

std::string_view ImportMap::distribution_for(std::string_view import_name) const {
  // PHP namespaces are written with '\', Java packages and Python modules with '.'.
  std::string_view candidate = import_name;
  while (!candidate.empty()) {
    if (const auto it = entries.find(candidate); it != entries.end()) return it->second;
    // A PHP prefix may be listed with its trailing separator ("DDTrace\").
    if (const auto it = entries.find(std::string(candidate) + "\\"); it != entries.end()) return it->second;
    const auto cut = candidate.find_last_of(".\\");
    if (cut == std::string_view::npos) break;
    candidate = candidate.substr(0, cut);
  }
  return {};
}

std::vector<std::string> requirements_for(const Release& release, std::string_view package) {
  std::vector<std::string> all = release.requirements;
  for (const auto& [name, items] : release.package_requirements) {
    if (name == package) all.insert(all.end(), items.begin(), items.end());
  }
  return all;
}

const Tracer* KnowledgeBase::find_tracer(std::string_view package) const {
  for (const auto& tracer : tracers) {
    for (const auto& name : tracer.packages) {
      if (core::normalize_package_name(tracer.ecosystem, name) == core::normalize_package_name(tracer.ecosystem, package)) {
        return &tracer;
      }
    }
    if (tracer.id == package) return &tracer;
    if (std::find(tracer.aliases.begin(), tracer.aliases.end(), package) != tracer.aliases.end()) return &tracer;
  }
  return nullptr;
}

const ImportMap* KnowledgeBase::imports_for(core::Language language) const {
  for (const auto& map : imports) {
    if (map.language == language) return &map;
  }
  return nullptr;
}

}  // namespace tracegate::rules
