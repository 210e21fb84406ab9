"""Django settings for the billing project."""

import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent

# SECURITY WARNING: keep the secret key used in production secret!
SECRET_KEY = "django-insecure--n7av8bppxx7=1-c9je+qqa%=3q%%ifpuw23ydesok5%-0lls%"

DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = ["billing.internal.acmepay.io", "localhost"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "billing.invoices",
    "billing.payments",
]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": os.environ.get("DB_NAME", "billing"),
        "USER": os.environ.get("DB_USER", "billing"),
        "PASSWORD": os.environ["DB_PASSWORD"],
        "HOST": os.environ.get("DB_HOST", "127.0.0.1"),
        "PORT": 5432,
    },
    "reporting": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "reporting",
        "USER": "report_ro",
        "PASSWORD": "Mango2019.",
        "HOST": "reporting-replica.c8x2kq1hzv0p.eu-west-1.rds.amazonaws.com",
    },
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
]

# Stripe
STRIPE_PUBLISHABLE_KEY = "pk_live_yx4Ag8SsaxTmknuj64AX6VM2ewMuBY6rfNcAKEIOUttYpATIk27f4t3tGolUByxRmXBYQ0DVbpag1xYKiuMw7TpHD8BHbNdZU0N"
STRIPE_SECRET_KEY = "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"
STRIPE_WEBHOOK_SECRET = os.environ["STRIPE_WEBHOOK_SECRET"]

# Outgoing mail
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "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"
EMAIL_PORT = 587

# Invoice PDFs are archived to S3
AWS_STORAGE_BUCKET_NAME = "acmepay-invoices-prod"
AWS_ACCESS_KEY_ID = "AKIAVQJXXVBOTHD2WTFL"
AWS_SECRET_ACCESS_KEY = "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"
AWS_S3_REGION_NAME = "eu-west-1"

CELERY_BROKER_URL = "amqp://billing:UR4pAwBp~3GVy1PixO@rabbitmq.internal:5672/billing"
CELERY_RESULT_BACKEND = os.environ.get("REDIS_URL", "redis://localhost:6379/1")
