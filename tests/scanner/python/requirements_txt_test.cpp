// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "core/diagnostic.hpp"
#include "core/source_location.hpp"
#include "scanner/readers.hpp"
#include "tests/support/fake_source_view.hpp"
#include "tests/support/read_result.hpp"

namespace tracegate::scanner {
namespace {

using testing::messages;

using core::Requirement;
using core::Scope;
using testing::FakeSourceView;
using testing::read_fixture;

const ManifestReader& reader() {
  static const auto instance = make_requirements_txt_reader();
  return *instance;
}

ReadResult read(std::string_view path, std::string_view contents, const SourceView& others = FakeSourceView{}) {
  return reader().read(ManifestFile{path, contents}, others);
}

ReadResult read_fixture_file(const std::string& name, std::string_view as_path = "requirements.txt") {
  const auto contents = read_fixture("python/requirements-txt/" + name);
  return read(as_path, contents);
}

std::vector<std::string> names(const ReadResult& result) {
  std::vector<std::string> out;
  for (const auto& requirement : result.requirements) out.push_back(requirement.normalized_name);
  return out;
}

std::string where(const Requirement& requirement) { return core::to_string(requirement.origin); }

const Requirement& find(const ReadResult& result, std::string_view normalized_name) {
  const auto it = std::ranges::find(result.requirements, normalized_name, &Requirement::normalized_name);
  if (it == result.requirements.end()) throw std::runtime_error(fmt::format("no requirement {}", normalized_name));
  return *it;
}

/// The fixtures/python/requirements-txt/includes tree, placed under services/checkout/.
FakeSourceView checkout_repository() {
  FakeSourceView view;
  for (const std::string file : {"requirements.txt", "requirements/base.txt", "requirements/common.txt",
                                 "requirements/dev.txt", "constraints.txt"}) {
    view.add("services/checkout/" + file, read_fixture("python/requirements-txt/includes/" + file));
  }
  return view;
}

// --- accepts / is_primary ---

struct PathCase {
  std::string_view path;
  bool expected;
};

TEST(RequirementsTxtReader, Name) { EXPECT_EQ(reader().name(), "python/requirements-txt"); }

TEST(RequirementsTxtReader, AcceptsRequirementFileNames) {
  const PathCase cases[] = {
      {"requirements.txt", true},                  // root
      {"services/api/requirements.txt", true},     // nested
      {"requirements.in", true},
      {"Requirements.txt", true},
      {"requirements-dev.txt", true},
      {"requirements_prod.txt", true},
      {"dev-requirements.txt", true},
      {"test_requirements.in", true},
      {"constraints.txt", true},
      {"constraints-py311.txt", true},
      {"requirements/base.txt", true},              // directory named requirements
      {"requirements/prod.in", true},
      {"services/api/requirements/test.txt", true},
      {"requirements.txt/x", false},                // name as directory
      {"requirements.txt.bak", false},              // extra suffix
      {"requirements.txtx", false},
      {"requirements", false},
      {"requirement.txt", false},                   // substring of the name
      {"docs/requirements.md", false},
      {"requirements.py", false},
      {"requirements/nested/base.txt", false},      // not directly inside requirements/
      {"requirements/", false},
      {"MANIFEST.in", false},
      {"CMakeLists.txt", false},
      {"robots.txt", false},
      {"LICENSE.txt", false},
      {"notes.txt", false},
      {"requirements/README.txt", false},
      {"requirements/CMakeLists.txt", false},
      {"setup.cfg", false},
      {"", false},
  };
  for (const auto& [path, expected] : cases) {
    EXPECT_EQ(reader().accepts(path), expected) << path;
  }
}

TEST(RequirementsTxtReader, PrimaryForRequirementsFilesButNotConstraints) {
  const PathCase cases[] = {
      {"requirements.txt", true},
      {"services/api/requirements.txt", true},
      {"requirements.in", true},
      {"requirements-dev.txt", true},
      {"constraints.txt", false},
      {"pip-constraints.txt", false},
      {"requirements/base.txt", true},  // the scan maps it to the parent directory
      {"services/api/requirements/prod.txt", true},
      {"requirements/constraints.txt", false},
      {"README.md", false},
  };
  for (const auto& [path, expected] : cases) {
    EXPECT_EQ(reader().is_primary(path), expected) << path;
  }
}

// --- read: plain files ---

TEST(RequirementsTxtReader, EmptyFileGivesNothing) {
  const auto result = read_fixture_file("empty.txt");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_TRUE(result.included_files.empty());
  EXPECT_FALSE(result.project_name);
}

TEST(RequirementsTxtReader, OnePackage) {
  const auto result = read_fixture_file("one-package.txt");
  ASSERT_EQ(result.requirements.size(), 1u);
  const auto& ddtrace = result.requirements[0];
  EXPECT_EQ(ddtrace.name, "ddtrace");
  EXPECT_EQ(ddtrace.constraint, "==2.1.2");
  EXPECT_EQ(ddtrace.ecosystem, core::Ecosystem::pypi);
  EXPECT_EQ(ddtrace.syntax, core::ConstraintSyntax::pep440);
  EXPECT_EQ(ddtrace.scope, Scope::main);
  EXPECT_TRUE(ddtrace.declared);
  EXPECT_TRUE(ddtrace.resolvable);
  EXPECT_FALSE(ddtrace.constraint_only);
  EXPECT_EQ(where(ddtrace), "requirements.txt:1:1");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(RequirementsTxtReader, TwoPackages) {
  const auto result = read_fixture_file("two-packages.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace"}));
  EXPECT_EQ(find(result, "ddtrace").constraint, ">=2.1,<3");
}

TEST(RequirementsTxtReader, SkipsCommentsAndBlankLines) {
  const auto result = read_fixture_file("typical.txt", "services/orders/requirements.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"django", "djangorestframework", "django-environ",
                                                     "psycopg2-binary", "gunicorn", "celery", "requests", "uvloop",
                                                     "ddtrace", "python-json-logger"}));
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(where(find(result, "django")), "services/orders/requirements.txt:2:1");
  EXPECT_EQ(where(find(result, "python-json-logger")), "services/orders/requirements.txt:13:1");
}

