// SPDX-License-Identifier: Apache-2.0
#include "rules/python_imports.hpp"

#include <re2/re2.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <utility>

#include "rules/source_masking.hpp"

namespace tracegate::rules {

namespace {

// The pieces of an import statement, as RE2 (Latin-1, so any byte is a character and bytes
// 0x80-0xFF — the UTF-8 of a non-ASCII identifier — are identifier bytes). Blanks inside a
// statement are spaces, tabs, form feeds and backslash continuations; a bare newline ends it.
constexpr std::string_view kBlank = R"((?:[ \t\f]|\\\r?\n))";
constexpr std::string_view kIdentifier = R"([A-Za-z_\x80-\xff][A-Za-z0-9_\x80-\xff]*)";

std::string dotted() {
  return std::string(kIdentifier) + "(?:" + std::string(kBlank) + "*\\." + std::string(kBlank) + "*" +
         std::string(kIdentifier) + ")*";
}

struct Regexes {
  /// Where to look next: each candidate keyword is then checked by hand (word boundary, start
  /// of a statement) since RE2 has no look-behind.
  RE2 keyword;
  /// After `import` or a comma: one `a.b [as c]`; group 1 is the module.
  RE2 import_item;
  /// Between two items of an `import` statement.
  RE2 comma;
  /// After `from`: the dots (group 1), the module (group 2) and the `import` keyword (group 3),
  /// which must be followed by a non-identifier byte — `from . import import_x` is relative ".".
  RE2 from_header;
};

RE2::Options options() {
  RE2::Options options;
  options.set_encoding(RE2::Options::EncodingLatin1);
  options.set_log_errors(false);
  return options;
}

const Regexes& regexes() {
  static const Regexes compiled{
      RE2("import|from", options()),
      RE2(std::string(kBlank) + "*(" + dotted() + ")(?:" + std::string(kBlank) + "+as" + std::string(kBlank) + "+" +
              std::string(kIdentifier) + ")?",
          options()),
      RE2(std::string(kBlank) + "*,", options()),
      RE2(std::string(kBlank) + "*((?:\\." + std::string(kBlank) + "*)*)(" + dotted() + ")?" + std::string(kBlank) +
              "*(import)(?:[^A-Za-z0-9_\\x80-\\xff]|$)",
          options()),
  };
  return compiled;
}

/// Python's hard keywords, sorted: none of them can be a module name (`import import` is not an
/// import of a module called "import").
constexpr std::array<std::string_view, 35> kKeywords{
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def",
    "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is",
    "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
};
static_assert(std::ranges::is_sorted(kKeywords));

bool is_identifier_byte(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c >= 0x80;
}

/// Whether the keyword at `at` begins a statement: only blanks (and backslash continuations)
/// between it and the start of the text, a newline, a `;` or a compound statement's `:`. Since
/// `import` and `from` are reserved words, this is enough to tell `import x` and `from x import
/// y` from `x.import_module`, `reimport`, `yield from g` and `raise E from e`.
bool at_statement_start(std::string_view text, std::size_t at) {
  std::size_t p = at;
  while (p > 0) {
    const char c = text[p - 1];
    if (c == ' ' || c == '\t' || c == '\f') {
      --p;
    } else if (c == '\n' && p >= 2 && text[p - 2] == '\\') {
      p -= 2;
    } else if (c == '\n' && p >= 3 && text[p - 2] == '\r' && text[p - 3] == '\\') {
      p -= 3;
    } else {
      break;
    }
  }
  if (p == 0) return true;
  if (p == 3 && text.starts_with("\xEF\xBB\xBF")) return true;  // after a UTF-8 byte order mark
  const char c = text[p - 1];
  return c == '\n' || c == '\r' || c == ';' || c == ':';
}

/// The module of a matched dotted name without its blanks and continuations: "a . b" -> "a.b".
std::string compact(re2::StringPiece name) {
  std::string out;
  out.reserve(name.size());
  for (const char c : name) {
    if (c != ' ' && c != '\t' && c != '\f' && c != '\\' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

bool has_keyword_part(std::string_view module) {
  while (!module.empty()) {
    const auto dot = module.find('.');
    const auto part = module.substr(0, dot);
    if (std::ranges::binary_search(kKeywords, part)) return true;
    if (dot == std::string_view::npos) break;
    module.remove_prefix(dot + 1);
  }
  return false;
}

std::size_t offset_of(const std::string& text, re2::StringPiece piece) {
  return static_cast<std::size_t>(piece.data() - text.data());
}

/// 1-based line and column of offsets visited in increasing order, in one pass over the text.
class LineCounter {
 public:
  explicit LineCounter(std::string_view text) : text_(text) {}

  std::pair<int, int> at(std::size_t offset) {
    for (; scanned_ < offset; ++scanned_) {
      if (text_[scanned_] == '\n') {
        ++line_;
        line_start_ = scanned_ + 1;
      }
    }
    return {line_, static_cast<int>(offset - line_start_) + 1};
  }

 private:
  std::string_view text_;
  std::size_t scanned_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;
};

/// `import a.b as c, d`: one entry per item. Returns where the statement's items end.
std::size_t read_import(const std::string& masked, std::size_t after_keyword, std::pair<int, int> where,
                        std::vector<PythonImport>& imports) {
  const auto& re = regexes();
  const re2::StringPiece text(masked);
  std::size_t cursor = after_keyword;
  for (bool first = true;; first = false) {
    std::size_t from = cursor;
    re2::StringPiece groups[2];
    if (!first) {
      if (!re.comma.Match(text, cursor, masked.size(), RE2::ANCHOR_START, groups, 1)) break;
      from = offset_of(masked, groups[0]) + groups[0].size();
    }
    if (!re.import_item.Match(text, from, masked.size(), RE2::ANCHOR_START, groups, 2)) break;
    auto module = compact(groups[1]);
    if (has_keyword_part(module)) break;
    imports.push_back({std::move(module), where.first, where.second, false});
    cursor = offset_of(masked, groups[0]) + groups[0].size();
  }
  return cursor;
}

/// `from [dots][a.b] import …`: one entry for the module (the imported names do not matter to
/// which package is needed). Returns the end of the `import` keyword, or `after_keyword` when
/// this is no import (`yield from g` on a line of its own, invalid text).
std::size_t read_from(const std::string& masked, std::size_t after_keyword, std::pair<int, int> where,
                      std::vector<PythonImport>& imports) {
  const re2::StringPiece text(masked);
  re2::StringPiece groups[4];
  if (!regexes().from_header.Match(text, after_keyword, masked.size(), RE2::ANCHOR_START, groups, 4)) {
    return after_keyword;
  }
  const bool relative = !groups[1].empty();
  auto module = compact(groups[2]);
  if ((!relative && module.empty()) || has_keyword_part(module)) return after_keyword;
  if (relative || module != "__future__") imports.push_back({std::move(module), where.first, where.second, relative});
  return offset_of(masked, groups[3]) + groups[3].size();
}

}  // namespace

std::vector<PythonImport> find_python_imports(std::string_view source) {
  const std::string masked = mask_source(source, FileKind::python, /*keep_strings=*/false);
  const auto& re = regexes();
  const re2::StringPiece text(masked);
  std::vector<PythonImport> imports;
  LineCounter lines(masked);
  std::size_t pos = 0;
  re2::StringPiece keyword;
  while (pos < masked.size() && re.keyword.Match(text, pos, masked.size(), RE2::UNANCHORED, &keyword, 1)) {
    const std::size_t at = offset_of(masked, keyword);
    const std::size_t end = at + keyword.size();
    pos = end;
    if (end < masked.size() && is_identifier_byte(static_cast<unsigned char>(masked[end]))) continue;
    if (!at_statement_start(masked, at)) continue;
    const auto where = lines.at(at);
    pos = keyword.size() == 6 ? read_import(masked, end, where, imports) : read_from(masked, end, where, imports);
  }
  return imports;
}

std::string_view top_level(std::string_view module) { return module.substr(0, module.find('.')); }

}  // namespace tracegate::rules
