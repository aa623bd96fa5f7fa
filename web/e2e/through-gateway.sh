#!/usr/bin/env bash
# Browser test of the web as users reach it: the real gateway in front of the built web, on spare ports.
# Needs gateway/target/gateway.jar (mvn install) and web/.next/standalone (npm run build).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
gateway_port="${E2E_GATEWAY_PORT:-18080}"
web_port="${E2E_WEB_PORT:-13000}"
logs="$(mktemp -d)"

PORT="$web_port" HOSTNAME=127.0.0.1 NEXT_TELEMETRY_DISABLED=1 \
  node "$root/web/.next/standalone/server.js" >"$logs/web.log" 2>&1 &
web_pid=$!
PORT="$gateway_port" WEB_URI="http://127.0.0.1:$web_port" \
  java -XX:TieredStopAtLevel=1 -Xmx256m -jar "$root/gateway/target/gateway.jar" >"$logs/gateway.log" 2>&1 &
gateway_pid=$!

stop() {
  kill "$web_pid" "$gateway_pid" 2>/dev/null || true
  wait "$web_pid" "$gateway_pid" 2>/dev/null || true
}
trap stop EXIT

for _ in $(seq 1 120); do
  if curl -fsS -o /dev/null "http://127.0.0.1:$gateway_port/" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$gateway_pid" 2>/dev/null || ! kill -0 "$web_pid" 2>/dev/null; then
    echo "gateway or web exited early"; tail -n 40 "$logs"/*.log; exit 1
  fi
  sleep 1
done

if ! BASE_URL="http://127.0.0.1:$gateway_port" npm --prefix "$root/web" run --silent test:e2e; then
  echo "--- gateway log"; tail -n 40 "$logs/gateway.log"
  echo "--- web log"; tail -n 40 "$logs/web.log"
  exit 1
fi
