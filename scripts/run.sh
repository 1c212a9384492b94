#!/usr/bin/env bash
# Set-up and build, then the main job: audit the bundled fixture fleet (fixtures/audit-fleet/*,
# each made into a real git repository under $BUILD_DIR/audit-fleet) for the upgrade of the
# incident, ddtrace 2.1.2 -> 2.11.1, reading every repository at HEAD from its object database.
# Extra arguments go to `tracegate audit` (e.g. --format json, or --upgrade ddtrace@3.0.0 to
# replace the target).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
build_dir=${BUILD_DIR:-build}
fleet="$build_dir/audit-fleet"
./scripts/make_fixture_fleet.sh fixtures/audit-fleet "$fleet"
upgrade=(--upgrade ddtrace@2.11.1)
for arg in "$@"; do [ "$arg" = --upgrade ] && upgrade=(); done
set +e
"$build_dir/cli/tracegate" audit "${upgrade[@]}" --ref HEAD --discover "$fleet" "$@"
code=$?
set -e
# 1 = findings: on this fleet that is the expected answer (fixtures/audit-fleet/EXPECTED.md).
[ $code -eq 0 ] || [ $code -eq 1 ] || exit $code
