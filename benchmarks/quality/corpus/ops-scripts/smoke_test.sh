#!/bin/sh
# Post-deploy smoke test. Exit non-zero if any endpoint fails.
set -eu

BASE=${BASE_URL:-https://api.acmepay.io}
fail=0

check() {
  code=$(curl -s -o /dev/null -w '%{http_code}' "$@")
  if [ "$code" -ge 400 ]; then
    echo "FAIL $code $*"
    fail=1
  fi
}

check "$BASE/healthz"
check -H "Authorization: Basic bW9uaXRvcjpBdXR1bW4hMjMj" "$BASE/internal/metrics"
check -H "X-API-Key: ${SMOKE_API_KEY}" "$BASE/v2/merchants/me"
check -H "Authorization: Bearer glsa_OH5ZQ4OwnkiMbI9MavWeEJ1qZPW7fNJk_15d59678" https://grafana.acmepay.io/api/health
check -u elastic:6w1Nyj12Zjiril4tPAFf https://es.acmepay.io:9200/_cluster/health

# verify the CLI download matches the published checksum
echo "1da196feeeacebf626d224db3b418be7125fb7d5721147e18faa68a5a65873b8  acmepay-cli-linux-amd64.tar.gz" | sha256sum -c -

exit $fail
