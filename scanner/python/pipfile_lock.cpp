// SPDX-License-Identifier: Apache-2.0
// Reads Pipenv's Pipfile.lock. See docs/readers/python-pipfile-lock.md.
#include <unordered_map>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/package_name.hpp"
#include "core/repo_path.hpp"
#include "core/text.hpp"
#include "scanner/python/toml_support.hpp"
#include "scanner/readers.hpp"

namespace tracegate::scanner::python {
namespace {

using core::LineColumn;
// Not ordered_json: its linear key lookup makes parsing quadratic in the number of packages.
// File order is restored from the positions instead.
using Json = nlohmann::json;

/// Deeper JSON is refused before nlohmann sees it; a Pipfile.lock is 4 levels deep.
constexpr int kMaxJsonDepth = 128;

// --- Positions: nlohmann keeps none, so one linear pass over the text finds them ---

/// Where each object key and its value start, by path ("/default/requests/version"), down to a depth.
class JsonPositions {
 public:
  struct Spot {
    LineColumn key;
    LineColumn value;
  };

  /// `text` must be JSON that nlohmann accepted and no deeper than kMaxJsonDepth.
  JsonPositions(std::string_view text, std::size_t max_depth) : text_(text), max_depth_(max_depth) { scan(); }

  const Spot* find(const std::string& path) const {
    const auto found = spots_.find(path);
    return found == spots_.end() ? nullptr : &found->second;
  }

 private:
  struct Frame {
    bool object = false;
    bool expecting_key = false;
    std::string path;
    std::size_t index = 0;  // arrays: element number
    std::string key_path;   // objects: path of the key whose value comes next
  };

  void scan() {
    // nlohmann accepts a UTF-8 byte-order mark; it is not a column.
    if (text_.starts_with("\xEF\xBB\xBF")) line_start_ = pos_ = 3;
    for (; pos_ < text_.size(); ++pos_) {
      const char c = text_[pos_];
      if (c == '\n') {
        ++line_;
        line_start_ = pos_ + 1;
      } else if (c == '"') {
        string_token();
      } else if (c == '{' || c == '[') {
        auto path = value_starts();
        stack_.push_back(Frame{c == '{', c == '{', std::move(path)});
      } else if (c == '}' || c == ']') {
        if (!stack_.empty()) stack_.pop_back();
      } else if (c == ',') {
        next_member();
      } else if (c != ' ' && c != '\t' && c != '\r' && c != ':') {
        value_starts();
        skip_literal();
      }
    }
  }

  /// true, false, null or a number: up to the next delimiter.
  void skip_literal() {
    constexpr std::string_view kDelimiters = ",}] \t\r\n";
    while (pos_ + 1 < text_.size() && kDelimiters.find(text_[pos_ + 1]) == std::string_view::npos) ++pos_;
  }

  void next_member() {
    if (stack_.empty()) return;
    auto& frame = stack_.back();
    if (frame.object) {
      frame.expecting_key = true;
    } else {
      ++frame.index;
    }
  }

  void string_token() {
    const auto start = pos_;
    for (++pos_; pos_ < text_.size() && text_[pos_] != '"'; ++pos_) {
      if (text_[pos_] == '\\') ++pos_;
    }
    if (stack_.empty() || !stack_.back().object || !stack_.back().expecting_key) {
      value_starts(start);
      return;
    }
    auto& frame = stack_.back();
    frame.expecting_key = false;
    frame.key_path = frame.path + "/" + std::string(text_.substr(start + 1, pos_ - start - 1));
    if (stack_.size() <= max_depth_) spots_[frame.key_path].key = here(start);
  }

  /// Records the value starting at `start` (default: the current character) and returns its path.
  std::string value_starts(std::size_t start = std::string_view::npos) {
    if (stack_.empty()) return {};
    const auto& frame = stack_.back();
    if (!frame.object) return fmt::format("{}/{}", frame.path, frame.index);
    if (stack_.size() <= max_depth_)
      spots_[frame.key_path].value = here(start == std::string_view::npos ? pos_ : start);
    return frame.key_path;
  }

