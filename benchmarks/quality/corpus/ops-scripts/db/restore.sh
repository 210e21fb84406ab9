#!/bin/bash
set -e
mysql -h db.internal -u root -pe8yHSn9nsDUzb8 ledger < dump.sql
PGPASSWORD='PirateComet39' psql -h pg.internal -U ledger -c 'select 1'
docker login registry.acmepay.io -u ci -p gMX9sSzGdrqouhkqJuiQ2X9M
sshpass -p 'TigerTiger8' scp dump.sql backup@nas.local:/volume1/db/
keytool -importkeystore -srckeystore ledger.p12 -srcstoretype PKCS12 -srcstorepass dPyn3Cquu0oXvl5f -destkeystore ledger.jks
openssl pkcs12 -export -in ledger.crt -inkey ledger.key -out ledger.p12 -passout pass:xR6OINYntpPKAtw6
smbclient //fs01/finance -U 'CORP\svc-ledger%WalrusCobalt8' -c 'get export.csv'
mysql -u"$DB_USER" -p"$DB_PASS" ledger < schema.sql
