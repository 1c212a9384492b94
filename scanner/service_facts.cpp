// SPDX-License-Identifier: Apache-2.0
#include "scanner/service_facts.hpp"

#include <algorithm>
#include <tuple>

#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "core/tracer_packages.hpp"

namespace tracegate::scanner {

namespace {

int depth(std::string_view path) { return static_cast<int>(std::ranges::count(path, '/')); }

/// A plain `==X` pin (no wildcard, no other clause) names one version.
std::optional<std::string> exact_pin(const core::Requirement& requirement) {
  if (requirement.syntax != core::ConstraintSyntax::pep440) return std::nullopt;
  std::string_view constraint = requirement.constraint;
  if (!constraint.starts_with("==") || constraint.starts_with("===")) return std::nullopt;
  constraint.remove_prefix(2);
  if (constraint.find_first_of(",*") != std::string_view::npos || constraint.empty()) return std::nullopt;
  return std::string(core::trim(constraint));
}

/// Declared main requirements first, then dev/optional, then transitive pins, then constraints.
int requirement_rank(const core::Requirement& requirement) {
  if (requirement.constraint_only) return 4;
  if (!requirement.declared) return 3;
  return requirement.scope == core::Scope::main ? 0 : 1;
}

}  // namespace

std::optional<core::Runtime> choose_runtime(const std::vector<core::RuntimeHint>& hints, std::string_view service_dir) {
  if (hints.empty()) return std::nullopt;
  const std::string_view root = service_dir == "." ? std::string_view() : service_dir;
  auto key = [root](const core::RuntimeHint& hint) {
    // A Dockerfile deeper down (benchmarks/, a dev container) may not be what runs the service.
    const bool elsewhere = core::parent_dir(hint.origin.path) != root;
    // "Dockerfile" itself runs the app more often than Dockerfile.dev or test.Dockerfile.
    const bool canonical = core::base_name(hint.origin.path) == "Dockerfile";
    return std::make_tuple(hint.is_range, elsewhere, static_cast<int>(hint.source), depth(hint.origin.path),
                           !canonical, hint.origin.path, hint.origin.line);
  };
  const auto& best = *std::ranges::min_element(hints, {}, key);
  return core::Runtime{best.language, best.version, best.is_range, best.source, best.origin};
}

std::optional<core::TracerUse> find_tracer(const core::Service& service) {
  const core::Requirement* declared = nullptr;
  for (const auto& requirement : service.requirements) {
    if (!core::find_tracer_package(requirement.ecosystem, requirement.normalized_name)) continue;
    // A constraints file limits what installs but installs nothing: it can pin, not declare.
    if (!requirement.constraint_only &&
        (!declared || requirement_rank(requirement) < requirement_rank(*declared))) {
      declared = &requirement;
    }
  }
  std::optional<std::string> pinned;
  std::optional<core::SourceLocation> pin_origin;
  for (const auto& requirement : service.requirements) {
    if (!declared || requirement.normalized_name != declared->normalized_name) continue;
    if (auto pin = exact_pin(requirement)) {
      pinned = pin;
      pin_origin = requirement.origin;
      break;
    }
  }
  const core::LockEntry* locked = nullptr;
  for (const auto& entry : service.lock_entries) {
    if (core::find_tracer_package(entry.ecosystem, entry.normalized_name) &&
        (!declared || entry.normalized_name == declared->normalized_name)) {
      locked = &entry;
      break;
    }
  }
  if (!declared && !locked) return std::nullopt;

  core::TracerUse use;
  if (declared) {
    use.package = declared->normalized_name;
    use.constraint = declared->constraint;
    use.syntax = declared->syntax;
    use.origin = declared->origin;
  } else {
    use.package = locked->normalized_name;
    use.origin = locked->origin;
  }
  // A lockfile is the truth about what installs; an exact pin is the next best thing.
  if (locked && !locked->version.empty()) {
    use.locked_version = locked->version;
    use.lock_origin = locked->origin;
  } else if (pinned) {
    use.locked_version = pinned;
    use.lock_origin = pin_origin;
  }
  return use;
}

}  // namespace tracegate::scanner
