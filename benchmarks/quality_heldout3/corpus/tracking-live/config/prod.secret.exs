# In this file, we load production configuration and secrets.
# TODO: move to runtime.exs + Vault (TRK-203)
import Config

database_url = "ecto://tracking:v_-DRQ-HpwhpFCQH_E78Hp_B@tracking-db.internal.portolan.io/tracking_live"

config :tracking_live, TrackingLive.Repo,
  ssl: true,
  url: database_url,
  pool_size: String.to_integer(System.get_env("POOL_SIZE") || "18")

config :tracking_live, TrackingLiveWeb.Endpoint,
  http: [port: 4000, transport_options: [socket_opts: [:inet6]]],
  secret_key_base: "Cr760py1dWcK4qF4QEsoDW+0/6dxjPn/OMmOZ8h/3n04HzgvvDoah0RNfZZOiB05",
  live_view: [signing_salt: "4vFRMkc8"]

config :ex_twilio,
  account_sid: "AC6303b0818cb35166234c4041eb410ca4",
  auth_token: "fa23b6e67dcad5b8646d81ea5a4839b0"

config :pigeon, :fcm,
  key: "AAAAhBK2XRu:APA91bVrtYmXVkjJ_gVz9W1HHIQUqwjUS9okKKEjC--cMubjElAae0dfMldXqjA0h4vCzP2QO8gO-AvyC-iy7U4cjLJNLgYxPRJK0rNsatY2EPcLtOqYlSMUgow0bbrqZoOkVm949_rD"

config :tracking_live, TrackingLive.PartnerWebhooks,
  signing_key: """
  -----BEGIN RSA PRIVATE KEY-----
  MIIEowIBAAKCAQEArj9rlAoZNhqQrdEnSRGZFGBMIIsDTZQ1jn6XuC9ljiIFf3fq
  ipPMj60sj4SRIgwTpWZgV0C2dU57kb6liVfqczoSi3j3VIyipelKLv7u/mEsQ0A7
  AyeGmEZEa2bvskjPZLm6WIxj608s+8oEWtri9U9racFlfPLqkPXxosZxWdD14vNa
  1stYy1zN0VSuPjiO5DB6Dfy1UAzYmu+XE416fNR0r4k8Y14vNGhB7tld8RdN7sXR
  nASRXvGFKr/VQ8h14mU9Qs3oQV8rHyrOkTBvFG66oHGwrjDxPEvcK9jgHhEqTa0m
  pj57RBgZe//cExyYpUzzVRZ6FYuvNKSEp+OW+QIDAQABAoIBAB1pdpjzOGy1wLia
  PpGanxZ9p7PxixHwA7dE/oqYM4Hxk7B/tw8DoiqZXlVuWMogtDs9w+LOeU3lPL3t
  6oa7mIcxJPq2ZTc4EudC8OLsZL56/Avw/lUKubEf4UIoyqpzGFDF+eKi9eW9BFiO
  8bu9SUSDjpu4CY+0+CuWXB5v9Sel8pxEKMhf639+/UgTG/yWA+1Pmlue4XKr4b0Q
  /s4yWELG+5nzj0/4exKyMjYijNFX/Pgym4e6WQ4p0l166jYg9RQ1ldO/jBuKmF5Y
  gqsOqo6WCTGY0q+bXOcaULDHxMYSQI/li0tOlOyJ96o5aBeiMhoDms7YFxSrLPKs
  5FWmtjUCgYEA5oOm4ynVbV5ZkxPYNVcTlnt8zScTvsOJGgG/54ReutAjHNtWgCT9
  /Id1TFHeaxs9Pu17Ma2TT55rjyWz0Z7xkXRrLPiI8HSJW5ZCxhrIYl+WlzHvc8JX
  nvEXmlU8ijSw2Q1pscJR51Q4KV0eDV7HWhzLt5ZzISOWCvpbBrtMM70CgYEAwYM7
  S4+T1JY78wQ+pE/1jvBJ7Nld1seiW307PIpQRr6U276IpJ1+Q42sKkU59vZ8ddTI
  RgGeQVdM7un7YGyMiHLkAL4hrhvh/bokrnfqHAgxaDYy2uxeVBr7tBfBdaMMPYH1
  5H60daRC9PVnkjMIhKFseTpN4vrUFstgyiV5Be0CgYEA3UDQFoo4yNkesQUDKW+C
  5ZVxnJg9Y4TbO5MiV12+byEIEtKUnDrlblW2SKLsEXH7v0LCVFR+aJVuN9/AURt2
  Ul6j4G5NQj8Y+Eepn+xlGccWC9lqNHn9EBnoxcG6cg1REYTGRlB1vMwhe9Jc3ghy
  4BNzlataphw6EB9s73EnGyECgYB7nODbu7OrMOzKqAN74rfxvvz6F0AiWxQTbUPR
  wGjXSBa+6E9RGGn3rSA1QFNutrV6b5ofXhlBlArI8x5o0e5Tm1CaSNoq5hTOh4G3
  EVKy5WjqMPT7c9It167BtAsYojbHc6UneOi93VgIMlsewQrH7nXkWqI2RBQHG5OQ
  ja9pYQKBgBxsVN+Kd+uH054GSVhSDATgxR9H4IIBPyC78ts14PoY8xmG9Kz1l5Eu
  EJ/ThVYDisJ4EOYw0HAoc0ZVmROb83F50YzTv6DA1ShmrtCDaqSPaaOZqYYNjNTT
  ZsLHNERDykVhOLo20WVKrrUD2kJP6yvPZX3YQQs56P+9AN9Iijng
  -----END RSA PRIVATE KEY-----
  """
