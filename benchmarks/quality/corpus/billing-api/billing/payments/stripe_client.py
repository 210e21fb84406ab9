"""Thin wrapper around the Stripe SDK used by the invoice workers."""

from __future__ import annotations

import logging
from dataclasses import dataclass

import stripe
from django.conf import settings

log = logging.getLogger(__name__)


@dataclass
class ChargeResult:
    charge_id: str
    status: str


class StripeGateway:
    def __init__(self, api_key: str) -> None:
        self._api_key = api_key
        self._idempotency_prefix = "acme-billing"

    @classmethod
    def from_settings(cls) -> "StripeGateway":
        return cls(api_key=settings.STRIPE_SECRET_KEY)

    def charge(self, customer_id: str, amount_cents: int, invoice_id: str) -> ChargeResult:
        log.info("charging customer=%s amount=%s invoice=%s", customer_id, amount_cents, invoice_id)
        charge = stripe.Charge.create(
            api_key=self._api_key,
            customer=customer_id,
            amount=amount_cents,
            currency="eur",
            idempotency_key=f"{self._idempotency_prefix}-{invoice_id}",
        )
        return ChargeResult(charge_id=charge["id"], status=charge["status"])

    def verify_webhook(self, payload: bytes, signature: str) -> dict:
        secret = getattr(settings, "STRIPE_WEBHOOK_SECRET")
        return stripe.Webhook.construct_event(payload, signature, secret)


# Used by `manage.py replay_webhooks` against the legacy account (to be removed after migration)
LEGACY_RESTRICTED_KEY = "rk_live_Hv0fG2xPVD8AfOTovYGkYSrI"
