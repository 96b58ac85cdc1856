#!/usr/bin/env bash
# Load run against the real server jar on a temp SQLite file, loopback only, bounded in time.
#   auth-bench/load/run.sh [seconds-per-run] [scenarios...]
# Env: JVM_OPTS (the server's JVM options), PORT (default 3077), CONNS (default "2 4 64"),
#      SOAK (seconds of mixed load at 16 connections, default 0 = none), WARMUP (default 5).
#      The server's own settings pass through, e.g. AUTH_RATE_LIMITS=off: with the limits on (the
#      default) a sign-in or register flood from this one loopback address is answered 429.
# Needs auth-server/target/openml-auth-server.jar and auth-bench/target/benchmarks.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_RUN=${1:-20}; shift || true
SCENARIOS=${*:-"signin session whoami register"}
PORT=${PORT:-3077}
CONNS=${CONNS:-"2 4 64"}
WARMUP=${WARMUP:-5}
JVM_OPTS=${JVM_OPTS:-"-Xmx128m -Xss512k -XX:+UseSerialGC"}
BENCH="java -cp auth-bench/target/benchmarks.jar org.openml.auth.bench.load.LoadTest"
DIR=$(mktemp -d /tmp/auth-load.XXXXXX)
trap 'kill $SERVER 2>/dev/null || true; wait $SERVER 2>/dev/null || true; rm -rf "$DIR"' EXIT

$BENCH seed "$DIR/auth.db" >/dev/null
echo "# $(date -u +%FT%TZ) load(1m)=$(cut -d' ' -f1 /proc/loadavg) JVM_OPTS=$JVM_OPTS"
start=$(date +%s%N)
# shellcheck disable=SC2086
PORT=$PORT SQLITE_PATH="$DIR/auth.db" NEXTAUTH_URL="http://127.0.0.1:$PORT" \
  NEXTAUTH_SECRET=load-test-secret-0123456789abcdef0123456789 \
  java $JVM_OPTS -jar auth-server/target/openml-auth-server.jar >"$DIR/server.log" 2>&1 &
SERVER=$!
until curl -fs -o /dev/null "http://127.0.0.1:$PORT/ready"; do
  kill -0 $SERVER 2>/dev/null || { cat "$DIR/server.log"; exit 1; }
  sleep 0.01
done
echo "start-up to first 200 /ready: $(( ($(date +%s%N) - start) / 1000000 )) ms; rss $(( $(awk '/VmRSS/{print $2}' /proc/$SERVER/status) / 1024 )) MiB"
for s in $SCENARIOS; do
  for c in $CONNS; do
    $BENCH run --port "$PORT" --scenario "$s" --connections "$c" --seconds "$SECONDS_PER_RUN" --warmup "$WARMUP" --pid $SERVER
  done
done
if [ "${SOAK:-0}" -gt 0 ]; then
  $BENCH run --port "$PORT" --scenario mixed --connections 16 --seconds "$SOAK" --warmup 0 --pid $SERVER --sample 30
fi
echo "log lines: $(wc -l <"$DIR/server.log"); rss at the end $(( $(awk '/VmRSS/{print $2}' /proc/$SERVER/status) / 1024 )) MiB"
sleep 3
echo "rss 3 s after the load $(( $(awk '/VmRSS/{print $2}' /proc/$SERVER/status) / 1024 )) MiB"
