#!/usr/bin/env bash
# Every benchmark in bench/<app>/run.py, each printing ratios against its named peer.
set -uo pipefail
cd "$(dirname "$0")/.."
export OPENGU_DATA_DIR="${OPENGU_BENCH_DATA_DIR:-$PWD/var/bench}"
mkdir -p "$OPENGU_DATA_DIR"
# A scratch PostgreSQL database for the benchmarks that compare both databases (dropped and
# created by them); unreachable means SQLite only.
export OPENGU_BENCH_POSTGRES="${OPENGU_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432/opengu_bench}"
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
