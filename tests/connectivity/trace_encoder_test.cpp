// SPDX-License-Identifier: Apache-2.0
// The probe's payloads decode with the agent-side decoder and carry the spans that were encoded.
#include "connectivity/trace_encoder.hpp"

#include <gtest/gtest.h>
#include <msgpack.hpp>

namespace tracegate::connectivity {
namespace {

constexpr std::int64_t kStart = 1'760'000'000'123'456'789;

TEST(TraceEncoder, ProbeTraceIsARootAndAChild) {
  const Trace trace = probe_trace(kStart);
  ASSERT_EQ(trace.size(), 2U);
  EXPECT_EQ(trace[0].name, "probe.request");
  EXPECT_EQ(trace[0].service, "tracegate-probe");
  EXPECT_EQ(trace[0].parent_id, 0U);
  EXPECT_NE(trace[0].trace_id, 0U);
  EXPECT_EQ(trace[1].trace_id, trace[0].trace_id);
  EXPECT_EQ(trace[1].parent_id, trace[0].span_id);
  EXPECT_NE(trace[1].span_id, trace[0].span_id);
  EXPECT_EQ(trace[0].start, kStart);
  EXPECT_GE(trace[1].start, trace[0].start);
  EXPECT_LE(trace[1].start + trace[1].duration, trace[0].start + trace[0].duration);
}

TEST(TraceEncoder, V04DecodesAndRoundTrips) {
  const Trace trace = probe_trace(kStart);
  const std::string payload = encode_traces(TraceEncoding::kV04, {trace});
  const auto summary = decode_trace_payload(TraceEncoding::kV04, payload);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->traces, 1U);
  EXPECT_EQ(summary->spans, 2U);
  EXPECT_EQ(summary->services, std::vector<std::string>{"tracegate-probe"});
  EXPECT_EQ(summary->span_names, (std::vector<std::string>{"probe.check", "probe.request"}));

  // Field by field, as the agent reads the span maps.
  const auto handle = msgpack::unpack(payload.data(), payload.size());
  const auto traces = handle.get().as<std::vector<std::vector<std::map<std::string, msgpack::object>>>>();
  ASSERT_EQ(traces.size(), 1U);
  ASSERT_EQ(traces[0].size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& span = traces[0][i];
    EXPECT_EQ(span.size(), 12U);
    EXPECT_EQ(span.at("name").as<std::string>(), trace[i].name);
    EXPECT_EQ(span.at("service").as<std::string>(), trace[i].service);
    EXPECT_EQ(span.at("resource").as<std::string>(), trace[i].resource);
    EXPECT_EQ(span.at("type").as<std::string>(), trace[i].type);
    EXPECT_EQ(span.at("trace_id").as<std::uint64_t>(), trace[i].trace_id);
    EXPECT_EQ(span.at("span_id").as<std::uint64_t>(), trace[i].span_id);
    EXPECT_EQ(span.at("parent_id").as<std::uint64_t>(), trace[i].parent_id);
    EXPECT_EQ(span.at("start").as<std::int64_t>(), trace[i].start);
    EXPECT_EQ(span.at("duration").as<std::int64_t>(), trace[i].duration);
    EXPECT_EQ(span.at("error").as<std::int32_t>(), 0);
    EXPECT_EQ((span.at("meta").as<std::map<std::string, std::string>>()), trace[i].meta);
    EXPECT_EQ((span.at("metrics").as<std::map<std::string, double>>()), trace[i].metrics);
  }
}

TEST(TraceEncoder, V05DecodesAndRoundTrips) {
  const Trace trace = probe_trace(kStart);
  const std::string payload = encode_traces(TraceEncoding::kV05, {trace, trace});
  const auto summary = decode_trace_payload(TraceEncoding::kV05, payload);
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->traces, 2U);
  EXPECT_EQ(summary->spans, 4U);
  EXPECT_EQ(summary->services, std::vector<std::string>{"tracegate-probe"});

  const auto handle = msgpack::unpack(payload.data(), payload.size());
  const auto root = handle.get().as<std::vector<msgpack::object>>();
  ASSERT_EQ(root.size(), 2U);
  const auto table = root[0].as<std::vector<std::string>>();
  ASSERT_FALSE(table.empty());
  EXPECT_EQ(table[0], "");
  const auto traces = root[1].as<std::vector<std::vector<std::vector<msgpack::object>>>>();
  ASSERT_EQ(traces.size(), 2U);
  const auto& spans = traces[1];
  ASSERT_EQ(spans.size(), 2U);
  for (std::size_t i = 0; i < 2; ++i) {
    const auto& span = spans[i];
    ASSERT_EQ(span.size(), 12U);
    EXPECT_EQ(table.at(span[0].as<std::uint32_t>()), trace[i].service);
    EXPECT_EQ(table.at(span[1].as<std::uint32_t>()), trace[i].name);
    EXPECT_EQ(table.at(span[2].as<std::uint32_t>()), trace[i].resource);
    EXPECT_EQ(span[3].as<std::uint64_t>(), trace[i].trace_id);
    EXPECT_EQ(span[4].as<std::uint64_t>(), trace[i].span_id);
    EXPECT_EQ(span[5].as<std::uint64_t>(), trace[i].parent_id);
    EXPECT_EQ(span[6].as<std::int64_t>(), trace[i].start);
    EXPECT_EQ(span[7].as<std::int64_t>(), trace[i].duration);
    EXPECT_EQ(span[8].as<std::int32_t>(), trace[i].error);
    std::map<std::string, std::string> meta;
    for (const auto& [key, value] : span[9].as<std::map<std::uint32_t, std::uint32_t>>()) meta[table.at(key)] = table.at(value);
    EXPECT_EQ(meta, trace[i].meta);
    std::map<std::string, double> metrics;
    for (const auto& [key, value] : span[10].as<std::map<std::uint32_t, double>>()) metrics[table.at(key)] = value;
    EXPECT_EQ(metrics, trace[i].metrics);
    EXPECT_EQ(table.at(span[11].as<std::uint32_t>()), trace[i].type);
  }
}

TEST(TraceEncoder, EachEncodingIsRejectedAsTheOther) {
  const Trace trace = probe_trace(kStart);
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV05, encode_traces(TraceEncoding::kV04, {trace})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, encode_traces(TraceEncoding::kV05, {trace})));
}

TEST(TraceEncoder, EmptyPayloadsAreValid) {
  EXPECT_TRUE(decode_trace_payload(TraceEncoding::kV04, encode_traces(TraceEncoding::kV04, {})));
  EXPECT_TRUE(decode_trace_payload(TraceEncoding::kV05, encode_traces(TraceEncoding::kV05, {})));
}

}  // namespace
}  // namespace tracegate::connectivity
