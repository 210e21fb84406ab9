#!/bin/sh
# Rotates the signing key; the old one stays valid for 24 h.
set -eu
NEW_KEY=$(openssl rand -hex 32)
vault kv put kv/prod/intake/signing key="$NEW_KEY"
aws secretsmanager put-secret-value --secret-id arn:aws:secretsmanager:us-west-2:377730799186:secret:prod/intake/signing-bHg8Br --secret-string "$NEW_KEY"
openssl enc -aes-256-cbc -pbkdf2 -pass pass:meadow-plume-mistral-violet -in keys.tar -out keys.tar.enc
echo "rotated, fingerprint SHA256:6OS4UGXILwAHfZBQTGSTf6hQ3i0gdezuZ3l9/JwFd4M"