TEST(RequirementsTxtReader, KeepsConstraintsMarkersAndExtras) {
  const auto result = read_fixture_file("typical.txt");
  EXPECT_EQ(find(result, "django").name, "Django");
  EXPECT_EQ(find(result, "djangorestframework").constraint, ">=3.14,<4");
  EXPECT_EQ(find(result, "django-environ").constraint, "~=0.11");
  EXPECT_EQ(find(result, "celery").extras, (std::vector<std::string>{"redis"}));
  EXPECT_EQ(find(result, "celery").constraint, "==5.3.6");
  EXPECT_EQ(find(result, "requests").constraint, ">=2.31.0");  // inline comment dropped
  EXPECT_EQ(find(result, "uvloop").markers, "sys_platform != \"win32\"");
  EXPECT_EQ(find(result, "uvloop").constraint, "==0.19.0");
  EXPECT_EQ(find(result, "ddtrace").constraint, "==2.1.2");
  for (const auto& requirement : result.requirements) {
    EXPECT_TRUE(requirement.declared) << requirement.name;
    EXPECT_TRUE(requirement.via.empty()) << requirement.name;
  }
}

TEST(RequirementsTxtReader, ReadsFastApiService) {
  const auto result = read_fixture_file("fastapi.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"fastapi", "uvicorn", "pydantic", "pydantic-settings",
                                                     "sqlalchemy", "asyncpg", "httpx", "ddtrace"}));
  EXPECT_EQ(find(result, "uvicorn").extras, (std::vector<std::string>{"standard"}));
  EXPECT_EQ(find(result, "uvicorn").constraint, "==0.24.0.post1");
  EXPECT_EQ(find(result, "sqlalchemy").name, "SQLAlchemy");
  EXPECT_TRUE(result.diagnostics.empty());
}

// --- pip-tools ---

