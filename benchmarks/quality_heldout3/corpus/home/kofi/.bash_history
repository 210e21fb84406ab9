cd ~/src/portolan/booking-api
git pull
npm ci
kubectl -n booking get pods
kubectl -n booking logs deploy/booking-api --since=10m | grep -i error
mysql -h portal-mysql.internal.portolan.io -u kofi -p portal
export STRIPE_API_KEY=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
export SLACK_TOKEN=xoxp-326924799793-819741427247-4395505003097-e89271a5df0db7399fd0812253345486
curl -s -u kofi@portolan.io:ATATT3xFfGF0pcG3STIT2Z2LFswHnSwZsdS6joYoOnINDpAHxH6yjO4lRfAR_OahozIcznAFvQkYY5ygDOIg-9fBbfS1dUROUFILQ5qvPNyN_ewo_RpLBulwEJp_hBirVobYc8KoedaXUS8hPz2ys3hsh05ky_xVzxyTvU93fOY1WKPAOnP6mw11-OQSEon1pGT=0666BFFE https://portolan.atlassian.net/rest/api/3/myself
stripe refunds list --limit 5
doctl auth init -t dop_v1_f3359bd500e44163d329e77a15dd712547d8c68648d623fd22a4a992282b8c4c
gpg --batch --yes --passphrase "violet mosaic paddle dahlia" -c customs-export-2024-05.csv
curl -u support:Marlin_durban1982 https://tms-web01.corp.portolan.io/api/health
psql "postgresql://support_ro@tracking-db.internal.portolan.io/tracking_live"
history | grep password
vault kv get kv/booking
ssh bastion.portolan.io
