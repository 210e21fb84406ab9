"""The Google client: read-only before anything is sent, every page followed, 429 and 5xx retried, 401
answered with one new token, answers cached for the run, calls counted per API. Against the simulator's
real HTTP server on 127.0.0.1 (in this process, on a thread)."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
import urllib3

from seawall.errors import ReadOnlyViolation
from seawall.workspace.api import ApiError, Client, ReadOnlyHttp, api_of, base_urls
from seawall.workspace.simulator.server import serve
from tests.workspace.tenant import world


class Recorder:
    """An HTTP client that records what it was asked to send."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    def request(self, method: str, url: str, **kwargs: Any) -> Any:
        self.sent.append((method, url))
        return None


@pytest.mark.parametrize("method", ["POST", "PUT", "PATCH", "DELETE", "post", "HEAD", "OPTIONS"])
def test_anything_but_get_is_refused_before_it_is_sent(method: str) -> None:
    inner = Recorder()
    http = ReadOnlyHttp(inner, frozenset({"https://oauth2.googleapis.com/token"}))
    with pytest.raises(ReadOnlyViolation, match="was not sent"):
        http.request(method, "https://admin.googleapis.com/admin/directory/v1/users/a@b.example")
    assert inner.sent == []


def test_the_token_exchange_is_the_only_post_and_only_to_the_credentials_token_uri() -> None:
    inner = Recorder()
    http = ReadOnlyHttp(inner, frozenset({"https://oauth2.googleapis.com/token"}))
    http.request("POST", "https://oauth2.googleapis.com/token", body=b"grant_type=...")
    http.request("GET", "https://admin.googleapis.com/admin/directory/v1/users")
    with pytest.raises(ReadOnlyViolation):
        http.request("POST", "https://oauth2.googleapis.com/token/../revoke")
    assert inner.sent == [
        ("POST", "https://oauth2.googleapis.com/token"),
        ("GET", "https://admin.googleapis.com/admin/directory/v1/users"),
    ]


def test_the_guard_stands_between_google_auth_and_the_network() -> None:
    """google-auth's own transport goes through the guard: a write through it is refused too."""
    from google.auth.transport.urllib3 import Request

    inner = Recorder()
    request = Request(ReadOnlyHttp(inner))  # type: ignore[no-untyped-call]
    with pytest.raises(ReadOnlyViolation):
        request("https://admin.googleapis.com/admin/directory/v1/users", method="DELETE")
    assert inner.sent == []


def test_paths_map_to_their_api_and_one_base_url_replaces_every_host() -> None:
    assert api_of("admin/directory/v1/users") == ("directory", "admin")
    assert api_of("admin/reports/v1/activity/users/all/applications/login") == ("reports", "admin")
    assert api_of("v1/policies") == ("policy", "cloudidentity")
    assert api_of("v1/devices") == ("devices", "cloudidentity")
    assert base_urls({}) == {
        "admin": "https://admin.googleapis.com",
        "cloudidentity": "https://cloudidentity.googleapis.com",
    }
    assert set(base_urls({"SEAWALL_GOOGLE_API_ENDPOINT": "http://127.0.0.1:9/"}).values()) == {
        "http://127.0.0.1:9"
    }


# -- against the simulator's server --------------------------------------------------------------------


@pytest.fixture
def server() -> Iterator[tuple[str, Any]]:
    made = world(page_size=2)
    httpd = serve(made)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    tenant = httpd.RequestHandlerClass.tenant  # type: ignore[attr-defined]
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", tenant
    finally:
        httpd.shutdown()
        httpd.server_close()


def _client(url: str, tenant: Any, tokens: list[str] | None = None) -> Client:
    issued = tokens if tokens is not None else ["good"]
    tenant.tokens.add("good")
    handed: list[bool] = []

    def token(force: bool) -> str:
        handed.append(force)
        return issued[-1] if force else issued[0]

    pool = urllib3.PoolManager(retries=False)
    client = Client(ReadOnlyHttp(pool), token, {"admin": url, "cloudidentity": url}, backoff=0.001)
    client.handed = handed  # type: ignore[attr-defined]
    return client


def test_every_page_is_followed_with_page_tokens(server: tuple[str, Any]) -> None:
    url, tenant = server
    client = _client(url, tenant)
    users = client.items(
        "admin/directory/v1/users", "users", {"customer": "my_customer", "maxResults": "500"}
    )
    assert len(users) == 14
    assert len({u["primaryEmail"] for u in users}) == 14
    assert client.pages["directory"] == 7
    assert client.calls["directory"] == 7


def test_answers_are_cached_for_the_run(server: tuple[str, Any]) -> None:
    url, tenant = server
    client = _client(url, tenant)
    first = client.items("v1/policies", "policies", {"pageSize": "100"})
    again = client.items("v1/policies", "policies", {"pageSize": "100"})
    assert first == again
    assert len(first) == len(tenant.world["policies"])
    assert client.calls["policy"] == (len(first) + 1) // 2  # pages of 2, each read once


def test_429_and_5xx_are_retried_then_reported(server: tuple[str, Any]) -> None:
    url, tenant = server
    tenant.faults = [
        {"path": "/v1/devices", "statuses": [429, 502]},
        {"path": "/admin/directory/v1/groups", "always": 500},
    ]
    client = _client(url, tenant)
    assert len(client.items("v1/devices", "devices", {"customer": "customers/my_customer"})) == 4
    assert client.calls["devices"] == 2 + 2  # two retries, two pages
    with pytest.raises(ApiError) as failed:
        client.get("admin/directory/v1/groups")
    assert failed.value.status == 500
    assert client.calls["directory"] == 5  # ATTEMPTS, then the error


def test_401_gets_one_new_token_then_succeeds(server: tuple[str, Any]) -> None:
    url, tenant = server
    client = _client(url, tenant, tokens=["expired", "good"])
    tenant.tokens.discard("expired")
    assert client.get("admin/directory/v1/customer/my_customer/domains")["domains"]
    assert client.handed == [False, True]  # type: ignore[attr-defined]


def test_403_is_an_api_error_with_the_status_and_googles_message(server: tuple[str, Any]) -> None:
    url, tenant = server
    tenant.faults = [{"path": "/v1/devices", "always": 403}]
    client = _client(url, tenant)
    with pytest.raises(ApiError) as failed:
        client.get("v1/devices")
    assert (failed.value.api, failed.value.status) == ("devices", 403)
    assert "injected fault" in str(failed.value)
    assert client.calls["devices"] == 1  # a 403 is not retried


def test_malformed_json_is_an_api_error_naming_what_came_back(server: tuple[str, Any]) -> None:
    url, tenant = server
    tenant.faults = [
        {"path": "/v1/policies", "always": 200, "body": "<html><title>Proxy says no</title></html>"}
    ]
    client = _client(url, tenant)
    with pytest.raises(ApiError, match=r"not JSON.*Proxy says no"):
        client.get("v1/policies")
