"""The AWS regions botocore knows, from the partitions data it ships (no network): region names on the
command line are checked against them before an audit starts."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from seawall.errors import UsageError


def known_regions() -> frozenset[str]:
    """Every region of every partition (aws, aws-cn, aws-us-gov, ...) in botocore's partitions data."""
    from botocore.loaders import create_loader

    data = create_loader().load_data("partitions")
    return frozenset(
        name
        for partition in data.get("partitions", ())
        for name in partition.get("regions", {})
        if not name.endswith("-global")  # "aws-global": an endpoint, not a region to audit
    )


def check_regions(names: Iterable[str], flag: str = "--regions") -> None:
    """A usage error naming the first region botocore does not know, with the nearest known name."""
    known = known_regions()
    for name in names:
        if name in known:
            continue
        close = difflib.get_close_matches(name, sorted(known), n=1)
        guess = f" (did you mean {close[0]}?)" if close else ""
        raise UsageError(
            f"{flag}: unknown AWS region {name!r}{guess}",
            hint="regions look like eu-west-1; a region newer than this botocore needs "
            "'pip install -U boto3'",
        )
