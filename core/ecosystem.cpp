// SPDX-License-Identifier: Apache-2.0
#include "core/ecosystem.hpp"

#include "core/finding.hpp"
#include "core/requirement.hpp"
#include "core/runtime.hpp"

namespace tracegate::core {

std::string_view to_string(Ecosystem ecosystem) {
  switch (ecosystem) {
    case Ecosystem::pypi: return "pypi";
    case Ecosystem::packagist: return "packagist";
    case Ecosystem::maven: return "maven";
  }
  return "unknown";
}

std::optional<Ecosystem> parse_ecosystem(std::string_view text) {
  if (text == "pypi") return Ecosystem::pypi;
  if (text == "packagist") return Ecosystem::packagist;
  if (text == "maven") return Ecosystem::maven;
  return std::nullopt;
}

std::string_view to_string(ConstraintSyntax syntax) {
  switch (syntax) {
    case ConstraintSyntax::pep440: return "pep440";
    case ConstraintSyntax::poetry: return "poetry";
    case ConstraintSyntax::composer: return "composer";
    case ConstraintSyntax::maven: return "maven";
    case ConstraintSyntax::gradle: return "gradle";
  }
  return "unknown";
}

std::string_view to_string(Language language) {
  switch (language) {
    case Language::python: return "python";
    case Language::php: return "php";
    case Language::jvm: return "jvm";
  }
  return "unknown";
}

std::string_view to_string(Scope scope) {
  switch (scope) {
    case Scope::main: return "main";
    case Scope::dev: return "dev";
    case Scope::optional: return "optional";
  }
  return "unknown";
}

std::string_view to_string(RuntimeSource source) {
  switch (source) {
    case RuntimeSource::dockerfile: return "dockerfile";
    case RuntimeSource::version_file: return "version-file";
    case RuntimeSource::declared_range: return "declared-range";
  }
  return "unknown";
}

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note: return "note";
    case Severity::warning: return "warning";
    case Severity::error: return "error";
  }
  return "unknown";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "note") return Severity::note;
  if (text == "warning") return Severity::warning;
  if (text == "error") return Severity::error;
  return std::nullopt;
}

}  // namespace tracegate::core
