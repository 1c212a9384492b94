#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
#
# The fleet benchmark: `tracegate scan --ref HEAD --discover FLEET` against the floor of
# merely reading the same blobs with libgit2 (bench/read_blobs), side by side in one run.
# See docs/benchmarks.md.
#
#   bench/scan_fleet.sh [--floor-only] [--skip-build]
#
# Environment (all optional):
#   REPOS=1000        repositories in the fleet
#   SEED=1            generator seed
#   RUNS=5            timed runs of each case (after one warm-up run each)
#   BUILD_DIR=build-bench
#   FLEET=$BUILD_DIR/fleet-$REPOS-seed$SEED
#   NINJA_JOBS=       passed to ninja as -j when set
#
# Exit status is nonzero only when something fails to build or run, never because of a ratio.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
cd "$root"

floor_only=0
skip_build=0
for arg in "$@"; do
  case "$arg" in
    --floor-only) floor_only=1 ;;
    --skip-build) skip_build=1 ;;
    -h|--help) sed -n '3,18p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "scan_fleet.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

REPOS="${REPOS:-1000}"
SEED="${SEED:-1}"
RUNS="${RUNS:-5}"
NPROC="$(nproc)"
BUILD_DIR="${BUILD_DIR:-build-bench}"
FLEET="${FLEET:-$BUILD_DIR/fleet-$REPOS-seed$SEED}"

say() { printf '\n== %s\n' "$*" >&2; }
check_dev_null() {
  if [[ ! -c /dev/null ]]; then
    echo "scan_fleet.sh: /dev/null is not a character device any more (restore it as root:" \
         "rm /dev/null && mknod -m 666 /dev/null c 1 3)" >&2
    exit 1
  fi
}
check_dev_null

# 1. Build (Release, no tests).
targets=(read_blobs)
[[ $floor_only == 1 ]] || targets+=(tracegate)
if [[ $skip_build == 0 ]]; then
  say "building ${targets[*]} in $BUILD_DIR (Release)"
  cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DTRACEGATE_BUILD_TESTS=OFF -DTRACEGATE_BUILD_BENCH=ON >/dev/null
  ninja -C "$BUILD_DIR" ${NINJA_JOBS:+-j "$NINJA_JOBS"} "${targets[@]}"
fi
# READ_BLOBS=... and TRACEGATE=... (written by bench/CMakeLists.txt)
# shellcheck source=/dev/null
source "$BUILD_DIR/bench-paths.sh"
[[ -x "$READ_BLOBS" ]] || { echo "scan_fleet.sh: $READ_BLOBS not built" >&2; exit 1; }
if [[ $floor_only == 0 ]] && [[ -z "${TRACEGATE:-}" || ! -x "$TRACEGATE" ]]; then
  echo "scan_fleet.sh: the tracegate binary is not built (use --floor-only to time the floor alone)" >&2
  exit 1
fi

# 2. The fleet, generated once and cached (generate_fleet.py is a no-op when it matches).
say "fleet: $FLEET ($REPOS repositories, seed $SEED)"
python3 "$here/generate_fleet.py" "$FLEET" --repos "$REPOS" --seed "$SEED"

# 3. Warm the page cache: every pack, index and ref of the fleet, then one floor pass.
say "warming the page cache"
find "$FLEET" -type f -path '*/.git/*' -print0 | xargs -0 cat >/dev/null
"$READ_BLOBS" "$FLEET" >/dev/null

# 4. A correctness pass first (untimed): the scan must succeed and write JSON.
scan_json="$BUILD_DIR/fleet-scan.json"
timed_json="$BUILD_DIR/fleet-scan-timed.json"
if [[ $floor_only == 0 ]]; then
  say "untimed check: tracegate scan --ref HEAD --discover $FLEET"
  # 0 clean, 1 findings, 3 some input unreadable (diagnostics): the scan ran.  2 or a crash: it did not.
  rc=0
  "$TRACEGATE" scan --ref HEAD --discover "$FLEET" --format json --output "$scan_json" || rc=$?
  case $rc in
    0|1) ;;
    3) echo "scan_fleet.sh: warning: the scan reported unreadable input (exit status 3); see the" \
            "error diagnostics in $scan_json" >&2 ;;
    *) echo "scan_fleet.sh: tracegate scan failed with exit status $rc" >&2; exit 1 ;;
  esac
  python3 - "$scan_json" "$FLEET/.fleet.json" <<'PY' || true
