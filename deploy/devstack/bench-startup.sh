#!/usr/bin/env bash
# Start-up benchmark of the embedded default. Builds (a no-op when up to date), makes one uncounted warm-up
# start (it also writes the class-data archives of new builds), then starts the platform N times (default 3)
# with TELEMED_DEVSTACK_EXIT_WHEN_READY=true and prints, per run, the time until every component was ready and
# the memory of the platform at that moment (the launcher JVM with Kafka, PostgreSQL, the services, the gateway,
# the web), as measured by the launcher from /proc.
#
# Usage: deploy/devstack/bench-startup.sh [N]     (WARMUP=0 skips the warm-up run)
set -euo pipefail

N=${1:-3}
WARMUP=${WARMUP:-1}
cd "$(dirname "$0")/../.."
OUT=.telemed/bench
mkdir -p "$OUT"

make --no-print-directory build

run() { # log: one start until all ready, then stop; the launcher's output stays in the log
  if ! TELEMED_DEVSTACK_EXIT_WHEN_READY=true make --no-print-directory dev > "$1" 2>&1; then
    echo "start-up failed, see $1:" >&2
    tail -n 40 "$1" >&2
    exit 1
  fi
}

field() { # name log
  sed -n "s/^READY .*\\b$1=\\([0-9.]*\\).*/\\1/p" "$2"
}

if [ "$WARMUP" != "0" ]; then
  echo "warm-up start (not counted)…"
  run "$OUT/warmup.log"
fi

rows=()
for i in $(seq "$N"); do
  echo "run $i of $N…"
  log="$OUT/run-$i.log"
  run "$log"
  rows+=("$i $(field seconds "$log") $(field rss_mb "$log") $(field pss_mb "$log") $(field processes "$log")")
done

echo
echo "Telemed devstack start-up, $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo) RAM"
echo
printf '%-5s %16s %10s %10s %11s\n' "run" "all ready (s)" "RSS (MB)" "PSS (MB)" "processes"
for row in "${rows[@]}"; do
  read -r i secs rss pss procs <<< "$row"
  printf '%-5s %16s %10s %10s %11s\n' "$i" "$secs" "$rss" "$pss" "$procs"
done
printf '%s\n' "${rows[@]}" | awk '{ s += $2; r += $3; p += $4; if (min == "" || $2 < min) min = $2; if ($2 > max) max = $2 }
  END { printf "%-5s %16.1f %10.0f %10.0f\n", "mean", s / NR, r / NR, p / NR;
        printf "\nall ready: min %.1f s, max %.1f s, counted from the launcher JVM start. RSS counts shared pages\n", min, max;
        printf "once per process; PSS shares them out (the fairer total). Logs: .telemed/bench/\n" }'
