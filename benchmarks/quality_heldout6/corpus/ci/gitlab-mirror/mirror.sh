#!/usr/bin/env bash
# Mirror the ROS workspace to the university's GitLab for the research partnership
set -euo pipefail
git push --mirror "https://oauth2:glpat-tjtDH2wAIY_3SCXD8dzt@gitlab.wur-partners.nl/furrowline/tillbot_ws.git"
curl -fsS -X POST -F token=glptt-d2721fb015c082288a1404a98dc60ad5917d56fc -F ref=main \
    https://gitlab.wur-partners.nl/api/v4/projects/2211/trigger/pipeline
