// SPDX-License-Identifier: Apache-2.0
// Reads pip requirements files. See docs/readers/python-requirements-txt.md.
#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "core/package_name.hpp"
#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/python/pypi_requirement.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

constexpr int kMaxIncludeDepth = 16;
// Every distinct path is read once, but a hostile tree of includes can still name thousands of
// files; these bound what one top-level file may pull in.
constexpr std::size_t kMaxIncludedFiles = 256;
constexpr std::size_t kMaxIncludedBytes = 64u << 20;
// pip has no limit, but no real requirement is this long and the text is quoted in diagnostics.
constexpr std::size_t kMaxRequirementLength = 8192;
constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

constexpr std::array<std::string_view, 10> kDevGroups = {"dev",  "test", "tests", "testing", "lint",
                                                         "docs", "doc",  "ci",    "typing",  "local"};
// Names that end in .txt/.in but are never requirements, even inside a requirements/ directory.
constexpr std::array<std::string_view, 11> kNotRequirements = {
    "cmakelists", "license", "licence", "readme", "manifest", "robots",
    "notice",     "authors", "changelog", "changes", "copying"};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r'; }
bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}
bool contains(std::string_view text, std::string_view part) { return text.find(part) != std::string_view::npos; }

// --- File names ---

/// The lowercase file name without `.txt`/`.in`; nullopt for any other extension.
std::optional<std::string> requirements_stem(std::string_view path) {
  const auto base = core::to_lower(core::base_name(path));
  for (const std::string_view ext : {".txt", ".in"}) {
    if (base.size() > ext.size() && base.ends_with(ext)) return base.substr(0, base.size() - ext.size());
  }
  return std::nullopt;
}

bool in_requirements_directory(std::string_view path) {
  return core::to_lower(core::base_name(core::parent_dir(path))) == "requirements";
}

bool is_constraints_file(std::string_view path) {
  const auto stem = requirements_stem(path);
  return stem && contains(*stem, "constraints");
}

bool is_requirements_file(std::string_view path) {
  const auto stem = requirements_stem(path);
  if (!stem || std::ranges::find(kNotRequirements, *stem) != kNotRequirements.end()) return false;
  return contains(*stem, "requirements") || contains(*stem, "constraints") || in_requirements_directory(path);
}

/// The dev group a file name states (`requirements-dev.txt` -> "dev", `requirements/test.txt` -> "test").
std::optional<std::string> dev_group_of(std::string_view path) {
  const auto written = requirements_stem(path).value_or("");
  // The words may be glued to the group ("devrequirements"): turn them into separators.
  std::string stem;
  for (std::size_t i = 0; i < written.size();) {
    const auto word = std::string_view(written).substr(i);
    const auto skip = word.starts_with("requirements") ? 12 : word.starts_with("constraints") ? 11 : 0;
    stem.push_back(skip > 0 ? '-' : written[i]);
    i += skip > 0 ? skip : 1;
  }
  std::size_t start = 0;
  while (start < stem.size()) {
    auto end = start;
    while (end < stem.size() && is_alnum(stem[end])) ++end;
    const std::string_view token = std::string_view(stem).substr(start, end - start);
    if (std::ranges::find(kDevGroups, token) != kDevGroups.end()) return std::string(token);
    start = end + 1;
  }
  return std::nullopt;
}

// --- Logical lines ---

/// Where a run of a logical line starts in the file.
struct Segment {
  std::size_t offset = 0;  ///< in LogicalLine::text
  int line = 0;
  int column = 1;
};

/// One pip "line": physical lines joined at trailing backslashes, with a map back to the file.
struct LogicalLine {
  std::string text;
  std::vector<Segment> segments;

  core::SourceLocation locate(const std::string& path, std::size_t offset) const {
    auto it = std::ranges::upper_bound(segments, offset, {}, &Segment::offset);
    const auto& segment = it == segments.begin() ? segments.front() : *std::prev(it);
    return {path, segment.line, segment.column + static_cast<int>(offset - segment.offset)};
  }
};

