from .base import *  # noqa: F403

SECRET_KEY = "test-secret-key-for-ci-only"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "analytics_test",
        "USER": "postgres",
        "PASSWORD": "postgres",
        "HOST": "localhost",
    }
}
