// SPDX-License-Identifier: Apache-2.0
#include "reports/report_common.hpp"

#include <algorithm>
#include <filesystem>

#include <fmt/format.h>

#include "core/redact.hpp"

namespace tracegate::reports::detail {

bool fails(const AuditReport& report, const core::Finding& finding) {
  return !finding.suppression && finding.severity >= report.fail_on;
}

std::string repository_label(const core::RepositoryRef& source) {
  return core::redact_credentials(source.name.empty() ? source.repository : source.name);
}

std::string workspace_path(const core::Finding& finding) {
  namespace fs = std::filesystem;
  const auto& repository = finding.source.repository;
  if (finding.location.path.empty() || repository.empty() || repository.find("://") != std::string::npos) {
    return core::redact_credentials(finding.location.path);
  }
  fs::path root(repository);
  if (root.is_absolute()) {
    std::error_code ec;
    const auto cwd = fs::current_path(ec);
    if (ec) return core::redact_credentials(finding.location.path);
    root = root.lexically_normal().lexically_relative(cwd.lexically_normal());
    if (root.empty() || *root.begin() == "..") return core::redact_credentials(finding.location.path);
  }
  auto joined = (root / finding.location.path).lexically_normal().generic_string();
  return core::redact_credentials(joined.empty() || joined.starts_with("../") ? finding.location.path : joined);
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    char32_t min = 0;
    if (c < 0x80) {
      out += static_cast<char>(c);
      ++i;
      continue;
    }
    if ((c & 0xE0) == 0xC0) {
      length = 2;
      min = 0x80;
    } else if ((c & 0xF0) == 0xE0) {
      length = 3;
      min = 0x800;
    } else if ((c & 0xF8) == 0xF0) {
      length = 4;
      min = 0x10000;
    }
    bool ok = length > 0 && i + length <= text.size();
    char32_t code = length == 2 ? c & 0x1F : length == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; ok && k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      ok = (next & 0xC0) == 0x80;
      code = (code << 6) | (next & 0x3F);
    }
    ok = ok && code >= min && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF);
    if (ok) {
      out.append(text.substr(i, length));
      i += length;
    } else {
      out += "\xEF\xBF\xBD";
      ++i;
    }
  }
  return out;
}

std::string finding_line(const core::Finding& finding) {
  std::string place = finding.location.path.empty() ? repository_label(finding.source) : finding.location.path;
  if (finding.location.line > 0) place += fmt::format(":{}", finding.location.line);
  return core::redact_credentials(fmt::format("{}: {} [{}] {}", place, core::to_string(finding.severity),
                                              finding.check_id, finding.message));
}

std::string message_with_fix(const core::Finding& finding) {
  std::string text = finding.message;
  if (finding.fix && !finding.fix->empty()) text += "\nfix: " + *finding.fix;
  return core::redact_credentials(text);
}

Counts count(const AuditReport& report) {
  Counts counts;
  for (const auto& finding : report.findings) {
    if (finding.suppression) {
      ++counts.suppressed;
      continue;
    }
    ++counts.by_severity[static_cast<int>(finding.severity)];
    if (fails(report, finding)) ++counts.failing;
  }
  return counts;
}

std::vector<core::RepositoryRef> repositories(const AuditReport& report) {
  std::vector<core::RepositoryRef> seen;
  const auto add = [&](const core::RepositoryRef& source) {
    if (std::ranges::none_of(seen, [&](const auto& s) { return s.repository == source.repository; })) seen.push_back(source);
  };
  for (const auto& service : report.services) add(service.source);
  for (const auto& finding : report.findings) add(finding.source);
  return seen;
}

}  // namespace tracegate::reports::detail
