#!/usr/bin/env bash
# `make test`: lint, then the whole suite on SQLite and on PostgreSQL; says which ran.
# Installs what the tests need when it can: Debian's chromium, postgresql and redis-server (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RESULTS=.test-results
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.xml "$RESULTS"/*.log

as_root() { [ "$(id -u)" = 0 ]; }
apt_install() {
  # apt-get update once per machine, only when a package is missing
  if ! apt-get install -y -q "$@" >/dev/null 2>&1; then
    apt-get update -q >/dev/null
    apt-get install -y -q "$@" >/dev/null
  fi
}

# --- Browser: Debian's Chromium (a test tool's own browser download cannot work here) ---------
if [ ! -x /usr/bin/chromium ]; then
  if as_root; then
    echo "== installing Debian's chromium"
    apt_install chromium
  else
    echo "== /usr/bin/chromium is missing and this user is not root: browser tests will skip"
  fi
fi

# --- Redis: the shared cache's tests start a redis-server of their own (tests/core/test_cache.py)
if ! command -v redis-server >/dev/null 2>&1; then
  if as_root; then
    echo "== installing Debian's redis-server"
    apt_install redis-server
  else
    echo "== redis-server is missing and this user is not root: the Redis cache tests will skip"
  fi
fi

# --- PostgreSQL: TEST_DATABASE_URL, or a local server on 127.0.0.1:5432 ----------------------
PG_URL="${TEST_DATABASE_URL:-}"
if [ -z "$PG_URL" ]; then
  PG_URL="postgres://postgres@127.0.0.1:5432/retorno"
  if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    if as_root; then
      bash tools/postgres.sh
    else
      echo "== no PostgreSQL on 127.0.0.1:5432 and not root: set TEST_DATABASE_URL"
      PG_URL=""
    fi
  fi
fi

# --- Search: a live OpenSearch node from Maven Central (tools/search_server.sh) ----------------
STARTED_SEARCH=""
if [ -z "${TEST_OPENSEARCH_URL:-}" ]; then
  if command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1; then
    bash tools/search_server.sh status >/dev/null 2>&1 || STARTED_SEARCH=1
    bash tools/search_server.sh start
    export TEST_OPENSEARCH_URL="http://127.0.0.1:9200"
  else
    echo "== java or mvn missing: the live search tests will skip (CI fails them)"
  fi
fi
cleanup() { if [ -n "$STARTED_SEARCH" ]; then bash tools/search_server.sh stop >/dev/null; fi; }
trap cleanup EXIT

echo "== ruff check"
.venv/bin/ruff check .
echo "== ruff format --check"
.venv/bin/ruff format --check .

# The two databases' suites run side by side: each pytest keeps one core busy, and each run keeps
# its files under .test-results/<database>/ (tests/settings.py). The whole suite (no arguments):
# the longest test, the new-language walk-through (several minutes; its own databases), runs on
# PostgreSQL after the SQLite suite, on that lane, so the two lanes end together. Each run's
# output goes to its log, printed whole when all are done.
LANGUAGE_TEST=tests/test_new_language.py::test_yucatec_maya_added_as_the_readme_says
run_suite() {  # name, database URL, pytest arguments
  local name=$1 url=$2
  shift 2
  DATABASE_URL="$url" .venv/bin/pytest --junitxml="$RESULTS/$name.xml" \
    -o junit_suite_name="${name%%-*}" "$@" >"$RESULTS/$name.log" 2>&1
}
lane_sqlite() {
  local status=0
  run_suite sqlite "sqlite:///$PWD/$RESULTS/test.sqlite3" "$@" || status=$?
  if [ -n "$PG_URL" ] && [ $# -eq 0 ]; then
    run_suite postgresql-language "$PG_URL" "$LANGUAGE_TEST" || status=$?
  fi
  return $status
}
status=0
echo "== pytest on SQLite and on PostgreSQL, side by side ($(date -u +%H:%M:%S) UTC)"
lane_sqlite "$@" &
sqlite_pid=$!
if [ -n "$PG_URL" ]; then
  if [ $# -eq 0 ]; then
    run_suite postgresql "$PG_URL" --deselect "$LANGUAGE_TEST" &
  else
    run_suite postgresql "$PG_URL" "$@" &
  fi
  postgresql_pid=$!
  wait "$postgresql_pid" || status=$?
  echo "== pytest on PostgreSQL ($(date -u +%H:%M:%S) UTC)"
  cat "$RESULTS/postgresql.log"
else
  echo "== PostgreSQL run skipped: no server available (see above)"
fi
wait "$sqlite_pid" || status=$?
echo "== pytest on SQLite ($(date -u +%H:%M:%S) UTC)"
cat "$RESULTS/sqlite.log"
if [ -f "$RESULTS/postgresql-language.log" ]; then
  echo "== pytest on PostgreSQL: $LANGUAGE_TEST"
  cat "$RESULTS/postgresql-language.log"
fi

$PY tools/test_summary.py "$RESULTS"
exit $status
