#!/usr/bin/env bash
# Every benchmark in bench/<app>/run.py, each printing ratios against its named peer.
set -uo pipefail
cd "$(dirname "$0")/.."
export OPENGU_DATA_DIR="${OPENGU_BENCH_DATA_DIR:-$PWD/var/bench}"
mkdir -p "$OPENGU_DATA_DIR"
status=0
found=0
for script in bench/*/run.py; do
  [ -e "$script" ] || continue
  found=1
  echo "== $script"
  .venv/bin/python "$script" "$@" || status=1
done
[ $found -eq 1 ] || echo "no benchmarks yet (bench/<app>/run.py)"
exit $status
