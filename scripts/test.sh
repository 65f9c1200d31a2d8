#!/usr/bin/env bash
# The whole suite: lint, then tests on SQLite, on PostgreSQL when one answers, and in Chromium
# when it is installed. Prints what ran where; fails if any part fails.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
export OPENGU_DATA_DIR="${OPENGU_TEST_DATA_DIR:-$PWD/var/test}"
mkdir -p "$OPENGU_DATA_DIR"
status=0
ran=()

step() { echo; echo "== $*"; }

step "ruff"
$BIN/ruff check opengu tests bench || status=1
step "mypy (django-stubs)"
$BIN/mypy opengu || status=1
step "import-linter"
$BIN/lint-imports --no-cache || status=1

WORKERS=${OPENGU_TEST_WORKERS:-2}

step "tests on SQLite"
env -u DATABASE_URL $BIN/pytest -q -n "$WORKERS" -m "not browser" && ran+=("SQLite") || status=1

PG_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/test}"
if $BIN/python - "$PG_URL" <<'PY' 2>/dev/null
import sys, psycopg
psycopg.connect(sys.argv[1].replace("postgres://", "postgresql://"), connect_timeout=3).close()
PY
then
  step "tests on PostgreSQL ($PG_URL)"
  DATABASE_URL="$PG_URL" $BIN/pytest -q -n "$WORKERS" -m "not browser" && ran+=("PostgreSQL") || status=1
else
  step "PostgreSQL: no server answers at $PG_URL, skipping the PostgreSQL run"
fi

CHROMIUM="${OPENGU_CHROMIUM:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then
  step "browser tests (Chromium at $CHROMIUM)"
  env -u DATABASE_URL $BIN/pytest -q -m browser -p no:xdist && ran+=("Chromium") || status=1
else
  step "browser tests: no Chromium at $CHROMIUM (apt-get install chromium), skipping them"
fi

echo
echo "ran on: ${ran[*]:-nothing}"
if [ $status -ne 0 ]; then echo "FAILED"; fi
exit $status
