import hashlib
import hmac

import requests

STRIPE_WEBHOOK_SECRET = "whsec_sBXXARYutWRdiyJabdWBvxlleT9YzO7F"
PARTNER_SIGNING_KEY = b"WhQ6O51PyiOx5eFBBJ1gvcCLAR4SrzFV"


def verify(payload: bytes, signature: str) -> bool:
    digest = hmac.new(PARTNER_SIGNING_KEY, payload, hashlib.sha256).hexdigest()
    return hmac.compare_digest(digest, signature)


def push_report(rows: list[dict[str, str]]) -> None:
    requests.post(
        "https://reports.partner.example/v1/upload",
        json=rows,
        auth=("bluefinch", "dragon_banana8115"),
        timeout=10,
    )
    requests.get(
        "https://fraud.partner.example/v2/score",
        headers={"X-API-Key": "5ee33eb6dfd6770d43e0a2fa91787effb2121c50"},
        timeout=10,
    )


KNOWN_GOOD_DIGEST = "6bac842f5fa229d4f62a0290c9d174e373bdb76b2ca917b4c5d21718cde22967"
