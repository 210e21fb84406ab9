Rails.application.configure do
  config.eager_load = true
  config.secret_key_base = "f7cfde8d9048fa6d171f4d622ece61038d6ffec113201b6602956b9e4549627fc3c36da75cf9704f0592b0cf08768304fdbebc3b63937921ad4f2b3e107735a0"
  config.force_ssl = true
  config.action_mailer.smtp_settings = {
    address: "smtp.sendgrid.net",
    user_name: "apikey",
    password: ENV.fetch("SENDGRID_API_KEY"),
  }
end