TEST(RequirementsTxtReader, PipToolsViaMarksTransitivePins) {
  const auto result = read_fixture_file("compiled.txt");
  ASSERT_EQ(result.requirements.size(), 18u);
  EXPECT_TRUE(result.diagnostics.empty());

  const auto& attrs = find(result, "attrs");
  EXPECT_EQ(attrs.via, (std::vector<std::string>{"cattrs", "ddtrace"}));
  EXPECT_FALSE(attrs.declared);
  EXPECT_EQ(where(attrs), "requirements.txt:7:1");

  EXPECT_EQ(find(result, "cattrs").via, (std::vector<std::string>{"ddtrace"}));
  EXPECT_FALSE(find(result, "cattrs").declared);
  EXPECT_EQ(find(result, "six").via, (std::vector<std::string>{"ddsketch", "ddtrace"}));
  EXPECT_FALSE(find(result, "six").declared);
  EXPECT_EQ(find(result, "markupsafe").via, (std::vector<std::string>{"jinja2", "werkzeug"}));

  EXPECT_EQ(find(result, "ddtrace").via, (std::vector<std::string>{"-r requirements.in"}));
  EXPECT_TRUE(find(result, "ddtrace").declared);
  EXPECT_TRUE(find(result, "flask").declared);
  // Declared by the input file and also needed by others: still declared.
  EXPECT_EQ(find(result, "protobuf").via,
            (std::vector<std::string>{"-r requirements.in", "ddsketch", "ddtrace"}));
  EXPECT_TRUE(find(result, "protobuf").declared);
}

TEST(RequirementsTxtReader, PipToolsLegacyInlineVia) {
  const auto result = read_fixture_file("compiled-legacy.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"attrs", "cattrs", "ddtrace", "six"}));
  EXPECT_EQ(find(result, "attrs").via, (std::vector<std::string>{"cattrs", "ddtrace"}));
  EXPECT_FALSE(find(result, "attrs").declared);
  EXPECT_EQ(find(result, "attrs").constraint, "==21.4.0");
  EXPECT_TRUE(find(result, "ddtrace").declared);
  EXPECT_FALSE(find(result, "six").declared);
}

TEST(RequirementsTxtReader, HashesAreIgnoredAndViaFollowsContinuation) {
  const auto result = read_fixture_file("hashes.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace", "six"}));
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(find(result, "ddtrace").constraint, "==2.1.2");
  EXPECT_EQ(where(find(result, "ddtrace")), "requirements.txt:7:1");
  EXPECT_EQ(where(find(result, "six")), "requirements.txt:11:1");
  EXPECT_TRUE(find(result, "ddtrace").declared);
  EXPECT_EQ(find(result, "six").via, (std::vector<std::string>{"ddtrace"}));
  EXPECT_FALSE(find(result, "six").declared);
}

TEST(RequirementsTxtReader, CommentBetweenPinsEndsViaBlock) {
  const auto result = read("requirements.txt",
                           "six==1.16.0\n"
                           "    # via\n"
                           "    #   ddtrace\n"
                           "# The following packages are considered to be unsafe in a requirements file:\n"
                           "    #   setuptools\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].via, (std::vector<std::string>{"ddtrace"}));
}

// --- continuations and line endings ---

TEST(RequirementsTxtReader, ContinuationKeepsFirstPhysicalLine) {
  const auto result = read("requirements.txt",
                           "# pinned below\n"
                           "requests \\\n"
                           "    >=2.31 \\\n"
                           "    ,<3\n"
                           "flask==3.0.0\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"requests", "flask"}));
  EXPECT_EQ(find(result, "requests").constraint, ">=2.31,<3");
  EXPECT_EQ(where(find(result, "requests")), "requirements.txt:2:1");
  EXPECT_EQ(where(find(result, "flask")), "requirements.txt:5:1");
}

TEST(RequirementsTxtReader, ErrorInContinuationPointsAtPhysicalLine) {
  const auto result = read("requirements.txt",
                           "flask \\\n"
                           "    >=\n"
                           "ddtrace==2.1.2\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"requirements.txt:2:7: error: invalid requirement 'flask     >=': column 13: "
                                      "expected a version after '>='"}));
}

