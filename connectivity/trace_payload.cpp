// SPDX-License-Identifier: Apache-2.0
// Validation follows the agent's decoders (pkg/trace/pb decoder_v04.go / decoder_v05.go as the
// facts file summarises them): v0.4 span maps with typed known keys (unknown keys skipped, nil
// allowed for strings and maps), v0.5 spans of exactly 12 elements whose string fields are
// indices into the payload's string table.
#include "connectivity/trace_payload.hpp"

#include <algorithm>
#include <exception>
#include <set>
#include <span>

#include <msgpack.hpp>

namespace tracegate::connectivity {

namespace {

/// Real payloads nest five deep (traces, trace, span, meta, value); span links and events
/// reach eight. Anything deeper is hostile, and the limit keeps the parser's stack small.
constexpr std::size_t kMaxDepth = 16;
/// Per-container element cap on top of the input-size cap below: a declared length is checked
/// before its elements are read, so this is what stops a 5-byte "array of 4 billion" header.
constexpr std::size_t kMaxElements = std::size_t{1} << 22;

using msgpack::object;
namespace type = msgpack::type;

struct Collector {
  std::set<std::string, std::less<>> services;
  std::set<std::string, std::less<>> span_names;

  static void keep(std::set<std::string, std::less<>>& into, std::string_view value) {
    if (into.size() < kMaxNamesKept && !value.empty()) into.emplace(value);
  }
};

std::string_view view(const object& o) { return {o.via.str.ptr, o.via.str.size}; }

bool is_integer(const object& o) {
  return o.type == type::POSITIVE_INTEGER || o.type == type::NEGATIVE_INTEGER;
}
bool is_number(const object& o) { return is_integer(o) || o.type == type::FLOAT32 || o.type == type::FLOAT64; }
bool is_string_or_nil(const object& o) { return o.type == type::STR || o.type == type::NIL; }

core::Result<void> check_string_map(const object& o, std::string_view key, bool numeric_values) {
  if (o.type == type::NIL) return {};
  if (o.type != type::MAP) return core::fail("span field '" + std::string(key) + "' is not a map");
  for (const auto& kv : std::span(o.via.map.ptr, o.via.map.size)) {
    if (!is_string_or_nil(kv.key)) return core::fail("span field '" + std::string(key) + "' has a non-string key");
    if (numeric_values ? !is_number(kv.val) : !is_string_or_nil(kv.val)) {
      return core::fail("span field '" + std::string(key) + "' has a value of the wrong type");
    }
  }
  return {};
}

core::Result<void> check_v04_span(const object& span, Collector& seen) {
  if (span.type != type::MAP) return core::fail("v0.4 span is not a map");
  for (const auto& kv : std::span(span.via.map.ptr, span.via.map.size)) {
    if (kv.key.type != type::STR) return core::fail("v0.4 span has a non-string key");
    const std::string_view key = view(kv.key);
    const object& value = kv.val;
    if (key == "service" || key == "name" || key == "resource" || key == "type") {
      if (!is_string_or_nil(value)) return core::fail("span field '" + std::string(key) + "' is not a string");
      if (value.type == type::STR && key == "service") Collector::keep(seen.services, view(value));
      if (value.type == type::STR && key == "name") Collector::keep(seen.span_names, view(value));
    } else if (key == "trace_id" || key == "span_id" || key == "parent_id" || key == "start" ||
               key == "duration" || key == "error") {
      if (!is_integer(value) && value.type != type::NIL) {
        return core::fail("span field '" + std::string(key) + "' is not an integer");
      }
    } else if (key == "meta") {
      TRACEGATE_TRY(check_string_map(value, key, false));
    } else if (key == "metrics") {
      TRACEGATE_TRY(check_string_map(value, key, true));
    }
    // Other keys (meta_struct, span_links, span_events, ...) are skipped, as the agent does.
  }
  return {};
}

core::Result<TraceSummary> summarise_v04(const object& root) {
  if (root.type != type::ARRAY) return core::fail("v0.4 payload is not an array of traces");
  Collector seen;
  TraceSummary summary;
  for (const auto& trace : std::span(root.via.array.ptr, root.via.array.size)) {
    if (trace.type != type::ARRAY) return core::fail("v0.4 trace is not an array of spans");
    for (const auto& span : std::span(trace.via.array.ptr, trace.via.array.size)) {
      TRACEGATE_TRY(check_v04_span(span, seen));
      ++summary.spans;
    }
    ++summary.traces;
  }
  summary.services.assign(seen.services.begin(), seen.services.end());
  summary.span_names.assign(seen.span_names.begin(), seen.span_names.end());
  return summary;
}

/// A v0.5 string reference: an unsigned index into the payload's string table.
core::Result<std::string_view> lookup(const object& index, const std::vector<std::string_view>& table) {
  if (index.type != type::POSITIVE_INTEGER) return core::fail("v0.5 string reference is not an unsigned index");
  if (index.via.u64 >= table.size()) {
    return core::fail("v0.5 string index " + std::to_string(index.via.u64) + " is outside the table of " +
                      std::to_string(table.size()));
  }
  return table[index.via.u64];
}

core::Result<void> check_v05_span(const object& span, const std::vector<std::string_view>& table, Collector& seen) {
  // [service, name, resource, trace_id, span_id, parent_id, start, duration, error, meta, metrics, type]
  if (span.type != type::ARRAY || span.via.array.size != 12) return core::fail("v0.5 span is not a 12-element array");
  const object* field = span.via.array.ptr;
  for (const int i : {0, 1, 2, 11}) TRACEGATE_TRY(lookup(field[i], table));
  for (int i = 3; i <= 8; ++i) {
    if (!is_integer(field[i])) return core::fail("v0.5 span element " + std::to_string(i) + " is not an integer");
  }
  if (field[9].type != type::MAP) return core::fail("v0.5 span meta is not a map");
  for (const auto& kv : std::span(field[9].via.map.ptr, field[9].via.map.size)) {
    TRACEGATE_TRY(lookup(kv.key, table));
    TRACEGATE_TRY(lookup(kv.val, table));
  }
  if (field[10].type != type::MAP) return core::fail("v0.5 span metrics is not a map");
  for (const auto& kv : std::span(field[10].via.map.ptr, field[10].via.map.size)) {
    TRACEGATE_TRY(lookup(kv.key, table));
    if (!is_number(kv.val)) return core::fail("v0.5 span metric value is not a number");
  }
  Collector::keep(seen.services, table[field[0].via.u64]);
  Collector::keep(seen.span_names, table[field[1].via.u64]);
  return {};
}

core::Result<TraceSummary> summarise_v05(const object& root) {
  if (root.type != type::ARRAY || root.via.array.size != 2) {
    return core::fail("v0.5 payload is not a [string_table, traces] pair");
  }
  const object& strings = root.via.array.ptr[0];
  const object& traces = root.via.array.ptr[1];
  if (strings.type != type::ARRAY) return core::fail("v0.5 string table is not an array");
  std::vector<std::string_view> table;
  table.reserve(strings.via.array.size);
  for (const auto& s : std::span(strings.via.array.ptr, strings.via.array.size)) {
    if (s.type != type::STR) return core::fail("v0.5 string table holds a non-string");
    table.push_back(view(s));
  }
  if (traces.type != type::ARRAY) return core::fail("v0.5 traces is not an array");
  Collector seen;
  TraceSummary summary;
  for (const auto& trace : std::span(traces.via.array.ptr, traces.via.array.size)) {
    if (trace.type != type::ARRAY) return core::fail("v0.5 trace is not an array of spans");
    for (const auto& span : std::span(trace.via.array.ptr, trace.via.array.size)) {
      TRACEGATE_TRY(check_v05_span(span, table, seen));
      ++summary.spans;
    }
    ++summary.traces;
  }
  summary.services.assign(seen.services.begin(), seen.services.end());
  summary.span_names.assign(seen.span_names.begin(), seen.span_names.end());
  return summary;
}

/// Strings and binaries point into `bytes` instead of being copied: the summary copies what it keeps.
bool reference_in_place(type::object_type, std::size_t, void*) { return true; }

}  // namespace

core::Result<TraceSummary> decode_trace_payload(TraceEncoding encoding, std::string_view bytes) {
  if (bytes.empty()) return core::fail("empty payload");
  // Every element takes at least one byte of input, so no honest container declares more
  // elements than the payload has bytes; capping there bounds the parser's allocations.
  const std::size_t elements = std::min(bytes.size(), kMaxElements);
  const msgpack::unpack_limit limit(elements, elements, bytes.size(), bytes.size(), bytes.size(), kMaxDepth);
  try {
    std::size_t offset = 0;
    const msgpack::object_handle handle =
        msgpack::unpack(bytes.data(), bytes.size(), offset, reference_in_place, nullptr, limit);
    if (offset != bytes.size()) {
      return core::fail(std::to_string(bytes.size() - offset) + " bytes after the payload");
    }
    return encoding == TraceEncoding::kV04 ? summarise_v04(handle.get()) : summarise_v05(handle.get());
  } catch (const msgpack::insufficient_bytes&) {
    return core::fail("truncated msgpack");
  } catch (const msgpack::depth_size_overflow&) {
    return core::fail("msgpack nested deeper than " + std::to_string(kMaxDepth));
  } catch (const msgpack::size_overflow&) {
    return core::fail("msgpack container or string larger than the payload allows");
  } catch (const std::bad_alloc&) {
    return core::fail("msgpack payload too large to decode");
  } catch (const std::exception& error) {
    return core::fail(std::string("not msgpack: ") + error.what());
  }
}

}  // namespace tracegate::connectivity
