"""Settings shared by every environment. Secrets come from the environment only."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent.parent

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]
DEBUG = os.environ.get("DJANGO_DEBUG", "") == "1"
ALLOWED_HOSTS = ["api.larkspur.health", "localhost"]

SESSION_COOKIE_NAME = "lk_sessionid"
CSRF_COOKIE_NAME = "lk_csrftoken"
CSRF_HEADER_NAME = "HTTP_X_LK_CSRF"
SESSION_COOKIE_SECURE = True
DEFAULT_CHARSET = "utf-8"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
PASSWORD_RESET_TIMEOUT = 3600

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "larkspur"),
        "USER": os.environ.get("DB_USER", "larkspur"),
        "PASSWORD": os.environ.get("DB_PASSWORD", ""),
        "HOST": os.environ.get("DB_HOST", "localhost"),
        "PORT": "5432",
    }
}

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = os.getenv("SENDGRID_API_KEY")

API_KEY_HEADER = "HTTP_X_API_KEY"
PARTNER_TOKEN_HEADER = "X-Partner-Token"
