// SPDX-License-Identifier: Apache-2.0
// Builds the trace payloads a tracer sends, with msgpack-cxx's packer, for the connectivity tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <msgpack.hpp>

namespace tracegate::connectivity::testing {

struct SpanSpec {
  std::string service;
  std::string name;
};

/// v0.4: one trace per inner vector, each span a map with the keys dd-trace sends.
inline std::string v04_payload(const std::vector<std::vector<SpanSpec>>& traces) {
  msgpack::sbuffer buffer;
  msgpack::packer packer(buffer);
  packer.pack_array(static_cast<std::uint32_t>(traces.size()));
  std::uint64_t id = 1;
  for (const auto& trace : traces) {
    packer.pack_array(static_cast<std::uint32_t>(trace.size()));
    for (const auto& span : trace) {
      packer.pack_map(12);
      packer.pack("type").pack("web");
      packer.pack("trace_id").pack(std::uint64_t{42});
      packer.pack("span_id").pack(id++);
      packer.pack("parent_id").pack(std::uint64_t{0});
      packer.pack("name").pack(span.name);
      packer.pack("resource").pack("GET /");
      packer.pack("service").pack(span.service);
      packer.pack("error").pack(0);
      packer.pack("start").pack(std::uint64_t{1700000000000000000});
      packer.pack("duration").pack(std::uint64_t{1500});
      packer.pack("meta").pack(std::map<std::string, std::string>{{"env", "test"}});
      packer.pack("metrics").pack(std::map<std::string, double>{{"_sampling_priority_v1", 1.0}});
    }
  }
  return {buffer.data(), buffer.size()};
}

/// v0.5: [string_table, traces]; string_table[0] is "".
inline std::string v05_payload(const std::vector<std::vector<SpanSpec>>& traces) {
  std::vector<std::string> table{""};
  auto index = [&table](const std::string& s) {
    for (std::size_t i = 0; i < table.size(); ++i) {
      if (table[i] == s) return static_cast<std::uint32_t>(i);
    }
    table.push_back(s);
    return static_cast<std::uint32_t>(table.size() - 1);
  };
  msgpack::sbuffer body;
  msgpack::packer packer(body);
  packer.pack_array(static_cast<std::uint32_t>(traces.size()));
  for (const auto& trace : traces) {
    packer.pack_array(static_cast<std::uint32_t>(trace.size()));
    for (const auto& span : trace) {
      packer.pack_array(12);
      packer.pack(index(span.service)).pack(index(span.name)).pack(index("GET /"));
      packer.pack(std::uint64_t{42}).pack(std::uint64_t{7}).pack(std::uint64_t{0});
      packer.pack(std::int64_t{1700000000000000000}).pack(std::int64_t{1500}).pack(std::int32_t{0});
      packer.pack_map(1);
      packer.pack(index("env")).pack(index("test"));
      packer.pack_map(1);
      packer.pack(index("_sampling_priority_v1")).pack(1.0);
      packer.pack(index("web"));
    }
  }
  msgpack::sbuffer whole;
  msgpack::packer outer(whole);
  outer.pack_array(2);
  outer.pack(table);
  whole.write(body.data(), body.size());
  return {whole.data(), whole.size()};
}

}  // namespace tracegate::connectivity::testing
