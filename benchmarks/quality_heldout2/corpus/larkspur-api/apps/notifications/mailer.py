"""Appointment reminders by e-mail through the office relay (fallback when SendGrid is down)."""

import getpass
import smtplib
from email.message import EmailMessage

RELAY_PORT = 587


def relay_host() -> str:
    return getpass.getpass("Relay host (blank for the local relay): ") or "localhost"


def send_reminder(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"] = "reminders@larkspur.health"
    msg["To"] = to
    msg["Subject"] = "Your appointment tomorrow"
    msg.set_content(body)
    with smtplib.SMTP(relay_host(), RELAY_PORT) as smtp:
        smtp.starttls()
        smtp.login("reminders@larkspur.health", "W1b5Z!S+hVmrKu-Cr")
        smtp.sendmail(msg["From"], [to], msg.as_string().encode("utf-8"))
