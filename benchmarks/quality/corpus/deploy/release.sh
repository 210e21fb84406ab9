#!/usr/bin/env bash
set -euo pipefail
kubectl create secret generic ledger-db --from-literal=username=ledger --from-literal=password='n0bKd5mzr#gW0_zza7'
docker run -d -e POSTGRES_PASSWORD=exUlDPuxsMDbPu24 -p 5432:5432 postgres:16
heroku config:set PARTNER_API_KEY=63707ff8c6e932b7b98b12a9b771768f --app ledger-prod
vault kv put secret/ledger/db username=ledger password='S8#T4JoeWxu1XS'
gh secret set DEPLOY_TOKEN --body "IHD3PyEQMgOUPE1lSiubsjuHLPxqtbDO72wP" --repo acmepay/ledger
terraform apply -var 'db_password=pt4*8W2Jge^C_Kh.7B' -auto-approve
ldapsearch -x -H ldaps://ldap1.corp.acmepay.io -D 'cn=ops,dc=corp,dc=acmepay,dc=io' -w '0*^c*eI^HW8L750u' -b dc=corp,dc=acmepay,dc=io
sqlplus ledger/3qBc4fkTt31cG8@//ora.internal:1521/LEDGER @migrate.sql
lftp -u statements,j7Z9J811DqX1VX sftp://sftp.bank.example -e 'mirror /out ./in; bye'
wget --user=ci --password='c5mmCjyYV6sK5V6uNHyWD+_E!w' https://nexus.acmepay.io/repository/raw/ledger.tar.gz
mount -t cifs //fs01/finance /mnt/finance -o username=svc-ledger,password=sJoLC1JZnE7y0xxr,vers=3.0
kubectl create secret generic api --from-literal=password="$API_PASSWORD"
