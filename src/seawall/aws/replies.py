"""Replies that are not the AWS API's: a proxy's HTML page, an empty error, garbage, or no reply at all
(refused, timed out, TLS). The connector remembers the last raw reply of each thread (botocore's
``before-parse`` event) so that such a failure is told in one line with what actually came back, as an
``EndpointError`` (exit 2), never a traceback."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from typing import Any

from seawall.errors import EndpointError, describe_reply

_STATUS_ONLY = re.compile(r"^\d{3}$")  # botocore's code for an error reply with no AWS error in it


@dataclass(frozen=True, slots=True)
class Reply:
    status: int
    content_type: str
    body: bytes


class LastReply(threading.local):
    """The last raw reply seen by this thread (the identity call, a collector's call...)."""

    reply: Reply | None = None

    def remember(self, response_dict: dict[str, Any], **_: Any) -> None:
        body = response_dict.get("body", b"")
        headers = response_dict.get("headers", {}) or {}
        self.reply = Reply(
            int(response_dict.get("status_code", 0)),
            str(headers.get("content-type", headers.get("Content-Type", ""))),
            body[:65536] if isinstance(body, bytes) else b"",
        )


def not_the_api(exc: BaseException, last: Reply | None, endpoint: str) -> EndpointError | None:
    """An ``EndpointError`` when ``exc`` says the endpoint is unreachable or did not answer as AWS does;
    None for AWS's own errors (access denied, throttling...), which the caller handles.

    AWS answers in XML or JSON, and its errors carry an error code; a web page, an error with no code
    (botocore then uses the HTTP status as the code) or a reply botocore could not read is not AWS."""
    from botocore.exceptions import ClientError, HTTPClientError
    from botocore.exceptions import ConnectionError as BotoConnectionError

    if isinstance(exc, BotoConnectionError | HTTPClientError):
        return EndpointError(f"cannot reach the AWS endpoint {endpoint}: {_one_line(exc)}")
    foreign = last is not None and _foreign(last)
    if isinstance(exc, ClientError) and not foreign:
        if not _STATUS_ONLY.match(str(exc.response.get("Error", {}).get("Code", ""))):
            return None  # an AWS error document: AccessDenied, ExpiredToken...
    elif not foreign and last is not None and not _unreadable(exc):
        return None
    what = "a reply it could not read" if last is None else describe_reply(*_parts(last))
    return EndpointError(f"the AWS endpoint {endpoint} did not answer as AWS does: {what}")


def _foreign(reply: Reply) -> bool:
    """A reply AWS never sends: a web page, or an error with an empty body."""
    kind = reply.content_type.split(";", 1)[0].strip().lower()
    head = reply.body.lstrip()[:64].lower()
    if kind in ("text/html", "application/xhtml+xml") or head.startswith((b"<!doctype", b"<html")):
        return True
    return reply.status >= 400 and not reply.body.strip()


def _unreadable(exc: BaseException) -> bool:
    """botocore could not make sense of the reply (its parser failed, or its result lacked the parts
    every AWS answer has)."""
    from botocore.parsers import ResponseParserError

    return isinstance(exc, ResponseParserError | KeyError | TypeError | ValueError)


def _parts(reply: Reply) -> tuple[int, str, bytes]:
    return reply.status, reply.content_type, reply.body


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())
