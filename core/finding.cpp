// SPDX-License-Identifier: Apache-2.0
#include "core/finding.hpp"

#include <cstdint>

#include <fmt/format.h>

namespace tracegate::core {

namespace {
// FNV-1a: stable across platforms and releases, which std::hash is not.
std::uint64_t fnv1a(std::string_view bytes, std::uint64_t hash = 14695981039346656037ull) {
  for (unsigned char c : bytes) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  return hash;
}
}  // namespace

std::string fingerprint(const Finding& finding) {
  std::uint64_t hash = 14695981039346656037ull;
  for (std::string_view part :
       {std::string_view(finding.check_id), std::string_view(finding.service),
        std::string_view(finding.subject), std::string_view(finding.location.path)}) {
    hash = fnv1a(part, hash);
    hash = fnv1a(std::string_view("\0", 1), hash);
  }
  return fmt::format("{:016x}", hash);
}

}  // namespace tracegate::core
