#!/usr/bin/env bash
# A real single-node OpenSearch 2.19 on 127.0.0.1:9200, from Maven Central (no download outside
# the registries). Usage: tools/search_server.sh start|stop|status
#   start   resolve the jars once (.local/opensearch/lib), start the node in the background,
#           wait until it answers and shows the analysis-common module
#   stop    stop the node this script started (by its PID file)
set -euo pipefail
cd "$(dirname "$0")/.."
HOME_DIR=.local/opensearch
LIB="$HOME_DIR/lib"
PID_FILE="$HOME_DIR/node.pid"
URL="http://127.0.0.1:9200"
HEAP="${OPENSEARCH_HEAP:-1g}"

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  if running; then echo "OpenSearch already running (pid $(cat "$PID_FILE")) at $URL"; return; fi
  # A node of another checkout on this machine: use it (a second node would join its cluster).
  if curl -fsS "$URL" >/dev/null 2>&1; then echo "a search node already answers at $URL: using it"; return; fi
  command -v java >/dev/null && command -v mvn >/dev/null || {
    echo "search server needs java and mvn" >&2; exit 2; }
  mkdir -p "$HOME_DIR"
  if [ ! -f "$LIB/.complete" ]; then
    echo "== resolving OpenSearch from Maven Central into $LIB"
    mvn -q -B -Dstyle.color=never -f tools/opensearch/pom.xml dependency:copy-dependencies -DoutputDirectory="$PWD/$LIB"
    touch "$LIB/.complete"
  fi
  rm -rf "$HOME_DIR/data"
  # The runner binds HTTP to base port + node number: 9199 + 1 = 9200, on loopback only.
  nohup java "-Xms$HEAP" "-Xmx$HEAP" -cp "$LIB/*" org.codelibs.opensearch.runner.OpenSearchRunner \
    -basePath "$PWD/$HOME_DIR/data" -numOfNode 1 -baseHttpPort 9199 \
    > "$HOME_DIR/node.log" 2>&1 &
  echo $! > "$PID_FILE"
  for _ in $(seq 1 90); do
    if curl -fsS "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" >/dev/null 2>&1; then
      break
    fi
    running || { echo "OpenSearch exited; see $HOME_DIR/node.log" >&2; exit 1; }
    sleep 1
  done
  curl -fsS "$URL/_nodes/plugins" | grep -q "analysis.common" || {
    echo "OpenSearch is up but analysis-common is missing" >&2; exit 1; }
  echo "OpenSearch $(curl -fsS "$URL" | grep '"number"' | cut -d'"' -f4) at $URL (pid $(cat "$PID_FILE"))"
}

stop() {
  if running; then kill "$(cat "$PID_FILE")"; echo "stopped"; else echo "not running"; fi
  rm -f "$PID_FILE"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  status) if running; then echo "running at $URL"; else echo "not running"; exit 1; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
