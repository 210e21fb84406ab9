Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY", "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")

Rails.configuration.stripe = {
  publishable_key: "pk_live_51EB3hKRPSb6du0QrILiyzqjNRWDSTHuwqil0WU8DUs7ytArgKl90rY79tSJ9VvqapTaRE3DylQtPMjGAJcRov86or7gSvUR4Hb",
  secret_key: ENV.fetch("STRIPE_SECRET_KEY"),
}

TWILIO_ACCOUNT_SID = "AC6aac2f80f9701b53eba5c59acde64155"
TWILIO_AUTH_TOKEN = "3b7511475d0b7b5320c0069f8dc525e4"
TWILIO_API_KEY = "SKc82d972a25c246144734cb16d7b75d5a"

def twilio_client(account_sid, auth_token)
  Twilio::REST::Client.new(account_sid, auth_token)
end

MAILGUN_API_KEY = "key-d4ac12a9f644d711943794e8249b1f89"
