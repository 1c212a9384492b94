#!/usr/bin/env bash
# Installs what tracegate needs to build and test (Debian 12), then configures and builds.
# Idempotent and quick when everything is present: apt-get runs only for missing packages.
# Environment: BUILD_DIR (default build), SANITIZE=1 (ASan+UBSan build), BUILD_TYPE.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  g++ cmake ninja-build pkg-config git python3 python3-packaging
  libgit2-dev libtomlplusplus-dev nlohmann-json3-dev libre2-dev libfmt-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  libyaml-cpp-dev libcpp-httplib-dev libmsgpack-cxx-dev libcurl4-openssl-dev
  # the reference implementations the differential tests compare against
  php-cli php-composer-semver default-jdk-headless libmaven3-core-java libcommons-lang3-java
  # the JSON Schema validator of the report tests (SARIF 2.1.0, docs/report.schema.json)
  python3-jsonschema
)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo_cmd[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

build_dir=${BUILD_DIR:-build}
sanitize=OFF
[ "${SANITIZE:-0}" = 1 ] && sanitize=ON
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-RelWithDebInfo}" -DTRACEGATE_SANITIZE=$sanitize >/dev/null
cmake --build "$build_dir" -j "$(nproc)"

# The real tracer client of the agent-simulator test (tests/connectivity, ctest
# agent_simulator_real_client): dd-trace@5 (6.x wants node >= 22) in "$build_dir/npm-cache",
# which the test is pointed at by CMake. Node and npm come preinstalled; where npm is missing
# the test skips instead of failing (`apt-get install npm` would conflict with that node).
npm_cache="$build_dir/npm-cache"
if [ -d "$npm_cache/node_modules/dd-trace" ]; then
  :
elif command -v npm >/dev/null 2>&1; then
  echo "setup: installing dd-trace@5 into $npm_cache"
  mkdir -p "$npm_cache"
  npm install --prefix "$npm_cache" dd-trace@5 --no-audit --no-fund --loglevel=error >/dev/null ||
    echo "setup: npm install dd-trace@5 failed; the real-client agent test will be skipped"
else
  echo "setup: npm not found; the real-client agent test will be skipped"
fi

# The SARIF validator of the report tests (tests/reports, ctest sarif_schema): the SARIF
# multitool (a self-contained .NET binary, `Sarif.Multitool validate`) and the SARIF 2.1.0 JSON
# Schema it ships (sarif-2.1.0.json), from @microsoft/sarif-multitool-linux, pinned, in the same
# npm cache. Without it the test is skipped.
sarif_multitool=@microsoft/sarif-multitool-linux@5.7.0
if [ -f "$npm_cache/node_modules/@microsoft/sarif-multitool-linux/sarif-2.1.0.json" ]; then
  :
elif command -v npm >/dev/null 2>&1; then
  echo "setup: installing $sarif_multitool into $npm_cache"
  mkdir -p "$npm_cache"
  npm install --prefix "$npm_cache" "$sarif_multitool" --no-audit --no-fund --loglevel=error >/dev/null ||
    echo "setup: npm install $sarif_multitool failed; the SARIF schema test will be skipped"
else
  echo "setup: npm not found; the SARIF schema test will be skipped"
fi
