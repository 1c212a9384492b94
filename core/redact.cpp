// SPDX-License-Identifier: Apache-2.0
#include "core/redact.hpp"

#include <re2/re2.h>

namespace tracegate::core {

std::string redact_credentials(std::string_view text) {
  if (text.find('@') == std::string_view::npos) return std::string(text);
  // scheme://userinfo@ — userinfo stops at '/', whitespace, quotes or another '@'-free boundary.
  static const RE2 kUserInfo(R"(([A-Za-z][A-Za-z0-9+.\-]*://)[^/@\s"'<>]+@)");
  std::string out(text);
  RE2::GlobalReplace(&out, kUserInfo, R"(\1***@)");
  return out;
}

}  // namespace tracegate::core
