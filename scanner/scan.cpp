// SPDX-License-Identifier: Apache-2.0
#include "scanner/scan.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include <fmt/format.h>

#include "core/repo_path.hpp"
#include "scanner/readers.hpp"
#include "scanner/service_facts.hpp"
#include "scanner/snapshot_source_view.hpp"

namespace tracegate::scanner {

namespace {

struct Candidate {
  std::string path;
  const ManifestReader* reader;
  std::string home;
};

struct ReadFile {
  std::string path;
  ReadResult result;
};

bool is_excluded(std::string_view path, const std::vector<std::string>& patterns) {
  if (patterns.empty()) return false;
  std::string prefix(path);
  while (!prefix.empty()) {
    for (const auto& pattern : patterns) {
      if (fnmatch(pattern.c_str(), prefix.c_str(), 0) == 0) return true;
    }
    prefix = std::string(core::parent_dir(prefix));
  }
  return false;
}

const ManifestReader* reader_for(std::string_view path) {
  for (const auto& reader : all_readers()) {
    if (reader->accepts(path)) return reader.get();
  }
  return nullptr;
}

/// The deepest service directory that holds `dir`, if any.
const std::string* owner_of(std::string_view dir, const std::set<std::string>& service_dirs) {
  std::string current(dir);
  while (true) {
    if (auto it = service_dirs.find(current); it != service_dirs.end()) return &*it;
    if (current.empty()) return nullptr;
    current = std::string(core::parent_dir(current));
  }
}

ReadFile read_one(const Candidate& candidate, const SnapshotSourceView& view) {
  ReadFile file{candidate.path, {}};
  auto bytes = view.read(candidate.path);
  if (!bytes) {
    file.result.diagnostics.push_back({{candidate.path, 0, 0}, bytes.error().message});
    return file;
  }
  // Readers report bad input as diagnostics; should one still throw (a bug, memory exhausted),
  // only this file is lost, never the rest of the scan.
  try {
    file.result = candidate.reader->read(ManifestFile{candidate.path, *bytes}, view);
  } catch (const std::exception& error) {
    file.result = {};
    file.result.diagnostics.push_back(
        {{candidate.path, 0, 0}, fmt::format("internal error in reader {}: {}", candidate.reader->name(), error.what())});
  }
  return file;
}

template <class T, class Key>
void dedupe_by(std::vector<T>& items, Key key) {
  std::set<decltype(key(items.front()))> seen;
  std::erase_if(items, [&](const T& item) { return !seen.insert(key(item)).second; });
}

core::Service assemble(const std::string& dir, std::vector<ReadFile>& files, const core::RepositoryRef& ref) {
  core::Service service;
  service.source = ref;
  service.path = dir.empty() ? "." : dir;
  service.language = core::Language::python;
  for (auto& file : files) {
    auto& r = file.result;
    if (service.name.empty() && r.project_name && !r.project_name->empty()) service.name = *r.project_name;
    service.files.push_back(file.path);
    for (auto& included : r.included_files) service.files.push_back(included);
    std::ranges::move(r.requirements, std::back_inserter(service.requirements));
    std::ranges::move(r.lock_entries, std::back_inserter(service.lock_entries));
    std::ranges::move(r.runtime_hints, std::back_inserter(service.runtime_hints));
    std::ranges::move(r.diagnostics, std::back_inserter(service.diagnostics));
  }
  if (service.name.empty()) {
    service.name = dir.empty() ? (ref.name.empty() ? ref.repository : ref.name) : std::string(core::base_name(dir));
  }
  std::ranges::sort(service.files);
  service.files.erase(std::unique(service.files.begin(), service.files.end()), service.files.end());
  // A file reached both directly and through `-r` yields its lines once.
  auto where = [](const auto& item) {
    return std::make_tuple(item.origin.path, item.origin.line, item.origin.column, item.name);
  };
  dedupe_by(service.requirements, where);
  dedupe_by(service.lock_entries, where);
  dedupe_by(service.runtime_hints, [](const core::RuntimeHint& h) {
    return std::make_tuple(h.origin.path, h.origin.line, h.origin.column, h.version);
  });
  dedupe_by(service.diagnostics, [](const core::Diagnostic& d) {
    return std::make_tuple(d.where.path, d.where.line, d.where.column, d.message);
  });
  for (auto& diagnostic : service.diagnostics) diagnostic.repository = ref.repository;
  service.runtime = choose_runtime(service.runtime_hints, dir);
  service.tracer = find_tracer(service);
  return service;
}

}  // namespace

std::string home_dir(std::string_view repo_path) {
  auto dir = core::parent_dir(repo_path);
  if (core::base_name(dir) == "requirements") return std::string(core::parent_dir(dir));
  return std::string(dir);
}

RepositoryScan scan_snapshot(const RepositorySnapshot& snapshot, const ScanOptions& options) {
  RepositoryScan scan;
  scan.diagnostics = snapshot.listing_diagnostics();
  const SnapshotSourceView view(snapshot, options.max_file_bytes);

  std::vector<Candidate> primaries;
  std::vector<Candidate> companions;
  for (const auto& entry : snapshot.files()) {
    const auto* reader = reader_for(entry.path);
    if (!reader || is_excluded(entry.path, options.exclude)) continue;
    Candidate candidate{entry.path, reader, home_dir(entry.path)};
    (reader->is_primary(entry.path) ? primaries : companions).push_back(std::move(candidate));
  }

  // Primary files first: they decide which directories are services.
  std::map<std::string, std::vector<ReadFile>> by_dir;
  std::set<std::string> service_dirs;
  for (const auto& candidate : primaries) {
    auto file = read_one(candidate, view);
    // An unreadable or broken primary file still makes a service: its directory says so.
    if (!file.result.declares_no_project) service_dirs.insert(candidate.home);
    by_dir[candidate.home].push_back(std::move(file));
  }
  // A primary file of a directory that turned out not to be a service still reports its problems.
  for (auto it = by_dir.begin(); it != by_dir.end();) {
    if (service_dirs.contains(it->first)) {
      ++it;
      continue;
    }
    for (auto& file : it->second) std::ranges::move(file.result.diagnostics, std::back_inserter(scan.diagnostics));
    it = by_dir.erase(it);
  }
  for (const auto& candidate : companions) {
    const auto* owner = owner_of(candidate.home, service_dirs);
    if (!owner) continue;  // a lockfile or Dockerfile that no service owns is not read
    by_dir[*owner].push_back(read_one(candidate, view));
  }
  for (auto& [dir, files] : by_dir) scan.services.push_back(assemble(dir, files, snapshot.ref()));
  for (auto& diagnostic : scan.diagnostics) diagnostic.repository = snapshot.ref().repository;
  return scan;
}

}  // namespace tracegate::scanner