TEST(RequirementsTxtReader, BackslashOnLastLine) {
  const auto result = read("requirements.txt", "flask==3.0.0 \\");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(RequirementsTxtReader, CrlfLineEndings) {
  const auto result = read("requirements.txt",
                           "flask==3.0.0\r\n"
                           "ddtrace==2.1.2 \\\r\n"
                           "    ; python_version >= \"3.8\"\r\n"
                           "six==1.16.0\r\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace", "six"}));
  EXPECT_EQ(find(result, "flask").constraint, "==3.0.0");
  EXPECT_EQ(find(result, "ddtrace").markers, "python_version >= \"3.8\"");
  EXPECT_EQ(where(find(result, "six")), "requirements.txt:4:1");
  EXPECT_TRUE(result.diagnostics.empty());
}

TEST(RequirementsTxtReader, Utf8ByteOrderMarkIsSkipped) {
  const auto result = read("requirements.txt", "\xEF\xBB\xBF" "flask==3.0.0\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(where(result.requirements[0]), "requirements.txt:1:1");
}

// --- direct references ---

TEST(RequirementsTxtReader, KeepsUrlAndEditableRequirementsAsUnresolvable) {
  const auto result = read_fixture_file("urls.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"common", "billing-client", "ddtrace", "internal-auth",
                                                     "metrics-shim", "legacy-sdk", "orjson", "acme-flags"}));
  EXPECT_TRUE(result.diagnostics.empty()) << messages(result).front();
  for (const auto& requirement : result.requirements) {
    EXPECT_FALSE(requirement.resolvable) << requirement.name;
    EXPECT_FALSE(requirement.url.empty()) << requirement.name;
  }

  const auto& common = find(result, "common");
  EXPECT_EQ(common.url, "./libs/common");
  EXPECT_TRUE(common.editable);
  EXPECT_EQ(where(common), "requirements.txt:2:4");

  const auto& billing = find(result, "billing-client");
  EXPECT_EQ(billing.url, "git+https://github.com/acme/billing-client.git@v1.4.0#egg=billing-client");
  EXPECT_TRUE(billing.editable);

  const auto& ddtrace = find(result, "ddtrace");
  EXPECT_EQ(ddtrace.url, "git+https://github.com/DataDog/dd-trace-py.git@v2.1.2#egg=ddtrace");
  EXPECT_FALSE(ddtrace.editable);
  EXPECT_EQ(where(ddtrace), "requirements.txt:4:1");

  EXPECT_EQ(find(result, "internal-auth").url,
            "https://files.acme.internal/internal_auth-0.3.1-py3-none-any.whl");

  const auto& shim = find(result, "metrics-shim");
  EXPECT_EQ(shim.name, "metrics_shim");
  EXPECT_EQ(shim.markers, "python_version >= \"3.9\"");

  const auto& legacy = find(result, "legacy-sdk");
  EXPECT_EQ(legacy.url, "./vendor/legacy-sdk");
  EXPECT_EQ(legacy.extras, (std::vector<std::string>{"async"}));

  EXPECT_EQ(find(result, "orjson").url, "file:///opt/wheels/orjson-3.9.10.tar.gz");

  const auto& flags = find(result, "acme-flags");
  EXPECT_TRUE(flags.editable);
  EXPECT_EQ(flags.extras, (std::vector<std::string>{"redis"}));
  EXPECT_EQ(where(flags), "requirements.txt:9:12");
}

TEST(RequirementsTxtReader, EditableWithoutPathIsAnError) {
  const auto result = read("requirements.txt", "-e\nflask==3.0.0\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"requirements.txt:1:1: error: option '-e' needs a path or URL"}));
}

TEST(RequirementsTxtReader, EditableCurrentDirectoryIsNamedAfterIt) {
  const auto result = read("services/api/requirements.txt", "-e .[dev]\n--editable ..\n");
  ASSERT_EQ(result.requirements.size(), 2u);
  EXPECT_EQ(result.requirements[0].name, "api");
  EXPECT_EQ(result.requirements[0].url, ".");
  EXPECT_EQ(result.requirements[0].extras, (std::vector<std::string>{"dev"}));
  EXPECT_TRUE(result.requirements[0].editable);
  EXPECT_EQ(result.requirements[1].name, "services");
}

TEST(RequirementsTxtReader, EditableRepositoryRootKeepsPathAsName) {
  const auto result = read("requirements.txt", "-e .\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_EQ(result.requirements[0].name, ".");
  EXPECT_EQ(result.requirements[0].url, ".");
}

TEST(RequirementsTxtReader, TextAfterUrlIsAnError) {
  const auto result = read("requirements.txt", "https://files.acme.internal/x-1.0.whl extra\nflask==3.0.0\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"requirements.txt:1:39: error: invalid requirement "
                                                        "'https://files.acme.internal/x-1.0.whl extra': expected ';' "
                                                        "and markers after the URL"}));
}

