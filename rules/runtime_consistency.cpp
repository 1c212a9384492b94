// SPDX-License-Identifier: Apache-2.0
#include "rules/runtime_consistency.hpp"

#include <fmt/format.h>

#include "resolvers/python_runtime.hpp"

namespace tracegate::rules {

namespace {

std::string describe(const core::RuntimeHint& hint) {
  return fmt::format("{} {} Python {}", core::to_string(hint.origin), hint.is_range ? "requires" : "names",
                     hint.version);
}

/// "3.11" and "3.11.4" agree; "3.10" and "3.11" do not.
bool same_line(std::string_view a, std::string_view b) {
  const auto n = std::min(a.size(), b.size());
  if (a.substr(0, n) != b.substr(0, n)) return false;
  const auto& longer = a.size() > b.size() ? a : b;
  return longer.size() == n || longer[n] == '.';
}

}  // namespace

void check_runtime_consistency(core::Service& service) {
  if (!service.runtime || service.runtime->is_range) return;
  const auto& chosen = *service.runtime;
  for (const auto& hint : service.runtime_hints) {
    if (hint.origin == chosen.origin || hint.language != chosen.language) continue;
    bool contradicts = false;
    if (hint.is_range) {
      auto holds = resolvers::python_line_may_satisfy(chosen.version, hint.version, hint.syntax);
      contradicts = holds && !*holds;
    } else {
      contradicts = !same_line(chosen.version, hint.version);
    }
    if (!contradicts) continue;
    service.diagnostics.push_back(core::Diagnostic{
        hint.origin,
        fmt::format("runtime hints disagree: {} runs Python {}, but {}", core::to_string(chosen.origin),
                    chosen.version, describe(hint)),
        core::Diagnostic::Level::warning, service.source.repository});
  }
}

}  // namespace tracegate::rules
