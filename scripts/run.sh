#!/usr/bin/env bash
# Set-up and build, then the main job: scan the bundled fixture fleet (fixtures/fleet/*,
# each made into a real git repository under $BUILD_DIR/fixture-fleet) at HEAD.
# Extra arguments go to `tracegate scan` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
build_dir=${BUILD_DIR:-build}
fleet="$build_dir/fixture-fleet"
./scripts/make_fixture_fleet.sh fixtures/fleet "$fleet"
set +e
"$build_dir/cli/tracegate" scan --ref HEAD --discover "$fleet" "$@"
code=$?
set -e
# 3 = some fixture files are deliberately malformed and reported; anything else is a failure.
[ $code -eq 0 ] || [ $code -eq 3 ] || exit $code
