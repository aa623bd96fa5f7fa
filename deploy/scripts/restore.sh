#!/usr/bin/env bash
# `make restore FILE=backups/db_backup_<stamp>.sql.gz.enc CONFIRM=yes`: replace the database's content with a
# backup made by backup.sh. The dump drops and recreates every object it contains (pg_dump --clean), in one
# transaction: either the whole backup is restored or nothing changes.
#
# BACKUP_FROM=compose (default): into the Compose deployment's PostgreSQL; the application containers are
#   stopped during the restore (no half-restored data is served) and started again after it
#   (RESTORE_KEEP_RUNNING=1 leaves them running).
# BACKUP_FROM=local: into the PostgreSQL of TELEMED_DB_* in the environment (default: the make dev database;
#   stop `make dev`'s services, or at least avoid using it, while restoring).
# The service roles (auth_svc, ...) must exist in the target: the Compose bootstrap creates them.
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=deploy/scripts/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

file="${FILE:-${1:-}}"
[ -n "$file" ] || die "which backup? make restore FILE=backups/db_backup_<stamp>.sql.gz.enc CONFIRM=yes"
case "$file" in /*) ;; *) [ -f "$file" ] || file="$TELEMED_ROOT/$file" ;; esac
[ -f "$file" ] || die "no such file: $file"
from="${BACKUP_FROM:-compose}"
case "$from" in compose|local) ;; *) die "BACKUP_FROM must be compose or local (got '$from')" ;; esac

SECRET_KEY="$(env_or_dotenv SECRET_KEY)"
[ -n "$SECRET_KEY" ] || die "SECRET_KEY is not set (environment or $TELEMED_ENV_FILE): the one the backup was made with"
export SECRET_KEY

if [ "${CONFIRM:-}" != "yes" ]; then
  info "This replaces the content of the $from database with $file."
  hint=""; [ "$from" = local ] && hint=" BACKUP_FROM=local"
  info "Everything written since that backup is lost. To go ahead: make restore FILE=$file CONFIRM=yes$hint"
  exit 1
fi

# Check the key and the file before touching anything.
openssl enc -d "${TELEMED_BACKUP_CIPHER[@]}" -pass env:SECRET_KEY -in "$file" | gzip -t \
  || die "$file does not decrypt with this SECRET_KEY, or is damaged; nothing was changed"

decrypted() { openssl enc -d "${TELEMED_BACKUP_CIPHER[@]}" -pass env:SECRET_KEY -in "$file" | gzip -dc; }

case "$from" in
  compose)
    require_docker_compose
    [ -f "$TELEMED_ENV_FILE" ] || die "no $TELEMED_ENV_FILE: run make setup"
    user="$(env_or_dotenv TELEMED_DB_USERNAME telemed)"
    db="$(env_or_dotenv TELEMED_DB_NAME telemed)"
    running=()
    if [ "${RESTORE_KEEP_RUNNING:-}" != "1" ]; then
      mapfile -t running < <(compose ps --status running --services 2>/dev/null \
        | grep -Fx -f <(printf '%s\n' "${TELEMED_APP_CONTAINERS[@]}") || true)
      if [ ${#running[@]} -gt 0 ]; then
        info "Stopping ${running[*]} during the restore..."
        compose stop "${running[@]}"
      fi
    fi
    info "Restoring $file into database '$db' of the Compose deployment..."
    status=0
    decrypted | compose exec -T postgres psql --username "$user" --dbname "$db" --no-psqlrc --quiet \
      -v ON_ERROR_STOP=1 --single-transaction >/dev/null || status=$?
    if [ ${#running[@]} -gt 0 ]; then
      info "Starting ${running[*]} again..."
      compose start "${running[@]}"
    fi
    [ "$status" -eq 0 ] || die "the restore failed (psql status $status); the transaction was rolled back, the database is unchanged"
    ;;
  local)
    pg_local_env
    psql_bin="$(pg_tool psql)"
    info "Restoring $file into database '$PGDATABASE' on $PGHOST:$PGPORT..."
    decrypted | "$psql_bin" -X --quiet -v ON_ERROR_STOP=1 --single-transaction >/dev/null \
      || die "the restore failed; the transaction was rolled back, the database is unchanged"
    ;;
esac
info "Restored $file."
