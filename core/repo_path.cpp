// SPDX-License-Identifier: Apache-2.0
#include "core/repo_path.hpp"

#include <vector>

namespace tracegate::core {

std::string_view parent_dir(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
}

std::string_view base_name(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::optional<std::string> join_inside(std::string_view dir, std::string_view relative) {
  if (relative.empty() || relative.front() == '/' || relative.front() == '\\') return std::nullopt;
  if (relative.size() > 1 && relative[1] == ':') return std::nullopt;  // C:\ on Windows-written files
  std::vector<std::string_view> parts;
  auto push_all = [&parts](std::string_view text) {
    std::size_t start = 0;
    while (start <= text.size()) {
      auto end = text.find_first_of("/\\", start);
      if (end == std::string_view::npos) end = text.size();
      const auto part = text.substr(start, end - start);
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else if (!part.empty() && part != ".") {
        parts.push_back(part);
      }
      start = end + 1;
    }
    return true;
  };
  if (!push_all(dir) || !push_all(relative) || parts.empty()) return std::nullopt;
  std::string out;
  for (const auto part : parts) {
    if (!out.empty()) out.push_back('/');
    out.append(part);
  }
  return out;
}

bool is_within(std::string_view path, std::string_view dir) {
  if (dir.empty() || dir == ".") return true;
  if (path.size() < dir.size() || path.substr(0, dir.size()) != dir) return false;
  return path.size() == dir.size() || path[dir.size()] == '/';
}

}  // namespace tracegate::core