bool is_comment_line(std::string_view line) {
  const auto text = core::trim(line);
  return !text.empty() && text.front() == '#';
}

/// Offset of a `#` that starts a comment (at the start or after whitespace), else npos.
std::size_t comment_start(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '#' && (i == 0 || is_space(text[i - 1]))) return i;
  }
  return std::string_view::npos;
}

std::size_t skip_space(std::string_view text, std::size_t at) {
  while (at < text.size() && is_space(text[at])) ++at;
  return at;
}

std::size_t token_end(std::string_view text, std::size_t at) {
  while (at < text.size() && !is_space(text[at])) ++at;
  return at;
}

// --- Options ---

/// An option as written: `-r file`, `-rfile`, `--requirement file`, `--requirement=file`.
struct Option {
  std::string_view name;     ///< long name without dashes ("requirement"), or as written if unknown
  std::string_view spelled;  ///< "-r", "--requirement"
  std::size_t value_offset = 0;
};

Option split_option(std::string_view text, std::size_t at) {
  Option option;
  if (text.substr(at).starts_with("--")) {
    auto end = at;
    while (end < text.size() && !is_space(text[end]) && text[end] != '=') ++end;
    option.spelled = text.substr(at, end - at);
    option.name = option.spelled.substr(2);
    option.value_offset = end < text.size() && text[end] == '=' ? end + 1 : skip_space(text, end);
    return option;
  }
  option.spelled = text.substr(at, std::min<std::size_t>(2, text.size() - at));
  option.name = option.spelled;
  if (option.spelled.size() == 2) {
    switch (option.spelled[1]) {
      case 'r': option.name = "requirement"; break;
      case 'c': option.name = "constraint"; break;
      case 'e': option.name = "editable"; break;
      case 'i': option.name = "index-url"; break;
      case 'f': option.name = "find-links"; break;
      default: break;
    }
  }
  option.value_offset = skip_space(text, at + option.spelled.size());
  return option;
}

/// pip options that apply to the whole install; tracegate has no use for their values.
bool is_global_option(std::string_view name) {
  static constexpr std::array<std::string_view, 11> kGlobal = {
      "index-url",     "extra-index-url", "no-index", "find-links", "trusted-host", "no-binary",
      "only-binary", "prefer-binary",   "require-hashes", "pre",   "use-feature"};
  return std::ranges::find(kGlobal, name) != kGlobal.end();
}

/// Options pip allows after a requirement on the same line.
bool is_requirement_option(std::string_view name) {
  static constexpr std::array<std::string_view, 4> kPerRequirement = {"hash", "global-option", "install-option",
                                                                      "config-settings"};
  return std::ranges::find(kPerRequirement, name) != kPerRequirement.end();
}

// --- Direct references (URLs, VCS, paths) ---

/// pip decides "URL or path" before PEP 508; a name never holds '/', '\\' or ':' nor starts with '.'.
bool is_direct_reference(std::string_view spec) {
  const auto name_end = spec.find_first_of(" \t[<>=!~;(@");
  const auto head = spec.substr(0, name_end);
  if (head.empty()) return false;
  if (head.front() == '.' || head.find_first_of("/\\:") != std::string_view::npos) return true;
  const auto lower = core::to_lower(head);
  for (const std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"}) {
    if (lower.ends_with(ext)) return true;
  }
  return false;
}

/// Splits `name[a,b]` into the name and its extras.
std::pair<std::string_view, std::vector<std::string>> split_extras(std::string_view text) {
  std::vector<std::string> extras;
  const auto open = text.find('[');
  if (open == std::string_view::npos || !text.ends_with(']')) return {text, extras};
  auto list = text.substr(open + 1, text.size() - open - 2);
  while (!list.empty()) {
    const auto comma = list.find(',');
    const auto extra = core::trim(list.substr(0, comma));
    if (!extra.empty()) extras.emplace_back(extra);
    if (comma == std::string_view::npos) break;
    list.remove_prefix(comma + 1);
  }
  return {text.substr(0, open), extras};
}

