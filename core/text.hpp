// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tracegate::core {

std::string_view trim(std::string_view text);
bool starts_with_icase(std::string_view text, std::string_view prefix);
std::string to_lower(std::string_view text);

/// Quotes file text in a message: at most 60 bytes, never cut inside a UTF-8 sequence,
/// control bytes shown as '?', "..." when cut.
std::string excerpt(std::string_view text);

/// Binary as git decides it: a NUL byte in the first 8000 bytes.
bool looks_binary(std::string_view bytes);

/// 1-based line and column of byte `offset` in `text`.
struct LineColumn {
  int line = 1;
  int column = 1;
};
LineColumn line_column_at(std::string_view text, std::size_t offset);

/// Splits on '\n', dropping a trailing '\r' from each line.
std::vector<std::string_view> split_lines(std::string_view text);

/// Deepest nesting of `[`/`{` outside of strings, for JSON-like text; stops counting at `limit`.
int bracket_depth(std::string_view text, int limit);

}  // namespace tracegate::core
