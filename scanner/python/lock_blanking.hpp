// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace tracegate::scanner::python {

/// Lockfiles are mostly artifact hashes (`files = [...]` in poetry.lock, `wheels = [...]` in
/// uv.lock, the old `[metadata.files]` table) that no reader looks at. This returns `text` with
/// the contents of those arrays dropped but for their newlines, so the TOML parser skips them
/// cheaply while every line keeps its number and every line outside them its columns. Arrays
/// are found at column 0 as `key = [` for a key in `keys`, or any key inside the `[section]`.
/// When the text is not plainly shaped (multi-line strings, an unclosed array) it is returned
/// unchanged and the parser sees everything.
std::string blank_unread_arrays(std::string_view text, std::initializer_list<std::string_view> keys,
                                std::string_view section);

}  // namespace tracegate::scanner::python
