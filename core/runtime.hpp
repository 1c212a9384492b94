// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/ecosystem.hpp"
#include "core/source_location.hpp"

namespace tracegate::core {

/// What kind of file a runtime hint came from, most specific first.
enum class RuntimeSource {
  dockerfile,      ///< `FROM python:3.11-slim` in the stage that runs the app
  version_file,    ///< .python-version, runtime.txt, .tool-versions
  declared_range,  ///< requires-python, Poetry `python`, python_requires
};
std::string_view to_string(RuntimeSource source);

/// One statement about the runtime a service uses.
struct RuntimeHint {
  Language language = Language::python;
  /// An exact version ("3.11", "3.11.4") or, for declared ranges, a constraint (">=3.9,<3.13").
  std::string version;
  bool is_range = false;
  ConstraintSyntax syntax = ConstraintSyntax::pep440;
  RuntimeSource source = RuntimeSource::declared_range;
  SourceLocation origin;
};

/// The runtime tracegate believes the service runs on, and the hint it chose.
struct Runtime {
  Language language = Language::python;
  std::string version;
  bool is_range = false;
  RuntimeSource source = RuntimeSource::declared_range;
  SourceLocation origin;
};

}  // namespace tracegate::core