  LineColumn here(std::size_t offset) const { return LineColumn{line_, static_cast<int>(offset - line_start_ + 1)}; }

  std::string_view text_;
  std::size_t max_depth_;
  std::size_t pos_ = 0;
  int line_ = 1;
  std::size_t line_start_ = 0;
  std::vector<Frame> stack_;
  std::unordered_map<std::string, Spot> spots_;
};

// --- Reading ---

/// nlohmann's what() repeats the position ("... at line 3, column 8: ") and may quote raw bytes.
std::string parse_error_message(const std::string& what) {
  auto message = std::string_view(what);
  const auto at = message.find("parse error");
  const auto colon = message.find(": ", at == std::string_view::npos ? 0 : at);
  if (colon != std::string_view::npos) message.remove_prefix(colon + 2);
  std::string out(message);
  for (char& c : out) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20 || byte >= 0x7f) c = '?';  // the "last read" excerpt can hold binary or broken UTF-8
  }
  return out;
}

std::string_view type_name(const Json& value) {
  switch (value.type()) {
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    case Json::value_t::null: return "null";
    default: return "something else";
  }
}

class PipfileLockParser {
 public:
  PipfileLockParser(const ManifestFile& file, const JsonPositions& positions, ReadResult& out)
      : file_(file), positions_(positions), out_(out) {}

  void read(const Json& doc) {
    for (const auto& [key, value] : doc.items()) {
      if (key == "_meta") {
        read_meta(value);
      } else if (expect_object(value, "/" + key, fmt::format("'{}'", key))) {
        read_section(key, value);  // "default", "develop", or a Pipenv >= 2022.10 custom category
      }
    }
  }

 private:
  void read_meta(const Json& meta) {
    if (!meta.is_object()) return;
    const auto requires_it = meta.find("requires");
    if (requires_it == meta.end() || !requires_it->is_object()) return;
    for (const auto& [key, value] : requires_it->items()) {
      // Both name an exact interpreter, like a .python-version file does.
      if (key != "python_version" && key != "python_full_version") continue;
      const auto path = fmt::format("/_meta/requires/{}", key);
      if (!value.is_string()) {
        error(value_at(path), fmt::format("'_meta.requires.{}' must be a string, not {}", key, type_name(value)));
        continue;
      }
      out_.runtime_hints.push_back(core::RuntimeHint{core::Language::python, value.get<std::string>(), false,
                                                     core::ConstraintSyntax::pep440, core::RuntimeSource::version_file,
                                                     value_at(path)});
    }
  }

  void read_section(const std::string& section, const Json& packages) {
    for (const auto& [name, entry] : packages.items()) {
      const auto path = fmt::format("/{}/{}", section, name);
      if (!expect_object(entry, path, fmt::format("'{}.{}'", section, name))) continue;
      core::LockEntry lock;
      lock.ecosystem = core::Ecosystem::pypi;
      lock.name = name;
      lock.normalized_name = core::normalize_pypi_name(name);
      lock.groups = {section};
      lock.origin = key_at(path);
      const auto version = entry.find("version");
      // git/path/file entries pin no registry version; they stay, with an empty version.
      if (version != entry.end() && !read_version(*version, section, path, lock)) continue;
      out_.lock_entries.push_back(std::move(lock));
    }
  }

  bool read_version(const Json& version, const std::string& section, const std::string& path, core::LockEntry& lock) {
    const auto where = value_at(path + "/version");
    if (!version.is_string()) {
      error(where, fmt::format("'{}.{}.version' must be a string, not {}", section, lock.name, type_name(version)));
      return false;
    }
    const auto text = version.get<std::string>();
    const auto pin = text.starts_with("===") ? 3 : text.starts_with("==") ? 2 : 0;
    if (pin == 0) warning(where, fmt::format("version '{}' of '{}' is not pinned with '=='", text, lock.name));
    lock.version = text.substr(pin);
    return true;
  }

  bool expect_object(const Json& value, const std::string& path, std::string_view what) {
    if (value.is_object()) return true;
    error(value_at(path), fmt::format("{} must be an object, not {}", what, type_name(value)));
    return false;
  }

