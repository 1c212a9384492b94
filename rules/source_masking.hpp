// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tracegate::rules {

/// The kinds of files breaking-change patterns run on.
enum class FileKind { python, php, java, dockerfile, yaml, env, shell };

std::string_view to_string(FileKind kind);
std::optional<FileKind> parse_file_kind(std::string_view name);
/// The kind of a repository file by its name (`app/main.py`, `Dockerfile.prod`, `.env.local`,
/// `values.yaml`, `entrypoint.sh`), or nothing for files no pattern looks at.
std::optional<FileKind> file_kind_for_path(std::string_view path);

/// `text` with every comment blanked out and, unless `keep_strings`, the contents of string
/// literals too: each removed byte becomes a space, newlines stay, so offsets, lines and
/// columns are those of the original. `# ddtrace.opentracer` or `"ddtrace.opentracer"` is then
/// no longer usage for a pattern looking for the module. Configuration kinds (YAML, Dockerfile,
/// .env, shell) lose only their comments: their values are where settings live.
std::string mask_source(std::string_view text, FileKind kind, bool keep_strings);

}  // namespace tracegate::rules
