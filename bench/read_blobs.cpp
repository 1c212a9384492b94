// SPDX-License-Identifier: Apache-2.0
//
// read_blobs: the floor for `tracegate scan --ref HEAD --discover DIR`.
//
// Finds every git repository below DIR (a directory with a `.git` entry, or a bare
// repository; the search does not go further down into a repository, nor into the
// directories a scan skips), resolves REF (default HEAD) in each, walks the
// tree and reads every blob whose name a tracegate manifest reader would accept, touching
// every byte.  Nothing is parsed; this is the cost of discovery + libgit2 object access
// alone, so `scan time / read_blobs time` is the overhead tracegate adds on top.
//
//   read_blobs DIR [--ref REF] [--jobs N (0: one per CPU; default 1)] [--list]
//
// Prints `repos=… blobs=… bytes=… checksum=…` on stdout; --list also prints every blob read
// as `<repo>\t<path>\t<size>`.  Exit status 1 when a repository could not be read.

#include <git2.h>

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <vector>

namespace {

namespace fs = std::filesystem;

template <auto Free>
struct Deleter {
  template <typename T>
  void operator()(T* p) const noexcept {
    Free(p);
  }
};
using Repo = std::unique_ptr<git_repository, Deleter<git_repository_free>>;
using Object = std::unique_ptr<git_object, Deleter<git_object_free>>;
using Tree = std::unique_ptr<git_tree, Deleter<git_tree_free>>;
using Blob = std::unique_ptr<git_blob, Deleter<git_blob_free>>;

std::string last_git_error() {
  const git_error* e = git_error_last();
  return e != nullptr && e->message != nullptr ? e->message : "unknown libgit2 error";
}

// ---- which files tracegate reads --------------------------------------------------------
// A copy of the scanner's rules (scanner/walk_filter.cpp and each reader's accepts()), kept
// independent of the tracegate libraries so that the floor contains no tracegate code.
// Keep it in step with them: `read_blobs --list` shows exactly what is read.

bool skipped_dir(std::string_view name) {
  if (name.starts_with('.') || name.find("{{") != std::string_view::npos) return true;  // hidden, templates
  static constexpr std::string_view kSkip[] = {"venv",  "node_modules", "site-packages", "vendor",   "__pycache__",
                                               "build", "dist",         "target",        "templates"};
  return std::find(std::begin(kSkip), std::end(kSkip), name) != std::end(kSkip) || name.ends_with(".egg-info");
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// `Dockerfile`, `dockerfile`, `Dockerfile.<x>` (not `.dockerignore`), `<x>.Dockerfile`, `<x>.dockerfile`.
bool build_file_name(std::string_view name, std::string_view stem) {
  const std::string lower_stem = lower(stem);
  if (name == stem || name == lower_stem) return true;
  if (name.ends_with(".dockerignore")) return false;
  if (name.size() > stem.size() + 1 && name.starts_with(stem) && name[stem.size()] == '.') return true;
  for (const std::string_view suffix : {stem, std::string_view(lower_stem)}) {
    if (name.size() > suffix.size() + 1 && name.ends_with(suffix) && name[name.size() - suffix.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

// requirements*.txt/.in, *constraints*.txt/.in, any .txt/.in directly inside `requirements/`.
bool requirements_name(std::string_view parent_dir_name, std::string_view name) {
  static constexpr std::string_view kNot[] = {"cmakelists", "license", "licence", "readme",  "manifest", "robots",
                                              "notice",     "authors", "changelog", "changes", "copying"};
  std::string stem = lower(name);
  if (stem.size() > 4 && stem.ends_with(".txt")) {
    stem.resize(stem.size() - 4);
  } else if (stem.size() > 3 && stem.ends_with(".in")) {
    stem.resize(stem.size() - 3);
  } else {
    return false;
  }
  if (std::find(std::begin(kNot), std::end(kNot), stem) != std::end(kNot)) return false;
  return stem.find("requirements") != std::string::npos || stem.find("constraints") != std::string::npos ||
         lower(parent_dir_name) == "requirements";
}

bool manifest_name(std::string_view parent_dir_name, std::string_view name) {
  static constexpr std::string_view kExact[] = {"pyproject.toml",  "poetry.lock", "uv.lock",       "Pipfile",
                                                "Pipfile.lock",    "setup.cfg",   "setup.py",      ".python-version",
                                                "runtime.txt",     ".tool-versions"};
  if (std::find(std::begin(kExact), std::end(kExact), name) != std::end(kExact)) return true;
  if (build_file_name(name, "Dockerfile") || build_file_name(name, "Containerfile")) return true;
  return requirements_name(parent_dir_name, name);
}

// ---- one repository ---------------------------------------------------------------------

struct Totals {
  std::uint64_t blobs = 0;
  std::uint64_t bytes = 0;
  std::uint64_t checksum = 0;
};

struct WalkState {
  git_repository* repo;
  const std::string* repo_name;
  bool list;
  Totals totals;
  std::string error;
  std::string listing;
};

int walk_entry(const char* root, const git_tree_entry* entry, void* payload) {
  auto& st = *static_cast<WalkState*>(payload);
  const std::string_view name = git_tree_entry_name(entry);
  const git_object_t type = git_tree_entry_type(entry);
  if (type == GIT_OBJECT_TREE) {
    if (skipped_dir(name)) return 1;  // 1 = do not descend
    // A directory holding pyvenv.cfg is a virtualenv whatever its name.
    git_tree* raw_sub = nullptr;
    if (git_tree_lookup(&raw_sub, st.repo, git_tree_entry_id(entry)) != 0) {
      st.error = std::string(root) + std::string(name) + ": " + last_git_error();
      return -1;
    }
    const Tree sub(raw_sub);
    return git_tree_entry_byname(sub.get(), "pyvenv.cfg") != nullptr ? 1 : 0;
  }
  if (type != GIT_OBJECT_BLOB) return 0;                           // submodule commit
  const git_filemode_t mode = git_tree_entry_filemode(entry);
  if (mode != GIT_FILEMODE_BLOB && mode != GIT_FILEMODE_BLOB_EXECUTABLE) return 0;  // symlink

  std::string_view dir = root;  // "" or "a/b/"
  if (dir.ends_with('/')) dir.remove_suffix(1);
  const auto slash = dir.rfind('/');
  const std::string_view parent = slash == std::string_view::npos ? dir : dir.substr(slash + 1);
  if (!manifest_name(parent, name)) return 0;

  git_blob* raw = nullptr;
  if (git_blob_lookup(&raw, st.repo, git_tree_entry_id(entry)) != 0) {
    st.error = std::string(root) + std::string(name) + ": " + last_git_error();
    return -1;
  }
  const Blob blob(raw);
  const auto* bytes = static_cast<const unsigned char*>(git_blob_rawcontent(blob.get()));
  const auto size = static_cast<std::uint64_t>(git_blob_rawsize(blob.get()));
  std::uint64_t sum = 0;
  for (std::uint64_t i = 0; i < size; ++i) sum += bytes[i];
  st.totals.blobs += 1;
  st.totals.bytes += size;
  st.totals.checksum += sum;
  if (st.list) {
    st.listing += *st.repo_name;
    st.listing += '\t';
    st.listing += root;
    st.listing += name;
    st.listing += '\t';
    st.listing += std::to_string(size);
    st.listing += '\n';
  }
  return 0;
}

bool read_repository(const std::string& path, const std::string& ref, bool list, Totals& totals,
                     std::string& listing, std::string& error) {
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, path.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) != 0) {
    error = path + ": open: " + last_git_error();
    return false;
  }
  const Repo repo(raw_repo);
  git_object* raw_obj = nullptr;
  if (git_revparse_single(&raw_obj, repo.get(), ref.c_str()) != 0) {
    error = path + ": " + ref + ": " + last_git_error();
    return false;
  }
  const Object obj(raw_obj);
  git_object* raw_tree = nullptr;
  if (git_object_peel(&raw_tree, obj.get(), GIT_OBJECT_TREE) != 0) {
    error = path + ": " + ref + ": " + last_git_error();
    return false;
  }
  const Tree tree(reinterpret_cast<git_tree*>(raw_tree));
  WalkState st{repo.get(), &path, list, {}, {}, {}};
  if (git_tree_walk(tree.get(), GIT_TREEWALK_PRE, walk_entry, &st) != 0) {
    error = path + ": " + (st.error.empty() ? last_git_error() : st.error);
    return false;
  }
  totals = st.totals;
  listing = std::move(st.listing);
  return true;
}

// ---- discovery --------------------------------------------------------------------------

bool is_repository(const fs::path& p) {
  std::error_code ec;
  if (fs::exists(p / ".git", ec)) return true;
  // A bare repository: HEAD plus objects/ and refs/.
  return fs::is_regular_file(p / "HEAD", ec) && fs::is_directory(p / "objects", ec) &&
         fs::is_directory(p / "refs", ec);
}

// Every repository below `dir` (or `dir` itself); a found repository is not searched further.
void discover(const fs::path& dir, std::vector<std::string>& out) {
  if (is_repository(dir)) {
    out.push_back(dir.string());
    return;
  }
  std::error_code ec;
  std::vector<fs::path> subdirs;
  for (fs::directory_iterator it(dir, fs::directory_options::skip_permission_denied, ec), end; !ec && it != end;
       it.increment(ec)) {
    std::error_code tec;
    if (it->is_symlink(tec) || !it->is_directory(tec)) continue;
    if (skipped_dir(it->path().filename().string())) continue;
    subdirs.push_back(it->path());
  }
  std::sort(subdirs.begin(), subdirs.end());
  for (const auto& s : subdirs) discover(s, out);
}

int usage() {
  std::fputs("usage: read_blobs DIR [--ref REF] [--jobs N] [--list]\n", stderr);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string root;
  std::string ref = "HEAD";
  unsigned jobs = 1;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    const std::string_view a = argv[i];
    if (a == "--ref" && i + 1 < argc) {
      ref = argv[++i];
    } else if (a == "--jobs" && i + 1 < argc) {
      const std::string_view v = argv[++i];
      if (std::from_chars(v.data(), v.data() + v.size(), jobs).ec != std::errc{}) return usage();
      if (jobs == 0) jobs = std::max(1U, std::thread::hardware_concurrency());
    } else if (a == "--list") {
      list = true;
    } else if (!a.starts_with("--") && root.empty()) {
      root = a;
    } else {
      return usage();
    }
  }
  if (root.empty()) return usage();

  std::error_code ec;
  if (!fs::is_directory(root, ec)) {
    std::fprintf(stderr, "read_blobs: %s: not a directory\n", root.c_str());
    return 2;
  }
  git_libgit2_init();
  // The scan skips object hash verification too (scanner/git/git_handles.cpp); the floor must
  // not do work the scan does not.
  git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
  std::vector<std::string> repos;
  discover(fs::path(root), repos);
  if (repos.empty()) {
    std::fprintf(stderr, "read_blobs: %s: no git repository found below it\n", root.c_str());
    return 1;
  }

  struct Result {
    Totals totals;
    std::string listing;
    std::string error;
    bool ok = false;
  };
  std::vector<Result> results(repos.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < repos.size();) {
      auto& r = results[i];
      r.ok = read_repository(repos[i], ref, list, r.totals, r.listing, r.error);
    }
  };
  {
    std::vector<std::jthread> threads;
    for (unsigned t = 1; t < jobs; ++t) threads.emplace_back(worker);
    worker();
  }

  Totals all;
  std::size_t failed = 0;
  for (const auto& r : results) {
    if (!r.ok) {
      ++failed;
      std::fprintf(stderr, "read_blobs: %s\n", r.error.c_str());
      continue;
    }
    all.blobs += r.totals.blobs;
    all.bytes += r.totals.bytes;
    all.checksum += r.totals.checksum;
    if (list) std::fputs(r.listing.c_str(), stdout);
  }
  std::printf("repos=%zu blobs=%llu bytes=%llu checksum=%llu failed=%zu\n", repos.size(),
              static_cast<unsigned long long>(all.blobs), static_cast<unsigned long long>(all.bytes),
              static_cast<unsigned long long>(all.checksum), failed);
  git_libgit2_shutdown();
  return failed == 0 ? 0 : 1;
}
