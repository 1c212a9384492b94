// SPDX-License-Identifier: Apache-2.0
#include "cli/run.hpp"

int main(int argc, char** argv) { return tracegate::cli::run(argc, argv); }
