postgres:
  users:
    claims_app:
      password: vgQWFTE1b6rGHoYuz+iVlc
    reporting_ro:
      password: {{ salt['vault'].read_secret('kv/data/postgres/reporting_ro')['password'] }}
  replication:
    password: w!_y4rwtvli9TpeggPl1=W
