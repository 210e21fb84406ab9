"""An AWS endpoint that does not answer as AWS does (a proxy's HTML page, an empty 403, garbage, JSON from
some other service) or cannot be reached (refused, TLS spoken to a plain server) is one line on stderr and
exit 2, never a traceback: a real HTTP server on 127.0.0.1, pointed at with ``AWS_ENDPOINT_URL``."""

from __future__ import annotations

import contextlib
import http.server
import socket
import threading
from collections.abc import Iterator

import pytest

from seawall.cli import main
from seawall.errors import EndpointError, describe_reply

PROXY_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>Access blocked by\n the Acme proxy</title></head>"
    b"<body><h1>Blocked</h1><p>Ask IT.</p></body></html>\n"
)


class Reply(http.server.BaseHTTPRequestHandler):
    status = 200
    content_type = "text/html"
    body = b""

    def _answer(self) -> None:
        length = int(self.headers.get("Content-Length", "0") or 0)
        self.rfile.read(length)
        self.send_response(self.status)
        if self.content_type:
            self.send_header("Content-Type", self.content_type)
        self.send_header("Content-Length", str(len(self.body)))
        self.end_headers()
        self.wfile.write(self.body)

    do_GET = do_POST = _answer

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def server(status: int, content_type: str, body: bytes) -> Iterator[str]:
    handler = type("Configured", (Reply,), {"status": status, "content_type": content_type, "body": body})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join()


def audit(endpoint: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> str:
    """``seawall aws audit`` against ``endpoint``; asserts exit 2 and one error line; that line."""
    monkeypatch.setenv("AWS_ENDPOINT_URL", endpoint)
    monkeypatch.setenv("AWS_MAX_ATTEMPTS", "1")  # no retries of what will not get better
    capsys.readouterr()
    assert main(["aws", "audit", "--regions", "us-east-1", "--no-record"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 2, err
    assert lines[1] == f"hint: {EndpointError.hint}"
    return lines[0]


@pytest.mark.parametrize(
    ("status", "content_type", "body", "said"),
    [
        (200, "text/html", PROXY_PAGE, "an HTML page (HTTP 200, titled 'Access blocked by the Acme proxy')"),
        (403, "text/html; charset=utf-8", PROXY_PAGE, "an HTML page (HTTP 403, titled 'Access blocked by"),
        (502, "", PROXY_PAGE, "an HTML page (HTTP 502, titled"),
        (403, "", b"", "HTTP 403 with an empty body"),
        (
            200,
            "application/octet-stream",
            b"\x00\x01\x1b[2Kjunk\xff",
            r"HTTP 200 application/octet-stream: '\x00\x01\x1b[2Kjunk",
        ),
        (
            200,
            "application/json",
            b'{"hello": "world"}',
            """HTTP 200 application/json: '{"hello": "world"}'""",
        ),
    ],
)
def test_a_reply_that_is_not_aws_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    status: int,
    content_type: str,
    body: bytes,
    said: str,
) -> None:
    with server(status, content_type, body) as where:
        line = audit(f"http://{where}", monkeypatch, capsys)
    assert line.startswith(f"seawall: error: the AWS endpoint http://{where} did not answer as AWS does: ")
    assert said in line


def test_a_refused_connection_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again below: nothing listens there
    line = audit(f"http://127.0.0.1:{port}", monkeypatch, capsys)
    assert line.startswith(f"seawall: error: cannot reach the AWS endpoint http://127.0.0.1:{port}: ")


def test_tls_spoken_to_a_plain_server_is_one_line_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    with server(200, "text/html", PROXY_PAGE) as where:
        line = audit(f"https://{where}", monkeypatch, capsys)
    assert line.startswith(f"seawall: error: cannot reach the AWS endpoint https://{where}: ")
    assert "SSL" in line


def test_describe_reply_keeps_one_short_line() -> None:
    long = describe_reply(200, "text/plain", b"x" * 1000 + b"\nsecond line")
    assert "\n" not in long
    assert len(long) < 120
    assert (
        describe_reply(500, "text/html", b"<html><body>no title</body></html>") == "an HTML page (HTTP 500)"
    )
    assert describe_reply(204, "", b"  \r\n") == "HTTP 204 with an empty body"
