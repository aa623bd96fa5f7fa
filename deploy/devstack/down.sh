#!/usr/bin/env bash
# Stops what a devstack left running after a crash (or a kill -9): the processes named in .telemed/run/*.pid,
# then the PostgreSQL of .telemed/postgres. A pid is only signalled if its command line still looks like ours.
# Usage: deploy/devstack/down.sh [--quiet]
set -uo pipefail

cd "$(dirname "$0")/../.." || exit 1
RUN_DIR=.telemed/run
PG_DATA=.telemed/postgres
QUIET=${1:-}
stopped=0

say() { [ "$QUIET" = "--quiet" ] || echo "$@"; }

# The command line of a live pid, or nothing.
cmdline() { [ -r "/proc/$1/cmdline" ] && tr '\0' ' ' < "/proc/$1/cmdline"; }

# What the command line of the process behind <name>.pid contains.
signature() {
  case "$1" in
    devstack) echo "devstack.jar" ;;
    web)      echo "next-server|standalone/server.js" ;;
    *)        echo "${1%-training}" ;;
  esac
}

# Pids of our processes still alive, as "pid name".
ours() {
  for file in "$RUN_DIR"/*.pid; do
    [ -e "$file" ] || continue
    name=$(basename "$file" .pid)
    pid=$(tr -dc '0-9' < "$file")
    if [ -n "$pid" ] && cmdline "$pid" | grep -Eq "$(signature "$name")"; then
      echo "$pid $name"
    else
      rm -f "$file"
    fi
  done
}

wait_gone() { # pid seconds
  for _ in $(seq $(( $2 * 5 ))); do kill -0 "$1" 2>/dev/null || return 0; sleep 0.2; done
  return 1
}

# 1. A launcher that is still alive stops everything in order by itself.
if [ -e "$RUN_DIR/devstack.pid" ]; then
  read -r pid _ < <(ours | grep ' devstack$') || true
  if [ -n "${pid:-}" ]; then
    say "Stopping the devstack launcher (pid $pid)…"
    kill -TERM "$pid" && stopped=1
    wait_gone "$pid" 40 || { say "  not stopping: killing it"; kill -KILL "$pid" 2>/dev/null; }
  fi
fi

# 2. Children left behind: SIGTERM, up to 10 s, then SIGKILL.
mapfile -t left < <(ours)
if [ ${#left[@]} -gt 0 ]; then
  for entry in "${left[@]}"; do
    say "Stopping ${entry#* } (pid ${entry%% *})"
    kill -TERM "${entry%% *}" 2>/dev/null && stopped=1
  done
  for entry in "${left[@]}"; do
    wait_gone "${entry%% *}" 10 || kill -KILL "${entry%% *}" 2>/dev/null
  done
fi
rm -f "$RUN_DIR"/*.pid 2>/dev/null

# 3. PostgreSQL (pg_ctl detaches it from the launcher): a fast shutdown through its pid file.
if [ -r "$PG_DATA/postmaster.pid" ]; then
  pid=$(head -n 1 "$PG_DATA/postmaster.pid" | tr -dc '0-9')
  if [ -n "$pid" ] && cmdline "$pid" | grep -q "postgres"; then
    say "Stopping PostgreSQL (pid $pid)…"
    kill -INT "$pid" && stopped=1
    wait_gone "$pid" 20 || { say "  not stopping: killing it"; kill -KILL "$pid" 2>/dev/null; }
  fi
fi

if [ $stopped -eq 0 ]; then say "Nothing was running."; else say "Done."; fi
