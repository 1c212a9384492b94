// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostic.hpp"
#include "core/error.hpp"
#include "core/lock_entry.hpp"
#include "core/requirement.hpp"
#include "core/runtime.hpp"

namespace tracegate::scanner {

/// A file handed to a reader: repository-relative path and its bytes.
struct ManifestFile {
  std::string_view path;
  std::string_view contents;
};

/// Lets a reader open other files of the same repository (a requirements `-r` include).
/// Paths are repository-relative; the view refuses anything that is not inside the repository,
/// too large or binary, with an error saying so.
class SourceView {
 public:
  virtual ~SourceView() = default;
  virtual core::Result<std::string> read(std::string_view repo_path) const = 0;
};

/// What a file yields. A half-broken file still gives its good part plus diagnostics.
struct ReadResult {
  std::optional<std::string> project_name;  ///< the name the manifest gives the project
  std::vector<core::Requirement> requirements;
  std::vector<core::LockEntry> lock_entries;
  std::vector<core::RuntimeHint> runtime_hints;
  std::vector<core::Diagnostic> diagnostics;
  std::vector<std::string> included_files;  ///< other files the reader opened through SourceView
  /// A primary file that, once read, declares no project (a pyproject.toml holding only
  /// [tool.black]): its directory is not a service for it.
  bool declares_no_project = false;
};

/// One file format. See docs/adding-a-manifest-reader.md.
class ManifestReader {
 public:
  virtual ~ManifestReader() = default;
  /// `<ecosystem>/<format>`, e.g. "python/requirements-txt".
  virtual std::string_view name() const = 0;
  /// Filename test only: cheap, no I/O.
  virtual bool accepts(std::string_view repo_path) const = 0;
  /// True when the file makes its directory a service (pyproject.toml, Pipfile, requirements.txt).
  virtual bool is_primary(std::string_view repo_path) const = 0;
  virtual ReadResult read(const ManifestFile& file, const SourceView& others) const = 0;
};

}  // namespace tracegate::scanner
