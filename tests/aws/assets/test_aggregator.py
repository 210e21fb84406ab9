"""The Config aggregator as a source: found, read, never trusted as complete, merged with the direct
listing and compared with it; where both apply they give the same inventory."""

from __future__ import annotations

import pytest

from seawall.aws.assets.aggregator import read_aggregator
from seawall.aws.assets.engine import run_inventory
from seawall.aws.assets.listers.s3 import COLLECTORS as S3
from seawall.aws.assets.merge import merge
from seawall.aws.assets.model import CONFIG, DIRECT, AggregatorState, Asset
from seawall.aws.discovery import Request
from seawall.aws.session import Connector
from seawall.model import Status
from tests.aws.assets.helpers import listed, of_type
from tests.aws.conftest import ACCOUNT, REGIONS, admin

EAST, WEST = REGIONS
BUCKETS = ("ledger", "uploads-eu")


def _world() -> None:
    admin("config").put_configuration_aggregator(
        ConfigurationAggregatorName="org",
        AccountAggregationSources=[{"AccountIds": [ACCOUNT], "AllAwsRegions": True}],
    )
    s3 = admin("s3")
    s3.create_bucket(Bucket="ledger")
    s3.put_bucket_tagging(Bucket="ledger", Tagging={"TagSet": [{"Key": "owner", "Value": "finance"}]})
    admin("s3", WEST).create_bucket(
        Bucket="uploads-eu", CreateBucketConfiguration={"LocationConstraint": WEST}
    )
    admin("ec2").create_volume(AvailabilityZone=f"{EAST}a", Size=5)


def identity(asset: Asset) -> tuple[str, str, str, str, str]:
    return (asset.account_id, asset.region, asset.type, asset.id, asset.name)


def test_the_aggregator_is_found_and_read(aws: None) -> None:
    _world()
    recorded, state = read_aggregator(Connector(), ACCOUNT, REGIONS)
    assert (state.found, state.name, state.account_id, state.region) == (True, "org", ACCOUNT, EAST)
    assert (state.accounts, state.regions) == ((ACCOUNT,), ())
    assert {a.sources for a in recorded} == {(CONFIG,)}
    assert sorted(a.id for a in of_type(recorded, "s3:bucket")) == sorted(BUCKETS)


def test_both_paths_give_the_same_inventory_where_both_apply(aws: None) -> None:
    _world()
    recorded, _ = read_aggregator(Connector(), ACCOUNT, REGIONS)
    direct, _ = listed(S3)
    assert sorted(map(identity, of_type(recorded, "s3:bucket"))) == sorted(map(identity, direct))


def test_no_aggregator_is_said_and_nothing_is_recorded(aws: None) -> None:
    recorded, state = read_aggregator(Connector(), ACCOUNT, REGIONS)
    assert (recorded, state.found) == ((), False)


def test_merging_names_both_sources_keeps_config_only_resources_and_tells_what_config_misses() -> None:
    state = AggregatorState("org", ACCOUNT, EAST, 2, (), True)
    both = Asset(ACCOUNT, EAST, "s3:bucket", "ledger", name="ledger")
    direct_only = Asset(ACCOUNT, EAST, "ec2:volume", "vol-1")
    default = Asset(ACCOUNT, EAST, "ec2:security-group", "sg-1", default=True)
    untracked = Asset(ACCOUNT, EAST, "ec2:snapshot", "snap-1")  # not a Config resource type
    config_only = Asset(ACCOUNT, WEST, "s3:bucket", "gone", sources=(CONFIG,))
    twin = Asset(ACCOUNT, EAST, "s3:bucket", "ledger", name="ledger", sources=(CONFIG,))
    merged, unrecorded = merge([both, direct_only, default, untracked], [twin, config_only], state)
    sources = {a.id: a.sources for a in merged}
    assert sources == {
        "ledger": (CONFIG, DIRECT),
        "vol-1": (DIRECT,),
        "sg-1": (DIRECT,),
        "snap-1": (DIRECT,),
        "gone": (CONFIG,),
    }
    assert [(u.type, u.region, u.ids, u.recorded) for u in unrecorded] == [
        ("ec2:volume", EAST, ("vol-1",), 0)
    ]


def test_an_aggregator_limited_to_some_regions_is_not_blamed_for_the_others() -> None:
    state = AggregatorState("org", ACCOUNT, EAST, 0, (), True, (), (EAST,))
    _, unrecorded = merge([Asset(ACCOUNT, WEST, "ec2:volume", "vol-w")], [], state)
    assert unrecorded == ()


@pytest.mark.parametrize("aggregator", [True, False])
def test_the_run_merges_compares_and_flags(aws: None, aggregator: bool) -> None:
    _world()
    report = run_inventory(Request(regions=REGIONS), connector=Connector(), aggregator=aggregator)
    buckets = {a.id: a.sources for a in report.assets if a.type == "s3:bucket"}
    gaps = [f for f in report.findings.findings if f.rule_id == "aws.inventory.config_gap"]
    if aggregator:
        assert buckets == dict.fromkeys(BUCKETS, (CONFIG, DIRECT))
        volume = [
            f
            for f in gaps
            if f.status is Status.FAIL and f.resource and "ec2:volume" in f.resource.resource_id
        ]
        assert len(volume) == 1 and volume[0].message.startswith(
            "Config does not record 1 ec2:volume in us-east-1"
        )
    else:
        assert buckets == dict.fromkeys(BUCKETS, (DIRECT,))
        assert [f.status for f in gaps] == [Status.UNKNOWN]
