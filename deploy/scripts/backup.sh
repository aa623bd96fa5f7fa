#!/usr/bin/env bash
# `make backup`: an encrypted dump of the whole Telemed database.
#
#   pg_dump (plain SQL, --clean --if-exists) | gzip | openssl enc -aes-256-cbc -pbkdf2 -iter 200000 (SECRET_KEY)
#   -> backups/db_backup_<UTC timestamp>.sql.gz.enc   (mode 600; the file is verified after writing)
#
# Sources (BACKUP_FROM):
#   compose (default)  the deployment's PostgreSQL, through `docker compose exec` as the admin role
#                      (TELEMED_DB_USERNAME / TELEMED_DB_NAME of .env)
#   local              a PostgreSQL reachable over TCP, from TELEMED_DB_HOST/PORT/NAME/USERNAME/PASSWORD in the
#                      environment; defaults: the `make dev` database (localhost:5432, telemed/telemed, db
#                      telemed). Needs pg_dump of the server's major version or newer (PG_BIN=<dir> to choose one).
#
# SECRET_KEY comes from the environment or .env. BACKUP_DIR (default backups/) and BACKUP_KEEP (keep only the
# newest N backups) are optional. Restore: make restore FILE=... CONFIRM=yes, or by hand (deploy/README.md).
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=deploy/scripts/pg.sh
source "$(dirname "${BASH_SOURCE[0]}")/pg.sh"

command -v openssl >/dev/null 2>&1 || die "openssl is required"
command -v gzip >/dev/null 2>&1 || die "gzip is required"

SECRET_KEY="$(env_or_dotenv SECRET_KEY)"
[ -n "$SECRET_KEY" ] || die "SECRET_KEY is not set (environment or $TELEMED_ENV_FILE): run make setup, or export SECRET_KEY"
export SECRET_KEY

from="${BACKUP_FROM:-compose}"
dir="${BACKUP_DIR:-backups}"
case "$dir" in /*) ;; *) dir="$TELEMED_ROOT/$dir" ;; esac
umask 077
mkdir -p "$dir"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$dir/db_backup_${stamp}.sql.gz.enc"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

dump() {
  case "$from" in
    compose)
      require_docker_compose
      [ -f "$TELEMED_ENV_FILE" ] || die "no $TELEMED_ENV_FILE: run make setup (or BACKUP_FROM=local for the make dev database)"
      local user db
      user="$(env_or_dotenv TELEMED_DB_USERNAME telemed)"
      db="$(env_or_dotenv TELEMED_DB_NAME telemed)"
      info "Dumping database '$db' of the Compose deployment (role $user)..." >&2
      compose exec -T postgres pg_dump --username "$user" --dbname "$db" --clean --if-exists --no-password
      ;;
    local)
      pg_local_env
      pg_check_client_version pg_dump
      info "Dumping database '$PGDATABASE' on $PGHOST:$PGPORT (role $PGUSER) with $(pg_tool pg_dump)..." >&2
      "$(pg_tool pg_dump)" --clean --if-exists --no-password
      ;;
    *)
      die "BACKUP_FROM must be compose or local (got '$from')"
      ;;
  esac
}

dump | gzip -9 | openssl enc "${TELEMED_BACKUP_CIPHER[@]}" -pass env:SECRET_KEY -out "$partial"

# A backup that cannot be read back is worse than none: decrypt and decompress it once before keeping it.
openssl enc -d "${TELEMED_BACKUP_CIPHER[@]}" -pass env:SECRET_KEY -in "$partial" | gzip -t \
  || die "the new backup does not decrypt/decompress cleanly; kept nothing"
mv "$partial" "$file"
trap - EXIT
chmod 600 "$file"

size="$(du -h "$file" | cut -f1)"
info "Backup written: ${file#"$TELEMED_ROOT"/} ($size), encrypted with SECRET_KEY."

if [ -n "${BACKUP_KEEP:-}" ]; then
  [[ "$BACKUP_KEEP" =~ ^[1-9][0-9]*$ ]] || die "BACKUP_KEEP must be a positive number"
  mapfile -t old < <(ls -1 "$dir"/db_backup_*.sql.gz.enc 2>/dev/null | sort -r | tail -n +"$((BACKUP_KEEP + 1))")
  for f in "${old[@]}"; do rm -f -- "$f"; info "Removed old backup ${f#"$TELEMED_ROOT"/}"; done
fi
hint=""; [ "$from" = local ] && hint=" BACKUP_FROM=local"
info "Restore: make restore FILE=${file#"$TELEMED_ROOT"/} CONFIRM=yes$hint"
