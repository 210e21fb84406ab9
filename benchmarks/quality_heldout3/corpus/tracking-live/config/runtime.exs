import Config

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise "environment variable DATABASE_URL is missing."

  config :tracking_live, TrackingLive.Repo,
    url: database_url,
    pool_size: String.to_integer(System.get_env("POOL_SIZE") || "10")

  config :tracking_live, :mapbox,
    public_token: "pk.eyJ1IjogInBvcnRvbGFuIiwgImEiOiAid3N0cTI4emJ0eTNiOXFyaWRvbnYxd2l2NSJ9.3JvlbjEbH4_elcLDmQw1b6",
    secret_token: System.get_env("MAPBOX_SECRET_TOKEN", "sk.eyJ1IjogInBvcnRvbGFuIiwgImEiOiAiZGk3cHk3N28yYTl0ODhlbWV3bGphd3M2ZyJ9.9_ZCkY7KUHDMGiKSWmLd6E")

  config :tracking_live, :ais,
    api_key: System.fetch_env!("AIS_API_KEY")
end
