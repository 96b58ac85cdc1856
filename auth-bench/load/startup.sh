#!/usr/bin/env bash
# Start-up to first 200 on /ready (SQLite, fresh temp file), N times per JVM option set.
#   auth-bench/load/startup.sh N "<jvm opts>" ["<jvm opts>" ...]
set -euo pipefail
cd "$(dirname "$0")/../.."
N=$1; shift
PORT=${PORT:-3079}
for opts in "$@"; do
  times=()
  for _ in $(seq "$N"); do
    DIR=$(mktemp -d /tmp/auth-start.XXXXXX)
    start=$(date +%s%N)
    # shellcheck disable=SC2086
    PORT=$PORT SQLITE_PATH="$DIR/auth.db" NEXTAUTH_URL="http://127.0.0.1:$PORT" \
      NEXTAUTH_SECRET=load-test-secret-0123456789abcdef0123456789 \
      java $opts -jar auth-server/target/openml-auth-server.jar >"$DIR/server.log" 2>&1 &
    pid=$!
    until curl -fs -o /dev/null "http://127.0.0.1:$PORT/ready"; do sleep 0.005; done
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
    rss=$(( $(awk '/VmRSS/{print $2}' /proc/$pid/status) / 1024 ))
    kill $pid; wait $pid 2>/dev/null || true
    rm -rf "$DIR"
  done
  echo "load(1m)=$(cut -d' ' -f1 /proc/loadavg) opts='$opts' ms=${times[*]} rss_at_ready=${rss}MiB"
done
