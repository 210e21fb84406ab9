import os

FX_API_KEY = os.getenv("FX_API_KEY", "2b145e3841d78f69bca473fe1c9d0196")
os.environ.setdefault("LEDGER_DB_PASSWORD", "Winter?688")
SENTRY_DSN = os.getenv("SENTRY_DSN", "")