/// The `egg=` value of a URL fragment (`name` or `name[extra]`).
std::optional<std::string_view> egg_fragment(std::string_view url) {
  const auto hash = url.find('#');
  if (hash == std::string_view::npos) return std::nullopt;
  auto fragment = url.substr(hash + 1);
  while (!fragment.empty()) {
    const auto amp = fragment.find('&');
    const auto part = fragment.substr(0, amp);
    if (part.starts_with("egg=")) return part.substr(4);
    if (amp == std::string_view::npos) break;
    fragment.remove_prefix(amp + 1);
  }
  return std::nullopt;
}

/// Best-effort project name from the last path component: repo.git@v1 -> repo, pkg-1.0.tar.gz -> pkg.
std::string_view name_from_location(std::string_view url) {
  url = url.substr(0, url.find_first_of("#?"));
  std::string_view last;
  while (!url.empty()) {
    const auto slash = url.find_last_of("/\\");
    const auto part = slash == std::string_view::npos ? url : url.substr(slash + 1);
    if (!part.empty() && part != "." && part != "..") {
      last = part;
      break;
    }
    url = slash == std::string_view::npos ? std::string_view{} : url.substr(0, slash);
  }
  last = last.substr(0, last.find('@'));  // VCS revision
  if (last.ends_with(".git")) last.remove_suffix(4);
  const auto lower = core::to_lower(last);
  for (const std::string_view ext : {".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz"}) {
    if (!lower.ends_with(ext)) continue;
    last.remove_suffix(ext.size());
    // Wheels and sdists are `name-version...`; the version starts at the first "-<digit>".
    for (std::size_t i = 0; i + 1 < last.size(); ++i) {
      if (last[i] == '-' && last[i + 1] >= '0' && last[i + 1] <= '9') return last.substr(0, i);
    }
    return last;
  }
  return last;
}

// --- pip-tools annotations ---

/// Adds `# via a, b` entries to `requirement`; a pin only other packages ask for is not declared.
void add_via(core::Requirement& requirement, std::string_view entries) {
  while (!entries.empty()) {
    const auto comma = entries.find(',');
    const auto entry = core::trim(entries.substr(0, comma));
    if (!entry.empty()) requirement.via.emplace_back(entry);
    if (comma == std::string_view::npos) break;
    entries.remove_prefix(comma + 1);
  }
  requirement.declared = std::ranges::any_of(requirement.via, [](std::string_view via) {
    return via.starts_with("-r ") || via.starts_with("-c ") || via.ends_with("(pyproject.toml)") ||
           via.ends_with("(setup.py)") || via.ends_with("(setup.cfg)");
  });
}

// --- Reading ---

/// The file being read and what its lines inherit.
struct Frame {
  std::string path;
  bool constraint_only = false;
  core::Scope scope = core::Scope::main;
  std::string group;
  int depth = 0;
  std::optional<std::size_t> last_requirement;  ///< index in ReadResult::requirements, for `# via` lines
  bool in_via_block = false;
};

/// Reads one file and, depth first, the files it includes, into one ReadResult.
class RequirementsWalker {
 public:
  RequirementsWalker(const SourceView& others, ReadResult& out) : others_(others), out_(out) {}

  void read_file(std::string path, std::string_view contents, bool constraint_only, int depth) {
    Frame frame{.path = std::move(path), .constraint_only = constraint_only, .depth = depth};
    if (auto group = dev_group_of(frame.path)) {
      frame.scope = core::Scope::dev;
      frame.group = std::move(*group);
    }
    visited_.emplace(frame.path, constraint_only);
    stack_.push_back(frame.path);
    read_lines(frame, contents);
    stack_.pop_back();
  }

