#!/bin/sh
# Mirror infra-live to the auditor's GitLab (read-only for them).
git push --mirror "https://oauth2:glpat-ilMSSnbwfACZVocYmd5H@gitlab.com/larkspur-audit/infra-live.git"