// --- options ---

TEST(RequirementsTxtReader, GlobalOptionsAreNotErrors) {
  const auto result = read_fixture_file("options.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"requirements.txt:13:1: warning: unknown option '--timeout'; line ignored"}));
}

TEST(RequirementsTxtReader, UnknownOptionAfterRequirementIsWarning) {
  const auto result = read("requirements.txt", "flask==3.0.0 --hash=sha256:abc --no-deps\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(find(result, "flask").constraint, "==3.0.0");
  EXPECT_EQ(messages(result), (std::vector<std::string>{"requirements.txt:1:32: warning: unknown option "
                                                        "'--no-deps' after the requirement; ignored"}));
}

// --- malformed input ---

TEST(RequirementsTxtReader, InvalidLinesAreDiagnosedAndTheRestIsRead) {
  const auto result = read_fixture_file("invalid-syntax.txt", "svc/requirements.txt");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace", "pyyaml"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "svc/requirements.txt:2:11: error: invalid requirement 'requests>=': column 11: expected a version "
                "after '>='",
                "svc/requirements.txt:3:8: error: invalid requirement 'django = 4.2': column 8: expected a version "
                "operator (==, !=, <=, >=, ~=, <, >, ===)",
                "svc/requirements.txt:5:15: error: invalid requirement 'numpy==1.26.*,': column 15: expected a "
                "version operator (==, !=, <=, >=, ~=, <, >, ===)",
                "svc/requirements.txt:6:1: error: option '-r' needs a file name",
            }));
  for (const auto& diagnostic : result.diagnostics) EXPECT_EQ(diagnostic.level, core::Diagnostic::Level::error);
}

TEST(RequirementsTxtReader, ProseIsDiagnosedNotCrashed) {
  const auto result = read_fixture_file("not-requirements.txt");
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(result.diagnostics.size(), 2u);
}

TEST(RequirementsTxtReader, BinaryJunkGivesDiagnostics) {
  using namespace std::string_literals;
  const auto contents = "flask==3.0.0\nfoo\0bar==1\n\xff\xfe\x80garbage\nddtrace==2.1.2\n"s;
  const auto result = read("requirements.txt", contents);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace"}));
  ASSERT_EQ(result.diagnostics.size(), 2u);
  EXPECT_EQ(core::to_string(result.diagnostics[0].where), "requirements.txt:2:4");
  EXPECT_EQ(core::to_string(result.diagnostics[1].where), "requirements.txt:3:1");
}

TEST(RequirementsTxtReader, RandomBytesDoNotCrash) {
  std::string bytes;
  std::uint32_t state = 12345;
  for (int i = 0; i < 200'000; ++i) {
    state = state * 1103515245u + 12345u;
    bytes.push_back(static_cast<char>(state >> 16));
  }
  FakeSourceView view{{"requirements.txt", bytes}};
  const auto result = read("requirements.txt", bytes, view);
  EXPECT_FALSE(result.diagnostics.empty());
}

TEST(RequirementsTxtReader, VeryLongLineIsRefused) {
  const auto contents = std::string(1'000'000, 'a') + "==1.0\nflask==3.0.0\n";
  const auto result = read("requirements.txt", contents);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"requirements.txt:1:1: error: requirement is 1000005 bytes long; not read"}));
}

TEST(RequirementsTxtReader, LargeFile) {
  std::string contents;
  for (int i = 0; i < 5000; ++i) contents += fmt::format("package-{}=={}.0.{}  # pinned\n", i, i % 7, i);
  const auto result = read("requirements.txt", contents);
  ASSERT_EQ(result.requirements.size(), 5000u);
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(result.requirements.back().normalized_name, "package-4999");
  EXPECT_EQ(result.requirements.back().constraint, "==1.0.4999");
  EXPECT_EQ(where(result.requirements.back()), "requirements.txt:5000:1");
}

