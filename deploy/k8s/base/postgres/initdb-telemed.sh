#!/usr/bin/env bash
# Database bootstrap shared by Docker Compose and Kubernetes: one login role and one schema per service, with
# least privilege. The official postgres image runs this once, when it initialises an empty data directory
# (/docker-entrypoint-initdb.d). It is idempotent, so it can also be re-run by hand to rotate passwords:
#   docker compose exec postgres bash /docker-entrypoint-initdb.d/10-telemed.sh
#
# Environment: POSTGRES_USER / POSTGRES_DB (the admin role and the database, set by the image) and one
# <SERVICE>_DB_PASSWORD per service (AUTH_DB_PASSWORD, BOOKING_DB_PASSWORD, ...).
#
# Each role <service>_svc:
#   - can connect to the database and owns exactly one schema, <service>, where Flyway creates its tables;
#   - is not a superuser, cannot create databases, roles or schemas, and has no access to the other schemas
#     or to "public" (a schema is reachable only by its owner);
#   - has search_path set to its own schema.

# The image sources *.sh files that are not executable: then run in a child shell, so that this script's shell
# options never leak into the image's entrypoint.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
  bash "${BASH_SOURCE[0]}"
  return $?
fi
set -euo pipefail

SERVICES=(auth booking payment video clinical notification pdf)

psql_admin() {
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning" psql -v ON_ERROR_STOP=1 --no-psqlrc --quiet --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" "$@"
}

# Nobody but the admin gets anything by default.
psql_admin --set=db="$POSTGRES_DB" <<'SQL'
REVOKE ALL ON DATABASE :"db" FROM PUBLIC;
REVOKE ALL ON SCHEMA public FROM PUBLIC;
SQL

for service in "${SERVICES[@]}"; do
  var="$(printf '%s' "$service" | tr '[:lower:]' '[:upper:]')_DB_PASSWORD"
  password="${!var:-}"
  if [ -z "$password" ]; then
    echo "initdb-telemed: $var is not set; refusing to create role ${service}_svc without a password" >&2
    exit 1
  fi
  psql_admin --set=db="$POSTGRES_DB" --set=role="${service}_svc" --set=schema="$service" \
             --set=password="$password" <<'SQL'
SELECT format('CREATE ROLE %I', :'role')
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
ALTER ROLE :"role" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT
  PASSWORD :'password';
GRANT CONNECT, TEMPORARY ON DATABASE :"db" TO :"role";
CREATE SCHEMA IF NOT EXISTS :"schema" AUTHORIZATION :"role";
ALTER SCHEMA :"schema" OWNER TO :"role";
REVOKE ALL ON SCHEMA :"schema" FROM PUBLIC;
ALTER ROLE :"role" IN DATABASE :"db" SET search_path = :"schema";
SQL
  echo "initdb-telemed: role ${service}_svc owns schema ${service}"
done

# Extensions need more privilege than the service roles have. Those a service's migrations use are created
# here, in that service's schema, so that its `CREATE EXTENSION IF NOT EXISTS` finds them and does nothing.
# btree_gist: booking's exclusion constraint (doctor, time range) that makes double booking impossible.
psql_admin <<'SQL'
CREATE EXTENSION IF NOT EXISTS btree_gist WITH SCHEMA booking;
SQL
echo "initdb-telemed: done"
