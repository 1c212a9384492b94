// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

namespace tracegate::core {

/// Where a service's files were read from.
struct RepositoryRef {
  std::string repository;  ///< path or URL as the user gave it (credentials redacted on output)
  std::string ref;         ///< as given ("HEAD~1"); empty = work tree
  std::string commit;      ///< full sha the ref resolved to; empty = work tree
  std::string name;        ///< the repository's directory name ("api" for /src/api.git), names its root service
};

}  // namespace tracegate::core
