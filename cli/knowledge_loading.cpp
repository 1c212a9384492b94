// SPDX-License-Identifier: Apache-2.0
#include "cli/knowledge_loading.hpp"

#include <fmt/format.h>

#include <iostream>

#include "core/error.hpp"

namespace tracegate::cli {

rules::LoadedKnowledge load_knowledge_with(const std::vector<std::string>& directories) {
  auto files = rules::builtin_knowledge_files();
  for (const auto& directory : directories) {
    auto extra = rules::read_knowledge_directory(directory);
    if (!extra) throw core::Fatal(extra.error().message);
    files.insert(files.end(), extra->begin(), extra->end());
  }
  return rules::load_knowledge(files);
}

const rules::KnowledgeBase& require_clean(const rules::LoadedKnowledge& loaded) {
  if (!loaded.errors.empty()) {
    for (const auto& error : loaded.errors) std::cerr << core::to_string(error) << '\n';
    throw core::Fatal(fmt::format("the knowledge base has {} error(s); run `tracegate rules validate`", loaded.errors.size()));
  }
  return loaded.base;
}

}  // namespace tracegate::cli
