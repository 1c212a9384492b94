// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <string>

#include "scanner/deploy/deploy_readers.hpp"
#include "tests/support/fake_source_view.hpp"

namespace tracegate::testing {

/// Reads fixtures/deploy/<relative> with the path `relative`, as a repository would hold it.
inline scanner::deploy::DeployReadResult read_deploy_fixture(const std::string& relative) {
  return scanner::deploy::read_deploy_file(relative, read_fixture("deploy/" + relative));
}

inline std::string at(const core::SourceLocation& where) { return where.path + ":" + std::to_string(where.line); }

}  // namespace tracegate::testing
