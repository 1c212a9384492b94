// SPDX-License-Identifier: Apache-2.0
// Encodes trace payloads as a tracer sends them (../shared/data/agent-protocol.md, "Payloads"),
// for `tracegate agent probe`. The decoder is trace_payload.hpp.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "connectivity/trace_payload.hpp"

namespace tracegate::connectivity {

/// One span with the fields both encodings carry.
struct TraceSpan {
  std::string service;
  std::string name;
  std::string resource;
  std::string type;
  std::uint64_t trace_id = 0;
  std::uint64_t span_id = 0;
  std::uint64_t parent_id = 0;  ///< 0 for a root span
  std::int64_t start = 0;       ///< ns since the Unix epoch
  std::int64_t duration = 0;    ///< ns
  std::int32_t error = 0;
  std::map<std::string, std::string> meta;
  std::map<std::string, double> metrics;
};

/// A trace is its spans, the root first.
using Trace = std::vector<TraceSpan>;

/// The probe's small valid trace: a root `probe.request` and one child `probe.check`, service
/// `tracegate-probe`, starting at `start_ns` (ids derived from it, never 0).
Trace probe_trace(std::int64_t start_ns);

/// v0.4: an array of traces, each an array of span maps. v0.5: `[string_table, traces]` with
/// 12-element span arrays (string_table[0] is ""). 32-bit array and map headers are not forced.
std::string encode_traces(TraceEncoding encoding, const std::vector<Trace>& traces);

}  // namespace tracegate::connectivity
