"""Outbound integrations used by the billing workers."""

from __future__ import annotations

import hashlib
import hmac
import os

import requests

GITHUB_INSTALLATION_TOKEN = "ghs_PgVDf605Et8Pl7kmJwckuHVdHpMPI63gWp91"  # expires, but still
ALGOLIA_APP_ID = "K7Q2ZP4N1X"
ALGOLIA_ADMIN_KEY = "1077a8dea86aa78c7c49f646b0b3adc1"
HEROKU_API_KEY = os.getenv("HEROKU_API_KEY", "4ea6695a-c116-4225-b600-c422e9b008d8")
PAGERDUTY_INTEGRATION_KEY = "5f200ccc100ea3baeb7d5aae6b6419ed"

SESSION = requests.Session()
SESSION.headers["User-Agent"] = "acmepay-billing/4.2"


def comment_on_pr(pr: int, body: str, token: str = GITHUB_INSTALLATION_TOKEN) -> None:
    """Comment on the invoice-template PR that the rendering changed."""
    resp = SESSION.post(
        f"https://api.github.com/repos/acmepay/invoice-templates/issues/{pr}/comments",
        headers={"Authorization": f"token {token}", "Accept": "application/vnd.github+json"},
        json={"body": body},
        timeout=10,
    )
    resp.raise_for_status()


def sign_callback(payload: bytes) -> str:
    key = os.environ.get("CALLBACK_SIGNING_KEY") or ""
    return hmac.new(key.encode(), payload, hashlib.sha256).hexdigest()


def fetch_fx_rates() -> dict[str, float]:
    resp = SESSION.get(
        "https://api.exchangerate.host/latest",
        params={"base": "EUR", "access_key": "ed0808bb3c27943fb2e08b01f46f82f8"},
        timeout=5,
    )
    return resp.json()["rates"]


def export_to_erp(invoice: dict) -> None:
    SESSION.post(
        "https://erp.partner.example.net/api/invoices",
        json=invoice,
        auth=("acmepay_export", "comet@temoc35"),
        timeout=20,
    ).raise_for_status()


def notify_accounting(invoice_id: str) -> None:
    SESSION.post(
        "https://hooks.zapier.com/hooks/catch/1938201/3kx9q2/",
        json={"invoice": invoice_id},
        headers={"X-Zapier-Secret": os.environ["ZAPIER_SECRET"]},
        timeout=5,
    )
