#!yaml|gpg
postfix:
  relay_password: |
    -----BEGIN PGP MESSAGE-----

    rHaDXASvy9h1UY8q9Ar3R8TBWoA6mlVfM5GVKcHgSCj0OI3LwnZm+6/6eoG9syV/
    DHT/gE4MewZZC+HyE2ycMMODTvaNCJW/69hoFf/VeZPdJIE495UMMPGicnE8s4X7
    =AbCd
    -----END PGP MESSAGE-----
dovecot:
  master_password: qx0nlFyP.C90NX#%NwdQ
