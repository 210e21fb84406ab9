"""The Google REST client of the Workspace audit: GET only, every page followed, retried with backoff on
429 and 5xx, each answer cached for the run, and the calls counted per API.

Every path is Google's own (Admin SDK Directory API v1, Reports API v1, Cloud Identity v1 policies and
devices). ``SEAWALL_GOOGLE_API_ENDPOINT`` replaces the hosts with one base URL (tests, the demo, a fake of
one's own). The read-only guarantee sits in :class:`ReadOnlyHttp`: anything but GET (and the OAuth token
exchange, a POST to the credentials' own token URI) is refused before it is sent.
"""

from __future__ import annotations

import json
import random
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Protocol
from urllib.parse import urlencode

from seawall.errors import EndpointError, ReadOnlyViolation, describe_reply

ENDPOINT_ENV = "SEAWALL_GOOGLE_API_ENDPOINT"
HOSTS = {"admin": "https://admin.googleapis.com", "cloudidentity": "https://cloudidentity.googleapis.com"}

DIRECTORY, REPORTS, POLICY, DEVICES = "directory", "reports", "policy", "devices"
APIS = (DIRECTORY, REPORTS, POLICY, DEVICES)
_PREFIXES = (
    ("admin/directory/v1/", DIRECTORY, "admin"),
    ("admin/reports/v1/", REPORTS, "admin"),
    ("v1/policies", POLICY, "cloudidentity"),
    ("v1/devices", DEVICES, "cloudidentity"),
)
# What to enable or grant when an API answers 403, per API.
FIXES = {
    DIRECTORY: "enable the Admin SDK API in the key's Google Cloud project and grant the admin.directory "
    "read-only scopes to its client id (Security > Access and data control > API controls > Domain-wide "
    "delegation)",
    REPORTS: "enable the Admin SDK API and grant admin.reports.audit.readonly to the client id",
    POLICY: "enable the Cloud Identity API and grant cloud-identity.policies.readonly to the client id",
    DEVICES: "enable the Cloud Identity API and grant cloud-identity.devices.readonly to the client id "
    "(the Devices API needs an edition with endpoint management)",
}
RETRIED = frozenset({429, 500, 502, 503, 504})
ATTEMPTS = 5
BACKOFF = 0.2  # seconds, doubled on each retry (with jitter); Retry-After is honoured up to MAX_WAIT
MAX_WAIT = 10.0


class Response(Protocol):
    status: int
    data: bytes
    headers: Mapping[str, str]


class Http(Protocol):
    def request(self, method: str, url: str, **kwargs: Any) -> Any: ...


class ReadOnlyHttp:
    """An HTTP client that sends GET requests, and POSTs to the token URIs it was given (the OAuth token
    exchange), and refuses everything else before it reaches the network."""

    def __init__(self, inner: Http, token_uris: frozenset[str] = frozenset()) -> None:
        self.inner = inner
        self.token_uris = token_uris

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        verb = method.upper()
        if verb != "GET" and not (verb == "POST" and url in self.token_uris):
            raise ReadOnlyViolation(
                f"refused {verb} {url}: seawall only reads Google Workspace (this request was not sent)",
                hint="this is a bug in seawall; please report it",
            )
        return self.inner.request(method, url, *args, **kwargs)


@dataclass(frozen=True, slots=True)
class ApiError(Exception):
    """An API answered with an error (after retries), or with something that is not its JSON."""

    api: str
    status: int  # the HTTP status; 0 when the answer was not JSON or the network failed
    message: str

    def __str__(self) -> str:
        return self.message


def api_of(path: str) -> tuple[str, str]:
    """(API name, host key) of a REST path such as ``admin/directory/v1/users``."""
    for prefix, api, host in _PREFIXES:
        if path.startswith(prefix):
            return api, host
    raise ValueError(f"not a Workspace API path: {path}")


def base_urls(environ: Mapping[str, str]) -> dict[str, str]:
    override = environ.get(ENDPOINT_ENV, "").strip().rstrip("/")
    return {host: override or url for host, url in HOSTS.items()}


Token = Callable[[bool], str]  # force a refresh? -> a bearer token


