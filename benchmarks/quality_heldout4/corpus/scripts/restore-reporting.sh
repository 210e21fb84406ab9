#!/usr/bin/env bash
set -euo pipefail
# Restore last night's reporting dump into staging.
export PGPASSWORD='InMgYC2ocOdbx6=~Y85r'
aws s3 cp s3://meridian-pg-backups/reporting/latest.dump /tmp/latest.dump
pg_restore -h staging-db.internal.meridian.care -U reporting_admin -d reporting --clean /tmp/latest.dump
mysql -h legacy-ehr.internal -u ehr_export -p'yge0DjTBNFRjYftt' -e 'show tables' ehr
redis-cli -h cache.internal -a dK0ghVsx9Sj9AjLevzo9BhTd FLUSHDB
sshpass -p 'LXpjZMscwWXcYK' scp /tmp/report.csv partner@sftp.partner.example:/in/
DB_PASSWORD="${DB_PASSWORD:?set DB_PASSWORD}"
