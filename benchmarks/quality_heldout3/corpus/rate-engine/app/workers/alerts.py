import smtplib
from email.message import EmailMessage

import httpx

from app.celery_app import app

TELEGRAM_BOT = "5788090237:AATijoJGXRan7KlOVfm8qkCJ8jjDKjKMu6d"
OPS_CHAT_ID = -1001984470213


@app.task
def notify_rate_spike(lane: str, delta_pct: float) -> None:
    text = f"Rate spike on {lane}: {delta_pct:+.1f}%"
    httpx.post(
        f"https://api.telegram.org/bot{TELEGRAM_BOT}/sendMessage",
        json={"chat_id": OPS_CHAT_ID, "text": text},
        timeout=10,
    )
    msg = EmailMessage()
    msg["Subject"] = text
    msg["From"] = "rates@portolan.io"
    msg["To"] = "pricing@portolan.io"
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login("rates@portolan.io", "Bosun2024#")
        smtp.send_message(msg)
