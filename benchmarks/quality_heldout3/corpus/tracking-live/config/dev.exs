import Config

config :tracking_live, TrackingLive.Repo,
  username: "postgres",
  password: "postgres",
  hostname: "localhost",
  database: "tracking_live_dev",
  stacktrace: true,
  show_sensitive_data_on_connection_error: true,
  pool_size: 10

config :tracking_live, TrackingLiveWeb.Endpoint,
  http: [ip: {127, 0, 0, 1}, port: 4000],
  check_origin: false,
  code_reloader: true,
  debug_errors: true,
  secret_key_base: "r0j9sfaZ2zFF62L0XCD+jrFnT1GI3wGs8XC7WMpIiRYsEtPOQO+Uwz92+nKnQsva",
  watchers: [
    esbuild: {Esbuild, :install_and_run, [:tracking_live, ~w(--sourcemap=inline --watch)]},
    tailwind: {Tailwind, :install_and_run, [:tracking_live, ~w(--watch)]}
  ]

config :logger, :console, format: "[$level] $message\n"
config :phoenix, :plug_init_mode, :runtime
