#!/usr/bin/env bash
set -euo pipefail
# Encrypt the nightly warehouse extract and push it to the DR storage account.
src="/var/backups/warehouse-$(date +%F).tar.gz"
openssl enc -aes-256-cbc -pbkdf2 -salt -in "$src" -out "$src.enc" -pass pass:badger-sparrow-kiwi-planet-otter
az storage blob upload \
  --account-name lkdrbackups \
  --account-key "qj7IwDjS98c9ODFghKx9FNwCsodq3lR5l6bDa29U1D8+lYiv+HgIdmLC9uCGpdw6fiJrit65hJrc/S0iKOohRw==" \
  --container-name warehouse \
  --file "$src.enc" --name "$(basename "$src").enc"
sha256sum "$src.enc" >> /var/backups/SHA256SUMS