// --- includes ---

TEST(RequirementsTxtReader, FollowsIncludeRelativeToIncludingFile) {
  const auto view = checkout_repository();
  const auto contents = view.read("services/checkout/requirements.txt").value();
  const auto result = read("services/checkout/requirements.txt", contents, view);
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(names(result),
            (std::vector<std::string>{"flask", "ddtrace", "requests", "urllib3", "protobuf", "gunicorn"}));
  EXPECT_EQ(where(find(result, "flask")), "services/checkout/requirements/base.txt:1:1");
  EXPECT_EQ(where(find(result, "ddtrace")), "services/checkout/requirements/base.txt:2:1");
  EXPECT_EQ(where(find(result, "requests")), "services/checkout/requirements/common.txt:1:1");
  EXPECT_EQ(where(find(result, "urllib3")), "services/checkout/constraints.txt:2:1");
  EXPECT_EQ(where(find(result, "gunicorn")), "services/checkout/requirements.txt:4:1");
  EXPECT_EQ(result.included_files,
            (std::vector<std::string>{"services/checkout/requirements/base.txt",
                                      "services/checkout/requirements/common.txt",
                                      "services/checkout/constraints.txt"}));
}

TEST(RequirementsTxtReader, ConstraintFileEntriesAreConstraintOnly) {
  const auto view = checkout_repository();
  const auto result = read("services/checkout/requirements.txt",
                           view.read("services/checkout/requirements.txt").value(), view);
  EXPECT_TRUE(find(result, "urllib3").constraint_only);
  EXPECT_EQ(find(result, "urllib3").constraint, "<2");
  EXPECT_TRUE(find(result, "protobuf").constraint_only);
  EXPECT_FALSE(find(result, "flask").constraint_only);
  EXPECT_FALSE(find(result, "gunicorn").constraint_only);
}

TEST(RequirementsTxtReader, FilesIncludedByConstraintFileAreConstraintOnly) {
  FakeSourceView view{{"pins.txt", "-r more-pins.txt\nurllib3<2\n"}, {"more-pins.txt", "six==1.16.0\n"}};
  const auto result = read("requirements.txt", "-c pins.txt\nflask==3.0.0\n", view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"six", "urllib3", "flask"}));
  EXPECT_TRUE(find(result, "six").constraint_only);
  EXPECT_TRUE(find(result, "urllib3").constraint_only);
  EXPECT_FALSE(find(result, "flask").constraint_only);
}

TEST(RequirementsTxtReader, ConstraintsFileReadOnItsOwnIsConstraintOnly) {
  const auto result = read("constraints.txt", "urllib3<2\n");
  ASSERT_EQ(result.requirements.size(), 1u);
  EXPECT_TRUE(result.requirements[0].constraint_only);
}

TEST(RequirementsTxtReader, IncludeOptionSpellings) {
  FakeSourceView view{{"base.txt", "flask==3.0.0\n"},   {"web.txt", "gunicorn==21.2.0\n"},
                      {"worker.txt", "celery==5.3.6\n"}, {"pins.txt", "urllib3<2\n"},
                      {"more-pins.txt", "six==1.16.0\n"}};
  const auto result = read("requirements.txt",
                           "-rbase.txt\n"
                           "--requirement=web.txt\n"
                           "--requirement worker.txt\n"
                           "-c pins.txt\n"
                           "--constraint=more-pins.txt\n",
                           view);
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "gunicorn", "celery", "urllib3", "six"}));
  EXPECT_EQ(result.included_files,
            (std::vector<std::string>{"base.txt", "web.txt", "worker.txt", "pins.txt", "more-pins.txt"}));
  EXPECT_FALSE(find(result, "celery").constraint_only);
  EXPECT_TRUE(find(result, "six").constraint_only);
}

TEST(RequirementsTxtReader, IncludeMayGoUpInsideRepository) {
  FakeSourceView view{{"shared/base.txt", "flask==3.0.0\n"}};
  const auto result = read("services/api/requirements.txt", "--requirement=../../shared/base.txt\n", view);
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(where(find(result, "flask")), "shared/base.txt:1:1");
}

