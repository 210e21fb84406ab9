"""What a collector is: a function from one (account, region)'s clients to one inventory record.

Collectors make only read calls (the engine's guard refuses anything else before it is sent), use
bulk and paginated calls, and turn a part they cannot read into an ``Unavailable`` field of their
record when the rest is still worth having. An exception escaping a collector makes the whole record
``Unavailable``; the engine classifies it (access denied, not supported, throttled, timeout).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Protocol


class Clients(Protocol):
    """The clients of one (account, region); ``client(name)`` is created once and reused."""

    account_id: str
    region: str

    def client(self, service: str) -> Any: ...


@dataclass(frozen=True, slots=True)
class Collector:
    kind: type[object]  # the inventory record it returns
    regional: bool  # True: once per audited region; False: once per account (region GLOBAL)
    collect: Callable[[Clients], object]
    home_region: str | None = None  # for account-wide services: the region to call (None: the first)


def pages(client: Any, operation: str, key: str, **kwargs: Any) -> Iterator[Any]:
    """Every item under ``key`` across all pages of a paginated operation."""
    for page in client.get_paginator(operation).paginate(**kwargs):
        yield from page.get(key, ())


def error_code(exc: BaseException) -> str:
    """The AWS error code of a botocore ClientError, or '' for anything else."""
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Code", ""))
    return ""
