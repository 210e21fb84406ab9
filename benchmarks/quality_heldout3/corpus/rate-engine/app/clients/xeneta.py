import httpx
from requests.auth import HTTPBasicAuth

from app.settings import settings

XENETA_URL = "https://api.xeneta.com/v2"

LEGACY_AUTH = HTTPBasicAuth(
    "portolan-rates",
    "2E3actc8xwjZlZfK8M!!",
)


def market_rate(origin: str, destination: str, equipment: str = "40HC") -> dict:
    headers = {"Authorization": f"Token {settings.xeneta_token}"}
    params = {"origin": origin, "destination": destination, "equipment": equipment}
    response = httpx.get(f"{XENETA_URL}/rates/market", headers=headers, params=params, timeout=20)
    response.raise_for_status()
    return response.json()
