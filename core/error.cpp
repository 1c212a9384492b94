// SPDX-License-Identifier: Apache-2.0
#include "core/error.hpp"

#include <fmt/format.h>

namespace tracegate::core {

std::string to_string(const Error& error) {
  if (!error.where || error.where->path.empty()) return error.message;
  return fmt::format("{}: {}", to_string(*error.where), error.message);
}

}  // namespace tracegate::core
