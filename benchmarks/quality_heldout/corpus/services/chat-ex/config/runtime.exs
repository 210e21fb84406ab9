import Config

if config_env() == :prod do
  database_url =
    System.get_env("DATABASE_URL") ||
      raise "environment variable DATABASE_URL is missing."

  config :chat, Chat.Repo, url: database_url

  secret_key_base = System.fetch_env!("SECRET_KEY_BASE")
  config :chat, ChatWeb.Endpoint, secret_key_base: secret_key_base
end
