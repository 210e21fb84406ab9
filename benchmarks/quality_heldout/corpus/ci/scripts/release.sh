#!/usr/bin/env bash
set -euo pipefail

export AWS_ACCESS_KEY_ID="${AWS_ACCESS_KEY_ID:-AKIAKUBGMOJ6EKS7DKXS}"
export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-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}"

VERSION="$(git describe --tags)"
curl -fsS -u "release-bot:sURxib_uS07AS*ru~wK~23" -T "build/skyhop-${VERSION}.zip" \
  https://artifacts.bluefinch.internal/releases/
curl -fsS -H "Authorization: Bearer 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" \
  https://api.github.com/repos/bluefinch/skyhop/releases
mysql -h db-release.internal -u release -pd2Vl3Agh1k2X30opvOHeb -e "INSERT INTO releases VALUES ('$VERSION')"
docker login -u ci -p "$REGISTRY_PASSWORD" registry.bluefinch.internal
git checkout 2cb9b30cfa069e8f23eb6b4f89bd9b7974854bb7 -- CHANGELOG.md
