// SPDX-License-Identifier: Apache-2.0
#include "reports/json_stream.hpp"

#include <sstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace tracegate::reports {
namespace {

TEST(JsonStream, WritesIndentedNestedValues) {
  std::ostringstream out;
  {
    JsonStream json(out);
    json.begin_object();
    json.key("a").value(1);
    json.key("b").begin_array();
    json.value("x");
    json.value(true);
    json.null();
    json.end_array();
    json.key("empty").begin_object();
    json.end_object();
    json.key("none").begin_array();
    json.end_array();
    json.end_object();
  }
  EXPECT_EQ(out.str(),
            "{\n  \"a\": 1,\n  \"b\": [\n    \"x\",\n    true,\n    null\n  ],\n  \"empty\": {},\n  \"none\": []\n}\n");
}

TEST(JsonStream, EscapesAndRepairsStringsSoTheOutputIsAlwaysJson) {
  std::string hostile = "quote\" backslash\\ newline\n tab\t nul";
  hostile.push_back('\0');
  hostile += " bad\xC3\x28utf8 ok\xC3\xA9 overlong\xC0\xAF surrogate\xED\xA0\x80 cut\xE2\x82";
  std::ostringstream out;
  {
    JsonStream json(out);
    json.begin_array();
    json.value(hostile);
    json.end_array();
  }
  const auto parsed = nlohmann::json::parse(out.str());
  EXPECT_EQ(parsed[0].get<std::string>(),
            "quote\" backslash\\ newline\n tab\t nul" + std::string(1, '\0') +
                " bad\xEF\xBF\xBD(utf8 ok\xC3\xA9 overlong\xEF\xBF\xBD\xEF\xBF\xBD surrogate\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD"
                " cut\xEF\xBF\xBD\xEF\xBF\xBD");
}

TEST(JsonStream, RedactsCredentialsInEveryString) {
  std::ostringstream out;
  {
    JsonStream json(out);
    json.begin_object();
    json.key("url").value("https://user:hunter2@pypi.example.com/simple");
    json.end_object();
  }
  EXPECT_EQ(out.str().find("hunter2"), std::string::npos);
  EXPECT_NE(out.str().find("https://***@pypi.example.com/simple"), std::string::npos);
}

}  // namespace
}  // namespace tracegate::reports
