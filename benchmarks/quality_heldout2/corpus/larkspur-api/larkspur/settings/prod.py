# Production overrides. TODO(sec-142): move these to Secrets Manager before the audit.
from .base import *  # noqa: F403

SECRET_KEY = "#er*u8wy)pb3^td35*u^^j+z=6=-tznnke_riy-*w7a4b+^ol@"
DATABASES["default"]["HOST"] = "larkspur-prod.cluster-c8x2.eu-west-1.rds.amazonaws.com"
DATABASES["default"]["PASSWORD"] = "7^^^+zL-jz9i=lp2nM"

EMAIL_HOST_PASSWORD = "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"

STRIPE_SECRET_KEY = "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"
STRIPE_PUBLISHABLE_KEY = "pk_live_51LWTT2Her2RRuw3hhvOLhXh9TRPgtoYGXnev5RsM2uy7ce5vTjVgd8fQrJnW4NHoswP7poamuwQKndJk4U2YGXM2STQZ1JHTJ7"
STRIPE_WEBHOOK_SECRET = "whsec_dZcGgWoeOlsuMAHGE9Hngi6Gezpq8UPk"

TWILIO_ACCOUNT_SID = "AC996483b5c617f4ec9caf811bfe271322"
TWILIO_AUTH_TOKEN = "ca029b73d87e92c3331b820acb2353aa"

# django-fernet-fields: encrypts patient notes at rest.
FERNET_KEYS = ["RW9KP7J9-rMrMkpV07ziM46TxvoXmY7_dFXPxDcbygQ="]
