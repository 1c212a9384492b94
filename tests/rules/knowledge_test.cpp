// SPDX-License-Identifier: Apache-2.0
// The built-in knowledge base: loads without errors, is well-formed, holds the facts the audit
// depends on, and every breaking-change rule fires on its fixture and not on its near miss.
// The loader's own errors are checked on small malformed files.

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "core/diagnostic.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/release_diff.hpp"
#include "rules/usage_matcher.hpp"
#include "rules/version_scheme.hpp"

namespace tracegate::rules {
namespace {

namespace fs = std::filesystem;

const LoadedKnowledge& builtin() {
  static const LoadedKnowledge loaded = load_knowledge(builtin_knowledge_files());
  return loaded;
}

std::string errors_of(const LoadedKnowledge& loaded) {
  std::string text;
  for (const auto& error : loaded.errors) text += core::to_string(error) + "\n";
  return text;
}

const Tracer& tracer(std::string_view package) {
  const auto* found = builtin().base.find_tracer(package);
  EXPECT_NE(found, nullptr) << package;
  static const Tracer none;
  return found ? *found : none;
}

const Release& release(const Tracer& t, std::string_view version) {
  const auto* found = find_release(t, version);
  EXPECT_NE(found, nullptr) << t.id << " " << version;
  static const Release none;
  return found ? *found : none;
}

std::set<std::string> names(const std::vector<RequirementChange>& changes) {
  std::set<std::string> out;
  for (const auto& change : changes) out.insert(change.name);
  return out;
}

TEST(Knowledge, BuiltinLoadsWithoutErrors) {
  EXPECT_TRUE(builtin().errors.empty()) << errors_of(builtin());
  EXPECT_GE(builtin().base.tracers.size(), 3u);
}

TEST(Knowledge, ReleasesAreOrderedWithoutDuplicatesAndIdsAreUnique) {
  std::set<std::string> ids;
  for (const auto& t : builtin().base.tracers) {
    const auto& scheme = version_scheme(t.ecosystem);
    ASSERT_FALSE(t.releases.empty()) << t.id;
    for (std::size_t i = 1; i < t.releases.size(); ++i) {
      EXPECT_LT(scheme.compare(t.releases[i - 1].version, t.releases[i].version), 0)
          << t.id << ": " << t.releases[i - 1].version << " then " << t.releases[i].version;
    }
    for (const auto& release : t.releases) {
      EXPECT_TRUE(scheme.check_version(release.version)) << release.version;
      EXPECT_EQ(release.date.size(), 10u) << release.version;
      EXPECT_FALSE(release.source.empty()) << release.version;
    }
    for (const auto& change : t.breaking) {
      EXPECT_TRUE(ids.insert(change.id).second) << change.id;
      EXPECT_TRUE(change.id.starts_with(t.id + ".")) << change.id;
      EXPECT_FALSE(change.patterns.empty()) << change.id;
    }
  }
}

TEST(Knowledge, Ddtrace2111RequiresExactlyWhatWasPublished) {
  // DataDog/dd-trace-py@v2.11.1:pyproject.toml [project].dependencies
  const std::vector<std::string> published = {
      "bytecode>=0.15.0; python_version>='3.12'", "bytecode>=0.14.0; python_version~='3.11.0'",
      "bytecode>=0.13.0; python_version<'3.11'",  "envier~=0.5",
      "importlib_metadata<=6.5.0; python_version<'3.8'", "opentelemetry-api>=1",
      "protobuf>=3", "typing_extensions", "xmltodict>=0.12"};
  auto got = requirements_for(release(tracer("ddtrace"), "2.11.1"), "ddtrace");
  auto want = published;
  std::sort(got.begin(), got.end());
  std::sort(want.begin(), want.end());
  EXPECT_EQ(got, want);
}

TEST(Knowledge, Ddtrace212To2111RemovesTheIncidentsDependencies) {
  const auto& t = tracer("ddtrace");
  const auto diff = diff_releases(t, "ddtrace", release(t, "2.1.2"), release(t, "2.11.1"));
  EXPECT_EQ(names(diff.removed), (std::set<std::string>{"attrs", "cattrs", "ddsketch", "psutil", "setuptools", "six", "wrapt"}));
  EXPECT_EQ(names(diff.changed), (std::set<std::string>{"bytecode", "envier", "importlib-metadata"}));
  EXPECT_TRUE(diff.added.empty());
  const auto setuptools = std::find_if(diff.removed.begin(), diff.removed.end(), [](const auto& c) { return c.name == "setuptools"; });
  ASSERT_NE(setuptools, diff.removed.end());
  EXPECT_EQ(setuptools->before, std::vector<std::string>{"setuptools; python_version>='3.12'"});
}

TEST(Knowledge, PsutilAndWraptLeftInsideThe21Line) {
  const auto& t = tracer("ddtrace");
  const auto diff = diff_releases(t, "ddtrace", release(t, "2.1.3"), release(t, "2.1.6"));
  EXPECT_EQ(names(diff.removed), (std::set<std::string>{"psutil", "wrapt"}));
  EXPECT_TRUE(diff.changed.empty());
  EXPECT_TRUE(diff.added.empty());
}

TEST(Knowledge, RuntimesAndAliases) {
  const auto& t = tracer("ddtrace");
  EXPECT_EQ(release(t, "2.11.1").runtime, ">=3.7");
  EXPECT_EQ(builtin().base.find_tracer("dd-trace-py"), &t);
  EXPECT_EQ(builtin().base.find_tracer("DDTrace"), &t);  // PyPI names are case-insensitive
  EXPECT_EQ(builtin().base.find_tracer("flask"), nullptr);
  const auto& php = tracer("datadog/dd-trace");
  EXPECT_TRUE(version_in(php, release(php, "1.0.0").runtime, "7.0.0"));
  EXPECT_FALSE(version_in(php, release(php, "1.0.0").runtime, "5.6.0"));
  const auto& java = tracer("com.datadoghq:dd-java-agent");
  EXPECT_TRUE(version_in(java, release(java, "1.0.0").runtime, "8"));
  EXPECT_FALSE(version_in(java, release(java, "1.0.0").runtime, "7"));
  EXPECT_TRUE(requirements_for(release(java, "1.40.0"), "com.datadoghq:dd-java-agent").empty());
  EXPECT_FALSE(requirements_for(release(java, "1.40.0"), "com.datadoghq:dd-trace-ot").empty());
}

TEST(Knowledge, ImportMapsUseTheLongestPrefix) {
  const auto* python = builtin().base.imports_for(core::Language::python);
  ASSERT_NE(python, nullptr);
  EXPECT_EQ(python->distribution_for("yaml"), "PyYAML");
  EXPECT_EQ(python->distribution_for("google.protobuf.message"), "protobuf");
  EXPECT_EQ(python->distribution_for("attr"), "attrs");
  EXPECT_EQ(python->distribution_for("no_such_module_xyz"), "");
  const auto* php = builtin().base.imports_for(core::Language::php);
  ASSERT_NE(php, nullptr);
  EXPECT_EQ(php->distribution_for("DDTrace\\GlobalTracer"), "datadog/dd-trace");
  const auto* java = builtin().base.imports_for(core::Language::jvm);
  ASSERT_NE(java, nullptr);
  EXPECT_EQ(java->distribution_for("datadog.trace.api.Trace"), "com.datadoghq:dd-trace-api");
  EXPECT_EQ(java->distribution_for("org.slf4j.Logger"), "org.slf4j:slf4j-api");
}

/// Every breaking-change rule fires on each fixtures/rules/<id>/fires* file and on no
/// near-miss* file, with all patterns compiled together as the audit compiles them.
TEST(Knowledge, EveryBreakingRuleHasAFiringAndANearMissFixture) {
  std::vector<const BreakingChange*> changes;
  std::vector<UsagePattern> patterns;
  for (const auto& t : builtin().base.tracers) {
    for (const auto& change : t.breaking) {
      for (const auto& pattern : change.patterns) patterns.push_back({pattern.regex, pattern.files, pattern.in_strings, changes.size()});
      changes.push_back(&change);
    }
  }
  auto matcher = UsageMatcher::compile(patterns);
  ASSERT_TRUE(matcher) << matcher.error().message;
  std::size_t total = 0;
  for (std::size_t index = 0; index < changes.size(); ++index) {
    const auto dir = fs::path(TRACEGATE_FIXTURES_DIR) / "rules" / changes[index]->id;
    int fires = 0, near_misses = 0;
    ASSERT_TRUE(fs::is_directory(dir)) << "no fixtures for " << changes[index]->id;
    for (const auto& entry : fs::directory_iterator(dir)) {
      const auto name = entry.path().filename().string();
      const bool should_fire = name.starts_with("fires");
      if (!should_fire && !name.starts_with("near-miss")) continue;
      const auto kind = file_kind_for_path(name);
      ASSERT_TRUE(kind) << entry.path();
      std::ifstream in(entry.path(), std::ios::binary);
      std::stringstream text;
      text << in.rdbuf();
      const auto hits = matcher->find(*kind, text.str());
      const bool fired = std::any_of(hits.begin(), hits.end(), [&](const UsageHit& h) { return h.rule == index; });
      EXPECT_EQ(fired, should_fire) << entry.path();
      (should_fire ? fires : near_misses)++;
    }
    EXPECT_GT(fires, 0) << changes[index]->id;
    EXPECT_GT(near_misses, 0) << changes[index]->id;
    ++total;
  }
  EXPECT_GE(total, 40u);
}

// ---- the loader's errors ------------------------------------------------------------------------

const char* const kTracer = R"(schema = 1
[tracer]
id = "demo"
name = "demo"
ecosystem = "pypi"
language = "python"
packages = ["demo-tracer"]
source = "test"
)";

LoadedKnowledge load_with(std::string extension) {
  return load_knowledge({{"demo.toml", kTracer}, {"extra.toml", std::move(extension)}});
}

TEST(KnowledgeLoader, ReportsUnknownKeysWithLineAndColumn) {
  const auto loaded = load_with("schema = 1\ntracer = \"demo\"\n[[release]]\nversions = { \"1.0\" = 2024-01-01 }\nruntime = \">=3.8\"\nsource = \"x\"\nrequire = []\n");
  ASSERT_EQ(loaded.errors.size(), 1u) << errors_of(loaded);
  EXPECT_TRUE(core::to_string(loaded.errors[0]).starts_with("extra.toml:7:1: error: unknown key 'release.require' (known: "))
      << errors_of(loaded);
}

TEST(KnowledgeLoader, ReportsBadVersionsConstraintsAndRequirements) {
  const auto loaded = load_with(
      "schema = 1\ntracer = \"demo\"\n[[release]]\nversions = { \"1.0\" = 2024-01-01, \"not a version\" = 2024-01-02 }\n"
      "runtime = \">=3.8.*\"\nrequires = [\"six>=\"]\nsource = \"x\"\n");
  const auto text = errors_of(loaded);
  EXPECT_NE(text.find("extra.toml:4:34: error: release 'not a version'"), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:5:11: error: 'runtime' = \">=3.8.*\""), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:6:12: error: requirement \"six>=\""), std::string::npos) << text;
}

