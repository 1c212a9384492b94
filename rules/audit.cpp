// SPDX-License-Identifier: Apache-2.0
// The upgrade audit of one service: which release it runs now, then runtime, requirements,
// dropped implicit dependencies and breaking changes against the target release.

#include "rules/audit.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "core/package_name.hpp"
#include "resolvers/pep440.hpp"
#include "resolvers/pep508.hpp"
#include "rules/audit_detail.hpp"
#include "rules/release_diff.hpp"
#include "rules/version_scheme.hpp"

namespace tracegate::rules {

namespace pep440 = resolvers::pep440;
using namespace audit_detail;

namespace audit_detail {

std::string short_location(const core::SourceLocation& where) {
  return where.line > 0 ? fmt::format("{}:{}", where.path, where.line) : where.path;
}

core::Finding make_finding(const core::Service& service, std::string_view check, core::Severity severity,
                           std::string subject, core::SourceLocation where, std::string message) {
  core::Finding finding;
  finding.check_id = std::string(check);
  finding.severity = severity;
  finding.service = service.name;
  finding.source = service.source;
  finding.subject = std::move(subject);
  finding.location = std::move(where);
  finding.message = std::move(message);
  return finding;
}

std::optional<resolvers::VersionSet> constraint_set(std::string_view constraint, core::ConstraintSyntax syntax) {
  if (constraint.empty() || constraint == "*") return resolvers::VersionSet::all();
  if (syntax == core::ConstraintSyntax::poetry) {
    auto set = resolvers::VersionSet::from_poetry(constraint);
    return set ? std::optional(*set) : std::nullopt;
  }
  if (syntax != core::ConstraintSyntax::pep440) return std::nullopt;
  auto specifiers = pep440::parse_specifier_set(constraint);
  if (!specifiers) return std::nullopt;
  auto set = resolvers::VersionSet::from_specifiers(*specifiers);
  return set ? std::optional(*set) : std::nullopt;
}

namespace {

/// The versions of one minor line: >=3.m,<3.(m+1) (pre-releases of it included).
resolvers::VersionSet minor_line(int minor) {
  const auto specifiers = pep440::parse_specifier_set(fmt::format(">=3.{}.0a0,<3.{}.0a0", minor, minor + 1));
  return *resolvers::VersionSet::from_specifiers(*specifiers);
}

/// The minor number of a Python 3 version ("3.11.4" -> 11), or -1.
int minor_of(const pep440::Version& version) {
  if (version.release.size() < 2 || version.release[0] != "3" || version.release[1].size() > 3) return -1;
  return std::stoi(version.release[1]);
}

int minor_of(std::string_view text) {
  const auto parsed = pep440::parse_version(text);
  return parsed ? minor_of(*parsed) : -1;
}

/// The newest Python minor any release of the tracer declares (3.14 for ddtrace 4.x).
int newest_known_minor(const Tracer& tracer) {
  int newest = 12;
  for (const auto& release : tracer.releases) {
    for (const auto& classifier : release.runtime_classifiers) newest = std::max(newest, minor_of(classifier));
  }
  return newest;
}

}  // namespace

std::vector<std::string> python_minors(const core::Service& service, const Tracer& tracer, const Release& target) {
  std::vector<std::string> minors;
  if (service.runtime && !service.runtime->is_range) {
    if (const int minor = minor_of(service.runtime->version); minor >= 0) return {fmt::format("3.{}", minor)};
  }
  if (service.runtime && service.runtime->is_range) {
    if (const auto range = constraint_set(service.runtime->version, core::ConstraintSyntax::pep440)
                               .or_else([&] { return constraint_set(service.runtime->version, core::ConstraintSyntax::poetry); })) {
      for (int minor = 0; minor <= newest_known_minor(tracer); ++minor) {
        if (!range->intersect(minor_line(minor)).is_empty()) minors.push_back(fmt::format("3.{}", minor));
      }
      if (!minors.empty()) return minors;
    }
  }
  for (const auto& classifier : target.runtime_classifiers) {
    if (minor_of(classifier) >= 0) minors.push_back(classifier);
  }
  return minors;
}

std::vector<AppliedRequirement> applied_requirements(const Release& release, std::string_view package,
                                                     const std::vector<std::string>& minors) {
  std::vector<AppliedRequirement> out;
  for (const auto& text : requirements_for(release, package)) {
    const auto parsed = resolvers::pep508::try_parse_requirement(text);
    if (!parsed) continue;
    AppliedRequirement applied{core::normalize_pypi_name(parsed->name), text, resolvers::VersionSet::all(), {}};
    for (const auto& minor : minors) {
      if (!parsed->marker) {
        applied.minors.insert(minor);
        continue;
      }
      const auto holds = resolvers::pep508::evaluate(*parsed->marker, resolvers::pep508::reference_environment(minor));
      if (holds && *holds) applied.minors.insert(minor);
    }
    if (applied.minors.empty()) continue;
    if (auto set = resolvers::VersionSet::from_specifiers(parsed->specifier)) applied.set = *set;
    out.push_back(std::move(applied));
  }
  return out;
}

}  // namespace audit_detail

namespace {

core::Severity severity_of(const BreakingChange& change) {
  if (change.kind == "module-removed" || change.kind == "api-removed" || change.kind == "runtime-dropped") {
    return core::Severity::error;
  }
  return core::Severity::warning;
}

/// Where a service's dependencies are declared: its first manifest that is not a runtime hint.
std::string manifest_of(const core::Service& service) {
  for (const auto& file : service.files) {
    const auto slash = file.rfind('/');
    const std::string_view name = std::string_view(file).substr(slash == std::string::npos ? 0 : slash + 1);
    if (!name.starts_with("Dockerfile") && name != ".python-version" && name != "runtime.txt" && name != ".tool-versions") {
      return file;
    }
  }
  return service.files.empty() ? service.path : service.files.front();
}

bool uses_tracer(const core::Service& service, const Tracer& tracer) {
  if (!service.tracer) return false;
  return std::ranges::any_of(tracer.packages, [&](const std::string& package) {
    return core::normalize_package_name(tracer.ecosystem, package) == service.tracer->package;
  });
}

/// Runtime against the target's requires-python and classifiers.
void check_runtime(const core::Service& service, const UpgradeTarget& target, const std::vector<std::string>& minors,
                   std::vector<core::Finding>& out) {
  if (!service.runtime) return;
  const auto& release = *target.release;
  const auto requires_python = pep440::parse_specifier_set(release.runtime);
  if (!requires_python) return;
  const auto allowed = resolvers::VersionSet::from_specifiers(*requires_python);
  if (!allowed) return;
  const auto& runtime = *service.runtime;
  const std::string what = fmt::format("{} {}", target.tracer->id, release.version);
  std::vector<std::string> outside;
  for (const auto& minor : minors) {
    const auto line = *resolvers::VersionSet::from_specifiers(*pep440::parse_specifier_set(fmt::format("=={}.*", minor)));
    if (allowed->intersect(line).is_empty()) outside.push_back(minor);
  }
  if (!runtime.is_range) {
    const auto version = pep440::parse_version(runtime.version);
    if (version && !pep440::contains(*requires_python, *version, true)) {
      auto finding = make_finding(service, checks::kRuntimeUnsupported, core::Severity::error, "python " + runtime.version,
                                  runtime.origin,
                                  fmt::format("Python {} is outside {}'s requires-python {}", runtime.version, what, release.runtime));
      finding.causes = {fmt::format("{} declares requires-python {} ({})", what, release.runtime, release.source),
                        fmt::format("{} sets Python {}", short_location(runtime.origin), runtime.version)};
      finding.fix = fmt::format("Move the service to a Python that {} supports, or stay on a {} release that supports {}",
                                release.runtime, target.tracer->id, runtime.version);
      out.push_back(std::move(finding));
      return;
    }
  } else if (!outside.empty()) {
    const bool all = outside.size() == minors.size();
    auto finding = make_finding(service, all ? checks::kRuntimeUnsupported : checks::kRuntimePartly,
                                all ? core::Severity::error : core::Severity::warning, "python " + runtime.version,
                                runtime.origin,
                                fmt::format("Python {} ({}) {} outside {}'s requires-python {}", runtime.version,
                                            fmt::join(outside, ", "), all ? "is" : "is partly", what, release.runtime));
    finding.causes = {fmt::format("{} declares requires-python {} ({})", what, release.runtime, release.source)};
    finding.fix = fmt::format("Narrow the declared Python range to versions {} supports", release.runtime);
    out.push_back(std::move(finding));
    if (all) return;
  }
  // Newer than anything the release says it was built and tested for.
  int newest = -1;
  for (const auto& classifier : release.runtime_classifiers) {
    newest = std::max(newest, minor_of(classifier));
  }
  if (newest < 0) return;
  std::vector<std::string> newer;
  for (const auto& minor : minors) {
    if (minor_of(minor) > newest && std::ranges::find(outside, minor) == outside.end()) {
      newer.push_back(minor);
    }
  }
  if (newer.empty()) return;
  auto finding = make_finding(service, checks::kRuntimeNewer, core::Severity::warning, "python " + runtime.version,
                              runtime.origin,
                              fmt::format("Python {} is newer than the newest Python {} declares (3.{})",
                                          fmt::join(newer, ", "), what, newest));
  finding.causes = {fmt::format("{} classifiers stop at Python 3.{} ({})", what, newest, release.source)};
  finding.fix = fmt::format("Check that {} runs on Python {} (wheels and native extensions), or pick a newer release",
                            what, fmt::join(newer, ", "));
  out.push_back(std::move(finding));
}

}  // namespace

UpgradeAudit::UpgradeAudit(const KnowledgeBase& base, UpgradeTarget target, UsageMatcher matcher,
                           std::vector<const BreakingChange*> changes)
    : base_(&base), target_(std::move(target)), matcher_(std::move(matcher)), changes_(std::move(changes)) {}

core::Result<UpgradeAudit> UpgradeAudit::prepare(const KnowledgeBase& base, UpgradeTarget target) {
  std::vector<const BreakingChange*> changes;
  std::vector<UsagePattern> patterns;
  for (const auto& change : target.tracer->breaking) {
    // Dropped dependencies are judged precisely from the requirements, declarations and locks
    // (dropped-implicit-dependency); a text pattern cannot tell a declared import from one
    // that only the tracer provided.
    if (change.kind == "dependency-dropped") continue;
    for (const auto& pattern : change.patterns) patterns.push_back({pattern.regex, pattern.files, pattern.in_strings, changes.size()});
    changes.push_back(&change);
  }
  auto matcher = UsageMatcher::compile(std::move(patterns));
  if (!matcher) return std::unexpected(matcher.error());
  return UpgradeAudit(base, std::move(target), std::move(*matcher), std::move(changes));
}

const Release* UpgradeAudit::current_release(const core::Service& service) const {
  return rules::current_release(*target_.tracer, service);
}

const Release* current_release(const Tracer& tracer, const core::Service& service) {
  if (!service.tracer) return nullptr;
  if (service.tracer->locked_version) return find_release(tracer, *service.tracer->locked_version);
  const auto allowed = constraint_set(service.tracer->constraint, service.tracer->syntax);
  if (!allowed) return nullptr;
  for (auto it = tracer.releases.rbegin(); it != tracer.releases.rend(); ++it) {
    const auto version = pep440::parse_version(it->version);
    if (version && allowed->contains(*version)) return &*it;
  }
  return nullptr;
}

std::vector<core::Finding> UpgradeAudit::check_state(const core::Service& service) const {
  std::vector<core::Finding> out;
  const auto& tracer = *target_.tracer;
  if (!uses_tracer(service, tracer)) return out;
  const auto minors = python_minors(service, tracer, *target_.release);
  check_runtime(service, target_, minors, out);
  check_requirements(service, target_, *target_.release, minors, out);
  return out;
}

std::vector<core::Finding> UpgradeAudit::audit(const core::Service& service, const std::vector<ServiceFile>& files,
                                               const Release* from) const {
  std::vector<core::Finding> out;
  const auto& tracer = *target_.tracer;
  const auto& target = *target_.release;
  if (!uses_tracer(service, tracer)) {
    if (service.language == tracer.language) {
      auto finding = make_finding(service, checks::kTracerNotFound, core::Severity::note, tracer.id,
                                  {manifest_of(service), 0, 0},
                                  fmt::format("{} does not use {}; nothing to audit", service.name, tracer.packages.front()));
      finding.fix = fmt::format("Nothing to do if the service is not traced; otherwise declare {}", tracer.packages.front());
      out.push_back(std::move(finding));
    }
    return out;
  }
  const Release* current = from ? from : current_release(service);
  const auto& scheme = version_scheme(tracer.ecosystem);
  const auto& use = *service.tracer;
  const auto minors = python_minors(service, tracer, target);
  if (!current) {
    // Without the current release there is no "before": only what the target itself demands.
    auto finding = make_finding(service, checks::kTracerNotFound, core::Severity::note, tracer.id, use.origin,
                                fmt::format("{} {} matches no release the knowledge base knows; only the target's "
                                            "runtime and requirements were checked",
                                            use.package, use.locked_version.value_or(use.constraint)));
    finding.fix = "Pin or lock the tracer to a published release";
    out.push_back(std::move(finding));
    check_runtime(service, target_, minors, out);
    check_requirements(service, target_, target, minors, out);
    return out;
  }
  const int order = scheme.compare(current->version, target.version);
  if (order == 0) return out;
  if (order > 0) {
    auto finding = make_finding(service, checks::kDowngrade, core::Severity::warning, tracer.id,
                                use.lock_origin.value_or(use.origin),
                                fmt::format("{} runs {} {}; {} is a downgrade", service.name, tracer.id, current->version,
                                            target.version));
    finding.fix = fmt::format("Audit an upgrade to a release newer than {}", current->version);
    out.push_back(std::move(finding));
  }
  check_runtime(service, target_, minors, out);
  check_requirements(service, target_, *current, minors, out);
  check_dropped_dependencies(service, target_, *current, minors, files, *base_, out);

  // Breaking changes that take effect after the current release, up to the target.
  for (const auto& file : files) {
    for (const auto& hit : matcher_.find(file.kind, file.text)) {
      const auto& change = *changes_[hit.rule];
      if (change.since.empty() || scheme.compare(change.since, current->version) <= 0 ||
          scheme.compare(change.since, target.version) > 0) {
        continue;
      }
      auto finding = make_finding(service, checks::kBreakingChange, severity_of(change), change.id,
                                  {file.path, hit.line, hit.column}, change.message);
      finding.rule_id = change.id;
      finding.causes = {fmt::format("{} {} ({}): {}", tracer.id, change.since, change.kind, change.identifier),
                        fmt::format("{}: {}", short_location({file.path, hit.line, 0}), hit.excerpt), change.source};
      finding.fix = change.fix;
      out.push_back(std::move(finding));
    }
  }
  return out;
}

}  // namespace tracegate::rules
