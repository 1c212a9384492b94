// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>
#include <string_view>

namespace tracegate::connectivity {

/// Lower-case hex SHA-256 of `bytes`. The agent's /info carries it as `Datadog-Agent-State`;
/// a few lines here spare the connectivity library a dependency on OpenSSL.
std::string sha256_hex(std::string_view bytes);

}  // namespace tracegate::connectivity
