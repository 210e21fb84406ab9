"""The simulator's HTTP server: Google's REST paths over a world (see ``world.py``), paginated with
``pageToken``/``nextPageToken`` and ``maxResults``/``pageSize`` capped at the world's ``page_size``; an
OAuth token endpoint (``POST /token``) that verifies the service account's JWT assertion with its public
key through google-auth; and injected faults (status codes, malformed bodies) for the tests."""

from __future__ import annotations

import base64
import json
import re
import secrets
import threading
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from seawall.workspace.auth import SCOPES

DIRECTORY = "/admin/directory/v1"
Route = Callable[["Tenant", dict[str, str], re.Match[str]], tuple[int, Any]]


class Tenant:
    """The world, the tokens issued and the faults still to inject. Thread-safe."""

    def __init__(self, world: dict[str, Any]) -> None:
        self.world = world
        self.tokens: set[str] = set()
        self.faults = [dict(f) for f in world.get("faults", [])]
        self.lock = threading.Lock()
        self.requests: dict[str, int] = {}

    def fault(self, path: str) -> dict[str, Any] | None:
        with self.lock:
            for f in self.faults:
                if f["path"] in path and (f.get("always") or f.get("statuses")):
                    if f.get("always"):
                        return {"status": f["always"], "body": f.get("body")}
                    return {"status": f["statuses"].pop(0), "body": f.get("body")}
        return None


def page(
    tenant: Tenant,
    items: list[Any],
    key: str,
    query: dict[str, str],
    size_param: str = "maxResults",
    extra: dict[str, Any] | None = None,
) -> dict[str, Any]:
    cap = int(tenant.world.get("page_size", 100))
    asked = query.get(size_param, "")
    size = min(int(asked), cap) if asked.isdigit() and int(asked) > 0 else cap
    start = int(base64.urlsafe_b64decode(query["pageToken"]).decode()) if query.get("pageToken") else 0
    body: dict[str, Any] = dict(extra or {})
    body[key] = items[start : start + size]
    if start + size < len(items):
        body["nextPageToken"] = base64.urlsafe_b64encode(str(start + size).encode()).decode()
    return body


def _users(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    users = sorted(t.world["users"], key=lambda u: u["primaryEmail"])
    return 200, page(t, users, "users", q, extra={"kind": "admin#directory#users"})


def _orgunits(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, {"kind": "admin#directory#orgUnits", "organizationUnits": t.world["orgunits"]}


def _domains(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, t.world["domains"]


def _groups(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, page(t, t.world["groups"], "groups", q, extra={"kind": "admin#directory#groups"})


def _roles(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, page(t, t.world["roles"], "items", q, extra={"kind": "admin#directory#roles"})


def _assignments(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, page(
        t, t.world["roleassignments"], "items", q, extra={"kind": "admin#directory#roleAssignments"}
    )


def _tokens(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    email = unquote(m["user"]).lower()
    if not any(u["primaryEmail"] == email for u in t.world["users"]):
        return 404, _error(404, "Resource Not Found: userKey")
    return 200, {"kind": "admin#directory#tokenList", "items": t.world["tokens"].get(email, [])}


def _activities(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    email = unquote(m["user"]).lower()
    since = q.get("startTime", "")
    items = [a for a in t.world["activities"].get(email, []) if a["id"]["time"] >= since]
    return 200, page(t, items, "items", q, extra={"kind": "admin#reports#activities"})


def _policies(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, page(t, t.world["policies"], "policies", q, size_param="pageSize")


def _devices(t: Tenant, q: dict[str, str], m: re.Match[str]) -> tuple[int, Any]:
    return 200, page(t, t.world["devices"], "devices", q, size_param="pageSize")


ROUTES: tuple[tuple[re.Pattern[str], Route], ...] = tuple(
    (re.compile(pattern + "$"), route)
    for pattern, route in (
        (f"{DIRECTORY}/users", _users),
        (f"{DIRECTORY}/customer/[^/]+/orgunits", _orgunits),
        (f"{DIRECTORY}/customer/[^/]+/domains", _domains),
        (f"{DIRECTORY}/groups", _groups),
        (f"{DIRECTORY}/customer/[^/]+/roles", _roles),
        (f"{DIRECTORY}/customer/[^/]+/roleassignments", _assignments),
        (f"{DIRECTORY}/users/(?P<user>[^/]+)/tokens", _tokens),
        ("/admin/reports/v1/activity/users/(?P<user>[^/]+)/applications/login", _activities),
        ("/v1/policies", _policies),
        ("/v1/devices", _devices),
    )
)


def _error(code: int, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "errors": [{"message": message, "domain": "global"}]}}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    tenant: Tenant  # set on the subclass made by ``serve``

    def log_message(self, format: str, *args: Any) -> None:
        return

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        query = {k: v[-1] for k, v in parse_qs(url.query).items()}
        time.sleep(float(self.tenant.world.get("latency", 0.0)))
        fault = self.tenant.fault(url.path)
        if fault is not None:
            body = fault["body"]
            self._send(
                fault["status"], body if body is not None else _error(fault["status"], "injected fault")
            )
            return
        auth = self.headers.get("Authorization", "")
        if auth.removeprefix("Bearer ") not in self.tenant.tokens:
            self._send(401, _error(401, "Request had invalid authentication credentials."))
            return
        for pattern, route in ROUTES:
            match = pattern.match(url.path)
            if match:
                self._send(*route(self.tenant, query, match))
                return
        self._send(404, _error(404, f"no such path: {url.path}"))

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if urlsplit(self.path).path != "/token":
            self._send(405, _error(405, "the simulator takes no writes"))
            return
        status, body = self._exchange(form)
        self._send(status, body)

    def _exchange(self, form: dict[str, str]) -> tuple[int, dict[str, Any]]:
        """RFC 7523 JWT bearer grant: the assertion's signature, issuer, audience, subject and scopes."""
        from google.auth import jwt

        account = self.tenant.world["service_account"]
        # google-auth writes Google's token URI as the audience whatever the key's token_uri says
        audience = [f"http://{self.headers.get('Host')}/token", "https://oauth2.googleapis.com/token"]
        try:
            claims = jwt.decode(form.get("assertion", ""), certs=account["public_key"], audience=audience)  # type: ignore[no-untyped-call]
        except ValueError as exc:
            return 400, {"error": "invalid_grant", "error_description": f"Invalid JWT: {exc}"}
        admins = {
            u["primaryEmail"]
            for u in self.tenant.world["users"]
            if u.get("isAdmin") and not u.get("suspended")
        }
        asked = set(str(claims.get("scope", "")).split())
        if claims.get("iss") != account["client_email"]:
            return 400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."}
        if claims.get("sub") not in admins:
            return 400, {"error": "invalid_grant", "error_description": "Invalid email or User ID"}
        if not asked or not asked <= set(SCOPES):
            return 400, {
                "error": "unauthorized_client",
                "error_description": "Client is unauthorized to retrieve access tokens using this method, "
                "or client not authorized for any of the scopes requested.",
            }
        issued = "ya29.sim-" + secrets.token_urlsafe(24)
        with self.tenant.lock:
            self.tenant.tokens.add(issued)
        return 200, {"access_token": issued, "expires_in": 3599, "token_type": "Bearer"}

    def _send(self, status: int, body: Any) -> None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=UTF-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


def serve(world: dict[str, Any], port: int = 0) -> ThreadingHTTPServer:
    """A server bound to 127.0.0.1 (not yet serving: call ``serve_forever``)."""
    handler = type("BoundHandler", (Handler,), {"tenant": Tenant(world)})
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    server.daemon_threads = True
    return server
