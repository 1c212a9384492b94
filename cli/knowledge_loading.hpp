// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <vector>

#include "rules/knowledge_base.hpp"

namespace tracegate::cli {

/// The built-in knowledge plus `directories` (from `[rules] paths` and the command line),
/// loaded and validated together. Throws core::Fatal when a directory cannot be read.
rules::LoadedKnowledge load_knowledge_with(const std::vector<std::string>& directories);

/// Commands that answer from the knowledge base refuse a broken one rather than answer from
/// part of it: prints the errors and throws core::Fatal.
const rules::KnowledgeBase& require_clean(const rules::LoadedKnowledge& loaded);

}  // namespace tracegate::cli
