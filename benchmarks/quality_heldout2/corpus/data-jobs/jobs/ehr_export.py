import requests
from requests.auth import HTTPBasicAuth

EHR_BASE = "https://ehr-gateway.partner-clinic.example/api"


def export(day: str) -> bytes:
    auth = HTTPBasicAuth("larkspur", "pDGMH=gE4d.c@yjc")
    res = requests.get(f"{EHR_BASE}/exports/{day}", auth=auth, timeout=60)
    res.raise_for_status()
    return res.content


def notify(day: str) -> None:
    requests.post(
        "https://hooks.partner-clinic.example/exports",
        json={"day": day},
        headers={"Authorization": "Token 0d7c6e3a74e124c01fc14f69fbe7745aefcdbe0d"},
        timeout=10,
    )
