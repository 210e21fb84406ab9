# frozen_string_literal: true

Rails.application.config.middleware.use OmniAuth::Builder do
  provider :github,
           "Iv1.1b8ee556436cdc88",
           "92711b041df3837aa39b66303b554b72f5109a3a",
           scope: "read:user,user:email"

  provider :google_oauth2,
           ENV["GOOGLE_CLIENT_ID"],
           Rails.application.credentials.dig(:google, :client_secret),
           prompt: "select_account"

  provider :developer if Rails.env.development?
end

OmniAuth.config.allowed_request_methods = %i[post]
