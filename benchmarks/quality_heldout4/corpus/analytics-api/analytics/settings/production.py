import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "_t^6efl5lxe&i=hyc4cu)fq=4fbiy100l8y=25@l#zz-l78nj*"
ALLOWED_HOSTS = ["analytics.meridian.care"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics",
        "USER": "analytics_app",
        "PASSWORD": "q3D+A!h1tA4lzgnyXgbX-K+X",
        "HOST": "analytics-db.internal.meridian.care",
    }
}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "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"
AWS_SECRET_ACCESS_KEY = os.environ["AWS_SECRET_ACCESS_KEY"]
SENTRY_DSN = "https://d9428cdebc06b369e203a48e4b7d061e@o519462.ingest.us.sentry.io/2413467"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
SESSION_COOKIE_NAME = "mc_analytics_sessionid"
