// SPDX-License-Identifier: Apache-2.0
#include "cli/output_targets.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

namespace tracegate::cli {

core::Result<std::vector<OutputTarget>> parse_output_targets(const std::vector<std::string>& formats,
                                                             const std::string& output, const std::string& fallback) {
  std::vector<OutputTarget> targets;
  int to_default = 0;
  for (const auto& value : formats) {
    const auto eq = value.find('=');
    if (eq == std::string::npos) {
      targets.push_back({value, output});
      ++to_default;
    } else {
      if (eq == 0 || eq + 1 == value.size()) return core::fail(fmt::format("--format '{}': expected NAME or NAME=FILE", value));
      targets.push_back({value.substr(0, eq), value.substr(eq + 1)});
    }
  }
  if (targets.empty()) {
    targets.push_back({fallback, output});
    to_default = 1;
  }
  if (to_default > 1) return core::fail("several --format values without =FILE would share one output; use --format NAME=FILE");
  return targets;
}

core::Result<void> write_output(const OutputTarget& target,
                                const std::function<core::Result<void>(std::ostream&)>& write) {
  if (target.file.empty() || target.file == "-") {
    auto result = write(std::cout);
    std::cout.flush();
    return result;
  }
  // A device or pipe (/dev/null, /dev/stdout, a FIFO) is written directly: renaming onto it
  // would replace it with a regular file.
  std::error_code ec;
  const auto status = std::filesystem::status(target.file, ec);
  if (!ec && std::filesystem::exists(status) && !std::filesystem::is_regular_file(status)) {
    std::ofstream out(target.file, std::ios::binary);
    if (!out) return core::fail(fmt::format("cannot write {}", target.file));
    return write(out);
  }
  // Write beside the destination and rename, so a reader never sees half a report.
  const std::string temporary = target.file + ".tmp";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) return core::fail(fmt::format("cannot write {}", target.file));
    TRACEGATE_TRY(write(out));
    out.flush();
    if (!out) return core::fail(fmt::format("cannot write {}", target.file));
  }
  std::filesystem::rename(temporary, target.file, ec);
  if (ec) {
    std::filesystem::remove(temporary, ec);
    return core::fail(fmt::format("cannot write {}", target.file));
  }
  return {};
}

}  // namespace tracegate::cli
