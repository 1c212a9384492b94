// SPDX-License-Identifier: Apache-2.0
#include "rules/runtime_consistency.hpp"

#include <gtest/gtest.h>

namespace tracegate::rules {
namespace {

core::RuntimeHint hint(std::string version, bool range, core::RuntimeSource source, std::string path, int line) {
  return core::RuntimeHint{core::Language::python, std::move(version), range, core::ConstraintSyntax::pep440, source,
                           {std::move(path), line, 1}};
}

TEST(CheckRuntimeConsistency, DockerfileOutsideRequiresPythonIsAWarning) {
  core::Service service;
  service.runtime_hints = {hint("3.8", false, core::RuntimeSource::dockerfile, "svc/Dockerfile", 1),
                           hint(">=3.10", true, core::RuntimeSource::declared_range, "svc/pyproject.toml", 4)};
  const auto& chosen = service.runtime_hints[0];
  service.runtime = core::Runtime{chosen.language, chosen.version, false, chosen.source, chosen.origin};
  check_runtime_consistency(service);
  ASSERT_EQ(service.diagnostics.size(), 1u);
  EXPECT_EQ(core::to_string(service.diagnostics[0]),
            "svc/pyproject.toml:4:1: warning: runtime hints disagree: svc/Dockerfile:1:1 runs Python 3.8, but "
            "svc/pyproject.toml:4:1 requires Python >=3.10");
}

TEST(CheckRuntimeConsistency, AgreeingHintsAreSilent) {
  core::Service service;
  service.runtime_hints = {hint("3.11", false, core::RuntimeSource::dockerfile, "Dockerfile", 1),
                           hint("3.11.4", false, core::RuntimeSource::version_file, ".python-version", 1),
                           hint(">=3.10", true, core::RuntimeSource::declared_range, "pyproject.toml", 4)};
  const auto& chosen = service.runtime_hints[0];
  service.runtime = core::Runtime{chosen.language, chosen.version, false, chosen.source, chosen.origin};
  check_runtime_consistency(service);
  EXPECT_TRUE(service.diagnostics.empty());
}

TEST(CheckRuntimeConsistency, TwoExactVersionsThatDifferAreAWarning) {
  core::Service service;
  service.runtime_hints = {hint("3.11", false, core::RuntimeSource::dockerfile, "Dockerfile", 2),
                           hint("3.10.13", false, core::RuntimeSource::version_file, ".python-version", 1)};
  const auto& chosen = service.runtime_hints[0];
  service.runtime = core::Runtime{chosen.language, chosen.version, false, chosen.source, chosen.origin};
  check_runtime_consistency(service);
  ASSERT_EQ(service.diagnostics.size(), 1u);
  EXPECT_EQ(service.diagnostics[0].where.path, ".python-version");
}

}  // namespace
}  // namespace tracegate::rules
