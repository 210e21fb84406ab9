import Config

config :chat, Chat.Repo,
  username: "chat",
  password: "WalrusWinter18!",
  hostname: "pg-chat.internal",
  pool_size: 15

config :chat, ChatWeb.Endpoint,
  url: [host: "chat.bluefinch.example", port: 443],
  secret_key_base: "QL4wrWHrtKGe5++Kq0xlvEa9Pa877lO79ZYRp4VHLUBulVRuQgKtYWuP1pBL3dt8"

config :joken, default_signer: "D76KofMK9pJD9foAr48Qgoj1jfnyUlWA"

config :chat, Chat.Push, apns_key_id: "K7Q2M9X4PL"
