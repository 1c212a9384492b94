// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string_view>

namespace tracegate::scanner {

/// Directories a scan never enters: hidden ones (.git, .venv, .tox, .github), project templates
/// (`{{cookiecutter.project_slug}}`), virtualenvs, installed packages, build output, Helm
/// templates (Go templates, not YAML). A directory holding `pyvenv.cfg` is a virtualenv too;
/// the walkers check that themselves.
bool is_skipped_directory(std::string_view name);

/// The marker file that makes any directory a virtualenv.
inline constexpr std::string_view kVirtualenvMarker = "pyvenv.cfg";

}  // namespace tracegate::scanner