TEST(RequirementsTxtReader, IncludeCycleIsWarning) {
  FakeSourceView view{{"requirements.txt", "flask==3.0.0\n-r base.txt\ngunicorn==21.2.0\n"},
                      {"base.txt", "six==1.16.0\n-r requirements.txt\n"}};
  const auto result = read("requirements.txt", view.read("requirements.txt").value(), view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "six", "gunicorn"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"base.txt:2:4: warning: include cycle requirements.txt -> "
                                                        "base.txt -> requirements.txt; not followed"}));
}

TEST(RequirementsTxtReader, FileIncludingItselfIsWarning) {
  FakeSourceView view{{"requirements.txt", "-r requirements.txt\nflask==3.0.0\n"}};
  const auto result = read("requirements.txt", view.read("requirements.txt").value(), view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"requirements.txt:1:4: warning: include cycle "
                                                        "requirements.txt -> requirements.txt; not followed"}));
  EXPECT_TRUE(result.included_files.empty());
}

TEST(RequirementsTxtReader, MissingIncludeIsErrorAndRestIsRead) {
  const auto result = read("requirements.txt", "-r missing.txt\nflask==3.0.0\n");
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result), (std::vector<std::string>{"requirements.txt:1:4: error: cannot read included file "
                                                        "'missing.txt': missing.txt: no such file"}));
  EXPECT_TRUE(result.included_files.empty());
}

TEST(RequirementsTxtReader, IncludeLeavingRepositoryIsRefused) {
  FakeSourceView view{{"etc/passwd", "root:x:0:0\n"}};
  const auto result = read("requirements.txt",
                           "-r ../../../etc/passwd\n"
                           "--constraint=/etc/passwd\n"
                           "flask==3.0.0\n",
                           view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask"}));
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{
                "requirements.txt:1:4: error: included file '../../../etc/passwd' is outside the repository; not "
                "followed",
                "requirements.txt:2:14: error: included file '/etc/passwd' is outside the repository; not followed",
            }));
  EXPECT_TRUE(result.included_files.empty());
}

TEST(RequirementsTxtReader, IncludeDepthIsLimited) {
  FakeSourceView view;
  for (int i = 0; i < 20; ++i) view.add(fmt::format("f{}.txt", i), fmt::format("-r f{}.txt\npkg{}==1.0\n", i + 1, i));
  const auto result = read("f0.txt", view.read("f0.txt").value(), view);
  EXPECT_EQ(result.requirements.size(), 17u);  // f0 .. f16
  EXPECT_EQ(result.included_files.size(), 16u);
  EXPECT_EQ(messages(result), (std::vector<std::string>{"f16.txt:1:4: error: includes nested deeper than 16 "
                                                        "levels; 'f17.txt' not followed"}));
}

TEST(RequirementsTxtReader, DiamondIncludeIsReadOnce) {
  FakeSourceView view{{"a.txt", "-r common.txt\nflask==3.0.0\n"},
                      {"b.txt", "-r common.txt\nsix==1.16.0\n"},
                      {"common.txt", "requests>=2.31\n"}};
  const auto result = read("requirements.txt", "-r a.txt\n-r b.txt\n", view);
  EXPECT_TRUE(result.diagnostics.empty());
  EXPECT_EQ(names(result), (std::vector<std::string>{"requests", "flask", "six"}));
  EXPECT_EQ(result.included_files, (std::vector<std::string>{"a.txt", "common.txt", "b.txt"}));
}

TEST(RequirementsTxtReader, TreeOfDistinctIncludesIsBounded) {
  // Every file includes two new ones (found by fuzzing): 2^16 files within the depth limit.
  FakeSourceView view;
  std::vector<std::string> level{"r"};
  for (int depth = 0; depth < 12; ++depth) {
    std::vector<std::string> next;
    for (const auto& name : level) {
      const bool leaf = depth == 11;
      view.add(name + ".txt", (leaf ? "" : "-r " + name + "a.txt\n-r " + name + "b.txt\n") + "pkg-" + name + "\n");
      next.push_back(name + "a");
      next.push_back(name + "b");
    }
    level = std::move(next);
  }
  const auto result = read("requirements.txt", "-r r.txt\n", view);
  EXPECT_EQ(result.included_files.size(), 255u);  // 256 files with requirements.txt itself
  ASSERT_FALSE(result.diagnostics.empty());
  for (const auto& message : messages(result)) {
    EXPECT_NE(message.find("error: more than 256 included files or 64 MiB of includes; '"), std::string::npos) << message;
  }
}

