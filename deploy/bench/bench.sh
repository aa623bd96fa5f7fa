#!/usr/bin/env bash
# `make bench`: the platform with production JVM flags on its own ports, then every benchmark of
# docs/benchmarks.md in one run, and one table at the end: figure, target, ratio to its anchor, met or not.
#
#   BENCH_PORT_OFFSET     default 55000 (gateway on 63080; every port stays below 65536)
#   BENCH_ONLY            default idle,gateway,booking,webhook,login,notification (any subset, comma-separated)
#   BENCH_WARMUP_SECONDS  default 60  (wrk warm-up of each gateway/nginx route, C2 needs it)
#   BENCH_SECONDS         default 20  (each wrk measurement, -t2 -c50)
#   BENCH_ROUNDS          default 2   (gateway/nginx/direct measured in turn, the ratios averaged)
#   BENCH_BOOKING_RATE    default 100 bookings/s;  BENCH_WEBHOOK_RATE default 50 events/s
#   BENCH_BOOKING_WARMUP_SECONDS default 60 (bookings at the same rate before the measured 20 s: C2 is still
#                         compiling the booking path for minutes after start-up)
#   BENCH_KEEP_STATE      set to keep the stack's logs and database under the printed directory
#   BENCH_JFR             set to profile the gateway with JFR in one more, uncounted run of each route and print
#                         where its CPU goes (deploy/bench/jfr-top.py; the recordings stay in the state)
#
# Needs the jars (mvn -DskipTests package), Node.js and psql; installs wrk and nginx with apt-get when missing.
# Absolute numbers depend on the machine and on whatever else runs on it; the ratios measured in the same run
# (gateway ÷ nginx) are what the targets compare.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/deploy/bench"
offset="${BENCH_PORT_OFFSET:-55000}"
only=",${BENCH_ONLY:-idle,gateway,booking,webhook,login,notification},"
warmup="${BENCH_WARMUP_SECONDS:-60}"
seconds="${BENCH_SECONDS:-20}"
rounds="${BENCH_ROUNDS:-2}"
gateway="http://127.0.0.1:$((8080 + offset))"
auth="http://127.0.0.1:$((8081 + offset))"
nginx_port=$((8088 + offset))
nginx="http://127.0.0.1:$nginx_port"
pg_port=$((5432 + offset))
state="$(mktemp -d)"
results="$state/results.tsv"
wants() { [[ "$only" == *",$1,"* ]]; }
log() { printf '\n# %s\n' "$*" >&2; }

for jar in deploy/devstack/target/devstack.jar gateway/target/gateway.jar auth-service/target/auth-service.jar; do
  [[ -f "$root/$jar" ]] || { echo "Missing $jar: build first (mvn -o -q -DskipTests package)." >&2; exit 1; }
