// SPDX-License-Identifier: Apache-2.0
#include "rules/finding_policy.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <fstream>
#include <ostream>
#include <sstream>
#include <tuple>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/text.hpp"

namespace tracegate::rules {

namespace {

constexpr int kMaxJsonDepth = 64;

bool glob_match(const std::string& pattern, const std::string& text) {
  return pattern == text || fnmatch(pattern.c_str(), text.c_str(), 0) == 0;
}

/// The file or any of its parent directories, as scan.exclude does it.
bool path_match(const std::string& pattern, const std::string& file) {
  if (file.empty()) return false;
  if (glob_match(pattern, file)) return true;
  for (auto slash = file.find('/'); slash != std::string::npos; slash = file.find('/', slash + 1)) {
    if (glob_match(pattern, file.substr(0, slash))) return true;
  }
  return false;
}

/// "breaking-change for service billing, path legacy/*, rule ddtrace.*"
std::string describe(const core::SuppressionRule& rule) {
  std::string text = rule.check == "*" ? std::string("every check") : rule.check;
  std::vector<std::string> scope;
  if (rule.service) scope.push_back(fmt::format("service {}", *rule.service));
  if (rule.path) scope.push_back(fmt::format("path {}", *rule.path));
  if (rule.rule) scope.push_back(fmt::format("rule {}", *rule.rule));
  if (!scope.empty()) text += fmt::format(" for {}", fmt::join(scope, ", "));
  return text;
}

/// Stable subject (and so fingerprint) of a finding about a suppression entry.
std::string subject_of(const core::SuppressionRule& rule) {
  std::string subject = fmt::format("suppress check={}", rule.check);
  if (rule.service) subject += fmt::format(" service={}", *rule.service);
  if (rule.path) subject += fmt::format(" path={}", *rule.path);
  if (rule.rule) subject += fmt::format(" rule={}", *rule.rule);
  return subject;
}

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

core::Finding expired_finding(const core::SuppressionRule& rule, std::size_t would_match, const Policy& policy,
                              const core::Date& today) {
  core::Finding finding;
  finding.check_id = std::string(core::kSuppressionExpiredCheck);
  finding.severity = core::Severity::error;
  finding.source = policy.config_source;
  finding.subject = subject_of(rule);
  finding.location = rule.where;
  const auto expires = core::to_string(*rule.expires);
  finding.message = fmt::format("the suppression of {} expired on {} (reason: \"{}\"); it matches {}, which it "
                                "no longer suppresses",
                                describe(rule), expires, rule.reason, plural(would_match, "finding", "findings"));
  finding.causes = {
      fmt::format("{} suppresses {} until {}", core::to_string(rule.where), describe(rule), expires),
      fmt::format("today is {}", core::to_string(today)),
  };
  finding.fix = "if the reason still holds, renew it with a later expires date; otherwise remove the entry and "
                "fix what it covered";
  return finding;
}

core::Finding unused_finding(const core::SuppressionRule& rule, const Policy& policy) {
  core::Finding finding;
  finding.check_id = std::string(core::kSuppressionUnusedCheck);
  finding.severity = core::Severity::note;
  finding.source = policy.config_source;
  finding.subject = subject_of(rule);
  finding.location = rule.where;
  finding.message = fmt::format("the suppression of {} suppressed no finding (reason: \"{}\")", describe(rule),
                                rule.reason);
  finding.causes = {fmt::format("{} suppresses {}", core::to_string(rule.where), describe(rule))};
  finding.fix = "remove the entry if what it covered is gone, or narrow it to what still needs it";
  return finding;
}

}  // namespace

bool is_expired(const core::SuppressionRule& rule, const core::Date& today) {
  return rule.expires && *rule.expires < today;
}

bool suppression_matches(const core::SuppressionRule& rule, const core::Finding& finding) {
  if (rule.check != "*" && rule.check != finding.check_id) return false;
  if (rule.service && !glob_match(*rule.service, finding.service)) return false;
  if (rule.path && !path_match(*rule.path, finding.location.path)) return false;
  if (rule.rule && (finding.rule_id.empty() || !glob_match(*rule.rule, finding.rule_id))) return false;
  return true;
}

PolicyResult apply_policy(std::vector<core::Finding> findings, const Policy& policy, const core::Date& today) {
  PolicyResult result;
  result.suppression_matches.assign(policy.suppressions.size(), 0);
  std::vector<bool> expired(policy.suppressions.size());
  for (std::size_t i = 0; i < policy.suppressions.size(); ++i) expired[i] = is_expired(policy.suppressions[i], today);

  result.findings.reserve(findings.size());
  for (auto& finding : findings) {
    if (core::is_configuration_check(finding.check_id)) {
      result.findings.push_back(std::move(finding));
      continue;
    }
    // 1. Severity overrides.
    if (const auto found = policy.severity.find(finding.check_id); found != policy.severity.end()) {
      const auto& override_ = found->second;
      if (!override_.severity) {
        ++result.counts.turned_off;
        ++result.counts.turned_off_by_check[finding.check_id];
        continue;
      }
      if (*override_.severity != finding.severity) {
        finding.causes.push_back(fmt::format("severity {} (was {}) set by {} [severity] {}",
                                             core::to_string(*override_.severity), core::to_string(finding.severity),
                                             core::to_string(override_.where), finding.check_id));
        finding.severity = *override_.severity;
        ++result.counts.severity_overridden;
      }
    }
    // 2. Suppressions: the first unexpired match wins; expired ones only count what they cover.
    bool suppressed = false;
    for (std::size_t i = 0; i < policy.suppressions.size(); ++i) {
      const auto& rule = policy.suppressions[i];
      if (!suppression_matches(rule, finding)) continue;
      if (expired[i]) {
        ++result.suppression_matches[i];
        continue;
      }
      if (suppressed) continue;
      ++result.suppression_matches[i];
      finding.suppression = core::Suppression{core::Suppression::Kind::config, rule.reason,
                                              rule.expires ? core::to_string(*rule.expires) : std::string(),
                                              rule.where};
      ++result.counts.suppressed_by_config;
      suppressed = true;
    }
    // 3. The baseline.
    if (!suppressed && policy.baseline && policy.baseline->fingerprints.contains(core::fingerprint(finding))) {
      finding.suppression = core::Suppression{core::Suppression::Kind::baseline,
                                              fmt::format("in the baseline {}", policy.baseline->path), "",
                                              core::SourceLocation{policy.baseline->path}};
      ++result.counts.suppressed_by_baseline;
    }
    result.findings.push_back(std::move(finding));
  }

  for (std::size_t i = 0; i < policy.suppressions.size(); ++i) {
    const auto& rule = policy.suppressions[i];
    if (expired[i]) {
      result.findings.push_back(expired_finding(rule, result.suppression_matches[i], policy, today));
      ++result.counts.expired_suppressions;
    } else if (policy.report_unused && result.suppression_matches[i] == 0) {
      result.findings.push_back(unused_finding(rule, policy));
      ++result.counts.unused_suppressions;
    }
  }
  return result;
}

bool fails(const std::vector<core::Finding>& findings, core::Severity fail_on) {
  return std::ranges::any_of(findings, [&](const core::Finding& finding) {
    return !finding.suppression && finding.severity >= fail_on;
  });
}

bool fails(const PolicyResult& result, core::Severity fail_on) { return fails(result.findings, fail_on); }

void write_baseline(const std::vector<core::Finding>& findings, std::ostream& out) {
  struct Entry {
    std::string file, check, service, subject, fingerprint;
    auto key() const { return std::tie(file, check, service, subject, fingerprint); }
  };
  std::vector<Entry> entries;
  std::set<std::string, std::less<>> seen;
  for (const auto& finding : findings) {
    if (core::is_configuration_check(finding.check_id)) continue;
    if (finding.suppression && finding.suppression->kind == core::Suppression::Kind::config) continue;
    auto print = core::fingerprint(finding);
    if (!seen.insert(print).second) continue;
    entries.push_back({finding.location.path, finding.check_id, finding.service, finding.subject, std::move(print)});
  }
  std::ranges::sort(entries, [](const Entry& a, const Entry& b) { return a.key() < b.key(); });

  out << "{\n  \"schema_version\": 1,\n  \"generated_by\": \"tracegate\",\n  \"findings\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const auto& entry = entries[i];
    nlohmann::ordered_json json;
    json["fingerprint"] = entry.fingerprint;
    json["check"] = entry.check;
    json["service"] = entry.service;
    json["subject"] = entry.subject;
    json["file"] = entry.file;
    out << (i == 0 ? "\n    " : ",\n    ")
        << json.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  }
  out << (entries.empty() ? "]\n}\n" : "\n  ]\n}\n");
}

