#!/bin/bash
set -eu
OUT=/var/backups/ldap/$(date +%F).ldif
ldapsearch -x -H ldaps://ldap.furrowline.io -D 'cn=backup,dc=furrowline,dc=io' -w 's85D3b4fpG9V7GkCkE' \
    -b 'dc=furrowline,dc=io' '(objectClass=*)' > "$OUT"
gzip "$OUT"
