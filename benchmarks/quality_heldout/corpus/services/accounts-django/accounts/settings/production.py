import os

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "o#*_)rhh-fpp&pzb#!eo$v6u0)0x=436ekr=xn7+phny&!q()#")
ALLOWED_HOSTS = ["accounts.bluefinch.example"]

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "accounts",
        "USER": "accounts",
        "PASSWORD": "SummerRaptor61!",
        "HOST": "pg-accounts.internal",
    },
    "analytics": {
        "ENGINE": "django.db.backends.postgresql",
        "USER": "accounts_ro",
        "PASSWORD": os.environ["ANALYTICS_DB_PASSWORD"],
    },
}

EMAIL_HOST = "smtp.sendgrid.net"
EMAIL_HOST_USER = "apikey"
EMAIL_HOST_PASSWORD = "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"
CELERY_BROKER_URL = "amqp://accounts:P5nCc2PD6Pjnk2uprePtDx@rabbitmq.internal:5672//"

AWS_ACCESS_KEY_ID = "AKIAHELX3SSIDGCQOMAJ"
AWS_SECRET_ACCESS_KEY = "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"
AWS_STORAGE_BUCKET_NAME = "bf-avatars-prod"

PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
]
PASSWORD_RESET_TIMEOUT = 259200