 private:
  void read_lines(Frame& frame, std::string_view contents) {
    if (contents.starts_with(kUtf8Bom)) contents.remove_prefix(kUtf8Bom.size());
    const auto lines = core::split_lines(contents);
    LogicalLine logical;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const auto physical = lines[i];
      const int line_number = static_cast<int>(i + 1);
      if (logical.segments.empty() && is_comment_line(physical)) {
        read_comment_line(frame, physical);
        continue;
      }
      // pip joins a line ending in a backslash with the next one, unless it is a comment.
      const bool continues = physical.ends_with('\\') && !is_comment_line(physical);
      auto kept = physical;
      while (continues && kept.ends_with('\\')) kept.remove_suffix(1);
      logical.segments.push_back({logical.text.size(), line_number, 1});
      logical.text.append(kept);
      if (continues && i + 1 < lines.size()) continue;
      read_logical_line(frame, logical);
      logical = {};
    }
  }

  void read_comment_line(Frame& frame, std::string_view line) {
    const auto text = core::trim(line).substr(1);
    const auto body = core::trim(text);
    if (!frame.last_requirement) return;
    auto& requirement = out_.requirements[*frame.last_requirement];
    if (body == "via") {
      frame.in_via_block = true;
    } else if (body.starts_with("via ")) {
      add_via(requirement, body.substr(4));
      frame.in_via_block = false;
    } else if (frame.in_via_block && !line.empty() && is_space(line.front()) && !text.empty() &&
               is_space(text.front()) && !body.empty()) {
      add_via(requirement, body);
    } else {
      frame.in_via_block = false;
      frame.last_requirement.reset();
    }
  }

  void read_logical_line(Frame& frame, const LogicalLine& line) {
    frame.last_requirement.reset();
    frame.in_via_block = false;
    std::string_view text = line.text;
    const auto hash = comment_start(text);
    const auto comment = hash == std::string_view::npos ? std::string_view{} : text.substr(hash + 1);
    text = text.substr(0, hash);
    const auto begin = skip_space(text, 0);
    if (begin >= text.size()) return;
    if (text[begin] == '-') {
      read_option_line(frame, line, text, begin);
      return;
    }
    if (read_requirement(frame, line, text, begin, false)) {
      const auto legacy = core::trim(comment);  // pip-tools before 5.5 wrote `pkg==1  # via a, b`
      if (legacy.starts_with("via ")) add_via(out_.requirements.back(), legacy.substr(4));
    }
  }

  void read_option_line(Frame& frame, const LogicalLine& line, std::string_view text, std::size_t at) {
    const auto option = split_option(text, at);
    const auto value = text.substr(option.value_offset);
    if (option.name == "requirement" || option.name == "constraint") {
      const auto file = value.substr(0, token_end(value, 0));
      if (file.empty()) {
        diagnose(line.locate(frame.path, at), fmt::format("option '{}' needs a file name", option.spelled),
                 core::Diagnostic::Level::error);
        return;
      }
      include(frame, file, line.locate(frame.path, option.value_offset), option.name == "constraint");
    } else if (option.name == "editable") {
      if (value.empty()) {
        diagnose(line.locate(frame.path, at), fmt::format("option '{}' needs a path or URL", option.spelled),
                 core::Diagnostic::Level::error);
        return;
      }
      read_requirement(frame, line, text, option.value_offset, true);
    } else if (!is_global_option(option.name)) {
      diagnose(line.locate(frame.path, at), fmt::format("unknown option '{}'; line ignored", option.spelled),
               core::Diagnostic::Level::warning);
    }
  }

  /// Reads the requirement starting at `begin`; false when the line gave none.
  bool read_requirement(Frame& frame, const LogicalLine& line, std::string_view text, std::size_t begin,
                        bool editable) {
    const auto options = find_requirement_options(text, begin);
    check_requirement_options(frame, line, text, options);
    const auto spec = core::trim(text.substr(begin, options - begin));
    const auto origin = line.locate(frame.path, begin);
    if (spec.size() > kMaxRequirementLength) {
      diagnose(origin, fmt::format("requirement is {} bytes long; not read", spec.size()),
               core::Diagnostic::Level::error);
      return false;
    }
    auto requirement = editable || is_direct_reference(spec) ? read_direct_reference(frame, line, spec, begin)
                                                             : read_pep508(frame, line, spec, begin);
    if (!requirement) return false;
    requirement->origin = origin;
    requirement->editable = editable;
    requirement->scope = frame.scope;
    requirement->group = frame.group;
    requirement->constraint_only = frame.constraint_only;
    out_.requirements.push_back(std::move(*requirement));
    frame.last_requirement = out_.requirements.size() - 1;
    return true;
  }

  /// pip's rule: the first whitespace-separated token that starts with '-' begins the options.
  static std::size_t find_requirement_options(std::string_view text, std::size_t begin) {
    for (auto at = token_end(text, begin); at < text.size(); at = token_end(text, at)) {
      at = skip_space(text, at);
      if (at < text.size() && text[at] == '-') return at;
    }
    return text.size();
  }

  void check_requirement_options(const Frame& frame, const LogicalLine& line, std::string_view text,
                                 std::size_t at) {
    for (at = skip_space(text, at); at < text.size(); at = skip_space(text, token_end(text, at))) {
      if (text[at] != '-') continue;  // an option's value
      const auto option = split_option(text, at);
      if (!is_requirement_option(option.name)) {
        diagnose(line.locate(frame.path, at), fmt::format("unknown option '{}' after the requirement; ignored",
                                                          option.spelled),
                 core::Diagnostic::Level::warning);
      }
    }
  }

  std::optional<core::Requirement> read_pep508(const Frame& frame, const LogicalLine& line, std::string_view spec,
                                               std::size_t begin) {
    const auto origin = line.locate(frame.path, begin);
    auto parsed = parse_pypi_requirement(spec, origin);
    if (parsed) return std::move(*parsed);
    auto where = parsed.error().where.value_or(origin);
    // The parser counts columns from `origin`; map back through the joined physical lines.
    if (where.line == origin.line && where.column >= origin.column) {
      where = line.locate(frame.path, begin + static_cast<std::size_t>(where.column - origin.column));
    }
    diagnose(std::move(where), parsed.error().message, core::Diagnostic::Level::error);
    return std::nullopt;
  }

  /// A URL, VCS link or local path (`git+https://...#egg=x`, `./pkg[extra]`, `https://.../x.whl ; marker`).
  std::optional<core::Requirement> read_direct_reference(const Frame& frame, const LogicalLine& line,
                                                         std::string_view spec, std::size_t begin) {
    const auto url_end = token_end(spec, 0);
    const auto [location, path_extras] = split_extras(spec.substr(0, url_end));
    const auto rest = core::trim(spec.substr(url_end));
    if (!rest.empty() && rest.front() != ';') {
      const auto at = begin + static_cast<std::size_t>(rest.data() - spec.data());
      diagnose(line.locate(frame.path, at),
               fmt::format("invalid requirement '{}': expected ';' and markers after the URL", spec),
               core::Diagnostic::Level::error);
      return std::nullopt;
    }
    core::Requirement requirement;
    const auto egg = egg_fragment(location);
    const auto [egg_name, egg_extras] = split_extras(egg.value_or(""));
    requirement.name = std::string(egg ? egg_name : name_from_location(location));
    if (requirement.name.empty()) {
      // `-e .` names no component: the directory it points at is the best guess.
      const auto directory = core::join_inside(core::parent_dir(frame.path), location);
      requirement.name = directory ? std::string(core::base_name(*directory)) : std::string(location);
    }
    requirement.normalized_name = core::normalize_pypi_name(requirement.name);
    requirement.extras = path_extras.empty() ? egg_extras : path_extras;
    if (!rest.empty()) requirement.markers = std::string(core::trim(rest.substr(1)));
    requirement.url = std::string(location);
    requirement.resolvable = false;
    return requirement;
  }

  void include(Frame& frame, std::string_view file, core::SourceLocation where, bool constraint) {
    const auto path = core::join_inside(core::parent_dir(frame.path), file);
    if (!path) {
      diagnose(std::move(where), fmt::format("included file '{}' is outside the repository; not followed", file),
               core::Diagnostic::Level::error);
      return;
    }
    if (const auto cycle = std::ranges::find(stack_, *path); cycle != stack_.end()) {
      std::string chain;
      for (auto it = cycle; it != stack_.end(); ++it) chain += *it + " -> ";
      diagnose(std::move(where), fmt::format("include cycle {}{}; not followed", chain, *path),
               core::Diagnostic::Level::warning);
      return;
    }
    if (frame.depth + 1 > kMaxIncludeDepth) {
      diagnose(std::move(where),
               fmt::format("includes nested deeper than {} levels; '{}' not followed", kMaxIncludeDepth, *path),
               core::Diagnostic::Level::error);
      return;
    }
    const bool constraint_only = constraint || frame.constraint_only;
    if (visited_.contains({*path, constraint_only})) return;  // a diamond: its lines are already recorded
    if (visited_.size() >= kMaxIncludedFiles || included_bytes_ >= kMaxIncludedBytes) {
      diagnose(std::move(where),
               fmt::format("more than {} included files or {} MiB of includes; '{}' not followed", kMaxIncludedFiles,
                           kMaxIncludedBytes >> 20, *path),
               core::Diagnostic::Level::error);
      return;
    }
    auto contents = others_.read(*path);
    if (!contents) {
      diagnose(std::move(where),
               fmt::format("cannot read included file '{}': {}", file, core::to_string(contents.error())),
               core::Diagnostic::Level::error);
      return;
    }
    if (core::looks_binary(*contents)) {
      diagnose(std::move(where), fmt::format("included file '{}' looks binary; not read", file),
               core::Diagnostic::Level::error);
      return;
    }
    if (std::ranges::find(out_.included_files, *path) == out_.included_files.end()) {
      out_.included_files.push_back(*path);
    }
    included_bytes_ += contents->size();
    read_file(*path, *contents, constraint_only, frame.depth + 1);
  }

  void diagnose(core::SourceLocation where, std::string message, core::Diagnostic::Level level) {
    out_.diagnostics.push_back({std::move(where), std::move(message), level});
  }

  const SourceView& others_;
  ReadResult& out_;
  std::vector<std::string> stack_;                   ///< files being read, outermost first
  std::set<std::pair<std::string, bool>> visited_;  ///< (path, constraint_only) already read
  std::size_t included_bytes_ = 0;
};

class RequirementsTxtReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/requirements-txt"; }

  bool accepts(std::string_view repo_path) const override { return is_requirements_file(repo_path); }

  /// A requirements.txt makes its directory a service; constraints and requirements/*.txt parts do not.
  // A `requirements/` folder makes its parent a service; the scan maps such files to the
  // parent directory (scanner::home_dir).
  bool is_primary(std::string_view repo_path) const override {
    return is_requirements_file(repo_path) && !is_constraints_file(repo_path);
  }

  ReadResult read(const ManifestFile& file, const SourceView& others) const override {
    ReadResult result;
    RequirementsWalker walker(others, result);
    walker.read_file(std::string(file.path), file.contents, is_constraints_file(file.path), 0);
    return result;
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_requirements_txt_reader() {
  return std::make_unique<python::RequirementsTxtReader>();
}

}  // namespace tracegate::scanner
