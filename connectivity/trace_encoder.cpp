// SPDX-License-Identifier: Apache-2.0
#include "connectivity/trace_encoder.hpp"

#include <msgpack.hpp>

#include <unordered_map>

namespace tracegate::connectivity {

namespace {

/// v0.5 strings are indices into a table whose entry 0 is "".
class StringTable {
 public:
  StringTable() { index(""); }
  std::uint32_t index(const std::string& text) {
    const auto [it, added] = positions_.try_emplace(text, static_cast<std::uint32_t>(strings_.size()));
    if (added) strings_.push_back(text);
    return it->second;
  }
  const std::vector<std::string>& strings() const { return strings_; }

 private:
  std::vector<std::string> strings_;
  std::unordered_map<std::string, std::uint32_t> positions_;
};

void pack_v04_span(msgpack::packer<msgpack::sbuffer>& packer, const TraceSpan& span) {
  packer.pack_map(12);
  packer.pack("type").pack(span.type);
  packer.pack("trace_id").pack(span.trace_id);
  packer.pack("span_id").pack(span.span_id);
  packer.pack("parent_id").pack(span.parent_id);
  packer.pack("name").pack(span.name);
  packer.pack("resource").pack(span.resource);
  packer.pack("service").pack(span.service);
  packer.pack("error").pack(span.error);
  packer.pack("start").pack(span.start);
  packer.pack("duration").pack(span.duration);
  packer.pack("meta").pack(span.meta);
  packer.pack("metrics").pack(span.metrics);
}

void pack_v05_span(msgpack::packer<msgpack::sbuffer>& packer, const TraceSpan& span, StringTable& table) {
  packer.pack_array(12);
  packer.pack(table.index(span.service)).pack(table.index(span.name)).pack(table.index(span.resource));
  packer.pack(span.trace_id).pack(span.span_id).pack(span.parent_id);
  packer.pack(span.start).pack(span.duration).pack(span.error);
  packer.pack_map(static_cast<std::uint32_t>(span.meta.size()));
  for (const auto& [key, value] : span.meta) packer.pack(table.index(key)).pack(table.index(value));
  packer.pack_map(static_cast<std::uint32_t>(span.metrics.size()));
  for (const auto& [key, value] : span.metrics) packer.pack(table.index(key)).pack(value);
  packer.pack(table.index(span.type));
}

}  // namespace

Trace probe_trace(std::int64_t start_ns) {
  // Ids from the start time, so two probes in a row do not send the same ids; never 0.
  const auto seed = static_cast<std::uint64_t>(start_ns);
  const std::uint64_t trace_id = (seed ^ 0x9e3779b97f4a7c15ULL) | 1U;
  TraceSpan root;
  root.service = "tracegate-probe";
  root.name = "probe.request";
  root.resource = "GET /tracegate/probe";
  root.type = "web";
  root.trace_id = trace_id;
  root.span_id = trace_id;
  root.start = start_ns;
  root.duration = 2'000'000;
  root.meta = {{"env", "tracegate-probe"}, {"http.method", "GET"}, {"http.status_code", "200"}, {"span.kind", "server"}};
  root.metrics = {{"_dd.top_level", 1.0}, {"_sampling_priority_v1", 1.0}};

  TraceSpan child;
  child.service = root.service;
  child.name = "probe.check";
  child.resource = "agent connectivity";
  child.type = "custom";
  child.trace_id = trace_id;
  child.span_id = (trace_id + 1) | 1U;
  if (child.span_id == root.span_id) child.span_id += 2;
  child.parent_id = root.span_id;
  child.start = start_ns + 250'000;
  child.duration = 1'000'000;
  child.meta = {{"env", "tracegate-probe"}};
  child.metrics = {{"probe.attempt", 1.0}};
  return {std::move(root), std::move(child)};
}

std::string encode_traces(TraceEncoding encoding, const std::vector<Trace>& traces) {
  msgpack::sbuffer body;
  msgpack::packer packer(body);
  StringTable table;
  packer.pack_array(static_cast<std::uint32_t>(traces.size()));
  for (const auto& trace : traces) {
    packer.pack_array(static_cast<std::uint32_t>(trace.size()));
    for (const auto& span : trace) {
      if (encoding == TraceEncoding::kV04) {
        pack_v04_span(packer, span);
      } else {
        pack_v05_span(packer, span, table);
      }
    }
  }
  if (encoding == TraceEncoding::kV04) return {body.data(), body.size()};
  msgpack::sbuffer whole;
  msgpack::packer outer(whole);
  outer.pack_array(2);
  outer.pack(table.strings());
  whole.write(body.data(), body.size());
  return {whole.data(), whole.size()};
}

}  // namespace tracegate::connectivity
