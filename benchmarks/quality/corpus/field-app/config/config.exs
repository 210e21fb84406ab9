import Config

config :field_app, FieldApp.Repo,
  username: "field_app",
  password: "M4rble*857",
  hostname: "db.internal",
  pool_size: 10

config :field_app, FieldAppWeb.Endpoint,
  secret_key_base: "C9/g0Mwz0uHq4Pzsa1hX0dvu3z8ak0xdx/HvSFT5IigpmBm+pBs9IkcWxcL/NY4A"
