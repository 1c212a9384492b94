// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/ecosystem.hpp"
#include "core/source_location.hpp"
#include "rules/source_masking.hpp"

namespace tracegate::rules {

/// What tracegate knows about each tracer, loaded from rules/data (schema: docs/rules.md).
/// Plain data: every version and constraint in it has been checked by the loader with the
/// ecosystem's resolvers.

/// One step of a tracer's agent-URL resolution; `from` says which fields apply.
struct AgentUrlStep {
  std::string from;  ///< env | env-socket | host-port | socket | default
  std::vector<std::string> variables;  ///< env, env-socket
  std::vector<std::string> host;       ///< host-port, earlier names win
  std::vector<std::string> port;
  std::vector<std::string> selected_by;  ///< host-port: variables that select the step (default: host and port)
  std::string default_host;
  int default_port = 0;
  std::string path;       ///< socket
  std::string condition;  ///< socket: "exists" or empty (always)
  std::string url;        ///< default
};

struct AgentUrlRule {
  std::string versions;
  std::vector<AgentUrlStep> order;
  std::string source;
  core::SourceLocation where;
};

struct TraceEndpoint {
  std::string versions;
  std::string endpoint;
  std::string encoding;
  std::string override_setting;
  std::string source;
  core::SourceLocation where;
};

struct InstallMethod {
  std::string kind;  ///< pip-package | composer-package | php-extension | javaagent-jar | maven-artifact
  std::string name;
  std::string note;
};

/// One published release (a [[release]] group is expanded into one per version).
struct Release {
  std::string version;
  std::string date;     ///< YYYY-MM-DD
  std::string runtime;  ///< supported runtime range in the tracer's constraint syntax
  std::vector<std::string> runtime_classifiers;
  std::vector<std::string> requirements;  ///< `requires` in the file, as published
  /// Requirements of one package of a multi-package tracer (dd-trace-ot's, not the agent jar's).
  std::vector<std::pair<std::string, std::vector<std::string>>> package_requirements;
  std::vector<std::pair<std::string, std::vector<std::string>>> extras;
  std::string min_agent;
  std::vector<std::string> agent_endpoints;
  std::string source;
  core::SourceLocation where;
};

/// What `package` of the tracer requires in `release`: the shared requirements plus its own.
std::vector<std::string> requirements_for(const Release& release, std::string_view package);

struct BreakingPattern {
  std::string regex;
  std::vector<FileKind> files;
  bool in_strings = false;
  core::SourceLocation where;
};

struct BreakingChange {
  std::string id;
  std::string since;
  std::string kind;
  std::string identifier;
  std::string message;
  std::string fix;
  std::string source;
  std::vector<BreakingPattern> patterns;
  core::SourceLocation where;
};

struct Tracer {
  std::string id;
  std::string name;
  core::Ecosystem ecosystem = core::Ecosystem::pypi;
  core::Language language = core::Language::python;
  std::vector<std::string> packages;
  std::vector<std::string> aliases;
  std::string source;
  std::vector<InstallMethod> installs;
  std::vector<AgentUrlRule> agent_urls;
  std::vector<TraceEndpoint> trace_endpoints;
  std::vector<Release> releases;          ///< ascending by version
  std::vector<BreakingChange> breaking;   ///< ascending by `since`, then id
  std::vector<std::string> files;         ///< the files it was assembled from
};

/// Import name (or namespace / package prefix) -> distribution, per language.
struct ImportMap {
  core::Language language = core::Language::python;
  std::map<std::string, std::string, std::less<>> entries;
  std::vector<std::string> files;

  /// The distribution for an import: the longest listed dotted prefix (`google.protobuf.x` ->
  /// protobuf; for PHP and Java the separator is `\` or `.`), or empty when none is listed.
  std::string_view distribution_for(std::string_view import_name) const;
};

struct KnowledgeBase {
  std::vector<Tracer> tracers;
  std::vector<ImportMap> imports;

  /// The tracer a package name (as users write it: `ddtrace`, `datadog/dd-trace`,
  /// `com.datadoghq:dd-java-agent`) or alias names; nullptr when none.
  const Tracer* find_tracer(std::string_view package) const;
  const ImportMap* imports_for(core::Language language) const;
};

/// A file to load: its display path (rules/data/ddtrace.toml, or a user path) and its text.
struct KnowledgeFile {
  std::string path;
  std::string text;
};

/// The knowledge base and every problem found, each at file:line:column. Files with errors
/// contribute what could be read; a caller that needs a clean base checks `errors`.
struct LoadedKnowledge {
  KnowledgeBase base;
  std::vector<core::Diagnostic> errors;
};

/// Loads and validates `files` together: tracer files (with a [tracer] table) first, then
/// files that extend a tracer (`tracer = "<id>"`), then import maps.
LoadedKnowledge load_knowledge(const std::vector<KnowledgeFile>& files);

/// The files built into the binary (rules/data at build time).
const std::vector<KnowledgeFile>& builtin_knowledge_files();

/// Every `*.toml` below `directory` (sorted by path), or an error naming the directory.
core::Result<std::vector<KnowledgeFile>> read_knowledge_directory(const std::string& directory);

}  // namespace tracegate::rules
