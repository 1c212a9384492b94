// SPDX-License-Identifier: Apache-2.0
#include "rules/python_stdlib.hpp"

#include <algorithm>
#include <array>
#include <span>

namespace tracegate::rules {

namespace {

// The top-level standard-library module names of CPython 3.7 to 3.14, as one list for 3.7 and,
// for each later minor, the names it added and removed. Produced (by a throwaway script that
// sorted and diffed the lists) from:
//   - 3.10, 3.11, 3.12, 3.13: `sorted(sys.stdlib_module_names)` of CPython 3.10.13, 3.11.7,
//     3.12.1 and 3.13.0 builds (the list the interpreter itself uses: every platform, private
//     modules included, test-only modules such as _testcapi and xxlimited left out);
//   - 3.7, 3.8, 3.9 (no sys.stdlib_module_names yet): the same rule applied to CPython 3.7.16,
//     3.8.18 and 3.9.18 builds — sys.builtin_module_names, Lib/*.py and Lib/ packages,
//     lib-dynload extensions — plus the platform-only or optional modules that 3.10's list has
//     and a Linux build does not show (_dbm, _gdbm, _frozen_importlib, _frozen_importlib_external,
//     _msi, msilib, _overlapped, _scproxy, _winapi, msvcrt, nt, winreg, winsound);
//   - 3.13 also lists _apple_support (Lib/_apple_support.py, python/cpython#127592, backported
//     to 3.13 in #127754, so in 3.13.2 and later);
//   - 3.14: 3.13 plus the "New modules" of "What's New in Python 3.14"
//     (https://docs.python.org/3/whatsnew/3.14.html): annotationlib (PEP 749) and compression
//     (PEP 784; string.templatelib and concurrent.interpreters are submodules of existing
//     packages), and the private _hmac, _py_warnings, _remote_debugging (PEP 768), _types and
//     _zstd (PEP 784); 3.14 removed no module.
// The removals agree with the "What's New" pages: 3.8 macpath; 3.9 dummy_threading; 3.10
// formatter, parser, symbol; 3.11 binhex; 3.12 asynchat, asyncore, distutils, imp, smtpd
// (https://docs.python.org/3/whatsnew/3.12.html#removed); 3.13 the 19 PEP 594 "dead batteries"
// (aifc, audioop, cgi, cgitb, chunk, crypt, imghdr, mailcap, msilib, nis, nntplib, ossaudiodev,
// pipes, sndhdr, spwd, sunau, telnetlib, uu, xdrlib) and lib2to3
// (https://docs.python.org/3/whatsnew/3.13.html#whatsnew313-pep594). The additions too: 3.7
// contextvars, dataclasses (in the base list); 3.9 graphlib, zoneinfo; 3.11 tomllib.
constexpr std::array<std::string_view, 303> kBase{
    "__future__", "_abc", "_ast", "_asyncio", "_bisect", "_blake2", "_bootlocale", "_bz2",
    "_codecs", "_codecs_cn", "_codecs_hk", "_codecs_iso2022", "_codecs_jp", "_codecs_kr",
    "_codecs_tw", "_collections", "_collections_abc", "_compat_pickle", "_compression",
    "_contextvars", "_crypt", "_csv", "_ctypes", "_curses", "_curses_panel", "_datetime", "_dbm",
    "_decimal", "_dummy_thread", "_elementtree", "_frozen_importlib", "_frozen_importlib_external",
    "_functools", "_gdbm", "_hashlib", "_heapq", "_imp", "_io", "_json", "_locale", "_lsprof",
    "_lzma", "_markupbase", "_md5", "_msi", "_multibytecodec", "_multiprocessing", "_opcode",
    "_operator", "_osx_support", "_overlapped", "_pickle", "_posixsubprocess", "_py_abc",
    "_pydecimal", "_pyio", "_queue", "_random", "_scproxy", "_sha1", "_sha256", "_sha3", "_sha512",
    "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_string",
    "_strptime", "_struct", "_symtable", "_thread", "_threading_local", "_tkinter", "_tracemalloc",
    "_uuid", "_warnings", "_weakref", "_weakrefset", "_winapi", "abc", "aifc", "antigravity",
    "argparse", "array", "ast", "asynchat", "asyncio", "asyncore", "atexit", "audioop", "base64",
    "bdb", "binascii", "binhex", "bisect", "builtins", "bz2", "cProfile", "calendar", "cgi",
    "cgitb", "chunk", "cmath", "cmd", "code", "codecs", "codeop", "collections", "colorsys",
    "compileall", "concurrent", "configparser", "contextlib", "contextvars", "copy", "copyreg",
    "crypt", "csv", "ctypes", "curses", "dataclasses", "datetime", "dbm", "decimal", "difflib",
    "dis", "distutils", "doctest", "dummy_threading", "email", "encodings", "ensurepip", "enum",
    "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch", "formatter", "fractions",
    "ftplib", "functools", "gc", "genericpath", "getopt", "getpass", "gettext", "glob", "grp",
    "gzip", "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib", "imghdr", "imp",
    "importlib", "inspect", "io", "ipaddress", "itertools", "json", "keyword", "lib2to3",
    "linecache", "locale", "logging", "lzma", "macpath", "mailbox", "mailcap", "marshal", "math",
    "mimetypes", "mmap", "modulefinder", "msilib", "msvcrt", "multiprocessing", "netrc", "nis",
    "nntplib", "nt", "ntpath", "nturl2path", "numbers", "opcode", "operator", "optparse", "os",
    "ossaudiodev", "parser", "pathlib", "pdb", "pickle", "pickletools", "pipes", "pkgutil",
    "platform", "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty",
    "pwd", "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random",
    "re", "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched", "secrets", "select",
    "selectors", "shelve", "shlex", "shutil", "signal", "site", "smtpd", "smtplib", "sndhdr",
    "socket", "socketserver", "spwd", "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl",
    "stat", "statistics", "string", "stringprep", "struct", "subprocess", "sunau", "symbol",
    "symtable", "sys", "sysconfig", "syslog", "tabnanny", "tarfile", "telnetlib", "tempfile",
    "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter", "token", "tokenize",
    "trace", "traceback", "tracemalloc", "tty", "turtle", "turtledemo", "types", "typing",
    "unicodedata", "unittest", "urllib", "uu", "uuid", "venv", "warnings", "wave", "weakref",
    "webbrowser", "winreg", "winsound", "wsgiref", "xdrlib", "xml", "xmlrpc", "zipapp", "zipfile",
    "zipimport", "zlib",
};

constexpr std::array<std::string_view, 2> kAdded38{
    "_posixshmem", "_statistics",
};
constexpr std::array<std::string_view, 1> kRemoved38{
    "macpath",
};

constexpr std::array<std::string_view, 6> kAdded39{
    "_aix_support", "_bootsubprocess", "_peg_parser", "_zoneinfo", "graphlib", "zoneinfo",
};
constexpr std::array<std::string_view, 2> kRemoved39{
    "_dummy_thread", "dummy_threading",
};

constexpr std::array<std::string_view, 0> kAdded310{};
constexpr std::array<std::string_view, 5> kRemoved310{
    "_bootlocale", "_peg_parser", "formatter", "parser", "symbol",
};

constexpr std::array<std::string_view, 3> kAdded311{
    "_tokenize", "_typing", "tomllib",
};
constexpr std::array<std::string_view, 1> kRemoved311{
    "binhex",
};

constexpr std::array<std::string_view, 3> kAdded312{
    "_pydatetime", "_pylong", "_sha2",
};
constexpr std::array<std::string_view, 8> kRemoved312{
    "_bootsubprocess", "_sha256", "_sha512", "asynchat", "asyncore", "distutils", "imp", "smtpd",
};

constexpr std::array<std::string_view, 12> kAdded313{
    "_android_support", "_apple_support", "_colorize", "_interpchannels", "_interpqueues",
    "_interpreters", "_ios_support", "_opcode_metadata", "_pyrepl", "_suggestions", "_sysconfig",
    "_wmi",
};
constexpr std::array<std::string_view, 22> kRemoved313{
    "_crypt", "_msi", "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "lib2to3",
    "mailcap", "msilib", "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau",
    "telnetlib", "uu", "xdrlib",
};

constexpr std::array<std::string_view, 7> kAdded314{
    "_hmac", "_py_warnings", "_remote_debugging", "_types", "_zstd", "annotationlib", "compression",
};
constexpr std::array<std::string_view, 0> kRemoved314{};

struct Changes {
  int minor;
  std::span<const std::string_view> added;
  std::span<const std::string_view> removed;
};

constexpr std::array<Changes, 7> kChanges{{
    {8, kAdded38, kRemoved38},
    {9, kAdded39, kRemoved39},
    {10, kAdded310, kRemoved310},
    {11, kAdded311, kRemoved311},
    {12, kAdded312, kRemoved312},
    {13, kAdded313, kRemoved313},
    {14, kAdded314, kRemoved314},
}};

constexpr bool sorted_and_unique(std::span<const std::string_view> names) {
  return std::ranges::adjacent_find(names, std::ranges::greater_equal{}) == names.end();
}

constexpr bool table_is_sorted() {
  if (!sorted_and_unique(kBase)) return false;
  for (const auto& changes : kChanges) {
    if (!sorted_and_unique(changes.added) || !sorted_and_unique(changes.removed)) return false;
  }
  return true;
}
static_assert(table_is_sorted(), "the standard-library lists must stay sorted (binary search)");
static_assert(kChanges.front().minor == kOldestKnownPythonMinor + 1);
static_assert(kChanges.back().minor == kNewestKnownPythonMinor);

bool contains(std::span<const std::string_view> names, std::string_view name) {
  return std::ranges::binary_search(names, name);
}

}  // namespace

bool is_stdlib_module(std::string_view top_level_name, int python_minor) {
  const int minor = std::clamp(python_minor, kOldestKnownPythonMinor, kNewestKnownPythonMinor);
  bool present = contains(kBase, top_level_name);
  for (const auto& changes : kChanges) {
    if (changes.minor > minor) break;
    if (contains(changes.added, top_level_name)) present = true;
    if (contains(changes.removed, top_level_name)) present = false;
  }
  return present;
}

}  // namespace tracegate::rules
