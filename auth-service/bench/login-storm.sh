#!/usr/bin/env bash
# Login throughput and p99 at the configured bcrypt cost, and health latency during the storm (the proof that
# hashing never runs on an event loop). Starts PostgreSQL, Kafka, auth-service and the gateway with the devstack
# launcher on shifted ports (local mode, so the demo accounts exist), signs in straight at auth-service (the
# gateway's per-IP login limit would otherwise cap the storm), and probes auth-service's liveness and the gateway's
# /api/health. Needs the jars (mvn package) and Node.js.
#   BENCH_PORT_OFFSET   default 22000 (ports stay below the ephemeral range)
#   CONCURRENCY         default 8 concurrent clients
#   SECONDS_PER_RUN     default 20
#   TELEMED_AUTH_BCRYPT_COST  default 10
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
offset="${BENCH_PORT_OFFSET:-22000}"
auth="http://127.0.0.1:$((8081 + offset))"
gateway="http://127.0.0.1:$((8080 + offset))"
state="$(mktemp -d)"

echo "# bcrypt per-hash time"
java -Djarmode=tools -jar "$root/auth-service/target/auth-service.jar" extract --destination "$state/jar" >/dev/null
java -cp "$state/jar/lib/*" "$root/auth-service/bench/BcryptCost.java" 10 11 12

# Production-like JIT for the measured JVMs (the launcher's laptop flags stop at C1).
TELEMED_DEVSTACK_PORT_OFFSET="$offset" TELEMED_DEVSTACK_STATE_DIR="$state/stack" TELEMED_DEVSTACK_CDS=false \
  TELEMED_DEVSTACK_SKIP=booking-service,payment-service,video-service,clinical-service,notification-service,pdf-service,web \
  TELEMED_DEVSTACK_JAVA_OPTS="-XX:TieredStopAtLevel=4 -Xmx512m" \
  java -jar "$root/deploy/devstack/target/devstack.jar" "$root" >"$state/devstack.out" 2>&1 &
stack_pid=$!
stop() {
  kill -TERM "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  rm -rf "$state"
}
trap stop EXIT

for _ in $(seq 1 240); do
  if curl -fsS -o /dev/null -X POST -H 'content-type: application/json' \
      -d '{"email":"doctor1@telemed.local","password":"Telemed-Demo-2026!"}' "$auth/api/v1/auth/login" 2>/dev/null \
      && curl -fsS -o /dev/null "$gateway/api/health" 2>/dev/null; then
    break
  fi
  kill -0 "$stack_pid" 2>/dev/null || { tail -n 40 "$state/devstack.out"; exit 1; }
  sleep 1
done

echo "# login storm: ${CONCURRENCY:-8} clients, ${SECONDS_PER_RUN:-20} s, bcrypt cost ${TELEMED_AUTH_BCRYPT_COST:-10}"
node "$root/auth-service/bench/login-storm.mjs" "$auth" doctor1@telemed.local 'Telemed-Demo-2026!' \
  "${CONCURRENCY:-8}" "${SECONDS_PER_RUN:-20}" "$auth/livez" "$gateway/api/health"
