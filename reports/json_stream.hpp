// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

namespace tracegate::reports {

/// Writes indented JSON straight to a stream, without building a document first: a fleet
/// inventory runs to hundreds of megabytes. Every string has its URL credentials redacted and
/// invalid UTF-8 replaced by U+FFFD, so the output is always valid JSON and never leaks a token.
class JsonStream {
 public:
  explicit JsonStream(std::ostream& out) : out_(out) {}
  ~JsonStream();
  JsonStream(const JsonStream&) = delete;
  JsonStream& operator=(const JsonStream&) = delete;

  void begin_object();
  void end_object();
  void begin_array();
  void end_array();
  /// The next value is this member of the current object.
  JsonStream& key(std::string_view name);

  void value(std::string_view text);
  void value(const char* text) { value(std::string_view(text)); }
  void value(bool flag);
  void value(std::int64_t number);
  void value(int number) { value(static_cast<std::int64_t>(number)); }
  void value(std::size_t number) { value(static_cast<std::int64_t>(number)); }
  void null();

  template <class Range>
  void string_array(const Range& items) {
    begin_array();
    for (const auto& item : items) value(std::string_view(item));
    end_array();
  }

 private:
  void before_value();
  void newline();
  void write_string(std::string_view text);
  void put(std::string_view bytes);
  void put(char c);
  void flush();

  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::ostream& out_;
  std::string buffer_;  // ostream insertion per token was a third of the report's cost
  std::vector<Level> levels_;
  bool after_key_ = false;
};

}  // namespace tracegate::reports
