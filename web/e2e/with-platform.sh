#!/usr/bin/env bash
# Browser tests against the whole platform as users reach it: the devstack launcher starts embedded PostgreSQL,
# Kafka, every service, the gateway and the built web on ports moved by an offset (so it can run beside
# `make dev`) with fresh state, then every e2e scenario runs through the gateway.
# Needs the jars (mvn install) and web/.next/standalone (npm run build).
#   E2E_PORT_OFFSET   default 10000 (gateway on 18080)
#   E2E_SUITE         `chaos` for the fault scenarios at full size (web/e2e/chaos/run.mjs), `fuzz` for the long
#                     fuzzing campaign (web/e2e/fuzz/run.mjs)
#   arguments         scenario name prefixes to run only those (e.g. `login`)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
offset="${E2E_PORT_OFFSET:-10000}"
gateway="http://127.0.0.1:$((8080 + offset))"
state="$(mktemp -d)"
log="$state/devstack.out"

# The scenarios sign in and book more often than one visitor would, all from one address: the per-IP limits and
# the cap on live holds per client address are raised for this stack only (the gateway's and booking's own tests
# cover them). Video rooms open long before their time, so a scenario can use any future slot (video-service's own
# tests cover the window).
TELEMED_GATEWAY_RATELIMITS_LOGIN_CAPACITY=1000 TELEMED_GATEWAY_RATELIMITS_LOGIN_REFILLPERMINUTE=1000 \
  TELEMED_GATEWAY_RATELIMITS_RESET_CAPACITY=1000 TELEMED_GATEWAY_RATELIMITS_RESET_REFILLPERMINUTE=1000 \
  TELEMED_GATEWAY_RATELIMITS_BOOKING_CAPACITY=1000 TELEMED_GATEWAY_RATELIMITS_BOOKING_REFILLPERMINUTE=1000 \
  TELEMED_GATEWAY_RATELIMITS_CHECKOUT_CAPACITY=1000 TELEMED_GATEWAY_RATELIMITS_CHECKOUT_REFILLPERMINUTE=1000 \
  TELEMED_BOOKING_MAXLIVEHOLDSPERCLIENTIP=1000 \
  TELEMED_VIDEO_OPENS_BEFORE=400d \
  TELEMED_DEVSTACK_PORT_OFFSET="$offset" TELEMED_DEVSTACK_STATE_DIR="$state" TELEMED_DEVSTACK_CDS=false \
  TELEMED_DEVSTACK_FAULTS=true \
  TELEMED_DEVSTACK_TIMEOUT="${E2E_START_TIMEOUT:-300}" \
  java -jar "$root/deploy/devstack/target/devstack.jar" "$root" >"$log" 2>&1 &
stack_pid=$!

stop() {
  kill -TERM "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  # E2E_KEEP_LOGS=<dir>: keep the services' logs of this run there.
  if [ -n "${E2E_KEEP_LOGS:-}" ]; then mkdir -p "$E2E_KEEP_LOGS" && cp -r "$state/logs/." "$E2E_KEEP_LOGS/" || true; fi
  rm -rf "$state"
}
trap stop EXIT

for _ in $(seq 1 300); do
  if curl -fsS -o /dev/null "$gateway/api/health" 2>/dev/null; then
    break
  fi
  if ! kill -0 "$stack_pid" 2>/dev/null; then
    echo "the platform did not start"; tail -n 60 "$log"; tail -n 30 "$state"/logs/*.log 2>/dev/null || true; exit 1
  fi
  sleep 1
done
curl -fsS -o /dev/null "$gateway/api/health" || { echo "the platform is not healthy"; tail -n 60 "$log"; exit 1; }

# E2E_SUITE=chaos|fuzz runs the full fault scenarios (make chaos) or fuzzing (make fuzz) instead of the browser scenarios.
runner="$root/web/e2e/run-all.mjs"
if [ "${E2E_SUITE:-}" = "chaos" ]; then runner="$root/web/e2e/chaos/run.mjs"; fi
if [ "${E2E_SUITE:-}" = "fuzz" ]; then runner="$root/web/e2e/fuzz/run.mjs"; fi
# The access matrix signs an expired token with the platform's own key, which the devstack keeps in its state.
if ! BASE_URL="$gateway" E2E_STATE_DIR="$state" E2E_JWT_SIGNING_KEY_FILE="$state/auth/jwt-signing-key.pem" \
  node "$runner" "$@"; then
  echo "--- devstack"; tail -n 40 "$log"
  for f in "$state"/logs/*.log; do echo "--- $(basename "$f")"; grep -E "ERROR|WARN" "$f" | tail -n 15 || true; done
  exit 1
fi
