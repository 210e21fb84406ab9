import os

DB_PASSWORD = os.environ.get("DB_PASSWORD", "")
PASSWORD_RESET_URL = "/accounts/password/reset/"
SESSION_COOKIE_NAME = "ledger_sessionid"
CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"
OAUTH_CLIENT_ID = "89d52653-490b-444b-83f0-11a8ce2e61b0"
API_KEY_SECRET_NAME = "projects/acmepay-prod/secrets/ledger-api-key/versions/latest"
STRIPE_KEY_REF = "op://Production/Stripe/api key"
