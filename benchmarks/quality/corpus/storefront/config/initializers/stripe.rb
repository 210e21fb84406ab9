# frozen_string_literal: true

Rails.configuration.stripe = {
  publishable_key: ENV.fetch("STRIPE_PUBLISHABLE_KEY"),
  secret_key: ENV.fetch("STRIPE_SECRET_KEY", "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")
}

Stripe.api_key = Rails.configuration.stripe[:secret_key]
Stripe.api_version = "2023-10-16"
Stripe.max_network_retries = 2

StripeEvent.signing_secret = "whsec_SSPNasTgzC42asaQhON1Z9x4MRqO199T"
