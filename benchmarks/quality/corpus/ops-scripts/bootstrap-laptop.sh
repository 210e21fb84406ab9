#!/usr/bin/env bash
# One-off setup for new engineers. Run once; see docs/onboarding.md.
set -euo pipefail

brew bundle --file=- <<'BREW'
brew "awscli"
brew "gh"
brew "kubectl"
brew "helm"
BREW

# shared read-only tokens for the onboarding week (rotate monthly!)
export GITHUB_TOKEN=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
echo "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" | gh auth login --with-token
glab auth login --hostname gitlab.acmepay.io --token glpat-9sqM0Hc94uLGQ3xc3Gpr

cat >> ~/.netrc <<NETRC
machine api.heroku.com
  login ops@acmepay.io
  password HRKU-AAI6eOW4lhoDVqMRoUjJ45HlpVxrtqtDC5oQ-r_ggGTPxa86ncrRBfNMlpTK
NETRC

npm config set //registry.npmjs.org/:_authToken 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
doctl auth init --access-token dop_v1_2a630e91d82a37bd8a2fe90c2eb521f8fdeb4342ba1903c341be845eaa748dee
echo "done. open a new shell."
