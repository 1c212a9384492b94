// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>
#include <span>

#include "scanner/manifest_reader.hpp"

namespace tracegate::scanner {

// One factory per file format; each lives in its own .cpp under scanner/<ecosystem>/.
std::unique_ptr<ManifestReader> make_requirements_txt_reader();
std::unique_ptr<ManifestReader> make_pyproject_toml_reader();
std::unique_ptr<ManifestReader> make_poetry_lock_reader();
std::unique_ptr<ManifestReader> make_uv_lock_reader();
std::unique_ptr<ManifestReader> make_pipfile_reader();
std::unique_ptr<ManifestReader> make_pipfile_lock_reader();
std::unique_ptr<ManifestReader> make_setup_cfg_reader();
std::unique_ptr<ManifestReader> make_setup_py_reader();
std::unique_ptr<ManifestReader> make_python_version_file_reader();
std::unique_ptr<ManifestReader> make_dockerfile_reader();

/// Every reader, in a fixed order.
std::span<const std::unique_ptr<ManifestReader>> all_readers();

}  // namespace tracegate::scanner
