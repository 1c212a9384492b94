// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace tracegate::connectivity {

/// The msgpack trace encodings a tracer sends (../shared/data/agent-protocol.md, "Payloads").
enum class TraceEncoding {
  kV04,  ///< array of traces; a trace is an array of span maps
  kV05,  ///< [string_table, traces]; a span is a 12-element array of string-table indices and numbers
};

/// What a payload held. `services` and `span_names` are sorted, distinct and capped at
/// kMaxNamesKept each (a log line must stay small whatever the payload).
struct TraceSummary {
  std::size_t traces = 0;
  std::size_t spans = 0;
  std::vector<std::string> services;
  std::vector<std::string> span_names;
};

inline constexpr std::size_t kMaxNamesKept = 64;

/// Decodes and validates a whole payload. Anything the agent would answer 400 to — not msgpack,
/// truncated, trailing bytes, wrong types, a string index outside the table, nesting deeper or
/// containers larger than a real tracer sends — is an Error; no exception escapes. Memory use is
/// bounded by a small multiple of `bytes.size()`, whatever sizes the payload declares.
core::Result<TraceSummary> decode_trace_payload(TraceEncoding encoding, std::string_view bytes);

}  // namespace tracegate::connectivity
