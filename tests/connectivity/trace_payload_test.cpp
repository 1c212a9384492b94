// SPDX-License-Identifier: Apache-2.0
#include "connectivity/trace_payload.hpp"

#include <gtest/gtest.h>

#include "tests/connectivity/payload_builder.hpp"

namespace tracegate::connectivity {
namespace {

using testing::v04_payload;
using testing::v05_payload;

const std::vector<std::vector<testing::SpanSpec>> kTwoTraces = {
    {{"checkout", "web.request"}, {"checkout", "db.query"}, {"checkout", "db.query"}},
    {{"payments", "web.request"}},
};

std::string bytes(std::initializer_list<unsigned char> list) { return std::string(list.begin(), list.end()); }

TEST(TracePayload, DecodesV04) {
  const auto summary = decode_trace_payload(TraceEncoding::kV04, v04_payload(kTwoTraces));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->traces, 2u);
  EXPECT_EQ(summary->spans, 4u);
  EXPECT_EQ(summary->services, (std::vector<std::string>{"checkout", "payments"}));
  EXPECT_EQ(summary->span_names, (std::vector<std::string>{"db.query", "web.request"}));
}

TEST(TracePayload, DecodesV05) {
  const auto summary = decode_trace_payload(TraceEncoding::kV05, v05_payload(kTwoTraces));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->traces, 2u);
  EXPECT_EQ(summary->spans, 4u);
  EXPECT_EQ(summary->services, (std::vector<std::string>{"checkout", "payments"}));
  EXPECT_EQ(summary->span_names, (std::vector<std::string>{"db.query", "web.request"}));
}

TEST(TracePayload, AcceptsEmptyTraceListAndNilStrings) {
  EXPECT_TRUE(decode_trace_payload(TraceEncoding::kV04, bytes({0x90})));
  // [[{"service": nil, "custom": [1]}]]: nil strings and unknown keys are what the agent tolerates.
  const auto summary = decode_trace_payload(
      TraceEncoding::kV04, bytes({0x91, 0x91, 0x82, 0xa7, 's', 'e', 'r', 'v', 'i', 'c', 'e', 0xc0, 0xa6, 'c', 'u', 's',
                                  't', 'o', 'm', 0x91, 0x01}));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->spans, 1u);
  EXPECT_TRUE(summary->services.empty());
}

TEST(TracePayload, RejectsEveryTruncation) {
  const std::string v04 = v04_payload(kTwoTraces);
  const std::string v05 = v05_payload(kTwoTraces);
  for (std::size_t cut = 0; cut < v04.size(); ++cut) {
    EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, v04.substr(0, cut))) << "v0.4 cut at " << cut;
  }
  for (std::size_t cut = 0; cut < v05.size(); ++cut) {
    EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV05, v05.substr(0, cut))) << "v0.5 cut at " << cut;
  }
}

TEST(TracePayload, RejectsWrongTypes) {
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x80})));              // a map, not traces
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x91, 0x01})));        // trace is a number
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x91, 0x91, 0x90})));  // span is an array
  // span_id is a string
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04,
                                    bytes({0x91, 0x91, 0x81, 0xa7, 's', 'p', 'a', 'n', '_', 'i', 'd', 0xa1, 'x'})));
  // meta value is a number
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04,
                                    bytes({0x91, 0x91, 0x81, 0xa4, 'm', 'e', 't', 'a', 0x81, 0xa1, 'k', 0x01})));
  // the same payload is not v0.5, and v0.5 is not v0.4
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV05, v04_payload(kTwoTraces)));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, v05_payload(kTwoTraces)));
  // v0.5 span of 11 elements
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV05,
                                    bytes({0x92, 0x91, 0xa0, 0x91, 0x91, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x80, 0x80})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, std::string("garbage")));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, std::string()));
}

TEST(TracePayload, RejectsStringIndexOutsideTable) {
  // [[""], [[[0, 5, 0, 1, 2, 0, 3, 4, 0, {}, {}, 0]]]]: name index 5 of a 1-string table
  const std::string payload =
      bytes({0x92, 0x91, 0xa0, 0x91, 0x91, 0x9c, 0, 5, 0, 1, 2, 0, 3, 4, 0, 0x80, 0x80, 0});
  const auto summary = decode_trace_payload(TraceEncoding::kV05, payload);
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("outside the table"), std::string::npos) << summary.error().message;
  // The valid twin decodes.
  EXPECT_TRUE(decode_trace_payload(TraceEncoding::kV05,
                                   bytes({0x92, 0x91, 0xa0, 0x91, 0x91, 0x9c, 0, 0, 0, 1, 2, 0, 3, 4, 0, 0x80, 0x80, 0})));
}

TEST(TracePayload, RejectsHugeDeclaredLengthsWithoutAllocating) {
  // array32 / map32 / str32 / bin32 declaring ~4 billion entries in a handful of bytes
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0xdd, 0xff, 0xff, 0xff, 0xff})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x91, 0xdd, 0xff, 0xff, 0xff, 0xfe, 0x80})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x91, 0x91, 0xdf, 0xff, 0xff, 0xff, 0xff})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, bytes({0x91, 0x91, 0x81, 0xdb, 0xff, 0xff, 0xff, 0xff, 'x'})));
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV05, bytes({0x92, 0xdd, 0x7f, 0xff, 0xff, 0xff, 0xa0})));
}

TEST(TracePayload, RejectsDeepNesting) {
  const std::string deep(100000, static_cast<char>(0x91));  // [[[[...
  const auto summary = decode_trace_payload(TraceEncoding::kV04, deep + bytes({0x90}));
  ASSERT_FALSE(summary);
  EXPECT_NE(summary.error().message.find("deeper"), std::string::npos) << summary.error().message;
}

TEST(TracePayload, RejectsTrailingBytes) {
  EXPECT_FALSE(decode_trace_payload(TraceEncoding::kV04, v04_payload(kTwoTraces) + "x"));
}

TEST(TracePayload, CapsTheNamesItKeeps) {
  std::vector<std::vector<testing::SpanSpec>> traces(1);
  for (int i = 0; i < 200; ++i) traces[0].push_back({"svc" + std::to_string(i), "op" + std::to_string(i)});
  const auto summary = decode_trace_payload(TraceEncoding::kV04, v04_payload(traces));
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->spans, 200u);
  EXPECT_EQ(summary->services.size(), kMaxNamesKept);
  EXPECT_EQ(summary->span_names.size(), kMaxNamesKept);
}

}  // namespace
}  // namespace tracegate::connectivity
