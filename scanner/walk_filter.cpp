// SPDX-License-Identifier: Apache-2.0
#include "scanner/walk_filter.hpp"

#include <array>

namespace tracegate::scanner {

bool is_skipped_directory(std::string_view name) {
  // Hidden directories hold tooling, never a deployable service: .git, .venv, .tox, .riot,
  // .github, caches.
  if (name.starts_with('.')) return true;
  // Project templates (cookiecutter, copier) hold Jinja, not manifests.
  if (name.find("{{") != std::string_view::npos) return true;
  static constexpr std::array<std::string_view, 9> kSkipped{
      "venv", "node_modules", "site-packages", "vendor", "__pycache__", "build", "dist", "target", "templates"};
  for (auto skipped : kSkipped) {
    if (name == skipped) return true;
  }
  return name.ends_with(".egg-info");
}

}  // namespace tracegate::scanner
