"""S3, once per account: the audit's own bucket collector (settings read once, in a small pool), then each
bucket's tags and creation date; its public exposure is judged as the audit judges it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from seawall.aws.assets.listers.base import Sink, tag_pairs
from seawall.aws.assets.model import Asset, Listing
from seawall.aws.checks.s3 import READ_ACTIONS, READ_PERMISSIONS, WRITE_ACTIONS, WRITE_PERMISSIONS, exposure
from seawall.aws.collectors.base import Clients, Collector, error_code, pages
from seawall.aws.collectors.s3 import collect_s3
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.s3 import Bucket, S3Account


class S3Listing(Listing):
    __slots__ = ()
    label = "s3:bucket"


def list_s3(clients: Clients) -> S3Listing:
    sink = Sink(clients)
    sink.read("s3:bucket", lambda: _buckets(clients))
    return S3Listing(tuple(sink.assets), tuple(sink.gaps))


def _buckets(clients: Clients) -> Iterator[Asset]:
    s3 = clients.client("s3")
    created = {b["Name"]: b.get("CreationDate") for b in pages(s3, "list_buckets", "Buckets")}
    account = collect_s3(clients, housekeeping=False)
    for bucket in account.buckets:
        yield Asset(
            clients.account_id,
            bucket.region,
            "s3:bucket",
            bucket.name,
            arn=bucket.arn,
            name=bucket.name,
            tags=_tags(s3, bucket.name),
            created=created.get(bucket.name),
            public=_public(bucket, account),
            encrypted=_encrypted(bucket),
            backup=_kept(bucket),
        )


def _tags(s3: Any, name: str) -> tuple[tuple[str, str], ...]:
    from botocore.exceptions import ClientError

    try:
        return tag_pairs(s3.get_bucket_tagging(Bucket=name).get("TagSet"))
    except ClientError as exc:
        if error_code(exc) == "NoSuchTagSet":
            return ()
        raise


def _public(bucket: Bucket, account: S3Account) -> str:
    said = []
    for verb, actions, acl in (
        ("read", READ_ACTIONS, READ_PERMISSIONS),
        ("write", WRITE_ACTIONS, WRITE_PERMISSIONS),
    ):
        seen = exposure(bucket, account.public_access_block, actions, acl)
        if seen.found:
            said.append(f"anyone can {verb}: {'; '.join(seen.found)}")
    return "; ".join(said)


def _encrypted(bucket: Bucket) -> bool | None:
    if isinstance(bucket.encryption, Unavailable):
        return None
    # Since January 2023 S3 encrypts every new object (SSE-S3) even without a default configuration.
    return True


def _kept(bucket: Bucket) -> str | None:
    if isinstance(bucket.versioning, Unavailable):
        return None
    locked = " and Object Lock" if bucket.object_lock is True else ""
    return f"versioning{locked}" if bucket.versioning == "Enabled" else ""


COLLECTORS = (Collector(S3Listing, regional=False, collect=list_s3),)