class Client:
    """Reads one tenant. Thread-safe: the audit's pool calls it concurrently."""

    def __init__(
        self, http: Http, token: Token, bases: Mapping[str, str], *, backoff: float = BACKOFF
    ) -> None:
        self.http = http
        self.token = token
        self.bases = dict(bases)
        self.backoff = backoff
        self.calls: Counter[str] = Counter()  # HTTP requests sent, per API (retries included)
        self.pages: Counter[str] = Counter()  # pages read, per API
        self._cache: dict[tuple[str, str], object] = {}
        self._lock = threading.Lock()

    def get(self, path: str, params: Mapping[str, str] | None = None) -> dict[str, Any]:
        """One GET, cached for the run (an error is cached too: asked again, it is raised again)."""
        key = (path, urlencode(sorted((params or {}).items())))
        with self._lock:
            hit = self._cache.get(key)
        if hit is None:
            try:
                hit = self._fetch(path, dict(params or {}))
            except ApiError as exc:
                hit = exc
            with self._lock:
                self._cache[key] = hit
        if isinstance(hit, ApiError):
            raise hit
        return hit  # type: ignore[return-value]

    def pages_of(self, path: str, params: Mapping[str, str] | None = None) -> Iterator[dict[str, Any]]:
        """Every page: ``pageToken`` passed until no ``nextPageToken`` comes back."""
        query = dict(params or {})
        seen: set[str] = set()
        while True:
            page = self.get(path, query)
            yield page
            token = page.get("nextPageToken")
            if not token or not isinstance(token, str):
                return
            if token in seen:
                api, _ = api_of(path)
                raise ApiError(api, 0, f"{path}: the API repeated a page token ({token[:20]}): stopped")
            seen.add(token)
            query["pageToken"] = token

    def items(self, path: str, key: str, params: Mapping[str, str] | None = None) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        for page in self.pages_of(path, params):
            found = page.get(key) or []
            if not isinstance(found, list):
                api, _ = api_of(path)
                raise ApiError(api, 0, f"{path}: '{key}' is not a list")
            out.extend(x for x in found if isinstance(x, dict))
        return out

    def _fetch(self, path: str, params: dict[str, str]) -> dict[str, Any]:
        api, host = api_of(path)
        url = f"{self.bases[host]}/{path}" + (f"?{urlencode(params)}" if params else "")
        refreshed = False
        for attempt in range(ATTEMPTS):
            response = self._send(api, url, refreshed)
            status = int(response.status)
            if status == 401 and not refreshed:
                refreshed = True  # an expired or revoked token: one new token, then the same request
                continue
            if status in RETRIED and attempt < ATTEMPTS - 1:
                time.sleep(self._wait(attempt, response.headers))
                continue
            if status != 200:
                raise ApiError(api, status, _error_text(api, path, status, response))
            with self._lock:
                self.pages[api] += 1
            return _json(api, path, response)
        raise ApiError(api, 0, f"{path}: no answer after {ATTEMPTS} attempts")  # pragma: no cover

    def _send(self, api: str, url: str, refresh: bool) -> Response:
        headers = {"Authorization": f"Bearer {self.token(refresh)}", "Accept": "application/json"}
        with self._lock:
            self.calls[api] += 1
        try:
            return self.http.request("GET", url, headers=headers, timeout=30.0, retries=False)  # type: ignore[no-any-return]
        except OSError as exc:
            raise EndpointError(f"{url}: {exc}") from None
        except ReadOnlyViolation:
            raise
        except Exception as exc:  # noqa: BLE001 - urllib3's errors do not derive from OSError
            raise EndpointError(f"cannot reach {url}: {type(exc).__name__}: {exc}") from None

    def _wait(self, attempt: int, headers: Mapping[str, str]) -> float:
        after = headers.get("Retry-After") or headers.get("retry-after") or ""
        if after.strip().isdigit():
            return min(float(after), MAX_WAIT)
        return min(self.backoff * float(2**attempt) * (1 + random.random()), MAX_WAIT)  # noqa: S311 - jitter


def _json(api: str, path: str, response: Response) -> dict[str, Any]:
    try:
        body = json.loads(response.data)
    except (ValueError, UnicodeDecodeError):
        what = describe_reply(response.status, response.headers.get("Content-Type", ""), response.data)
        raise ApiError(api, 0, f"{path}: the answer is not JSON ({what})") from None
    if not isinstance(body, dict):
        raise ApiError(api, 0, f"{path}: the answer is JSON but not an object")
    return body


def _error_text(api: str, path: str, status: int, response: Response) -> str:
    """Google's error message (``{"error": {"message": ...}}``) where there is one."""
    try:
        message = str(json.loads(response.data)["error"]["message"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        message = describe_reply(status, response.headers.get("Content-Type", ""), response.data)
    return f"{path}: HTTP {status}: {' '.join(message.split())[:200]}"
