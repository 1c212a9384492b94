// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace tracegate::core {

/// Replaces the user-info of every URL in `text` (`https://user:token@host`) with `***`,
/// so credentials never reach a report, a log line or an email.
std::string redact_credentials(std::string_view text);

}  // namespace tracegate::core
