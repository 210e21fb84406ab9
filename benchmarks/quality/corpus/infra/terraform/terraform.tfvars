environment = "prod"

db_password = "c!UzpWcP1mLMwT3zWLA825gFKE"
datadog_api_key = "abd723e1f94f401f062407bd8ecef4e6"
datadog_app_key = "70d262b1e23cc47c3ee38ae14e8496f2facd5ab3"
cloudflare_api_token = "Try_L31PNgqWbch2QUxxjY-oXqUj-22nRe40JZ_b"
github_token = "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"

allowed_cidrs = ["10.20.0.0/16", "10.30.0.0/16"]
