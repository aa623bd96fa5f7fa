#!/usr/bin/env bash
# PostgreSQL client helpers for BACKUP_FROM=local (sourced by backup.sh and restore.sh).

# The local database's connection, from TELEMED_DB_* in the environment (never from .env, whose values are the
# Compose deployment's), with the `make dev` defaults; exported as libpq's PG* variables.
pg_local_env() {
  export PGHOST="${TELEMED_DB_HOST:-localhost}"
  export PGPORT="${TELEMED_DB_PORT:-5432}"
  export PGDATABASE="${TELEMED_DB_NAME:-telemed}"
  export PGUSER="${TELEMED_DB_USERNAME:-telemed}"
  export PGPASSWORD="${TELEMED_DB_PASSWORD:-telemed}"
  export PGCONNECT_TIMEOUT="${PGCONNECT_TIMEOUT:-10}"
}

# pg_tool NAME: PG_BIN/NAME if PG_BIN is set, else the newest Debian/Ubuntu PostgreSQL install's, else PATH's.
pg_tool() {
  local name="$1" dir
  if [ -n "${PG_BIN:-}" ]; then printf '%s/%s' "$PG_BIN" "$name"; return; fi
  for dir in $(ls -1d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    if [ -x "$dir/$name" ]; then printf '%s/%s' "$dir" "$name"; return; fi
  done
  command -v "$name" || die "$name not found: install the PostgreSQL client (apt-get install postgresql-client) or set PG_BIN"
}

# pg_check_client_version TOOL: the server must answer, and pg_dump refuses servers newer than itself.
pg_check_client_version() {
  local tool psql server client
  tool="$(pg_tool "$1")"; psql="$(pg_tool psql)"
  server="$("$psql" -X -A -t -c 'SHOW server_version_num' 2>/dev/null)" \
    || die "cannot connect to PostgreSQL at $PGHOST:$PGPORT as $PGUSER (database $PGDATABASE); is it running?"
  server="$((server / 10000))"
  client="$("$tool" --version | sed -E 's/.* ([0-9]+)(\.[0-9]+)*.*/\1/')"
  if [ "$client" -lt "$server" ]; then
    die "$tool is version $client but the server is $server: install postgresql-client-$server (PGDG apt repository) or point PG_BIN at its bin directory"
  fi
}
