"""KMS per (account, region): every key; AWS-managed keys (known by their ``alias/aws/`` alias) are kept
as AWS's, without a call each; customer keys are described and their tags read."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.collectors.base import Clients, Collector, pages
from seawall.aws.inventory.kms import AWS_ALIAS_PREFIX


class KeysListing(Listing):
    __slots__ = ()
    label = "kms:key"


def list_keys(clients: Clients) -> KeysListing:
    sink = Sink(clients)
    sink.read("kms:key", lambda: _keys(clients.client("kms"), clients.account_id, clients.region))
    return KeysListing(tuple(sink.assets), tuple(sink.gaps))


def _keys(kms: Any, account: str, region: str) -> Iterator[Asset]:
    keys = list(pages(kms, "list_keys", "Keys"))
    if not keys:
        return
    aliases: dict[str, list[str]] = {}
    for alias in pages(kms, "list_aliases", "Aliases"):
        if alias.get("TargetKeyId"):
            aliases.setdefault(str(alias["TargetKeyId"]), []).append(str(alias.get("AliasName", "")))
    for key in keys:
        key_id = str(key["KeyId"])
        names = aliases.get(key_id, [])
        if any(n.startswith(AWS_ALIAS_PREFIX) for n in names):
            yield Asset(
                account,
                region,
                "kms:key",
                key_id,
                arn=str(key.get("KeyArn", "")),
                name=names[0],
                default=True,
            )
            continue
        meta = kms.describe_key(KeyId=key_id)["KeyMetadata"]
        if meta.get("KeyManager") == "AWS":
            yield Asset(account, region, "kms:key", key_id, arn=str(meta.get("Arn", "")), default=True)
            continue
        yield Asset(
            account,
            region,
            "kms:key",
            key_id,
            arn=str(meta.get("Arn", "")),
            name=names[0] if names else str(meta.get("Description", "")),
            tags=tag_pairs(kms.list_resource_tags(KeyId=key_id).get("Tags"), "TagKey", "TagValue"),
            created=meta.get("CreationDate"),
            state=str(meta.get("KeyState", "")),
            kind=str(meta.get("KeySpec", "")),
        )


COLLECTORS = (Collector(KeysListing, regional=True, collect=list_keys),)
