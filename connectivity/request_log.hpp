// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <optional>
#include <string>

#include "connectivity/trace_payload.hpp"

namespace tracegate::connectivity {

/// What the simulated agent saw and did for one request: one line of its log.
struct RequestRecord {
  std::string method;
  std::string endpoint;
  int status = 0;  ///< 0 when the connection was reset without a response
  std::string tracer_language;  ///< Datadog-Meta-Lang (telemetry: DD-Client-Library-Language)
  std::string tracer_version;   ///< Datadog-Meta-Tracer-Version (telemetry: DD-Client-Library-Version)
  std::size_t bytes = 0;        ///< request body size
  std::optional<TraceSummary> decoded;  ///< trace endpoints only, when the payload decoded
  /// accepted, rejected (undecodable), too-large, unknown-endpoint, fault:<name>, http-error
  std::string verdict;
  std::string error;  ///< why a payload was rejected
};

/// The record as a single-line JSON object (no newline). Bytes that are not UTF-8 (span names
/// come from the client) are replaced, never thrown on.
std::string to_json_line(const RequestRecord& record);

}  // namespace tracegate::connectivity
