// SPDX-License-Identifier: Apache-2.0
#include "connectivity/request_log.hpp"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

namespace tracegate::connectivity {

namespace {

/// UTC, second precision: enough to line the log up with a client's own output.
std::string utc_now() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  const std::size_t n = std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return std::string(text, n);
}

}  // namespace

std::string to_json_line(const RequestRecord& record) {
  nlohmann::ordered_json line;
  line["time"] = utc_now();
  line["method"] = record.method;
  line["endpoint"] = record.endpoint;
  line["status"] = record.status;
  line["tracer_language"] = record.tracer_language;
  line["tracer_version"] = record.tracer_version;
  line["bytes"] = record.bytes;
  if (record.decoded) {
    line["traces"] = record.decoded->traces;
    line["spans"] = record.decoded->spans;
    line["services"] = record.decoded->services;
    line["span_names"] = record.decoded->span_names;
  }
  line["verdict"] = record.verdict;
  if (!record.error.empty()) line["error"] = record.error;
  return line.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace tracegate::connectivity
