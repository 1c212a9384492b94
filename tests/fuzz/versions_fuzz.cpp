// SPDX-License-Identifier: Apache-2.0
// Fuzz target: the version parsers and the knowledge-base loader on arbitrary bytes. The first
// byte picks the part: the `tracegate versions` answerer of one ecosystem (every line of the
// input is a query, and each line also goes in as a bare version and constraint), the rules
// loader (the bytes as a rule file), or source masking for every file kind and the Python
// import finder the audit runs on service code.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "cli/version_queries.hpp"
#include "rules/knowledge_base.hpp"
#include "rules/python_imports.hpp"
#include "rules/source_masking.hpp"

namespace {

constexpr std::string_view kEcosystems[] = {"pypi", "packagist", "maven", "gradle"};

void answer_lines(std::string_view ecosystem, std::string_view bytes) {
  const auto answer = tracegate::cli::find_query_answerer(ecosystem);
  if (!answer) return;
  std::string out;
  std::size_t start = 0;
  while (start <= bytes.size()) {
    const auto newline = bytes.find('\n', start);
    const auto line = bytes.substr(start, newline == std::string_view::npos ? std::string_view::npos : newline - start);
    (*answer)(line, out);
    const std::string text(line);
    (*answer)("norm\t" + text, out);
    (*answer)("in\t1.0\t" + text, out);
    (*answer)("cmp\t" + text + "\t1.0-rc1", out);
    out.clear();
    if (newline == std::string_view::npos) break;
    start = newline + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  const unsigned selector = data[0] % 6;
  if (selector < 4) {
    answer_lines(kEcosystems[selector], bytes);
  } else if (selector == 4) {
    (void)tracegate::rules::load_knowledge({{"fuzz.toml", std::string(bytes)}});
  } else {
    for (const auto kind : {tracegate::rules::FileKind::python, tracegate::rules::FileKind::php,
                            tracegate::rules::FileKind::java, tracegate::rules::FileKind::yaml}) {
      (void)tracegate::rules::mask_source(bytes, kind, false);
    }
    (void)tracegate::rules::find_python_imports(bytes);
  }
  return 0;
}