  core::SourceLocation key_at(const std::string& path) const {
    const auto* spot = positions_.find(path);
    return location(spot == nullptr ? LineColumn{} : spot->key);
  }
  core::SourceLocation value_at(const std::string& path) const {
    const auto* spot = positions_.find(path);
    return location(spot == nullptr ? LineColumn{} : spot->value);
  }
  core::SourceLocation location(LineColumn at) const {
    return core::SourceLocation{std::string(file_.path), at.line, at.column};
  }

  void error(core::SourceLocation where, std::string message) {
    report(std::move(where), std::move(message), core::Diagnostic::Level::error);
  }
  void warning(core::SourceLocation where, std::string message) {
    report(std::move(where), std::move(message), core::Diagnostic::Level::warning);
  }
  void report(core::SourceLocation where, std::string message, core::Diagnostic::Level level) {
    core::Diagnostic diagnostic;
    diagnostic.where = std::move(where);
    diagnostic.message = std::move(message);
    diagnostic.level = level;
    out_.diagnostics.push_back(std::move(diagnostic));
  }

  const ManifestFile& file_;
  const JsonPositions& positions_;
  ReadResult& out_;
};

class PipfileLockReader final : public ManifestReader {
 public:
  std::string_view name() const override { return "python/pipfile-lock"; }
  bool accepts(std::string_view repo_path) const override { return core::base_name(repo_path) == "Pipfile.lock"; }
  bool is_primary(std::string_view) const override { return false; }

  ReadResult read(const ManifestFile& file, const SourceView&) const override {
    ReadResult out;
    auto doc = parse(file, out);
    if (!doc) return out;
    if (!doc->is_object()) {
      fail(out, file, {}, fmt::format("Pipfile.lock must be a JSON object, not {}", type_name(*doc)));
      return out;
    }
    if (!looks_like_pipfile_lock(*doc)) {
      // One diagnostic instead of one per key of, say, a package-lock.json renamed by mistake.
      fail(out, file, {}, "not a Pipfile.lock: none of '_meta', 'default', 'develop' is present");
      return out;
    }
    // Keys down to /_meta/requires/python_version and /default/<name>/version.
    const JsonPositions positions(file.contents, 3);
    PipfileLockParser(file, positions, out).read(*doc);
    sort_in_file_order(out);  // nlohmann iterates objects by key
    return out;
  }

 private:
  static std::optional<Json> parse(const ManifestFile& file, ReadResult& out) {
    if (core::bracket_depth(file.contents, kMaxJsonDepth) >= kMaxJsonDepth) {
      fail(out, file, {}, fmt::format("JSON nested deeper than {} levels; not read", kMaxJsonDepth));
      return std::nullopt;
    }
    try {
      return Json::parse(file.contents);
    } catch (const Json::parse_error& error) {
      // `byte` is 1-based: the character the parser stopped at.
      const auto at = core::line_column_at(file.contents, error.byte == 0 ? 0 : error.byte - 1);
      fail(out, file, at, parse_error_message(error.what()));
      return std::nullopt;
    } catch (const Json::exception& error) {
      fail(out, file, {}, parse_error_message(error.what()));
      return std::nullopt;
    }
  }

  static bool looks_like_pipfile_lock(const Json& doc) {
    return doc.empty() || doc.contains("_meta") || doc.contains("default") || doc.contains("develop");
  }

  static void fail(ReadResult& out, const ManifestFile& file, LineColumn at, std::string message) {
    core::Diagnostic diagnostic;
    diagnostic.where = core::SourceLocation{std::string(file.path), at.line, at.column};
    diagnostic.message = std::move(message);
    out.diagnostics.push_back(std::move(diagnostic));
  }
};

}  // namespace
}  // namespace tracegate::scanner::python

namespace tracegate::scanner {

std::unique_ptr<ManifestReader> make_pipfile_lock_reader() { return std::make_unique<python::PipfileLockReader>(); }

}  // namespace tracegate::scanner
