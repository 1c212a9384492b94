// SPDX-License-Identifier: Apache-2.0
// The requirement half of the audit: the target release's requirements against what the
// service declares and locks, and the distributions the upgrade stops installing that the
// service's code imports without declaring.

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "core/package_name.hpp"
#include "resolvers/pep440.hpp"
#include "rules/audit_detail.hpp"
#include "rules/python_imports.hpp"
#include "rules/python_stdlib.hpp"

namespace tracegate::rules::audit_detail {

namespace {

namespace pep440 = resolvers::pep440;

std::string release_name(const UpgradeTarget& target, const Release& release) {
  return fmt::format("{} {}", target.tracer->id, release.version);
}

/// A lockfile's recorded requirement on a dependency: PEP 440 (uv, Pipfile.lock) or Poetry's
/// syntax (poetry.lock writes `envier = ">=0.5,<0.6"` or `"*"`).
std::optional<resolvers::VersionSet> locked_dependency_set(std::string_view constraint) {
  if (auto set = constraint_set(constraint, core::ConstraintSyntax::pep440)) return set;
  return constraint_set(constraint, core::ConstraintSyntax::poetry);
}

bool is_tracer_package(const UpgradeTarget& target, std::string_view normalized) {
  return std::ranges::any_of(target.tracer->packages, [&](const std::string& p) {
    return core::normalize_package_name(target.tracer->ecosystem, p) == normalized;
  });
}

/// A pip-tools pin that is there only because the tracer needs it (`# via ddtrace`).
bool pinned_only_for_tracer(const core::Requirement& requirement, const UpgradeTarget& target) {
  if (requirement.declared || requirement.via.empty()) return false;
  return std::ranges::all_of(requirement.via, [&](const std::string& via) {
    return is_tracer_package(target, core::normalize_pypi_name(via));
  });
}

/// "envier==0.4.0", or Poetry's `envier = "0.4.0"`, as the service wrote it.
std::string as_written(const core::Requirement& requirement) {
  if (requirement.syntax == core::ConstraintSyntax::poetry) return fmt::format("{} = \"{}\"", requirement.name, requirement.constraint);
  return requirement.name + requirement.constraint;
}

/// "envier~=0.5" of "envier~=0.5; python_version >= '3.8'".
std::string without_marker(std::string_view requirement) {
  auto text = requirement.substr(0, requirement.find(';'));
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return std::string(text);
}

}  // namespace

void check_requirements(const core::Service& service, const UpgradeTarget& target, const Release& current,
                        const std::vector<std::string>& minors, std::vector<core::Finding>& out) {
  (void)current;
  const std::string who = release_name(target, *target.release);
  for (const auto& required : applied_requirements(*target.release, target.package, minors)) {
    const std::string needs = fmt::format("{} requires {}", who, required.text);
    // 1. What the service declares (every manifest, include and constraints file). A pip-tools
    //    pin that exists only for the tracer is regenerated with it, so it counts as a lock.
    bool declarations_allow = true;
    for (const auto& requirement : service.requirements) {
      if (requirement.normalized_name != required.name || !requirement.resolvable) continue;
      if (pinned_only_for_tracer(requirement, target)) continue;
      const auto declared = constraint_set(requirement.constraint, requirement.syntax);
      if (!declared || !declared->intersect(required.set).is_empty()) continue;
      declarations_allow = false;
      const std::string declares = fmt::format("{} {} {}", short_location(requirement.origin),
                                               requirement.constraint_only ? "constrains" : "declares", as_written(requirement));
      auto finding = make_finding(service, checks::kConflict, core::Severity::error, required.name, requirement.origin,
                                  fmt::format("{} · {}", needs, declares));
      finding.causes = {needs + fmt::format(" ({})", target.release->source), declares};
      finding.fix = fmt::format("Change {} so that it allows {} before upgrading", requirement.name, without_marker(required.text));
      out.push_back(std::move(finding));
    }
    // 2. The locked version, and pip-tools pins made for the tracer.
    auto check_locked = [&](std::string_view version_text, const core::SourceLocation& where, std::string_view what) {
      const auto version = pep440::parse_version(version_text);
      if (!version || required.set.contains(*version)) return;
      if (!declarations_allow) return;  // the declaration's conflict says it all
      const std::string pins = fmt::format("{} {} {} {}", short_location(where), what, required.name, version_text);
      auto finding = make_finding(service, checks::kLockRefresh, core::Severity::error, required.name, where,
                                  fmt::format("{} · {}: the lock must be refreshed", needs, pins));
      finding.causes = {needs + fmt::format(" ({})", target.release->source), pins,
                        "the service's declarations allow a version that satisfies it"};
      finding.fix = fmt::format("Refresh the lock with the upgrade so that {} moves to a version allowed by {}", required.name,
                                without_marker(required.text));
      out.push_back(std::move(finding));
    };
    for (const auto& entry : service.lock_entries) {
      if (entry.normalized_name == required.name) check_locked(entry.version, entry.origin, "locks");
    }
    for (const auto& requirement : service.requirements) {
      if (requirement.normalized_name != required.name || !pinned_only_for_tracer(requirement, target)) continue;
      if (requirement.constraint.starts_with("==")) check_locked(requirement.constraint.substr(2), requirement.origin, "pins");
    }
    // 3. What the other locked packages require of it.
    for (const auto& entry : service.lock_entries) {
      if (is_tracer_package(target, entry.normalized_name)) continue;
      for (const auto& dependency : entry.dependencies) {
        if (dependency.normalized_name != required.name || dependency.constraint.empty()) continue;
        const auto theirs = locked_dependency_set(dependency.constraint);
        if (!theirs || !theirs->intersect(required.set).is_empty()) continue;
        const std::string locked = fmt::format("{}: {} {} requires {}{}", short_location(entry.origin), entry.name,
                                               entry.version, dependency.name, dependency.constraint);
        auto finding = make_finding(service, checks::kConflict, core::Severity::error, required.name, entry.origin,
                                    fmt::format("{} · {}", needs, locked));
        finding.causes = {needs + fmt::format(" ({})", target.release->source), locked};
        finding.fix = fmt::format("Upgrade {} to a release that accepts {}, or stay on the current tracer", entry.name,
                                  without_marker(required.text));
        out.push_back(std::move(finding));
      }
    }
  }
}

namespace {

/// Top-level names the service defines itself: its packages and modules, at the service root
/// or under src/.
std::set<std::string> first_party_names(const core::Service& service, const std::vector<ServiceFile>& files) {
  std::set<std::string> names;
  const std::string prefix = service.path == "." ? "" : service.path + "/";
  for (const auto& file : files) {
    if (file.kind != FileKind::python || !file.path.starts_with(prefix)) continue;
    std::string_view rest = std::string_view(file.path).substr(prefix.size());
    if (rest.starts_with("src/")) rest.remove_prefix(4);
    const auto slash = rest.find('/');
    std::string_view first = slash == std::string_view::npos ? rest : rest.substr(0, slash);
    if (slash == std::string_view::npos && first.ends_with(".py")) first.remove_suffix(3);
    names.insert(std::string(first));
  }
  return names;
}

}  // namespace

void check_dropped_dependencies(const core::Service& service, const UpgradeTarget& target, const Release& current,
                                const std::vector<std::string>& minors, const std::vector<ServiceFile>& files,
                                const KnowledgeBase& base, std::vector<core::Finding>& out) {
  // Distributions the current release installs on some minor where the target does not.
  std::map<std::string, std::string> dropped;  // normalized name -> requirement text in the current release
  const auto now = applied_requirements(current, target.package, minors);
  const auto next = applied_requirements(*target.release, target.package, minors);
  for (const auto& requirement : now) {
    const bool kept = std::ranges::any_of(next, [&](const AppliedRequirement& n) {
      return n.name == requirement.name &&
             std::ranges::includes(n.minors, requirement.minors);
    });
    if (!kept) dropped.emplace(requirement.name, requirement.text);
  }
  if (dropped.empty()) return;
  // Declared by the service: not dropped for it.
  for (const auto& requirement : service.requirements) {
    if (requirement.declared && !requirement.constraint_only) dropped.erase(requirement.normalized_name);
  }
  // Still brought in by a package that stays (a locked package's dependency, a pip-tools
  // `# via` that is not the tracer): not dropped either. A package brought in only by dropped
  // ones goes with them (six comes with ddsketch, which 2.11 drops too), hence the fixpoint.
  auto stays = [&](std::string_view name) { return !is_tracer_package(target, name) && !dropped.contains(std::string(name)); };
  for (bool changed = true; changed;) {
    changed = false;
    for (auto it = dropped.begin(); it != dropped.end();) {
      bool brought = false;
      for (const auto& entry : service.lock_entries) {
        if (!stays(entry.normalized_name)) continue;
        brought = brought || std::ranges::any_of(entry.dependencies, [&](const core::LockedDependency& d) { return d.normalized_name == it->first; });
      }
      for (const auto& requirement : service.requirements) {
        if (requirement.declared || requirement.normalized_name != it->first) continue;
        brought = brought || std::ranges::any_of(requirement.via, [&](const std::string& via) {
          return !via.starts_with("-") && stays(core::normalize_pypi_name(via));
        });
      }
      if (brought) {
        it = dropped.erase(it);
        changed = true;
      } else {
        ++it;
      }
    }
  }
  if (dropped.empty()) return;

  const auto* imports = base.imports_for(core::Language::python);
  const auto local = first_party_names(service, files);
  std::vector<int> minor_numbers;
  for (const auto& minor : minors) {
    if (const auto v = pep440::parse_version(minor); v && v->release.size() >= 2 && v->release[1].size() <= 3) {
      minor_numbers.push_back(std::stoi(v->release[1]));
    }
  }
  const std::string from = release_name(target, current);
  for (const auto& file : files) {
    if (file.kind != FileKind::python) continue;
    std::set<std::string> reported;  // one finding per distribution and file
    for (const auto& import : find_python_imports(file.text)) {
      if (import.relative || import.module.empty()) continue;
      const std::string top(top_level(import.module));
      if (local.contains(top)) continue;
      if (std::ranges::any_of(minor_numbers, [&](int minor) { return is_stdlib_module(top, minor); })) continue;
      std::string distribution;
      if (imports) distribution = std::string(imports->distribution_for(import.module));
      const std::string name = core::normalize_pypi_name(distribution.empty() ? top : distribution);
      const auto it = dropped.find(name);
      if (it == dropped.end() || !reported.insert(name).second) continue;
      const std::string shown = distribution.empty() ? top : distribution;
      auto finding = make_finding(
          service, checks::kDroppedDependency, core::Severity::error, name, {file.path, import.line, import.column},
          fmt::format("{}:{} imports {}; {} installed it, {} {} does not; declare {}", file.path, import.line,
                      import.module, from, target.tracer->id, target.release->version, shown));
      finding.causes = {fmt::format("{} requires {} ({})", from, it->second, current.source),
                        fmt::format("{} {} does not require {} ({})", target.tracer->id, target.release->version, name,
                                    target.release->source),
                        fmt::format("the service imports {} and declares no {}", import.module, name)};
      finding.fix = fmt::format("Declare {} in the service's own requirements (it was only installed through {})", shown,
                                target.tracer->id);
      out.push_back(std::move(finding));
    }
  }
}

}  // namespace tracegate::rules::audit_detail
