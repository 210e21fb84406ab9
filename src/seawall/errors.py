"""One error hierarchy. The CLI maps each to a one-line message, a hint and exit code 2."""

from __future__ import annotations

import re


class SeawallError(Exception):
    """Base of every error seawall raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UsageError(SeawallError):
    """The command line asks for something that cannot be done."""

    hint = "run 'seawall --help' for usage"


class ConfigError(SeawallError):
    """A configuration file, environment variable or flag has a bad key or value."""

    hint = "run 'seawall config show' to see the effective configuration"


class RuleError(SeawallError):
    """A rule (built in or custom) is malformed, for example a pattern that does not compile."""


class ScanError(SeawallError):
    """A scan could not run at all (as opposed to one file that could not be read)."""


class OutputError(SeawallError):
    """A report could not be written."""


class CloudError(SeawallError):
    """A cloud audit could not run at all: no credentials, no account could be reached."""


class ReadOnlyViolation(SeawallError):
    """An AWS operation outside the read-only allowlist was about to be sent; it was not sent."""


class EndpointError(SeawallError):
    """A provider's endpoint could not be reached (refused, timed out, TLS), or answered with something
    that is not its API: a proxy's HTML page, an empty error, garbage. Every provider client (AWS today;
    Google Workspace and the OSV API alike) turns such a failure into this, its reply described by
    ``describe_reply``, so the user reads one line and seawall exits 2."""

    hint = "check the endpoint, the network and any proxy (HTTPS_PROXY, NO_PROXY) between seawall and it"


_TITLE = rb"<title[^>]*>(.*?)</title"  # compiled by re (and kept in its cache) when a reply is described
SHOWN = 60  # characters of an unrecognised body shown in the message


def describe_reply(status: int, content_type: str, body: bytes) -> str:
    """What came back, in a few words: "HTTP 403 with an empty body", "an HTML page (HTTP 200, titled
    'Access denied by proxy')", "HTTP 200 text/plain: 'garbage'". The body is shortened and its
    control characters escaped, so the line stays one line."""
    kind = content_type.split(";", 1)[0].strip().lower()
    head = body.lstrip()[:512].lower()
    if not body.strip():
        return f"HTTP {status} with an empty body"
    if kind in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype html", b"<html")):
        title = re.search(_TITLE, body[:65536], re.IGNORECASE | re.DOTALL)
        named = f", titled '{_clip(title[1])}'" if title and title[1].strip() else ""
        return f"an HTML page (HTTP {status}{named})"
    return f"HTTP {status} {kind or 'without a content type'}: '{_clip(body)}'"


def _clip(raw: bytes) -> str:
    text = " ".join(raw.decode("utf-8", "replace").split())
    text = "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in text)
    return text if len(text) <= SHOWN else text[: SHOWN - 1] + "…"
