#!/bin/sh
export BORG_REPO=ssh://borg@backup.meridian.internal/./fax
export BORG_PASSPHRASE='heron hazel basil dune'
borg create --stats ::fax-$(date +%F) /var/spool/fax
keytool -importkeystore -srckeystore fax.p12 -srcstoretype PKCS12 -srcstorepass Xt6HLrJf-pk6q~ -destkeystore fax.jks
kubectl -n fax create secret generic fax-smtp --from-literal=password=iQx%UUb0IX7QIZz9gv --dry-run=client -o yaml