import json, sys
with open(sys.argv[1]) as f:
    doc = json.load(f)
with open(sys.argv[2]) as f:
    fleet = json.load(f)
summary = doc.get("summary", {}) if isinstance(doc, dict) else {}
errors = sum(1 for s in doc.get("services", []) for d in s.get("diagnostics", []) if d.get("level") == "error")
errors += sum(1 for d in doc.get("diagnostics", []) if d.get("level") == "error")
print(f"  tracegate summary: {json.dumps(summary)}; {errors} error diagnostics", file=sys.stderr)
print(f"  generator planted: {fleet['repos']} repositories, {fleet['services']} services "
      f"(+{fleet['docs_requirements']} docs/requirements.txt dirs), "
      f"{fleet['services_with_ddtrace']} declaring ddtrace", file=sys.stderr)
PY
fi

# 5. Timed: all cases alternate within each round.  The parallel floor uses as many threads
# as tracegate's default --jobs (the CPU count).
say "timing ($RUNS runs each, alternating)"
q() { printf '%q' "$1"; }
floor="$(q "$READ_BLOBS") $(q "$FLEET")"
cases=(--case floor-j1 "$floor --jobs 1")
[[ $NPROC == 1 ]] || cases+=(--case "floor-j$NPROC" "$floor --jobs $NPROC")
ratios=()
if [[ $floor_only == 0 ]]; then
  # The report goes to a regular file, not /dev/null: tracegate writes FILE.tmp and renames it
  # over FILE, and as root that rename replaced the /dev/null device with a regular file.
  scan="$(q "$TRACEGATE") scan --ref HEAD --discover $(q "$FLEET") --format json --output $(q "$timed_json")"
  cases+=(--case scan-j1 "$scan --jobs 1" --ok "scan-j1=1,3")
  ratios+=(--ratio scan-j1/floor-j1)
  if [[ $NPROC != 1 ]]; then
    cases+=(--case scan-default "$scan" --ok "scan-default=1,3")
    ratios+=(--ratio "scan-default/floor-j$NPROC" --ratio scan-default/floor-j1)
  fi
fi

{
  echo "tracegate fleet benchmark"
  echo "  commit:   $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?')$(git -C "$root" diff --quiet 2>/dev/null || echo ' (dirty)')"
  echo "  machine:  $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2- | sed 's/^ //')"
  echo "  libgit2:  $(pkg-config --modversion libgit2 2>/dev/null || echo '?')"
  echo "  fleet:    $FLEET ($(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print("%d repos, %d commits, %d files / %.0f MiB at HEAD" % (d["repos"], d["commits"], d["files_at_head"], d["bytes_at_head"] / 2**20))' "$FLEET/.fleet.json"), $(du -sh "$FLEET" | cut -f1) on disk)"
  echo "  cases:    floor-jN = bench/read_blobs with N threads; scan-j1 = tracegate --jobs 1;"
  echo "            scan-default = tracegate with its default --jobs (the CPU count, $NPROC)"
  echo "  runs:     $RUNS timed runs of each case after one warm-up run, alternating"
}
python3 "$here/measure.py" --runs "$RUNS" --warmup 1 --json "$BUILD_DIR/fleet-bench.json" \
  "${cases[@]}" "${ratios[@]}"
check_dev_null

# 6. hyperfine, when installed, as a second opinion (not required).
if command -v hyperfine >/dev/null 2>&1; then
  say "hyperfine"
  hf=(hyperfine -N --warmup 1 --runs "$RUNS" -n floor-j1 "$floor --jobs 1")
  [[ $floor_only == 1 ]] || hf+=(-n scan-j1 "$scan --jobs 1" -n scan-default "$scan")
  "${hf[@]}"
fi
