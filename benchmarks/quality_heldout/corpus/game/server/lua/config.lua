local config = {
  region = "eu-central",
  tick_rate = 30,
  redis = {
    host = "redis-game.internal",
    port = 6379,
    password = "ZW*53hpGYg15JS8_28",
  },
  analytics = {
    secret_key = "ac48cfec6e9884d7da9412c63c662e27c8787288",
  },
  steam = {
    web_api_key = "993D68CCFA4D1765D9C133D5975E3D1F",
  },
  admin_password = os.getenv("ADMIN_PASSWORD") or "Goblin2015*",
  rcon_password = os.getenv("RCON_PASSWORD"),
}

function config.connect(user, password)
  return redis.connect(config.redis.host, config.redis.port, user, password)
end

return config
