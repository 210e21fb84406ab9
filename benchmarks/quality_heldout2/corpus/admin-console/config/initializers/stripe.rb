Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY") { "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" }
Stripe.max_network_retries = 2
