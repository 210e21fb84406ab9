"""Which regions an account is audited in. A real account's regions answer leaves out the opt-in regions it
has not opted into; a simulator may list them marked "not-opted-in". A real audit audits what the answer
lists in its own partition (never cn-north-1 beside eu-west-1); the demo organization, which has not
opted in either, leaves the marked ones out."""

from __future__ import annotations

import pytest

from seawall.aws.discovery import _enabled_regions
from seawall.aws.session import Connector
from tests.aws.conftest import ACCOUNT, admin


def _answer() -> dict[str, str | None]:
    regions = admin("ec2").describe_regions(AllRegions=False)["Regions"]
    return {r["RegionName"]: r.get("OptInStatus") for r in regions}


OTHER_PARTITIONS = ("cn-", "us-gov-")


@pytest.mark.usefixtures("aws")
def test_a_real_audit_covers_every_region_of_its_partition_the_answer_lists() -> None:
    listed = set(_answer())
    assert {"cn-north-1", "us-gov-west-1", "ap-east-1"} <= listed  # moto lists them all in one answer

    enabled = set(_enabled_regions(Connector(), ACCOUNT))

    assert enabled == {name for name in listed if not name.startswith(OTHER_PARTITIONS)}


@pytest.mark.usefixtures("aws")
def test_the_demo_leaves_out_regions_marked_not_opted_in() -> None:
    status = _answer()
    not_opted = {name for name, s in status.items() if s == "not-opted-in"}
    assert "ap-east-1" in not_opted  # an opt-in region (Hong Kong), which moto lists anyway

    enabled = set(_enabled_regions(Connector(), ACCOUNT, opted_in_only=True))

    assert enabled == {name for name in set(status) - not_opted if not name.startswith(OTHER_PARTITIONS)}
    assert {"us-east-1", "eu-west-1"} <= enabled