done
missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx-light)
if ((${#missing[@]})) && wants gateway; then
  log "installing ${missing[*]} (Debian packages)"
  sudo_cmd=(); [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get install -y -q "${missing[@]}" >/dev/null
fi
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

# --- The platform, production flags (C2, ParallelGC, 512 MB), limits raised for the load generators -------------
log "starting the platform on port offset $offset (state in $state)"
TELEMED_DEVSTACK_PORT_OFFSET="$offset" TELEMED_DEVSTACK_STATE_DIR="$state/stack" TELEMED_DEVSTACK_CDS=false \
  TELEMED_DEVSTACK_SKIP=web \
  TELEMED_DEVSTACK_JAVA_OPTS="-XX:TieredStopAtLevel=4 -XX:ReservedCodeCacheSize=240m -XX:-UseSerialGC -XX:+UseParallelGC -Xms512m -Xmx512m -XX:-UseDynamicNumberOfCompilerThreads" \
  TELEMED_GATEWAY_RATELIMITS_BOOKING_CAPACITY=1000000 TELEMED_GATEWAY_RATELIMITS_BOOKING_REFILLPERMINUTE=1000000 \
  TELEMED_GATEWAY_RATELIMITS_CHECKOUT_CAPACITY=1000000 TELEMED_GATEWAY_RATELIMITS_CHECKOUT_REFILLPERMINUTE=1000000 \
  TELEMED_BOOKING_MAXLIVEHOLDSPERCLIENTIP=0 \
  java -XX:+UseSerialGC -Xmx384m -XX:-UseDynamicNumberOfCompilerThreads -jar "$root/deploy/devstack/target/devstack.jar" "$root" >"$state/devstack.out" 2>&1 &
stack_pid=$!
stop() {
  [[ -f "$state/nginx/nginx.pid" ]] && "$nginx_bin" -p "$state/nginx" -c "$state/nginx/nginx.conf" -s stop 2>/dev/null
  kill -TERM "$stack_pid" 2>/dev/null || true
  wait "$stack_pid" 2>/dev/null || true
  if [[ -n "${BENCH_KEEP_STATE:-}" ]]; then echo "state kept in $state" >&2; else rm -rf "$state"; fi
}
trap stop EXIT

login_body='{"email":"doctor1@telemed.local","password":"Telemed-Demo-2026!"}'
for _ in $(seq 1 300); do
  # /api/health stays 503 without the web (not started here): wait for the seven services to be UP in it.
  if [[ $(curl -s "$gateway/api/health" 2>/dev/null | grep -o '"status":"UP"' | wc -l) -ge 7 ]] \
      && curl -fsS -o /dev/null -X POST -H 'content-type: application/json' -d "$login_body" \
         "$auth/api/v1/auth/login" 2>/dev/null; then
    break
  fi
  kill -0 "$stack_pid" 2>/dev/null || { tail -n 40 "$state/devstack.out" >&2; exit 1; }
  sleep 1
done
token="$(curl -fsS -X POST -H 'content-type: application/json' -d "$login_body" "$auth/api/v1/auth/login" \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).access_token))')"

# CPU (ms) per component since the stack started; two snapshots give a window's split.
cpu() { python3 "$here/proc-cpu.py" "$stack_pid" "$state/stack/postgres"; }
cpu_delta() { # before-file after-file -> "name ms" of the window
  awk 'NR==FNR { before[$1] = $2; next } { printf "%s %d\n", $1, $2 - before[$1] }' "$1" "$2"
}
split_per() { # before after count -> "component x.x ms, …" per unit and the total
  cpu_delta "$1" "$2" | sort -k2 -nr | awk -v n="$3" '
    BEGIN { if (n < 1) n = 1 }
    { total += $2; if ($2 > 0) parts = parts sprintf("%s%s %.2f", (parts ? ", " : ""), $1, $2 / n) }
    END { printf "%.2f|%s\n", total / n, parts }'
}
row() { printf '%s\t%s\t%s\t%s\t%s\n' "$@" >>"$results"; }

# --- The platform at rest: what its background work (relays, sweepers, consumers' polls) takes from the load ----
if wants idle; then
  log "the platform at rest: CPU over 30 s, 30 s after ready"
  sleep 30
  cpu >"$state/cpu.before"; sleep 30; cpu >"$state/cpu.after"
  IFS='|' read -r per parts < <(split_per "$state/cpu.before" "$state/cpu.after" 30000)
  row "the platform at rest (background work only), share of one core" \
    "$(awk -v p="$per" 'BEGIN { printf "%.0f %%", p * 100 }'): $(tr ',' '\n' <<<"$parts" \
      | awk '{ printf "%s%s %.1f %%", (NR > 1 ? ", " : ""), $1, $2 * 100 }')" "—" "—" "—"
fi

# --- Gateway vs nginx on auth-service's two routes (wrk -t2 -c50) ----------------------------------------------
if wants gateway; then
  mkdir -p "$state/nginx/tmp"
  cat >"$state/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $state/nginx/nginx.pid;
error_log $state/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $state/nginx/tmp/body;
  proxy_temp_path $state/nginx/tmp/proxy;
  upstream auth { server 127.0.0.1:$((8081 + offset)); keepalive 64; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://auth;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
  "$nginx_bin" -p "$state/nginx" -c "$state/nginx/nginx.conf"

  # JFR on the running gateway (jcmd attaches to it), the profile printed at once.
  gateway_jfr() { # start|stop file
    local pid
    pid="$(pgrep -f 'gateway(\.jar|/)' | head -n 1)"
    if [[ "$1" == start ]]; then
      jcmd "$pid" JFR.start name=bench settings=profile >/dev/null
    else
      jcmd "$pid" JFR.stop name=bench filename="$2" >/dev/null
      python3 "$here/jfr-top.py" "$2" 25 >&2 || true
      python3 "$here/jfr-top.py" "$2" 40 com.telemed | sed -n '/^inclusive/,$p' >&2 || true
    fi
  }
  jwks=/api/v1/auth/.well-known/jwks.json
  me=/api/v1/auth/me
  # wrk's summary -> "requests/s p99-ms requests"
  measure() { # url seconds [header]
    local out
    out="$(wrk -t2 -c50 -d"$2"s --latency ${3:+-H "$3"} "$1")"
    awk '
      /Requests\/sec:/ { rps = $2 }
      / requests in / { n = $1 }
      /^ +99%/ { v = $2; u = v; gsub(/[0-9.]/, "", u); sub(/[a-z]+$/, "", v);
                 p99 = (u == "us") ? v / 1000 : (u == "s") ? v * 1000 : (u == "m") ? v * 60000 : v }
      END { printf "%s %.1f %s\n", rps, p99, n }' <<<"$out"
  }
  log "warm-up: ${warmup} s per route through the gateway and nginx"
  for path in "$jwks" "$me"; do
    for base in "$gateway" "$nginx" "$auth"; do
      wrk -t2 -c50 -d"$((warmup / 3 + 1))"s -H "Authorization: Bearer $token" "$base$path" >/dev/null
    done
  done
  for path in "$jwks" "$me"; do
    sum_gw=0; sum_ng=0; sum_direct=0; p99_gw=0; p99_ng=0; cpu_gw=0
    for r in $(seq 1 "$rounds"); do
      cpu >"$state/cpu.before"
      read -r rps p99 n < <(measure "$gateway$path" "$seconds" "Authorization: Bearer $token")
      cpu >"$state/cpu.after"
      gw_ms="$(cpu_delta "$state/cpu.before" "$state/cpu.after" | awk '$1 == "gateway" { print $2 }')"
      cpu_gw="$(awk -v a="$cpu_gw" -v ms="$gw_ms" -v n="$n" 'BEGIN { print a + ms * 1000 / n }')"
      sum_gw="$(awk -v a="$sum_gw" -v b="$rps" 'BEGIN { print a + b }')"
      p99_gw="$(awk -v a="$p99_gw" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')"
      read -r rps p99 _ < <(measure "$nginx$path" "$seconds" "Authorization: Bearer $token")
      sum_ng="$(awk -v a="$sum_ng" -v b="$rps" 'BEGIN { print a + b }')"
      p99_ng="$(awk -v a="$p99_ng" -v b="$p99" 'BEGIN { print (b > a ? b : a) }')"
      read -r rps _ _ < <(measure "$auth$path" "$seconds" "Authorization: Bearer $token")
      sum_direct="$(awk -v a="$sum_direct" -v b="$rps" 'BEGIN { print a + b }')"
      echo "round $r $path: gateway $(awk -v s="$sum_gw" -v r="$r" 'BEGIN{printf "%.0f", s/r}') req/s (mean so far)" >&2
    done
    if [[ -n "${BENCH_JFR:-}" ]]; then
      jfr="$state/gateway-$(basename "$path").jfr"
      gateway_jfr start "$jfr"
      measure "$gateway$path" "$seconds" "Authorization: Bearer $token" >/dev/null
      gateway_jfr stop "$jfr"
    fi
    target=0.5; name="gateway ÷ nginx, GET jwks.json (public)"
    [[ "$path" == "$me" ]] && { target=0.6; name="gateway ÷ nginx, GET /auth/me (RS256 JWT + read)"; }
    awk -v g="$sum_gw" -v n="$sum_ng" -v d="$sum_direct" -v r="$rounds" -v t="$target" -v name="$name" \
        -v pg="$p99_gw" -v pn="$p99_ng" -v c="$cpu_gw" 'BEGIN {
      ratio = g / n
      printf "%s\t%.0f req/s gw, %.0f nginx, %.0f direct; gateway CPU %.0f µs/req\t≥ %.1f×\t%.2f×\t%s\n",
        name, g / r, n / r, d / r, c / r, t, ratio, (ratio >= t ? "met" : "NOT met")
      printf "%s p99\t%.0f ms gw, %.0f ms nginx (worst round)\t≤ 2× nginx\t%.2f×\t%s\n",
        name, pg, pn, pg / pn, (pg <= 2 * pn ? "met" : "NOT met") }' >>"$results"
  done
  "$nginx_bin" -p "$state/nginx" -c "$state/nginx/nginx.conf" -s stop; rm -f "$state/nginx/nginx.pid"
fi

# --- Public bookings through the gateway ----------------------------------------------------------------------
export PGPASSWORD=telemed
psql_args=(-q -h 127.0.0.1 -p "$pg_port" -U telemed telemed)
if wants booking || wants webhook; then
  psql "${psql_args[@]}" -v doctors=80 -f "$root/booking-service/bench/seed-doctors.sql" >/dev/null
fi
# Runs a node benchmark, snapshotting CPU when it prints the line that starts the timed part.
run_with_cpu() { # start-marker output-file command...
  local marker="$1" out="$2"; shift 2
  cpu >"$state/cpu.before"
  "$@" | while IFS= read -r line; do
    printf '%s\n' "$line" | tee -a "$out" >&2
    if [[ "$line" == *"$marker"* ]]; then cpu >"$state/cpu.before"; fi
  done
  cpu >"$state/cpu.after"
}
if wants booking; then
  rate="${BENCH_BOOKING_RATE:-100}"
  booking_warmup="${BENCH_BOOKING_WARMUP_SECONDS:-60}"
  log "public bookings at $rate/s ($booking_warmup s warm-up + 20 s measured)"
  # The CPU window opens when the warm-up has been answered: only the measured bookings are counted.
  run_with_cpu '"label":"warmup"' "$state/booking.out" node "$root/booking-service/bench/booking-bench.mjs" \
    --base "$gateway" --specialty Bench --rate "$rate" --seconds 20 --warmup-seconds "$booking_warmup"
  measured="$(grep '"measured"' "$state/booking.out")"
  booked="$(node -e 'console.log(JSON.parse(process.argv[1]).statuses["201"] ?? 0)' "$measured")"
  IFS='|' read -r per parts < <(split_per "$state/cpu.before" "$state/cpu.after" "$booked")
  jit="$(tr ',' '\n' <<<"$parts" | awk '$1 == "jit-compilation" { print $2 }')"
  node -e '
    const m = JSON.parse(process.argv[1]); const rate = +process.argv[2];
    const ok = m.throughput >= rate * 0.95 && m.p99_ms < 150;
    console.log(`public bookings at ${rate}/s offered\t${m.throughput}/s booked, p99 ${m.p99_ms} ms, statuses ${JSON.stringify(m.statuses)}\t300/s, p99 < 150 ms\t${(m.throughput / 300).toFixed(2)}× of 300/s\t${ok && rate >= 300 ? "met" : "NOT met"}`)' \
    "$measured" "$rate" >>"$results"
  row "CPU per public booking (platform, load generator excluded)" "$per ms: $parts" "≤ 4 ms" \
    "$(awk -v p="$per" 'BEGIN { printf "%.2f×", p / 4 }')" "$(awk -v p="$per" 'BEGIN { print (p <= 4 ? "met" : "NOT met") }')"
  own="$(awk -v p="$per" -v j="${jit:-0}" 'BEGIN { printf "%.2f", p - j }')"
  row "… of which not JIT compilation (the code's own cost once warm)" "$own ms" "≤ 4 ms" \
    "$(awk -v o="$own" 'BEGIN { printf "%.2f×", o / 4 }')" "$(awk -v o="$own" 'BEGIN { print (o <= 4 ? "met" : "NOT met") }')"
fi

# --- Stripe webhook → confirmed consultation → email queued ---------------------------------------------------
if wants webhook; then
  rate="${BENCH_WEBHOOK_RATE:-50}"
  log "webhooks at $rate/s (10 s warm-up + 30 s measured)"
  run_with_cpu "prepared;" "$state/webhook.out" node "$root/payment-service/bench/webhook-bench.mjs" \
    --base "$gateway" --rate "$rate" --seconds 30 --warmup-seconds 10 \
    --pg "host=127.0.0.1 port=$pg_port user=telemed dbname=telemed"
  events=$((rate * 40))
  queued="$(grep 'email queued' "$state/webhook.out" | sed -E 's/.*p99 ([0-9.]+) ?ms.*/\1/')"
  complete="$(grep 'complete chains' "$state/webhook.out" | awk '{ print $3 }')"
  IFS='|' read -r per parts < <(split_per "$state/cpu.before" "$state/cpu.after" "$events")
  row "webhook → email queued p99 at $rate/s" "${queued} ms (complete $complete)" "< 300 ms" \
    "$(awk -v q="$queued" 'BEGIN { printf "%.2f×", q / 300 }')" \
    "$(awk -v q="$queued" -v r="$rate" 'BEGIN { print (q < 300 && r >= 50 ? "met" : "NOT met") }')"
  row "CPU per webhook (payment+booking+notification+rest)" "$per ms: $parts" "≤ 3 ms" \
    "$(awk -v p="$per" 'BEGIN { printf "%.2f×", p / 3 }')" "$(awk -v p="$per" 'BEGIN { print (p <= 3 ? "met" : "NOT met") }')"
fi

# --- Staff login storm: bcrypt off the event loops, health stays fast -----------------------------------------
if wants login; then
  log "login storm: 8 clients for 20 s straight at auth-service"
  node "$root/auth-service/bench/login-storm.mjs" "$auth" doctor1@telemed.local 'Telemed-Demo-2026!' 8 20 \
    "$auth/actuator/health/liveness" "$gateway/api/health" | tee "$state/login.out" >&2
  node -e '
    const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8").slice(require("fs").readFileSync(process.argv[1], "utf8").indexOf("{")));
    const [live, health] = Object.values(r.health_during_storm).map((s) => s.p99_ms);
    console.log(`login storm: /api/health p99 during storm\t${health} ms (liveness ${live} ms; ${r.logins_per_second} logins/s, p99 ${r.login.p99_ms} ms)\t< 50 ms\t${(health / 50).toFixed(2)}×\t${health < 50 ? "met" : "NOT met"}`)' \
    "$state/login.out" >>"$results"
fi

# --- Notification queue drain (its own test-kit harness: embedded PostgreSQL/Kafka, SendGrid on WireMock) ------
if wants notification; then
  log "notification drain: 200 events/s for 60 s, SendGrid answering in 50 ms"
  (cd "$root" && BENCH_MVN_FLAGS="-o -am" notification-service/bench/run.sh 200 60 50) | tee "$state/notification.out" >&2 || true
  line="$(grep 'BENCH result' "$state/notification.out" || echo 'no result')"
  p99="$(sed -nE 's/.*p99[ =:]+([0-9 ]+) ?ms.*/\1/p' <<<"$line" | tr -d ' ')"
  drained="$(grep -q 'drained=true' <<<"$line" && echo yes || echo no)"
  row "notification drain at 200 events/s (p99 event → sent)" "${p99:-?} ms, drained: $drained" \
    "drains without growing" "—" "$([[ $drained == yes ]] && echo met || echo 'NOT met')"
fi

# --- The table -------------------------------------------------------------------------------------------------
echo
echo "Telemed benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "Absolute figures are noisy on a shared machine; the ratios measured in the same run (gateway ÷ nginx) count."
echo
echo "| figure | measured | target | ratio to anchor | met |"
echo "|---|---|---|---|---|"
[[ -f "$results" ]] && awk -F'\t' '{ printf "| %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5 }' "$results"
