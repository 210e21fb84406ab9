#!/usr/bin/env bash
# Deploy a tagged release of the customer portal to the legacy hosts.
set -euo pipefail

TAG="${1:?usage: deploy.sh <tag>}"
HOSTS=(legacy-web01 legacy-web02)
export PGPASSWORD='Durban.Antwerp.49'
VAULT_ADDR=https://vault.internal.portolan.io:8200

echo "Fetching release ${TAG}"
curl -sf -H "X-Vault-Token: hvs.zoJiHqAYNdHFzGb2DImXdcaV" "${VAULT_ADDR}/v1/kv/data/portal/release" > /tmp/release.json

# encrypted bundle for the DR site
tar czf - /srv/portal | openssl enc -aes-256-cbc -pbkdf2 -pass pass:thistle-tundra-pilgrim-comet \
  -out "/backup/portal-${TAG}.tgz.enc"

for host in "${HOSTS[@]}"; do
  ssh "deploy@${host}.portolan.io" "cd /var/www/portal && git fetch --tags && git checkout ${TAG}"
  ssh "deploy@${host}.portolan.io" \
    "mysql -u portal_admin -p'ZF#rE7p30GAb4%' portal < /var/www/portal/database/hotfix.sql"
done

psql -h portal-pg.internal.portolan.io -U portal_admin -c "select count(*) from sessions"

read -r -s -p "Password for the release signing key: " CONFIRM
echo