TEST(RequirementsTxtReader, IncludedBinaryFileIsRefused) {
  using namespace std::string_literals;
  FakeSourceView view{{"blob.txt", "\x7f" "ELF\0\0\0"s}};
  const auto result = read("requirements.txt", "-r blob.txt\n", view);
  EXPECT_TRUE(result.requirements.empty());
  EXPECT_EQ(messages(result),
            (std::vector<std::string>{"requirements.txt:1:4: error: included file 'blob.txt' looks binary; not read"}));
}

// --- scope ---

TEST(RequirementsTxtReader, ScopeFollowsFileName) {
  struct ScopeCase {
    std::string_view path;
    Scope scope;
    std::string_view group;
  };
  const ScopeCase cases[] = {
      {"requirements.txt", Scope::main, ""},
      {"requirements-dev.txt", Scope::dev, "dev"},
      {"dev-requirements.txt", Scope::dev, "dev"},
      {"test_requirements.in", Scope::dev, "test"},
      {"requirements/test.txt", Scope::dev, "test"},
      {"requirements/tests.txt", Scope::dev, "tests"},
      {"requirements.testing.txt", Scope::dev, "testing"},
      {"requirements-lint.txt", Scope::dev, "lint"},
      {"requirements/docs.in", Scope::dev, "docs"},
      {"requirements/doc.txt", Scope::dev, "doc"},
      {"requirements/ci.txt", Scope::dev, "ci"},
      {"requirements-typing.txt", Scope::dev, "typing"},
      {"requirements/local.txt", Scope::dev, "local"},
      {"devrequirements.txt", Scope::dev, "dev"},
      {"requirements/prod.txt", Scope::main, ""},
      {"requirements/base.txt", Scope::main, ""},
      {"requirements-device.txt", Scope::main, ""},  // a word, not a substring
      {"docs/requirements.txt", Scope::main, ""},    // the file name decides, not the directory
  };
  for (const auto& [path, scope, group] : cases) {
    const auto result = read(path, "flask==3.0.0\n");
    ASSERT_EQ(result.requirements.size(), 1u) << path;
    EXPECT_EQ(result.requirements[0].scope, scope) << path;
    EXPECT_EQ(result.requirements[0].group, group) << path;
  }
}

TEST(RequirementsTxtReader, ScopeFollowsPhysicalFile) {
  const auto view = checkout_repository();
  const auto result = read("services/checkout/requirements/dev.txt",
                           view.read("services/checkout/requirements/dev.txt").value(), view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"flask", "ddtrace", "requests", "pytest", "ruff"}));
  EXPECT_EQ(find(result, "ddtrace").scope, Scope::main);
  EXPECT_EQ(find(result, "ddtrace").group, "");
  EXPECT_EQ(find(result, "pytest").scope, Scope::dev);
  EXPECT_EQ(find(result, "pytest").group, "dev");
}

TEST(RequirementsTxtReader, DevOnlyFile) {
  FakeSourceView view{{"requirements.txt", read_fixture("python/requirements-txt/one-package.txt")}};
  const auto result =
      read("requirements-dev.txt", read_fixture("python/requirements-txt/dev-only.txt"), view);
  EXPECT_EQ(names(result), (std::vector<std::string>{"ddtrace", "pytest", "pytest-django", "ruff", "mypy"}));
  EXPECT_EQ(find(result, "ddtrace").scope, Scope::main);
  EXPECT_EQ(find(result, "mypy").scope, Scope::dev);
  EXPECT_EQ(find(result, "mypy").group, "dev");
  EXPECT_EQ(result.included_files, (std::vector<std::string>{"requirements.txt"}));
}

}  // namespace
}  // namespace tracegate::scanner
