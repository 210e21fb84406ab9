Stripe.api_key = ENV.fetch("STRIPE_SECRET_KEY") { "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" }
Stripe.api_version = "2025-02-24.acacia"
STRIPE_CUSTOMER_FOR_SMOKE_TESTS = "cus_zkJuZRJLy79mSV"
STRIPE_PRICE_PRO = "price_INQ6GNMICnrVP4Wtsp0DiTfC"
