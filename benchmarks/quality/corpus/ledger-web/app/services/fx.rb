class FxClient
  API_KEY = ENV.fetch("FX_API_KEY", "57b416329d45f239b83a7b58f826dabf")
  BASE = "https://fx.example/v1"
end
