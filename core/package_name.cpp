// SPDX-License-Identifier: Apache-2.0
#include "core/package_name.hpp"

#include "core/text.hpp"

namespace tracegate::core {

namespace {
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool is_separator(char c) { return c == '-' || c == '_' || c == '.'; }
}  // namespace

std::string normalize_pypi_name(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_separator = false;
  for (char c : name) {
    if (is_separator(c)) {
      pending_separator = true;
      continue;
    }
    if (pending_separator && !out.empty()) out.push_back('-');
    pending_separator = false;
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

bool is_valid_pypi_name(std::string_view name) {
  if (name.empty() || !is_alnum(name.front()) || !is_alnum(name.back())) return false;
  for (char c : name) {
    if (!is_alnum(c) && !is_separator(c)) return false;
  }
  return true;
}

std::string normalize_package_name(Ecosystem ecosystem, std::string_view name) {
  switch (ecosystem) {
    case Ecosystem::pypi: return normalize_pypi_name(name);
    case Ecosystem::packagist: return to_lower(name);
    case Ecosystem::maven: return std::string(name);
  }
  return std::string(name);
}

}  // namespace tracegate::core
