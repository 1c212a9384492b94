// SPDX-License-Identifier: Apache-2.0
#include "reports/check_catalog.hpp"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "core/text.hpp"

namespace tracegate::reports {

namespace {

constexpr std::string_view kDefaultDocsUrl = "https://github.com/tracegate/tracegate/blob/main/";

/// The paragraph that starts at or after `from` (blank lines skipped), its lines joined by one
/// space; stops at a blank line or a heading.
std::string paragraph(const std::vector<std::string_view>& lines, std::size_t from) {
  std::string text;
  std::size_t i = from;
  while (i < lines.size() && core::trim(lines[i]).empty()) ++i;
  for (; i < lines.size(); ++i) {
    const auto line = core::trim(lines[i]);
    if (line.empty() || line.starts_with("#")) break;
    if (!text.empty()) text += ' ';
    text += line;
  }
  return text;
}

/// The list that follows a paragraph ending in ':' (from `from`): one line per item ("- …"),
/// continuation lines joined; stops at a blank line followed by something other than an item.
std::string list_after(const std::vector<std::string_view>& lines, std::size_t from) {
  std::string text;
  std::size_t i = from;
  while (i < lines.size() && core::trim(lines[i]).empty()) ++i;
  for (; i < lines.size(); ++i) {
    const auto line = core::trim(lines[i]);
    if (line.empty()) {
      if (i + 1 < lines.size() && core::trim(lines[i + 1]).starts_with("- ")) continue;
      break;
    }
    if (line.starts_with("#")) break;
    if (line.starts_with("- ")) {
      text += (text.empty() ? "" : "\n") + std::string(line);
    } else if (!text.empty()) {
      text += ' ';
      text += line;
    } else {
      break;  // not a list
    }
  }
  return text;
}

/// The paragraph under the heading `heading` ("## Fix"), or ""; with the list it introduces
/// when it ends in ':'.
std::string section(const std::vector<std::string_view>& lines, std::string_view heading) {
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (core::trim(lines[i]) != heading) continue;
    std::size_t start = i + 1;
    while (start < lines.size() && core::trim(lines[start]).empty()) ++start;
    std::string text = paragraph(lines, start);
    if (!text.ends_with(':')) return text;
    std::size_t end = start;
    while (end < lines.size() && !core::trim(lines[end]).empty()) ++end;
    const auto list = list_after(lines, end);
    return list.empty() ? text : text + "\n" + list;
  }
  return {};
}

std::string pascal_case(std::string_view id) {
  std::string name;
  bool upper = true;
  for (char c : id) {
    if (!std::isalnum(static_cast<unsigned char>(c))) {
      upper = true;
      continue;
    }
    name += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return name;
}

}  // namespace

CheckInfo parse_check_page(std::string_view path, std::string_view markdown) {
  CheckInfo info;
  info.markdown = std::string(markdown);
  const auto lines = core::split_lines(markdown);
  const auto slash = path.rfind('/');
  std::string_view stem = slash == std::string_view::npos ? path : path.substr(slash + 1);
  if (stem.ends_with(".md")) stem.remove_suffix(3);
  info.id = std::string(stem);
  if (!lines.empty() && lines.front().starts_with("# ")) info.id = std::string(core::trim(lines.front().substr(2)));
  info.title = pascal_case(info.id);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    constexpr std::string_view kSeverity = "**Severity:**";
    if (!core::trim(lines[i]).starts_with(kSeverity)) continue;
    info.severity = std::string(core::trim(std::string_view(paragraph(lines, i)).substr(kSeverity.size())));
    break;
  }
  info.summary = section(lines, "## What it means");
  info.fix = section(lines, "## Fix");
  info.doc_path = "docs/checks/" + std::string(stem) + ".md";
  return info;
}

const std::vector<CheckInfo>& all_checks() {
  static const std::vector<CheckInfo> checks = [] {
    std::vector<CheckInfo> parsed;
    for (const auto& page : builtin_check_pages()) parsed.push_back(parse_check_page(page.path, page.text));
    std::ranges::sort(parsed, {}, &CheckInfo::id);
    return parsed;
  }();
  return checks;
}

const CheckInfo* find_check(std::string_view id) {
  const auto& checks = all_checks();
  const auto it = std::ranges::lower_bound(checks, id, {}, [](const CheckInfo& c) -> std::string_view { return c.id; });
  return it != checks.end() && it->id == id ? &*it : nullptr;
}

std::string docs_base_url() {
  const char* configured = std::getenv("TRACEGATE_DOCS_URL");
  if (configured == nullptr || *configured == '\0') return std::string(kDefaultDocsUrl);
  std::string base(configured);
  if (!base.ends_with('/')) base += '/';
  return base;
}

std::string check_help_uri(std::string_view id, std::string_view base) {
  std::string uri = base.empty() ? docs_base_url() : std::string(base);
  if (!uri.ends_with('/')) uri += '/';
  if (const auto* check = find_check(id)) return uri + check->doc_path;
  return uri + "docs/checks/" + std::string(id) + ".md";
}

}  // namespace tracegate::reports
