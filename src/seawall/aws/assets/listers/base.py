"""What every lister shares: reading one resource type so that a failure becomes a ``Gap`` row and the
other types of the (account, region) are still listed; tags and names as the APIs spell them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from seawall.aws.assets.model import Asset, Gap
from seawall.aws.collectors.base import Clients, error_code
from seawall.aws.failures import NOT_ENABLED, classify
from seawall.model import Status


class Sink:
    """The assets and gaps of one (account, region), filled type by type."""

    def __init__(self, clients: Clients, region: str | None = None) -> None:
        self.account_id = clients.account_id
        self.region = region or clients.region
        self.assets: list[Asset] = []
        self.gaps: list[Gap] = []

    def read(self, kind: str, listing: Callable[[], Iterable[Asset]]) -> None:
        """Every asset ``listing`` yields; an AWS error is a gap for ``kind``, except a region that is
        not enabled, which fails the whole (account, region) at its first call."""
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            self.assets.extend(listing())
        except (ClientError, BotoCoreError, NotImplementedError) as exc:
            if error_code(exc) in NOT_ENABLED:
                raise
            why, status = failure(exc, f"{kind} in {self.region}")
            self.gaps.append(Gap(self.account_id, self.region, kind, why, status))


def failure(exc: BaseException, what: str) -> tuple[str, Status]:
    """The audit's classification of ``exc``, in one line: an endpoint's bare HTTP error (a simulator's
    500 page) is told by its status, not by the page."""
    piece = classify(exc, what)
    code = error_code(exc)
    if code.isdigit():
        return f"{what}: HTTP {code} from the endpoint, with no AWS error (not implemented?)", piece.status
    return " ".join(piece.reason.split()), piece.status


def tag_pairs(
    raw: Iterable[Mapping[str, Any]] | None, key: str = "Key", value: str = "Value"
) -> tuple[tuple[str, str], ...]:
    """``[{"Key": k, "Value": v}, ...]`` (or another spelling of the two keys) as sorted pairs."""
    return tuple(sorted((str(t.get(key, "")), str(t.get(value, ""))) for t in raw or ()))


def tag_dict(raw: Mapping[str, Any] | None) -> tuple[tuple[str, str], ...]:
    """``{"k": "v"}`` as sorted pairs."""
    return tuple(sorted((str(k), str(v)) for k, v in (raw or {}).items()))


def name_of(tags: tuple[tuple[str, str], ...]) -> str:
    return next((v for k, v in tags if k == "Name"), "")


def arn(service: str, region: str, account_id: str, resource: str) -> str:
    return f"arn:aws:{service}:{region}:{account_id}:{resource}"


def chunks(items: list[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
