// SPDX-License-Identifier: Apache-2.0
#include "cli/versions_command.hpp"

#include <cstdio>
#include <memory>
#include <string>

#include "cli/exit_code.hpp"
#include "cli/version_queries.hpp"
#include "core/error.hpp"

namespace tracegate::cli {

namespace {

/// Answers every line of `in` on `out`, in order; memory stays bounded whatever the input size.
void stream_answers(QueryAnswerer answer, std::FILE* in, std::FILE* out) {
  std::string buffer(1 << 16, '\0');
  std::string pending;  // a line split across reads
  std::string answers;
  auto flush = [&] {
    std::fwrite(answers.data(), 1, answers.size(), out);
    answers.clear();
  };
  auto one = [&](std::string_view line) {
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    answer(line, answers);
    answers.push_back('\n');
    if (answers.size() >= (1 << 16)) flush();
  };
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    std::string_view chunk(buffer.data(), n);
    std::size_t start = 0;
    for (auto newline = chunk.find('\n'); newline != std::string_view::npos; newline = chunk.find('\n', start)) {
      if (pending.empty()) {
        one(chunk.substr(start, newline - start));
      } else {
        pending.append(chunk.substr(start, newline - start));
        one(pending);
        pending.clear();
      }
      start = newline + 1;
    }
    pending.append(chunk.substr(start));
  }
  if (!pending.empty()) one(pending);
  flush();
  std::fflush(out);
}

}  // namespace

void add_versions_command(CLI::App& app, int& exit_code) {
  auto ecosystem = std::make_shared<std::string>("pypi");
  auto* versions = app.add_subcommand(
      "versions", "Answer version questions from stdin, one per line: cmp, in, norm, req, marker (see docs/versions.md)");
  versions->add_option("--ecosystem", *ecosystem, "pypi (packagist, maven and gradle to come)");
  versions->callback([ecosystem, &exit_code] {
    auto answer = find_query_answerer(*ecosystem);
    if (!answer) throw core::Fatal(answer.error().message);
    stream_answers(*answer, stdin, stdout);
    exit_code = kClean;
  });
}

}  // namespace tracegate::cli
