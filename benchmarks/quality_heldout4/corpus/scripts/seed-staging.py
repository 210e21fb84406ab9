#!/usr/bin/env python3
"""Seed staging with synthetic patients."""
import requests

SESSION = requests.Session()
SESSION.auth = ("seed-bot", "WX3z1W8wJ=fFMlf0Rr")
SESSION.headers["X-Api-Key"] = "6D2Z49KGbzt62JwscSCy1uiywKvAiBVU"
FAKE_SSN_PREFIX = "900"
PASSWORD_MIN_LENGTH = 12

for i in range(100):
    SESSION.post("https://staging.meridian.care/api/patients", json={"name": f"Test Patient {i}", "password": "Passw0rd!"})
