// SPDX-License-Identifier: Apache-2.0
#include <vector>

#include "scanner/readers.hpp"

namespace tracegate::scanner {

namespace {
using Factory = std::unique_ptr<ManifestReader> (*)();
// One row per file format; the order is the order files of a directory are read in.
constexpr Factory kReaderFactories[] = {
    &make_pyproject_toml_reader,
    &make_setup_cfg_reader,
    &make_setup_py_reader,
    &make_pipfile_reader,
    &make_requirements_txt_reader,
    &make_poetry_lock_reader,
    &make_uv_lock_reader,
    &make_pipfile_lock_reader,
    &make_python_version_file_reader,
    &make_dockerfile_reader,
};
}  // namespace

std::span<const std::unique_ptr<ManifestReader>> all_readers() {
  static const std::vector<std::unique_ptr<ManifestReader>> readers = [] {
    std::vector<std::unique_ptr<ManifestReader>> out;
    for (auto factory : kReaderFactories) out.push_back(factory());
    return out;
  }();
  return readers;
}

}  // namespace tracegate::scanner
