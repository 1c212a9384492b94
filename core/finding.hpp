// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/repository_ref.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

enum class Severity { note, warning, error };
std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);

/// Why a reported finding does not fail the run: a suppression in tracegate.toml or the
/// baseline. Suppressed findings are still listed (json, sarif), marked as such.
struct Suppression {
  enum class Kind { config, baseline };
  Kind kind = Kind::config;
  std::string reason;
  std::string expires;  ///< YYYY-MM-DD; empty: never
  SourceLocation where;  ///< the suppression's entry in tracegate.toml, or the baseline file
};

/// One thing that will break (or may), with where to fix it.
struct Finding {
  std::string check_id;  ///< kebab-case, stable: "dependency-conflict"
  std::string rule_id;   ///< knowledge-base entry, e.g. "ddtrace.removed-module.opentracer"; may be empty
  Severity severity = Severity::error;
  std::string service;
  RepositoryRef source;
  std::string subject;  ///< the package, module, env var or endpoint it is about
  SourceLocation location;
  std::string message;
  std::vector<std::string> causes;
  std::optional<std::string> fix;
  std::optional<Suppression> suppression;  ///< set: reported, but does not fail the run
};

/// Stable across unrelated edits: check, service, subject and file, not the line.
std::string fingerprint(const Finding& finding);

}  // namespace tracegate::core
