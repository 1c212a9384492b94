// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "resolvers/pep440.hpp"

/// PEP 508 requirements and environment markers exactly as Python's `packaging` 23.x.
namespace tracegate::resolvers::pep508 {

/// The marker variables of one target environment (python_version, sys_platform, extra, ...).
using Environment = std::map<std::string, std::string, std::less<>>;

/// A parsed marker expression: `python_version >= "3.8" and (sys_platform == "linux" or extra == "x")`.
class Marker {
 public:
  struct Node;
  Marker();
  ~Marker();
  Marker(Marker&&) noexcept;
  Marker& operator=(Marker&&) noexcept;
  Marker(const Marker&);
  Marker& operator=(const Marker&);
  explicit Marker(std::shared_ptr<const Node> root);
  const Node& root() const { return *root_; }

 private:
  std::shared_ptr<const Node> root_;
};

/// Parses `text` as packaging.markers.Marker does. Error: not a valid marker (column in message).
core::Result<Marker> parse_marker(std::string_view text);

/// parse_marker for hot loops that only need to know whether `text` parses: failure is
/// reported without formatting an error message.
std::optional<Marker> try_parse_marker(std::string_view text);

/// `str(Marker(text))` as packaging prints it (values double-quoted, single spaces).
std::string to_string(const Marker& marker);

/// Marker.evaluate(environment): PEP 440 comparison when the operator and right-hand side form a
/// valid specifier (pre-releases allowed), string comparison otherwise, `in` / `not in`.
/// Error: a variable missing from `environment`, or a comparison packaging refuses.
core::Result<bool> evaluate(const Marker& marker, const Environment& environment);

/// A full PEP 508 requirement.
struct Requirement {
  std::string name;
  std::vector<std::string> extras;  ///< as written
  pep440::SpecifierSet specifier;
  std::string url;
  std::optional<Marker> marker;
};

/// Parses `text` as packaging.requirements.Requirement does.
core::Result<Requirement> parse_requirement(std::string_view text);

/// parse_requirement for hot loops: failure is reported without formatting an error message.
std::optional<Requirement> try_parse_requirement(std::string_view text);

/// `str(Requirement(text))` as packaging prints it.
std::string to_string(const Requirement& requirement);

/// The fixed environment `tracegate versions` evaluates markers in: Linux x86_64 CPython 3.11.2,
/// with python_version = `python_version` verbatim and python_full_version = it, ".0" appended
/// when it has fewer than two dots.
Environment reference_environment(std::string_view python_version);

}  // namespace tracegate::resolvers::pep508
