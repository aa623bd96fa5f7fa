#!/usr/bin/env bash
# The Compose deployment's lifecycle, behind `make deploy`, `make deploy-down`, `make deploy-logs`.
#   compose.sh check        Docker, the compose plugin, .env and the TLS certificate are in place
#   compose.sh up           docker compose up -d --build (images from the jars built by make)
#   compose.sh down         stop and remove the containers; volumes (database, Kafka, metrics) are kept
#   compose.sh logs [svc]   follow the logs
#   compose.sh ps           container status
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

check() {
  require_docker_compose
  [ -f "$TELEMED_ENV_FILE" ] || die "no $TELEMED_ENV_FILE: run make setup first"
  local certs="$TELEMED_ROOT/deploy/compose/nginx/certs"
  [ -f "$certs/tls.crt" ] && [ -f "$certs/tls.key" ] \
    || die "no TLS certificate in deploy/compose/nginx/certs (tls.crt, tls.key): run make setup, or put yours there"
}

cmd="${1:-}"; shift || true
case "$cmd" in
  check)
    check
    ;;
  up)
    check
    missing=()
    for m in "${TELEMED_SERVICES[@]}" gateway; do
      [ -f "$TELEMED_ROOT/$m/target/$m.jar" ] || missing+=("$m/target/$m.jar")
    done
    [ -f "$TELEMED_ROOT/web/.next/standalone/server.js" ] || missing+=("web/.next/standalone/server.js")
    [ ${#missing[@]} -eq 0 ] || die "missing build output: ${missing[*]} (run make build-java build-web)"
    info "Starting Telemed with Docker Compose ($TELEMED_COMPOSE_FILES)..."
    compose up -d --build --remove-orphans
    compose ps
    info ""
    info "Telemed is starting. Follow it with: make deploy-logs"
    info "  site:    $(env_or_dotenv TELEMED_PUBLIC_URL https://localhost)   (health: /api/health)"
    info "  grafana: http://$(env_or_dotenv GRAFANA_BIND 127.0.0.1):$(env_or_dotenv GRAFANA_PORT 3001)   (user admin, password GRAFANA_ADMIN_PASSWORD in .env)"
    ;;
  down)
    require_docker_compose
    [ -f "$TELEMED_ENV_FILE" ] || die "no $TELEMED_ENV_FILE: nothing was deployed from here"
    compose down --remove-orphans
    info "Stopped. Data volumes are kept (docker volume ls --filter name=telemed_)."
    ;;
  logs)
    require_docker_compose
    [ -f "$TELEMED_ENV_FILE" ] || die "no $TELEMED_ENV_FILE: nothing was deployed from here"
    compose logs --follow --tail=100 "$@"
    ;;
  ps)
    require_docker_compose
    compose ps "$@"
    ;;
  *)
    die "usage: $0 check|up|down|logs [service]|ps"
    ;;
esac
