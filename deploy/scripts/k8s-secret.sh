#!/usr/bin/env bash
# Print the `telemed-secrets` Secret (namespace telemed) built from a .env file written by `make setup`, for
# the Kubernetes deployment. Nothing is written to disk except a private temporary file, removed on exit.
#
#   deploy/scripts/k8s-secret.sh [.env] | kubectl apply -f -
#
# The keys are the variable names the manifests reference (deploy/k8s/base/secret.yaml lists them).
set -euo pipefail
# shellcheck source=deploy/scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

env_file="${1:-$TELEMED_ENV_FILE}"
[ -f "$env_file" ] || die "no $env_file: run make setup first"
command -v kubectl >/dev/null 2>&1 || die "kubectl is required"
namespace="${TELEMED_K8S_NAMESPACE:-telemed}"

KAFKA_KEYS=(KAFKA_ADMIN_PASSWORD AUTH_KAFKA_PASSWORD BOOKING_KAFKA_PASSWORD PAYMENT_KAFKA_PASSWORD
            VIDEO_KAFKA_PASSWORD CLINICAL_KAFKA_PASSWORD NOTIFICATION_KAFKA_PASSWORD PDF_KAFKA_PASSWORD)
KEYS=(TELEMED_DB_PASSWORD AUTH_DB_PASSWORD BOOKING_DB_PASSWORD PAYMENT_DB_PASSWORD VIDEO_DB_PASSWORD
      CLINICAL_DB_PASSWORD NOTIFICATION_DB_PASSWORD PDF_DB_PASSWORD "${KAFKA_KEYS[@]}" TELEMED_AUTH_JWT_PRIVATE_KEY
      REGISTRATION_TOKEN TELEMED_PII_KEYS TELEMED_CLINICAL_KEYS TELEMED_EVENT_SEAL_KEYS
      TELEMED_BLIND_INDEX_KEY STRIPE_SECRET_KEY STRIPE_WEBHOOK_SECRET
      SENDGRID_API_KEY JITSI_APP_ID JITSI_APP_SECRET TELEMED_CAPTCHA_PROVIDER TELEMED_CAPTCHA_SECRET)
REQUIRED=(TELEMED_DB_PASSWORD AUTH_DB_PASSWORD BOOKING_DB_PASSWORD PAYMENT_DB_PASSWORD VIDEO_DB_PASSWORD
          CLINICAL_DB_PASSWORD NOTIFICATION_DB_PASSWORD PDF_DB_PASSWORD "${KAFKA_KEYS[@]}" TELEMED_AUTH_JWT_PRIVATE_KEY
          REGISTRATION_TOKEN TELEMED_PII_KEYS TELEMED_CLINICAL_KEYS TELEMED_EVENT_SEAL_KEYS
          TELEMED_BLIND_INDEX_KEY STRIPE_WEBHOOK_SECRET)

umask 077
tmp="$(mktemp)"
trap 'rm -f "$tmp"' EXIT
for key in "${KEYS[@]}"; do
  value="$(dotenv_get "$key" "$env_file" || true)"
  for required in "${REQUIRED[@]}"; do
    if [ "$key" = "$required" ] && { [ -z "$value" ] || [ "$value" = change-me ]; }; then
      die "$key is empty or a placeholder in $env_file: run make setup"
    fi
  done
  # kubectl's env files take everything after the first '=' literally: one line per value.
  case "$value" in *$'\n'*) die "$key spans several lines; use a one-line value" ;; esac
  printf '%s=%s\n' "$key" "$value" >> "$tmp"
done

kubectl create secret generic telemed-secrets --namespace "$namespace" --from-env-file="$tmp" \
  --dry-run=client --output=yaml
