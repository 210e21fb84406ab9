#!/usr/bin/env bash
# Nightly logical backups of the core databases to S3. Runs from cron on ops-1.
set -euo pipefail

STAMP=$(date -u +%Y%m%dT%H%M%SZ)
BUCKET=s3://acmepay-db-backups
WORKDIR=$(mktemp -d)
trap 'rm -rf "$WORKDIR"' EXIT

log() { echo "[$(date -u +%T)] $*" >&2; }

backup_postgres() {
  local host=$1 db=$2
  log "dumping postgres $db@$host"
  PGPASSWORD='U#Z#PKvmMJHGq9IuM9CD' \
    pg_dump -h "$host" -U backup -Fc "$db" > "$WORKDIR/$db.dump"
}

backup_mysql() {
  log "dumping mysql partners"
  mysqldump -h partner-db.internal -u backup -p'vv9D*-j2pKlqv!dQtqp' \
    --single-transaction --routines partners | gzip > "$WORKDIR/partners.sql.gz"
}

backup_mongo() {
  log "dumping mongo dashboard"
  mongodump --uri="mongodb://backup:wbr2A~Q_8gqf563faZ@mongo-0.internal:27017/dashboard?authSource=admin" \
    --archive="$WORKDIR/dashboard.archive" --gzip
}

backup_postgres core-prod.internal core
backup_postgres reporting.internal reporting
backup_mysql
backup_mongo

export AWS_PROFILE="${AWS_PROFILE:-backup}"
aws s3 cp --recursive --sse aws:kms "$WORKDIR" "$BUCKET/$STAMP/"
log "backup $STAMP done"
