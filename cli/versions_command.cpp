// SPDX-License-Identifier: Apache-2.0
#include "cli/versions_command.hpp"

#include <algorithm>
#include <cstdio>
#include <deque>
#include <future>
#include <memory>
#include <string>
#include <thread>

#include "cli/exit_code.hpp"
#include "cli/version_queries.hpp"
#include "core/error.hpp"

namespace tracegate::cli {

namespace {

/// A block of whole query lines is the unit of parallel work: large enough that handing it to
/// a thread costs nothing next to answering it, small enough that memory stays bounded.
constexpr std::size_t kBlockSize = 1 << 20;

/// The answers to every line of `block` (each line ends with '\n', except perhaps the last).
std::string answer_block(QueryAnswerer answer, const std::string& block) {
  std::string answers;
  answers.reserve(block.size() / 2);
  std::string_view rest(block);
  while (!rest.empty()) {
    const auto newline = rest.find('\n');
    auto line = rest.substr(0, newline);
    rest.remove_prefix(newline == std::string_view::npos ? rest.size() : newline + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    answer(line, answers);
    answers.push_back('\n');
  }
  return answers;
}

/// Answers every line of `in` on `out`, in order. Blocks of lines are answered by up to
/// `jobs` threads at once and written in input order; memory stays bounded (about 2 × jobs
/// blocks) whatever the input size.
void stream_answers(QueryAnswerer answer, std::FILE* in, std::FILE* out, unsigned jobs) {
  std::deque<std::future<std::string>> in_flight;
  auto write_oldest = [&] {
    const std::string answers = in_flight.front().get();
    in_flight.pop_front();
    std::fwrite(answers.data(), 1, answers.size(), out);
  };
  auto submit = [&](std::string block) {
    if (jobs <= 1) {
      const std::string answers = answer_block(answer, block);
      std::fwrite(answers.data(), 1, answers.size(), out);
      return;
    }
    in_flight.push_back(std::async(std::launch::async, [answer, block = std::move(block)] {
      return answer_block(answer, block);
    }));
    if (in_flight.size() > jobs) write_oldest();
  };

  std::string block;
  std::size_t n = 0;
  std::string buffer(kBlockSize, '\0');
  while ((n = std::fread(buffer.data(), 1, buffer.size(), in)) > 0) {
    const std::string_view chunk(buffer.data(), n);
    const auto last_newline = chunk.rfind('\n');
    if (last_newline == std::string_view::npos) {  // a line longer than a block
      block.append(chunk);
      continue;
    }
    block.append(chunk.substr(0, last_newline + 1));
    submit(std::exchange(block, std::string(chunk.substr(last_newline + 1))));
  }
  if (!block.empty()) submit(std::move(block));
  while (!in_flight.empty()) write_oldest();
  std::fflush(out);
}

}  // namespace

void add_versions_command(CLI::App& app, int& exit_code) {
  auto ecosystem = std::make_shared<std::string>("pypi");
  auto jobs = std::make_shared<unsigned>(0);
  auto* versions = app.add_subcommand(
      "versions", "Answer version questions from stdin, one per line: cmp, in, norm (pypi also req, marker; see docs/versions.md)");
  versions->add_option("--ecosystem", *ecosystem, "pypi, packagist, maven or gradle");
  versions->add_option("--jobs,-j", *jobs, "threads answering blocks of queries (default: CPU count; answers keep input order)");
  versions->callback([ecosystem, jobs, &exit_code] {
    auto answer = find_query_answerer(*ecosystem);
    if (!answer) throw core::Fatal(answer.error().message);
    const unsigned threads = *jobs > 0 ? *jobs : std::max(1u, std::thread::hardware_concurrency());
    stream_answers(*answer, stdin, stdout, threads);
    exit_code = kClean;
  });
}

}  // namespace tracegate::cli
