// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "rules/audit.hpp"
#include "rules/knowledge_base.hpp"

namespace tracegate::cli {

/// `--upgrade PKG@VERSION` resolved against the knowledge base; a usage error (core::Fatal,
/// exit 2) names what is wrong and what is known.
rules::UpgradeTarget resolve_upgrade(const rules::KnowledgeBase& base, const std::string& upgrade);

}  // namespace tracegate::cli
