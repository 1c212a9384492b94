// SPDX-License-Identifier: Apache-2.0
#pragma once

// Reading fixtures/versions/pep440-*.txt for the PEP 440 tests.

#include <gtest/gtest.h>

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>
#include <vector>

namespace tracegate::resolvers::fixture {

struct FixtureLine {
  std::string file;
  int number = 0;
  std::string text;

  /// `file:line: text`, for SCOPED_TRACE.
  std::string where() const { return file + ":" + std::to_string(number) + ": " + text; }
};

/// Non-blank, non-comment lines of fixtures/versions/<name>, without a trailing ` # ...` comment
/// (one after the last double quote) and surrounding blanks.
inline std::vector<FixtureLine> read_fixture(const std::string& name) {
  const std::string path = std::string(TRACEGATE_FIXTURES_DIR) + "/versions/" + name;
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::vector<FixtureLine> lines;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    const auto quote = line.rfind('"');
    if (const auto hash = line.find(" #", quote == std::string::npos ? 0 : quote); hash != std::string::npos) {
      line.erase(hash);
    }
    const auto first = line.find_first_not_of(" \t");
    if (first == std::string::npos || line[first] == '#') continue;
    const auto last = line.find_last_not_of(" \t\r");
    lines.push_back({path, number, line.substr(first, last - first + 1)});
  }
  return lines;
}

inline void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

/// A fixture field: as is, or, when double-quoted, with \t \n \\ \" \uXXXX escapes decoded.
inline std::string unquote(std::string_view field) {
  if (field.size() < 2 || field.front() != '"' || field.back() != '"') return std::string(field);
  field = field.substr(1, field.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < field.size(); ++i) {
    if (field[i] != '\\' || i + 1 == field.size()) {
      out.push_back(field[i]);
      continue;
    }
    const char e = field[++i];
    if (e == 't') {
      out.push_back('\t');
    } else if (e == 'n') {
      out.push_back('\n');
    } else if (e == 'u' && i + 4 < field.size()) {
      append_utf8(out, static_cast<std::uint32_t>(std::stoul(std::string(field.substr(i + 1, 4)), nullptr, 16)));
      i += 4;
    } else {
      out.push_back(e);
    }
  }
  return out;
}

}  // namespace tracegate::resolvers::fixture