core::Result<Baseline> parse_baseline(std::string_view text, std::string_view path) {
  const std::string file(path);
  if (core::bracket_depth(text, kMaxJsonDepth) >= kMaxJsonDepth) {
    return core::fail(fmt::format("JSON nested deeper than {} levels; not a baseline", kMaxJsonDepth),
                      core::SourceLocation{file});
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // `byte` is 1-based: the character the parser stopped at.
    const auto at = core::line_column_at(text, error.byte == 0 ? 0 : error.byte - 1);
    std::string_view message = error.what();
    const auto colon = message.find(": ", std::min(message.size(), message.find("parse error")));
    if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
    std::string clean(message);
    for (char& c : clean) {
      const auto byte = static_cast<unsigned char>(c);
      if (byte < 0x20 || byte >= 0x7f) c = '?';
    }
    return core::fail(clean, core::SourceLocation{file, at.line, at.column});
  } catch (const nlohmann::json::exception& error) {
    return core::fail(error.what(), core::SourceLocation{file});
  }
  const auto bad = [&](std::string message) { return core::fail(std::move(message), core::SourceLocation{file}); };
  if (!doc.is_object()) return bad("a baseline must be a JSON object (tracegate baseline write FILE)");
  const auto version = doc.find("schema_version");
  if (version == doc.end() || !version->is_number_integer()) return bad("schema_version is missing; not a tracegate baseline");
  if (*version != 1) return bad(fmt::format("schema_version {} is not supported (this tracegate reads 1)", version->dump()));
  const auto list = doc.find("findings");
  if (list == doc.end() || !list->is_array()) return bad("findings must be an array");
  Baseline baseline;
  baseline.path = file;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto& entry = (*list)[i];
    if (!entry.is_object()) return bad(fmt::format("findings[{}] must be an object", i));
    const auto print = entry.find("fingerprint");
    if (print == entry.end() || !print->is_string() || print->get_ref<const std::string&>().empty()) {
      return bad(fmt::format("findings[{}]: fingerprint must be a non-empty string", i));
    }
    baseline.fingerprints.insert(print->get<std::string>());
  }
  return baseline;
}

core::Result<Baseline> read_baseline(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::fail(fmt::format("{}: cannot read baseline file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_baseline(text.str(), path);
}

}  // namespace tracegate::rules
