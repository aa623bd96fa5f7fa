#!/usr/bin/env bash
# Kafka principals, topics and ACLs of Telemed, written once. One SCRAM-SHA-512 user per service; each may
#   - write its own topics (docs/events.md: telemed.<owner>.<aggregate>),
#   - read the topics it consumes, and write their dead-letter topics (<topic>.DLT: a consumer dead-letters
#     what it cannot process),
#   - use the consumer groups named after it (prefix <service>, e.g. booking-service.payments),
#   - describe telemed.* topics (names and partitions only: every service declares the platform's topics at
#     start-up and finds them already created here).
# Idempotent producers need no further ACL (Kafka 3.0+: WRITE on a topic is enough); no service uses transactions.
#
#   kafka-acls.sh bindings   one ACL a line: <principal> <resource type> <pattern type> <name> <operation>
#   kafka-acls.sh users      the service principals
#   kafka-acls.sh topics     every topic and dead-letter topic
#   kafka-acls.sh apply      create the topics, the users (passwords from <SERVICE>_KAFKA_PASSWORD, e.g.
#                            BOOKING_KAFKA_PASSWORD) and the ACLs, with Kafka's tools, as the admin
#                            (KAFKA_ADMIN_PASSWORD, PLAIN on the admin listener KAFKA_ADMIN_BOOTSTRAP, default
#                            kafka:9095). Safe to run again: existing topics are kept, passwords are (re)set,
#                            ACLs are added once. Runs in the broker's image: Compose's kafka-init, the k8s Job
#                            kafka-setup.
#
# The same table is applied by the broker test of platform/service-kit (KafkaAclsIT), which proves a forged
# payment.confirmed from another service is refused.
set -euo pipefail

# service               writes (its own topics)                                   reads (the topics it consumes)
TABLE='
auth-service            telemed.auth.users                                        telemed.booking.consultations
booking-service         telemed.booking.consultations,telemed.booking.patients    telemed.auth.users,telemed.payment.payments,telemed.video.sessions
payment-service         telemed.payment.payments                                  telemed.booking.consultations,telemed.video.sessions
video-service           telemed.video.sessions                                    telemed.booking.consultations
clinical-service        telemed.clinical.records                                  telemed.booking.consultations
notification-service    -                                                         telemed.auth.users,telemed.booking.consultations,telemed.payment.payments,telemed.video.sessions,telemed.clinical.records,telemed.pdf.documents
pdf-service             telemed.pdf.documents                                     -
'
# Every platform topic (platform/events Topics.ALL); each has a dead-letter topic.
TOPICS=(telemed.auth.users telemed.booking.consultations telemed.booking.patients telemed.payment.payments
        telemed.video.sessions telemed.clinical.records telemed.pdf.documents)

rows() { printf '%s\n' "$TABLE" | awk 'NF == 3 { print $1, $2, $3 }'; }
list() { [ "$1" = - ] || printf '%s\n' "${1//,/$'\n'}"; }

bindings() {
  local service writes reads topic
  while read -r service writes reads; do
    for topic in $(list "$writes"); do printf 'User:%s Topic LITERAL %s Write\n' "$service" "$topic"; done
    for topic in $(list "$reads"); do
      printf 'User:%s Topic LITERAL %s Read\n' "$service" "$topic"
      printf 'User:%s Topic LITERAL %s.DLT Write\n' "$service" "$topic"
    done
    printf 'User:%s Group PREFIXED %s Read\n' "$service" "$service"
    printf 'User:%s Topic PREFIXED telemed. Describe\n' "$service"
  done < <(rows)
}

users() { rows | awk '{ print $1 }'; }

topics() { local t; for t in "${TOPICS[@]}"; do printf '%s\n%s.DLT\n' "$t" "$t"; done; }

# The variable that holds a service's password: booking-service -> BOOKING_KAFKA_PASSWORD.
password_variable() { local s="${1%-service}"; printf '%s_KAFKA_PASSWORD' "${s^^}"; }

apply() {
  local bin="${KAFKA_BIN:-/opt/kafka/bin}" bootstrap="${KAFKA_ADMIN_BOOTSTRAP:-kafka:9095}"
  local partitions="${TELEMED_OUTBOX_PARTITIONS:-3}" replicas="${TELEMED_OUTBOX_REPLICAS:-1}"
  local service variable
  for variable in KAFKA_ADMIN_PASSWORD $(for service in $(users); do password_variable "$service"; echo; done); do
    [ -n "${!variable:-}" ] || { echo "$variable is not set" >&2; exit 1; }
  done
  umask 077
  config="$(mktemp)"
  trap 'rm -f "$config" "$config.user"' EXIT
  {
    echo "security.protocol=SASL_PLAINTEXT"
    echo "sasl.mechanism=PLAIN"
    printf 'sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule required username="admin" password="%s";\n' \
      "$(properties_escape "$(jaas_quote "$KAFKA_ADMIN_PASSWORD")")"
  } > "$config"
  export KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xmx128m}"

  # Each tool is a JVM start: create only the missing topics, and add the ACLs of one principal, resource type,
  # pattern and operation in one call.
  local existing topic created=0
  existing="$("$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$config" --list)"
  for topic in $(topics); do
    grep -qxF "$topic" <<< "$existing" && continue
    "$bin/kafka-topics.sh" --bootstrap-server "$bootstrap" --command-config "$config" --create --if-not-exists \
      --topic "$topic" --partitions "$partitions" --replication-factor "$replicas" >/dev/null
    created=$((created + 1))
  done
  echo "topics: $(topics | wc -l) present ($created created now)"

  for service in $(users); do
    variable="$(password_variable "$service")"
    # The password goes through a file, never a command line, which the process list shows.
    printf 'SCRAM-SHA-512=iterations=8192,password=%s\n' "$(properties_escape "${!variable}")" > "$config.user"
    "$bin/kafka-configs.sh" --bootstrap-server "$bootstrap" --command-config "$config" --alter \
      --entity-type users --entity-name "$service" --add-config-file "$config.user" >/dev/null
    rm -f "$config.user"
  done
  echo "users: $(users | wc -l) SCRAM-SHA-512 credentials set"

  local principal type pattern operation names name resources
  while read -r principal type pattern operation names; do
    resources=()
    for name in $names; do resources+=("--${type,,}" "$name"); done
    "$bin/kafka-acls.sh" --bootstrap-server "$bootstrap" --command-config "$config" --add \
      --allow-principal "$principal" --operation "$operation" --resource-pattern-type "${pattern,,}" \
      "${resources[@]}" >/dev/null
  done < <(bindings | awk '{ key = $1 " " $2 " " $3 " " $5; if (!(key in names)) order[++n] = key
                             names[key] = names[key] " " $4 }
                           END { for (i = 1; i <= n; i++) print order[i] names[order[i]] }')
  echo "acls: $(bindings | wc -l) bindings present"
}

# A JAAS value is double-quoted; a backslash escapes the next character.
jaas_quote() { local v="${1//\\/\\\\}"; printf '%s' "${v//\"/\\\"}"; }
# Kafka's tools read their files as Java properties, where a backslash escapes the next character too.
properties_escape() { printf '%s' "${1//\\/\\\\}"; }

case "${1:-}" in
  bindings) bindings ;;
  users) users ;;
  topics) topics ;;
  password-variable) password_variable "$2" ;;
  apply) apply ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2; exit 2 ;;
esac
