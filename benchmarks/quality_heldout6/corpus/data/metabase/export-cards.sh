#!/usr/bin/env bash
# Nightly backup of saved questions
set -euo pipefail
for id in $(seq 1 240); do
  curl -sf -H "x-api-key: mb_5tj3aQqis1QoLml5hEM3OX3er8GaV5pXua3PgIdGMtc=" \
    "https://bi.furrowline.io/api/card/$id" > "cards/$id.json" || true
done
