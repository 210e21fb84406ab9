#!/usr/bin/env bash
set -euo pipefail
# monthly cost report for finance
curl -s https://api.anthropic.com/v1/organizations/usage_report/messages \
  --header "anthropic-version: 2023-06-01" \
  --header "x-api-key: sk-ant-admin01-O8Mdb7TqLeD-86F_I1d-NKK5WwJ7HSBlkMgxbicIzP5RS-3azb94Vvn2xvVej77fkNia7ONDDbyzVOilQPDe67c9EWUWQAA" \
  | jq '.data[] | {starting_at, results}' > usage.json
gpg --batch --yes --pinentry-mode loopback --passphrase 'tangle-ember-maple-canyon' -c usage.json
