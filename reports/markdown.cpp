// SPDX-License-Identifier: Apache-2.0
// A pull-request comment (docs/formats.md): counts by severity, a table of findings, then each
// finding in a collapsible <details> block. Never longer than options.markdown_limit bytes
// (GitHub refuses comments of 65,536 characters or more): rows and details that do not fit are
// left out, and the comment says how many.
#include <algorithm>

#include <fmt/format.h>

#include "core/redact.hpp"
#include "reports/check_catalog.hpp"
#include "reports/report_common.hpp"
#include "reports/report_formats.hpp"

namespace tracegate::reports {

namespace {

constexpr std::size_t kCellLimit = 300;
constexpr std::size_t kDetailLimit = 4000;

/// Cuts `text` at `limit` bytes, never inside a UTF-8 sequence, adding "…".
std::string cut(std::string text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  text.resize(end);
  return text + "…";
}

/// Inline Markdown text: HTML and Markdown punctuation escaped, `|` escaped for tables, '@'
/// defused so that a package@version never mentions anyone, line breaks turned into spaces.
std::string escape(std::string_view raw) {
  const std::string text = detail::valid_utf8(core::redact_credentials(raw));
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '@': out += "&#64;"; break;
      case '|': out += "\\|"; break;
      case '\\': case '`': case '*': case '_': case '[': case ']': case '#': case '~':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': case '\t': out += ' '; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
          out += ' ';
        } else {
          out += c;
        }
    }
  }
  return out;
}

std::string cell(std::string_view text) { return escape(cut(std::string(text), kCellLimit)); }

/// Text inside an HTML element (<summary>), where Markdown is not interpreted: HTML escapes only.
std::string html(std::string_view raw) {
  const std::string text = detail::valid_utf8(core::redact_credentials(cut(std::string(raw), kCellLimit)));
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '@': out += "&#64;"; break;
      default: out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? ' ' : c;
    }
  }
  return out;
}

std::string_view icon(core::Severity severity) {
  switch (severity) {
    case core::Severity::error: return "🔴";
    case core::Severity::warning: return "🟠";
    case core::Severity::note: return "🔵";
  }
  return "";
}

std::string location(const core::Finding& finding) {
  std::string place = detail::repository_label(finding.source);
  if (!finding.location.path.empty()) place += "/" + finding.location.path;
  if (finding.location.line > 0) place += fmt::format(":{}", finding.location.line);
  return place;
}

std::string check_link(const core::Finding& finding, const WriteOptions& options) {
  const std::string uri = check_help_uri(finding.check_id, options.docs_url);
  return fmt::format("[{}]({})", escape(finding.check_id), core::redact_credentials(uri));
}

std::string row(const core::Finding& finding, const WriteOptions& options) {
  return fmt::format("| {} {} | {} | {} | {} | {} |\n", icon(finding.severity), core::to_string(finding.severity),
                     check_link(finding, options), cell(finding.service), cell(location(finding)), cell(finding.message));
}

std::string details(const core::Finding& finding) {
  std::string inner;
  inner += fmt::format("<details><summary>{} <b>{}</b> {}: {}</summary>\n\n", core::to_string(finding.severity),
                       html(finding.check_id), html(location(finding)), html(finding.message));
  std::string text;
  text += fmt::format("- service: {}\n", escape(finding.service));
  if (!finding.subject.empty()) text += fmt::format("- subject: {}\n", escape(finding.subject));
  if (!finding.rule_id.empty()) text += fmt::format("- rule: {}\n", escape(finding.rule_id));
  for (const auto& cause : finding.causes) text += fmt::format("- because {}\n", escape(cause));
  if (finding.fix && !finding.fix->empty()) text += fmt::format("- **fix:** {}\n", escape(*finding.fix));
  text += fmt::format("- fingerprint: {}\n", core::fingerprint(finding));
  if (text.size() > kDetailLimit) text = cut(std::move(text), kDetailLimit) + "\n";
  return inner + text + "\n</details>\n";
}

}  // namespace

