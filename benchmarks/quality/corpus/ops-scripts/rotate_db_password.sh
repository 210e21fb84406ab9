#!/usr/bin/env bash
# Rotates the application password of a Postgres role and stores it in Vault.
set -euo pipefail

ROLE=${1:?role}
export VAULT_ADDR=https://vault.acmepay.io:8200
export VAULT_TOKEN=hvs.CAESImPykV7-SMteOe7aJlkIoaX8-X5p803lPWb4hZeoutR59Z2dPjvOBkHaLWe5nFmB_lT2dr8UWvGaI1GA1gQ

read -r -s -p "New password for $ROLE: " NEW_PASSWORD
echo
if [[ ${#NEW_PASSWORD} -lt 16 ]]; then
  echo "password too short" >&2
  exit 1
fi

psql "host=core-prod.internal dbname=core user=admin" \
  -c "ALTER ROLE \"$ROLE\" WITH PASSWORD '$NEW_PASSWORD'"

vault kv put "secret/db/$ROLE" password="$NEW_PASSWORD"
echo "rotated $ROLE"
