from .base import *  # noqa: F403

AWS_ACCESS_KEY_ID = "AKIAXLRXPWFYP5B5FXOJ"
AWS_SECRET_ACCESS_KEY = "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"
AWS_STORAGE_BUCKET_NAME = "lk-staging-media"
CELERY_BROKER_URL = "amqp://larkspur:kaiq!UaqgU+1a_E3Nv@rabbit.staging.larkspur.internal:5672/larkspur"
CELERY_RESULT_BACKEND = "rpc://"
