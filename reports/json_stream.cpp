// SPDX-License-Identifier: Apache-2.0
#include "reports/json_stream.hpp"

#include <array>
#include <charconv>
#include <iterator>
#include <string>

#include "core/redact.hpp"

namespace tracegate::reports {

namespace {

/// Length of the valid UTF-8 sequence at `text[i]`, or 0 when it is not one.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) length = 2, min = 0x80;
  else if ((lead & 0xF0) == 0xE0) length = 3, min = 0x800;
  else if ((lead & 0xF8) == 0xF0) length = 4, min = 0x10000;
  else return 0;
  if (i + length > text.size()) return 0;
  std::uint32_t code = lead & (0x7F >> length);
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
  if (code < min || (code >= 0xD800 && code <= 0xDFFF) || code > 0x10FFFF) return 0;
  return length;
}

}  // namespace

JsonStream::~JsonStream() {
  if (levels_.empty()) put('\n');
  flush();
}

void JsonStream::put(std::string_view bytes) {
  buffer_.append(bytes);
  if (buffer_.size() >= (1u << 16)) flush();
}

void JsonStream::put(char c) {
  buffer_.push_back(c);
  if (buffer_.size() >= (1u << 16)) flush();
}

void JsonStream::flush() {
  out_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

void JsonStream::newline() {
  put('\n');
  buffer_.append(2 * levels_.size(), ' ');
}

void JsonStream::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (levels_.empty()) return;
  auto& level = levels_.back();
  if (!level.empty) put(',');
  level.empty = false;
  newline();
}

JsonStream& JsonStream::key(std::string_view name) {
  auto& level = levels_.back();
  if (!level.empty) put(',');
  level.empty = false;
  newline();
  write_string(name);
  put(": ");
  after_key_ = true;
  return *this;
}

void JsonStream::begin_object() {
  before_value();
  put('{');
  levels_.push_back({true});
}

void JsonStream::begin_array() {
  before_value();
  put('[');
  levels_.push_back({false});
}

void JsonStream::end_object() {
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  put('}');
}

void JsonStream::end_array() {
  const bool empty = levels_.back().empty;
  levels_.pop_back();
  if (!empty) newline();
  put(']');
}

void JsonStream::value(std::string_view text) {
  before_value();
  write_string(text);
}

void JsonStream::value(bool flag) {
  before_value();
  put(flag ? "true" : "false");
}

void JsonStream::value(std::int64_t number) {
  before_value();
  char digits[24];
  const auto end = std::to_chars(std::begin(digits), std::end(digits), number).ptr;
  put(std::string_view(digits, static_cast<std::size_t>(end - digits)));
}

void JsonStream::null() {
  before_value();
  put("null");
}

void JsonStream::write_string(std::string_view raw) {
  // Redaction allocates; most strings hold no '@' and skip it.
  std::string redacted;
  std::string_view text = raw;
  if (raw.find('@') != std::string_view::npos) {
    redacted = core::redact_credentials(raw);
    text = redacted;
  }
  static constexpr std::array<char, 16> kHex{'0', '1', '2', '3', '4', '5', '6', '7',
                                             '8', '9', 'a', 'b', 'c', 'd', 'e', 'f'};
  put('"');
  std::size_t run = 0;  // start of the bytes that need no escaping
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c >= 0x20 && c != '"' && c != '\\' && c < 0x80) {
      ++i;
      continue;
    }
    const std::size_t length = c < 0x80 ? 1 : utf8_length(text, i);
    if (length > 1) {
      i += length;
      continue;
    }
    put(text.substr(run, i - run));
    switch (c) {
      case '"': put("\\\""); break;
      case '\\': put("\\\\"); break;
      case '\n': put("\\n"); break;
      case '\r': put("\\r"); break;
      case '\t': put("\\t"); break;
      default:
        if (length == 0) {
          put("\\ufffd");
        } else {
          put("\\u00");
          put(kHex[c >> 4]);
          put(kHex[c & 0xF]);
        }
    }
    run = ++i;
  }
  put(text.substr(run));
  put('"');
}

}  // namespace tracegate::reports
