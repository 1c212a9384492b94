// SPDX-License-Identifier: Apache-2.0
// PEP 508 requirements as packaging 23.0 parses (`_parser.parse_requirement`), validates
// (`Requirement.__init__`: urllib.parse.urlparse of the URL, SpecifierSet of the specifier) and
// prints them (`Requirement.__str__`, e.g. `name@ url ; marker` with no space before "@").
#include <algorithm>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "resolvers/pep508.hpp"
#include "resolvers/pep508_detail.hpp"

namespace tracegate::resolvers::pep508 {
namespace {

using detail::Cursor;
using detail::syntax_error;

bool ascii_alnum(char c) noexcept { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
bool ascii_digit(char c) noexcept { return c >= '0' && c <= '9'; }
bool separator(std::string_view t, std::size_t p) noexcept {
  return p < t.size() && (t[p] == '-' || t[p] == '_' || t[p] == '.');
}

/// IDENTIFIER: `\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b`; the match's byte length, or 0.
std::size_t identifier_length(std::string_view t, std::size_t p) noexcept {
  if (p >= t.size() || !ascii_alnum(t[p]) || detail::word_before(t, p)) {
    return 0;
  }
  std::size_t end = p + 1;
  while (end < t.size() && (ascii_alnum(t[end]) || t[end] == '.' || t[end] == '_' || t[end] == '-')) {
    ++end;
  }
  for (; end > p; --end) {  // the greedy run backs off until `\b` holds
    const bool before = ascii_alnum(t[end - 1]) || t[end - 1] == '_';
    if (before != detail::word_at(t, end)) {
      return end - p;
    }
  }
  return 0;
}

// ---- SPECIFIER: Specifier._operator_regex_str + _version_regex_str, VERBOSE | IGNORECASE ----

/// One character of `word` under IGNORECASE (which also folds U+0130/U+0131 to i, U+017F to s,
/// U+212A to k); returns the end of the match or npos.
std::size_t match_ci(std::string_view t, std::size_t p, std::string_view word) noexcept {
  for (const char w : word) {
    if (p >= t.size()) {
      return std::string_view::npos;
    }
    std::size_t length = 1;
    const char32_t c = detail::decode_at(t, p, length);
    const bool ok = (c < 0x80 && (static_cast<char>(c) == w || static_cast<char>(c | 0x20) == w)) ||
                    (w == 'i' && (c == 0x130 || c == 0x131)) || (w == 's' && c == 0x17F) ||
                    (w == 'k' && c == 0x212A);
    if (!ok) {
      return std::string_view::npos;
    }
    p += length;
  }
  return p;
}

/// `[a-z0-9]` under IGNORECASE: the character's byte length, or 0.
std::size_t local_char(std::string_view t, std::size_t p) noexcept {
  if (p >= t.size()) {
    return 0;
  }
  std::size_t length = 1;
  const char32_t c = detail::decode_at(t, p, length);
  if (c < 0x80) {
    return ascii_alnum(static_cast<char>(c)) ? 1 : 0;
  }
  return (c == 0x130 || c == 0x131 || c == 0x17F || c == 0x212A) ? length : 0;
}

std::size_t digits(std::string_view t, std::size_t p) noexcept {
  while (p < t.size() && ascii_digit(t[p])) {
    ++p;
  }
  return p;
}

/// `X?[0-9]*` after a pre/post/dev word: an optional separator, then digits.
std::size_t number_tail(std::string_view t, std::size_t p) noexcept { return digits(t, separator(t, p) ? p + 1 : p); }

/// The first of `words` (in order) that matches at `p`, possibly after one separator.
std::size_t word_group(std::string_view t, std::size_t p, std::initializer_list<std::string_view> words) noexcept {
  const std::size_t start = separator(t, p) ? p + 1 : p;
  for (const auto word : words) {
    const std::size_t end = match_ci(t, start, word);
    if (end != std::string_view::npos) {
      return number_tail(t, end);
    }
  }
  return p;
}

enum class Branch { arbitrary, equality, compatible, ordered };

std::size_t skip_spaces(std::string_view t, std::size_t p) noexcept {
  while (std::size_t length = detail::unicode_space_at(t, p)) {
    p += length;
  }
  return p;
}

/// `[0-9]+(\.[0-9]+)*` (or `+` for ~=), or npos.
std::size_t release(std::string_view t, std::size_t p, bool at_least_two) noexcept {
  std::size_t q = digits(t, p);
  if (q == p) {
    return std::string_view::npos;
  }
  std::size_t parts = 1;
  while (q + 1 < t.size() && t[q] == '.' && ascii_digit(t[q + 1])) {
    q = digits(t, q + 1);
    ++parts;
  }
  return (at_least_two && parts < 2) ? std::string_view::npos : q;
}

/// The version part of the SPECIFIER token for the operator's branch; its end, or npos.
std::size_t version_branch(std::string_view t, std::size_t p, Branch branch) noexcept {
  std::size_t q = skip_spaces(t, p);
  if (branch == Branch::arbitrary) {
    while (q < t.size() && t[q] != ';' && t[q] != ')' && detail::unicode_space_at(t, q) == 0) {
      std::size_t length = 1;
      detail::decode_at(t, q, length);
      q += length;
    }
    return q;
  }
  if (q < t.size() && (t[q] == 'v' || t[q] == 'V')) {
    ++q;
  }
  const bool two = branch == Branch::compatible;
  std::size_t r = std::string_view::npos;
  const std::size_t epoch = digits(t, q);
  if (epoch > q && epoch < t.size() && t[epoch] == '!') {
    r = release(t, epoch + 1, two);
  }
  if (r == std::string_view::npos) {
    r = release(t, q, two);
  }
  if (r == std::string_view::npos) {
    return r;
  }
  q = r;
  if (branch == Branch::equality && t.substr(q).starts_with(".*")) {
    return q + 2;
  }
  q = word_group(t, q, {"alpha", "beta", "preview", "pre", "a", "b", "c", "rc"});
  if (q + 1 < t.size() && t[q] == '-' && ascii_digit(t[q + 1])) {
    q = digits(t, q + 1);
  } else {
    q = word_group(t, q, {"post", "rev", "r"});
  }
  q = word_group(t, q, {"dev"});
  if (branch == Branch::equality && q < t.size() && t[q] == '+' && local_char(t, q + 1) != 0) {
    q += 1;
    while (std::size_t length = local_char(t, q)) {
      q += length;
    }
    while (separator(t, q) && local_char(t, q + 1) != 0) {
      q += 1;
      while (std::size_t length = local_char(t, q)) {
        q += length;
      }
    }
  }
  return q;
}

/// SPECIFIER at `p`: the token's byte length, or 0.
std::size_t specifier_length(std::string_view t, std::size_t p) noexcept {
  static constexpr std::pair<std::string_view, Branch> kOperators[] = {
      {"~=", Branch::compatible}, {"==", Branch::equality}, {"!=", Branch::equality}, {"<=", Branch::ordered},
      {">=", Branch::ordered},    {"<", Branch::ordered},   {">", Branch::ordered},   {"===", Branch::arbitrary},
  };
  const std::string_view rest = t.substr(p);
  for (const auto& [op, branch] : kOperators) {
    if (rest.starts_with(op)) {
      const std::size_t end = version_branch(t, p + op.size(), branch);
      if (end != std::string_view::npos) {
        return end - p;
      }
    }
  }
  return 0;
}

// ---- URL checks: urllib.parse.urlparse / urlunparse of Python 3.11 (Debian 12) ----

bool hex_char(char c) noexcept { return ascii_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

std::vector<std::string_view> split(std::string_view text, char separator_char) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = text.find(separator_char, start);
    parts.push_back(text.substr(start, at == std::string_view::npos ? std::string_view::npos : at - start));
    if (at == std::string_view::npos) {
      return parts;
    }
    start = at + 1;
  }
}

/// ipaddress.IPv4Address(text) succeeds.
bool ipv4_address(std::string_view text) {
  const auto octets = split(text, '.');
  if (octets.size() != 4) {
    return false;
  }
  for (const auto octet : octets) {
    if (octet.empty() || octet.size() > 3 || !std::all_of(octet.begin(), octet.end(), ascii_digit) ||
        (octet.size() > 1 && octet[0] == '0') || std::stoi(std::string(octet)) > 255) {
      return false;
    }
  }
  return true;
}

/// ipaddress.IPv6Address(text) succeeds (scope id allowed).
bool ipv6_address(std::string_view text) {
  if (text.find('/') != std::string_view::npos) {
    return false;
  }
  const std::size_t percent = text.find('%');
  if (percent != std::string_view::npos) {
    const std::string_view scope = text.substr(percent + 1);
    if (scope.empty() || scope.find('%') != std::string_view::npos) {
      return false;
    }
    text = text.substr(0, percent);
  }
  if (text.empty()) {
    return false;
  }
  std::vector<std::string_view> parts = split(text, ':');
  if (parts.size() < 3) {
    return false;
  }
  std::size_t extra_parts = 0;  // an IPv4 suffix stands for two hextets
  if (parts.back().find('.') != std::string_view::npos) {
    if (!ipv4_address(parts.back())) {
      return false;
    }
    parts.pop_back();
    extra_parts = 2;
  }
  const std::size_t count = parts.size() + extra_parts;
  if (count > 9) {
    return false;
  }
  auto hextet = [](std::string_view h) {
    return !h.empty() && h.size() <= 4 && std::all_of(h.begin(), h.end(), hex_char);
  };
  // Index i of the (virtual) part list; the IPv4 hextets are always valid.
  auto part = [&](std::size_t i) -> std::string_view { return i < parts.size() ? parts[i] : std::string_view("0"); };
  std::optional<std::size_t> skip;
  for (std::size_t i = 1; i + 1 < count; ++i) {
    if (part(i).empty()) {
      if (skip) {
        return false;
      }
      skip = i;
    }
  }
  std::size_t hi = 0;
  std::size_t lo = 0;
  if (skip) {
    hi = *skip;
    lo = count - *skip - 1;
    if (part(0).empty()) {
      if (--hi != 0) {
        return false;
      }
    }
    if (part(count - 1).empty()) {
      if (--lo != 0) {
        return false;
      }
    }
    if (8 < hi + lo + 1) {
      return false;
    }
  } else {
    if (count != 8 || part(0).empty() || part(count - 1).empty()) {
      return false;
    }
    hi = count;
  }
  for (std::size_t i = 0; i < hi; ++i) {
    if (!hextet(part(i))) {
      return false;
    }
  }
  for (std::size_t i = count - lo; i < count; ++i) {
    if (!hextet(part(i))) {
      return false;
    }
  }
  return true;
}

/// urllib.parse._check_bracketed_netloc does not raise.
bool bracketed_netloc_ok(std::string_view netloc) {
  const std::size_t at = netloc.rfind('@');
  const std::string_view host_port = at == std::string_view::npos ? netloc : netloc.substr(at + 1);
  std::string_view hostname;
  const std::size_t open = host_port.find('[');
  if (open != std::string_view::npos) {
    if (open != 0) {
      return false;
    }
    const std::string_view bracketed = host_port.substr(1);
    const std::size_t close = bracketed.find(']');
    hostname = bracketed.substr(0, close);
    const std::string_view port = close == std::string_view::npos ? std::string_view() : bracketed.substr(close + 1);
    if (!port.empty() && port[0] != ':') {
      return false;
    }
  } else {
    hostname = host_port.substr(0, host_port.find(':'));
  }
  if (hostname.starts_with('v')) {
    // \Av[a-fA-F0-9]+\..+\Z
    std::size_t q = 1;
    while (q < hostname.size() && hex_char(hostname[q])) {
      ++q;
    }
    return q > 1 && q < hostname.size() && hostname[q] == '.' && q + 1 < hostname.size() &&
           hostname.find('\n', q + 1) == std::string_view::npos;
  }
  return !ipv4_address(hostname) && ipv6_address(hostname);
}

/// Requirement.__init__'s URL checks: urlparse must not raise; a file: URL must survive
/// urlunparse unchanged, any other needs a scheme and a netloc.
core::Result<void> check_url(std::string_view url) {
  std::string s;
  {
    std::size_t start = 0;
    while (start < url.size() && static_cast<unsigned char>(url[start]) <= 0x20) {
      ++start;
    }
    for (const char c : url.substr(start)) {
      if (c != '\t' && c != '\r' && c != '\n') {
        s.push_back(c);
      }
    }
  }
  std::string scheme;
  std::string_view rest = s;
  const std::size_t colon = rest.find(':');
  if (colon != std::string_view::npos && colon > 0 &&
      ((rest[0] >= 'a' && rest[0] <= 'z') || (rest[0] >= 'A' && rest[0] <= 'Z')) &&
      std::all_of(rest.begin(), rest.begin() + static_cast<std::ptrdiff_t>(colon),
                  [](char c) { return ascii_alnum(c) || c == '+' || c == '-' || c == '.'; })) {
    for (const char c : rest.substr(0, colon)) {
      scheme.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
    }
    rest = rest.substr(colon + 1);
  }
  std::string_view netloc;
  if (rest.starts_with("//")) {
    const std::size_t delim = std::min(rest.find_first_of("/?#", 2), rest.size());
    netloc = rest.substr(2, delim - 2);
    rest = rest.substr(delim);
    const bool open = netloc.find('[') != std::string_view::npos;
    const bool close = netloc.find(']') != std::string_view::npos;
    if (open != close || (open && !bracketed_netloc_ok(netloc))) {
      return core::fail(fmt::format("Invalid URL: {} (invalid IPv6 URL)", url));
    }
  }
  std::string_view fragment;
  std::string_view query;
  if (const std::size_t hash = rest.find('#'); hash != std::string_view::npos) {
    fragment = rest.substr(hash + 1);
    rest = rest.substr(0, hash);
  }
  if (const std::size_t question = rest.find('?'); question != std::string_view::npos) {
    query = rest.substr(question + 1);
    rest = rest.substr(0, question);
  }
  for (std::size_t p = 0; p < netloc.size();) {
    std::size_t length = 1;
    if (detail::nfkc_has_url_delimiter(detail::decode_at(netloc, p, length))) {
      return core::fail(fmt::format("Invalid URL: {} (netloc changes under NFKC normalization)", url));
    }
    p += length;
  }
  if (scheme == "file") {
    // "file" is not in uses_params, so the path keeps any ";".
    std::string path(rest);
    if (!netloc.empty() || !path.starts_with("//")) {
      if (!path.empty() && path[0] != '/') {
        path.insert(0, "/");
      }
      path.insert(0, netloc);
      path.insert(0, "//");
    }
    std::string unparsed = "file:" + path;
    if (!query.empty()) {
      unparsed += '?';
      unparsed += query;
    }
    if (!fragment.empty()) {
      unparsed += '#';
      unparsed += fragment;
    }
    if (unparsed != url) {
      return core::fail("Invalid URL given");
    }
    return {};
  }
  // urlparse's `params` split (uses_params schemes) only moves text within the path.
  if (scheme.empty() || netloc.empty()) {
    return core::fail(fmt::format("Invalid URL: {}", url));
  }
  return {};
}

}  // namespace

namespace {

/// parse_requirement; when `quiet`, errors carry no message (see try_parse_requirement).
core::Result<Requirement> parse_requirement_impl(std::string_view text, bool quiet) {
  if (!detail::valid_utf8(text)) {
    return core::fail("requirement is not valid UTF-8");
  }
  Cursor c{text, 0, quiet};
  Requirement out;

  // requirement = WS? IDENTIFIER WS? extras WS? requirement_details END
  c.skip_ws();
  const std::size_t name_length = identifier_length(text, c.pos);
  if (name_length == 0) {
    return std::unexpected(syntax_error(c, "Expected package name at the start of dependency specifier", c.pos));
  }
  out.name = std::string(text.substr(c.pos, name_length));
  c.pos += name_length;
  c.skip_ws();

  // extras = (LEFT_BRACKET WS? extras_list? WS? RIGHT_BRACKET)?
  if (c.at('[')) {
    const std::size_t open = c.pos;
    ++c.pos;
    c.skip_ws();
    if (std::size_t length = identifier_length(text, c.pos)) {
      out.extras.emplace_back(text.substr(c.pos, length));
      c.pos += length;
      while (true) {
        c.skip_ws();
        if (identifier_length(text, c.pos) != 0) {
          return std::unexpected(syntax_error(c, "Expected comma between extra names", c.pos));
        }
        if (!c.at(',')) {
          break;
        }
        ++c.pos;
        c.skip_ws();
        length = identifier_length(text, c.pos);
        if (length == 0) {
          return std::unexpected(syntax_error(c, "Expected extra name after comma", c.pos));
        }
        out.extras.emplace_back(text.substr(c.pos, length));
        c.pos += length;
      }
    }
    c.skip_ws();
    if (!c.at(']')) {
      return std::unexpected(syntax_error(c, "Expected closing RIGHT_BRACKET", open));
    }
    ++c.pos;
  }
  c.skip_ws();

  // requirement_details = AT URL (WS requirement_marker?)? | specifier WS? requirement_marker?
  bool want_marker = true;
  std::string specifier;
  if (c.at('@')) {
    ++c.pos;
    c.skip_ws();
    const std::size_t url_end = std::min(text.find_first_of(" \t", c.pos), text.size());
    if (url_end == c.pos) {
      return std::unexpected(syntax_error(c, "Expected URL after @", c.pos));
    }
    out.url = std::string(text.substr(c.pos, url_end - c.pos));
    c.pos = url_end;
    if (c.at_end()) {
      want_marker = false;
    } else {
      if (!c.skip_ws()) {
        return std::unexpected(syntax_error(c, "Expected whitespace after URL", c.pos));
      }
      want_marker = !c.at_end();
    }
  } else {
    const bool parenthesized = c.at('(');
    const std::size_t open = c.pos;
    if (parenthesized) {
      ++c.pos;
    }
    c.skip_ws();
    // version_many = (SPECIFIER (WS? COMMA WS? SPECIFIER)*)?
    while (std::size_t length = specifier_length(text, c.pos)) {
      specifier += text.substr(c.pos, length);
      c.pos += length;
      c.skip_ws();
      if (!c.at(',')) {
        break;
      }
      specifier += ',';
      ++c.pos;
      c.skip_ws();
    }
    c.skip_ws();
    if (parenthesized) {
      if (!c.at(')')) {
        return std::unexpected(syntax_error(c, "Expected closing RIGHT_PARENTHESIS", open));
      }
      ++c.pos;
    }
    c.skip_ws();
    want_marker = !c.at_end();
  }
  if (want_marker) {
    // requirement_marker = SEMICOLON marker WS?
    if (!c.at(';')) {
      return std::unexpected(syntax_error(c, "Expected end or semicolon", c.pos));
    }
    ++c.pos;
    auto marker = detail::parse_marker_at(c);
    if (!marker) {
      return std::unexpected(std::move(marker).error());
    }
    out.marker = Marker(std::shared_ptr<const Marker::Node>(std::move(*marker)));
    c.skip_ws();
  }
  if (!c.at_end()) {
    return std::unexpected(syntax_error(c, "Expected end of dependency specifier", c.pos));
  }

  if (!out.url.empty()) {
    TRACEGATE_TRY(check_url(out.url));
  }
  if (quiet) {
    if (!pep440::parse_specifier_set_into(specifier, out.specifier)) return std::unexpected(core::Error{});
    return out;
  }
  auto set = pep440::parse_specifier_set(specifier);
  if (!set) {
    return std::unexpected(std::move(set).error());
  }
  out.specifier = std::move(*set);
  return out;
}

}  // namespace

core::Result<Requirement> parse_requirement(std::string_view text) { return parse_requirement_impl(text, false); }

std::optional<Requirement> try_parse_requirement(std::string_view text) {
  auto requirement = parse_requirement_impl(text, true);
  if (!requirement) return std::nullopt;
  return std::move(*requirement);
}

std::string to_string(const Requirement& requirement) {
  std::string out = requirement.name;
  std::vector<std::string> extras = requirement.extras;
  std::sort(extras.begin(), extras.end());
  extras.erase(std::unique(extras.begin(), extras.end()), extras.end());
  if (!extras.empty()) {
    out += '[';
    for (std::size_t i = 0; i < extras.size(); ++i) {
      if (i > 0) {
        out += ',';
      }
      out += extras[i];
    }
    out += ']';
  }
  if (!requirement.specifier.specifiers.empty()) {
    out += pep440::to_string(requirement.specifier);
  }
  if (!requirement.url.empty()) {
    out += "@ ";
    out += requirement.url;
    if (requirement.marker) {
      out += ' ';
    }
  }
  if (requirement.marker) {
    out += "; ";
    out += to_string(*requirement.marker);
  }
  return out;
}

}  // namespace tracegate::resolvers::pep508
