#!/usr/bin/env bash
# Delivery benchmark: events into the real broker at RATE/s for SECONDS s, SendGrid played by WireMock answering
# in SENDGRID_MS ms; prints the queue depth every second and the event-to-sent latency percentiles.
# Usage (from the repository root): notification-service/bench/run.sh [RATE] [SECONDS] [SENDGRID_MS]
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE="${1:-200}"
SECONDS_TO_RUN="${2:-60}"
SENDGRID_MS="${3:-50}"
mvn ${BENCH_MVN_FLAGS:-} -B -ntp -q -pl notification-service test -Dtest=DeliveryBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.rate="$RATE" -Dbench.seconds="$SECONDS_TO_RUN" -Dbench.sendgrid-ms="$SENDGRID_MS" || status=$?
grep -h '^BENCH' notification-service/target/surefire-reports/com.telemed.notification.DeliveryBenchmark-output.txt
exit "${status:-0}"