TEST(KnowledgeLoader, ReportsDuplicateAndOutOfOrderReleases) {
  const auto loaded = load_with(
      "schema = 1\ntracer = \"demo\"\n"
      "[[release]]\nversions = { \"1.2\" = 2024-01-01 }\nruntime = \">=3.8\"\nsource = \"x\"\n"
      "[[release]]\nversions = { \"1.1\" = 2024-01-01, \"1.2.0\" = 2024-01-02 }\nruntime = \">=3.8\"\nsource = \"x\"\n");
  const auto text = errors_of(loaded);
  EXPECT_NE(text.find("extra.toml:8:34: error: release 1.2.0 is already listed at extra.toml:4:14"), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:8:14: error: release 1.1 is written after 1.2"), std::string::npos) << text;
}

TEST(KnowledgeLoader, ReportsBreakingChangeProblems) {
  const auto loaded = load_with(
      "schema = 1\ntracer = \"demo\"\n"
      "[[breaking]]\nid = \"other.x\"\nsince = \"2.0\"\nkind = \"gone\"\nidentifier = \"x\"\nmessage = \"m\"\nfix = \"f\"\nsource = \"s\"\n"
      "[[breaking.pattern]]\nregex = \"(open\"\nfiles = [\"python\", \"cobol\"]\n");
  const auto text = errors_of(loaded);
  EXPECT_NE(text.find("extra.toml:4:6: error: breaking-change id 'other.x' must be 'demo.<kind>.<subject>'"), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:6:8: error: unknown kind 'gone'"), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:12:9: error: regex does not compile"), std::string::npos) << text;
  EXPECT_NE(text.find("extra.toml:13:9: error: unknown file kind 'cobol'"), std::string::npos) << text;
}

TEST(KnowledgeLoader, ReportsSyntaxErrorsUnknownTracersAndSchemas) {
  EXPECT_NE(errors_of(load_with("schema = 1\ntracer = \n")).find("extra.toml:2:"), std::string::npos);
  EXPECT_NE(errors_of(load_with("schema = 1\ntracer = \"nope\"\n")).find("extra.toml:2:10: error: no tracer 'nope' is defined"),
            std::string::npos);
  EXPECT_NE(errors_of(load_with("schema = 2\ntracer = \"demo\"\n")).find("extra.toml:1:10: error: unsupported schema 2"),
            std::string::npos);
  // The rest of a file with errors still loads.
  const auto loaded = load_with("schema = 1\ntracer = \"demo\"\n[[release]]\nversions = { \"1.0\" = 2024-01-01 }\nruntime = \">=3.8\"\nsource = \"x\"\nbogus = 1\n");
  ASSERT_EQ(loaded.base.tracers.size(), 1u);
  EXPECT_EQ(loaded.base.tracers[0].releases.size(), 1u);
}

}  // namespace
}  // namespace tracegate::rules
