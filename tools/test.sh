#!/usr/bin/env bash
# `make test`: lint, then the whole suite on SQLite and on PostgreSQL; says which ran.
# Installs what the tests need when it can: Debian's chromium and postgresql (as root).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RESULTS=.test-results
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.xml

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

status=0
echo "== pytest on SQLite"
DATABASE_URL="sqlite:///$PWD/$RESULTS/test.sqlite3" .venv/bin/pytest \
  --junitxml="$RESULTS/sqlite.xml" -o junit_suite_name=sqlite "$@" || status=$?

if [ -n "$PG_URL" ]; then
  echo "== pytest on PostgreSQL"
  DATABASE_URL="$PG_URL" .venv/bin/pytest \
    --junitxml="$RESULTS/postgresql.xml" -o junit_suite_name=postgresql "$@" || status=$?
else
  echo "== PostgreSQL run skipped: no server available (see above)"
fi

$PY tools/test_summary.py "$RESULTS"
exit $status