void write_markdown(const AuditReport& report, std::ostream& out, const WriteOptions& options) {
  const auto counts = detail::count(report);
  std::string head;
  const std::string title = report.headline.empty()
                                ? fmt::format("tracegate {}: {}@{}", report.command, report.package, report.target_version)
                                : "tracegate " + report.headline;
  head += "### " + escape(title) + "\n\n";
  if (!report.headline.empty() || report.services.empty()) {
    // agent probe and gate say what they looked at in the headline.
  } else {
    std::size_t audited = 0;
    for (const auto& service : report.services) audited += service.uses_tracer ? 1 : 0;
    head += fmt::format("{} service(s) scanned, {} use {}.\n\n", report.services.size(), audited, escape(report.tracer));
  }
  head += "| 🔴 errors | 🟠 warnings | 🔵 notes | suppressed | diagnostics |\n| ---: | ---: | ---: | ---: | ---: |\n";
  head += fmt::format("| {} | {} | {} | {} | {} |\n\n", counts.by_severity[2], counts.by_severity[1],
                      counts.by_severity[0], counts.suppressed, report.diagnostics.size());
  if (counts.failing > 0) {
    head += fmt::format("**{} finding(s) at or above `{}`: this fails the check.**\n\n", counts.failing,
                        core::to_string(report.fail_on));
  } else {
    head += fmt::format("No finding at or above `{}`.\n\n", core::to_string(report.fail_on));
  }

  std::vector<const core::Finding*> shown;
  for (const auto& finding : report.findings) {
    if (!finding.suppression) shown.push_back(&finding);
  }
  // Most severe first; the report's own order within a severity.
  std::ranges::stable_sort(shown, std::greater<>{}, [](const core::Finding* f) { return f->severity; });

  const std::size_t limit = std::max<std::size_t>(options.markdown_limit, 2000);
  // Room kept for the closing notes, whatever they say.
  constexpr std::size_t kTailReserve = 600;
  std::string document = head;
  std::size_t in_table = 0;
  if (!shown.empty()) {
    // The table gets up to two thirds of the room, the details the rest.
    const std::size_t table_budget = (limit - kTailReserve) * 2 / 3;
    document += "| severity | check | service | location | message |\n| --- | --- | --- | --- | --- |\n";
    for (const auto* finding : shown) {
      auto line = row(*finding, options);
      if (document.size() + line.size() > table_budget) break;
      document += line;
      ++in_table;
    }
    document += '\n';
  }
  std::size_t detailed = 0;
  if (!shown.empty()) {
    std::string block = "#### Details\n\n";
    if (document.size() + block.size() + kTailReserve < limit) {
      document += block;
      for (const auto* finding : shown) {
        auto entry = details(*finding);
        if (document.size() + entry.size() + kTailReserve > limit) break;
        document += entry;
        ++detailed;
      }
      document += "\n";
    }
  }
  std::string tail;
  if (in_table < shown.size()) {
    tail += fmt::format("_{} of {} finding(s) left out of the table to keep this comment under {} characters; the "
                        "json or sarif report has them all._\n\n",
                        shown.size() - in_table, shown.size(), limit);
  }
  if (detailed < shown.size() && !shown.empty()) {
    tail += fmt::format("_{} finding(s) without details._\n\n", shown.size() - detailed);
  }
  if (counts.suppressed > 0) {
    tail += fmt::format("_{} suppressed finding(s) not shown (tracegate.toml or the baseline)._\n\n", counts.suppressed);
  }
  if (!report.diagnostics.empty()) {
    tail += fmt::format("_{} diagnostic(s): some input could not be read; see the text or json report._\n",
                        report.diagnostics.size());
  }
  document += tail;
  if (document.size() >= limit) document = cut(std::move(document), limit - 8) + "\n";  // cannot happen; belt and braces
  out << document;
}

}  // namespace tracegate::reports
