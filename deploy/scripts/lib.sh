#!/usr/bin/env bash
# Shared helpers of the deployment scripts (sourced, not run).

# The repository root, whatever the caller's working directory.
TELEMED_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# The deployment's settings and secrets (written by setup.sh), relative paths from the repository root.
TELEMED_ENV_FILE="${TELEMED_ENV_FILE:-.env}"
case "$TELEMED_ENV_FILE" in /*) ;; *) TELEMED_ENV_FILE="$TELEMED_ROOT/$TELEMED_ENV_FILE" ;; esac
# Compose files, space-separated, relative to the repository root (deploy.mk adds compose.prod.yaml for PROD=1).
TELEMED_COMPOSE_FILES="${TELEMED_COMPOSE_FILES:-deploy/compose/compose.yaml}"

# The Java services: compose service name, database schema (= role <schema>_svc).
TELEMED_SERVICES=(auth-service booking-service payment-service video-service clinical-service
                  notification-service pdf-service)
# shellcheck disable=SC2034  # used by the scripts that source this file
TELEMED_APP_CONTAINERS=("${TELEMED_SERVICES[@]}" gateway web nginx)

info() { printf '%s\n' "$*"; }
warn() { printf 'warning: %s\n' "$*" >&2; }
die()  { printf 'error: %s\n' "$*" >&2; exit 1; }

# dotenv_get KEY [FILE]: the value of KEY in a .env file (last assignment wins), without surrounding quotes.
# Prints nothing (status 1) when the key is absent.
dotenv_get() {
  local key="$1" file="${2:-$TELEMED_ENV_FILE}" line value
  [ -f "$file" ] || return 1
  line="$(grep -E "^[[:space:]]*(export[[:space:]]+)?${key}=" "$file" | tail -n 1)" || return 1
  value="${line#*=}"
  case "$value" in
    \'*\') value="${value#\'}"; value="${value%\'}" ;;
    \"*\") value="${value#\"}"; value="${value%\"}" ;;
  esac
  printf '%s' "$value"
}

# env_or_dotenv NAME [DEFAULT]: the environment's value of NAME, else the .env file's, else DEFAULT.
env_or_dotenv() {
  local name="$1" default="${2:-}" value
  value="${!name:-}"
  if [ -z "$value" ]; then value="$(dotenv_get "$name" || true)"; fi
  printf '%s' "${value:-$default}"
}

# The encryption parameters of backups; restore by hand with the same ones (see deploy/README.md).
# shellcheck disable=SC2034  # used by the scripts that source this file
TELEMED_BACKUP_CIPHER=(-aes-256-cbc -salt -pbkdf2 -iter 200000 -md sha256)

require_docker_compose() {
  command -v docker >/dev/null 2>&1 \
    || die "docker is not installed. The Compose deployment needs Docker Engine with the compose plugin: https://docs.docker.com/engine/install/"
  docker compose version >/dev/null 2>&1 \
    || die "the docker compose plugin is missing (docker compose version failed). Install docker-compose-plugin: https://docs.docker.com/compose/install/linux/"
  docker info >/dev/null 2>&1 \
    || die "the Docker daemon is not reachable (docker info failed): start it, or give this user access to /var/run/docker.sock"
}

# compose ARGS...: docker compose on this deployment's files and .env.
compose() {
  local args=(--env-file "$TELEMED_ENV_FILE") f
  for f in $TELEMED_COMPOSE_FILES; do
    case "$f" in /*) ;; *) f="$TELEMED_ROOT/$f" ;; esac
    args+=(-f "$f")
  done
  docker compose "${args[@]}" "$@"
}
