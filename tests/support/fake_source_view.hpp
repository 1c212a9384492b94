// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "scanner/manifest_reader.hpp"

namespace tracegate::testing {

/// In-memory repository for reader tests: path -> bytes.
class FakeSourceView : public scanner::SourceView {
 public:
  FakeSourceView() = default;
  FakeSourceView(std::initializer_list<std::pair<const std::string, std::string>> files) : files_(files) {}
  void add(std::string path, std::string contents) { files_[std::move(path)] = std::move(contents); }
  core::Result<std::string> read(std::string_view repo_path) const override {
    auto it = files_.find(std::string(repo_path));
    if (it == files_.end()) return core::fail(fmt::format("{}: no such file", repo_path));
    return it->second;
  }

 private:
  std::map<std::string, std::string> files_;
};

/// Bytes of fixtures/<relative>; fails the test binary loudly when absent.
inline std::string read_fixture(const std::string& relative) {
  std::ifstream in(std::string(TRACEGATE_FIXTURES_DIR) + "/" + relative, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace tracegate::testing
