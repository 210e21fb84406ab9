"""Every flag, positive and negative, on inventories built by hand (the flags are pure functions)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from seawall.aws.assets.flags import FLAGS, Facts, facts_for
from seawall.aws.assets.merge import Unrecorded
from seawall.aws.assets.model import GLOBAL, AggregatorState, Asset, Gap, RegionUse, Settings
from seawall.aws.assets.usage import load_prices, region_use
from seawall.aws.checks.base import Result
from seawall.model import Status

NOW = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
OLD = NOW - dt.timedelta(days=200)
RECENT = NOW - dt.timedelta(days=3)
A, B = "111111111111", "222222222222"
EAST, WEST, FAR = "us-east-1", "eu-west-1", "ap-south-1"
OWNED = (("owner", "team"),)
RULES = {f.check.id.rsplit(".", 1)[-1]: f for f in FLAGS}


def asset(type_: str, ident: str, region: str = EAST, account: str = A, **facts: object) -> Asset:
    facts.setdefault("tags", OWNED)
    return Asset(account, region, type_, ident, arn=f"arn:{type_}:{ident}", **facts)  # type: ignore[arg-type]


def facts(*assets: Asset, settings: Settings | None = None, **rest: object) -> Facts:
    settings = settings or Settings()
    rest.setdefault("regions", region_use(assets, settings, {}))
    return facts_for(
        tuple(assets),
        gaps=rest.pop("gaps", ()),
        settings=settings,
        now=NOW,
        prices=load_prices(),
        accounts=(A, B),
        **rest,
    )


def run(name: str, f: Facts) -> list[Result]:
    return list(RULES[name].rule(f))


def failing(name: str, f: Facts) -> dict[str, str]:
    return {r.resource: r.reason for r in run(name, f) if r.status is Status.FAIL}


def test_every_flag_has_its_metadata_and_a_stable_id() -> None:
    assert len(RULES) == len(FLAGS) == 11
    for flag in FLAGS:
        check = flag.check
        assert check.id.startswith("aws.inventory.") and check.title and check.rationale
        assert check.remediation and check.fix and check.references


# -- regions ---------------------------------------------------------------------------------------------

BUSY = [asset("ec2:instance", f"i-{n}", EAST) for n in range(10)] + [
    asset("s3:bucket", "b1", WEST),
    asset("s3:bucket", "b2", WEST),
    asset("dynamodb:table", "t", WEST),
]


def test_a_fleet_of_one_type_with_its_volumes_stays_an_outlier() -> None:
    fleet = [asset("ec2:instance", f"i-m{n}", FAR, B) for n in range(4)]
    disks = [asset("ec2:volume", f"vol-m{n}", FAR, B, attached=1, attached_to=(f"i-m{n}",)) for n in range(4)]
    f = facts(*BUSY, *fleet, *disks)
    assert f.regions.outliers == (FAR,)
    assert len(failing("unused_region", f)) == 8


def test_a_region_holding_a_sliver_of_the_resources_is_an_outlier() -> None:
    miner = asset("ec2:instance", "i-miner", FAR, B)
    f = facts(*BUSY, miner)
    assert f.regions.in_use == (WEST, EAST)
    assert f.regions.outliers == (FAR,)
    found = failing("unused_region", f)
    assert list(found) == ["arn:ec2:instance:i-miner"]
    assert "ap-south-1, a region the organization does not otherwise use" in found["arn:ec2:instance:i-miner"]


def test_defaults_and_global_resources_never_make_a_region_in_use_or_an_outlier() -> None:
    default_sg = asset("ec2:security-group", "sg-default", FAR, default=True)
    role = asset("iam:role", "r", GLOBAL)
    f = facts(*BUSY, default_sg, role)
    assert FAR not in f.regions.in_use + f.regions.outliers and GLOBAL not in f.regions.in_use
    assert failing("unused_region", f) == {}
    assert {r.status for r in run("unused_region", f)} == {Status.PASS}


def test_configured_regions_in_use_replace_the_inference() -> None:
    f = facts(*BUSY, settings=Settings(regions_in_use=(EAST,)))
    assert (f.regions.in_use, f.regions.outliers, f.regions.inferred) == ((EAST,), (WEST,), False)
    assert len(failing("unused_region", f)) == 3


def test_a_resource_in_a_region_its_scp_denies() -> None:
    use = RegionUse((EAST,), (), {A: (EAST, WEST)})
    inside, outside = asset("ec2:volume", "vol-in", WEST), asset("ec2:volume", "vol-out", FAR)
    other = asset("ec2:volume", "vol-b", FAR, B)  # account B has no such SCP
    found = failing("scp_region", facts(inside, outside, other, regions=use))
    assert (
        list(found) == ["arn:ec2:volume:vol-out"]
        and "allowed: us-east-1, eu-west-1" in found["arn:ec2:volume:vol-out"]
    )
    assert failing("scp_region", facts(inside, other, regions=use)) == {}


def test_scps_that_could_not_be_read_are_unknown_not_a_pass() -> None:
    use = RegionUse((EAST,), (), {}, scp_unread="the service control policies: access denied")
    assert [r.status for r in run("scp_region", facts(regions=use))] == [Status.UNKNOWN]


# -- exposure --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "rule"),
    [
        ("ec2:instance", "internet_facing"),
        ("elb:load-balancer", "internet_facing"),
        ("apigateway:rest-api", "internet_facing"),
        ("cloudfront:distribution", "internet_facing"),
        ("cloudfront:origin", "internet_facing"),
        ("lambda:function", "internet_facing"),
        ("ec2:snapshot", "public_data"),
        ("ec2:image", "public_data"),
        ("s3:bucket", "public_data"),
        ("rds:db", "public_data"),
    ],
)
def test_public_resources_are_flagged_by_the_right_flag(kind: str, rule: str) -> None:
    exposed, closed = asset(kind, "x", public="reachable"), asset(kind, "y")
    assert list(failing(rule, facts(exposed, closed))) == ["arn:" + kind + ":x"]
    other = "public_data" if rule == "internet_facing" else "internet_facing"
    assert failing(other, facts(exposed)) == {}


def test_an_open_security_group_alone_is_not_an_endpoint() -> None:
    group = asset("ec2:security-group", "sg-1", public="open to the internet on tcp 22")
    assert failing("internet_facing", facts(group)) == {}


# -- unused, with cost -----------------------------------------------------------------------------------


def test_unused_resources_and_their_monthly_cost() -> None:
    stopped = asset("ec2:instance", "i-stopped", state="stopped")
    found = failing(
        "unused",
        facts(
            asset("ec2:volume", "vol-loose", state="available", size_gib=100, kind="gp3"),
            asset(
                "ec2:volume",
                "vol-root",
                state="in-use",
                size_gib=8,
                kind="gp2",
                attached=1,
                attached_to=("i-stopped",),
            ),
            stopped,
            asset("ec2:snapshot", "snap-old", size_gib=20, created=OLD),
            asset("ec2:snapshot", "snap-new", size_gib=20, created=RECENT),
            asset("ec2:eip", "eipalloc-1", attached=0),
            asset("ec2:eip", "eipalloc-2", attached=1),
            asset("elb:load-balancer", "alb", kind="application", attached=0),
            asset("elb:load-balancer", "busy", kind="application", attached=2),
            asset("ec2:security-group", "sg-idle", attached=0),
            asset("ec2:security-group", "sg-default", attached=0, default=True),
            asset("iam:role", "stale", GLOBAL, created=OLD, last_used=OLD),
            asset("iam:role", "fresh", GLOBAL, created=OLD, last_used=RECENT),
            asset("iam:access-key", "AKIA1", GLOBAL, created=OLD, state="Active"),
            asset("iam:access-key", "AKIA2", GLOBAL, created=OLD, state="Inactive"),
        ),
    )
    assert set(found) == {
        f"arn:{k}" for k in (
            "ec2:volume:vol-loose", "ec2:instance:i-stopped", "ec2:snapshot:snap-old", "ec2:eip:eipalloc-1",
            "elb:load-balancer:alb", "ec2:security-group:sg-idle", "iam:role:stale", "iam:access-key:AKIA1",
        )
    }  # fmt: skip
    assert found["arn:ec2:volume:vol-loose"].endswith("est. $8.00/month")  # 100 GiB gp3 at $0.08
    assert "keeping 8 GiB" in found["arn:ec2:instance:i-stopped"] and found[
        "arn:ec2:instance:i-stopped"
    ].endswith("$0.80/month")
    assert found["arn:ec2:snapshot:snap-old"].endswith("$1.00/month")
    assert found["arn:ec2:eip:eipalloc-1"].endswith("$3.65/month")
    assert found["arn:elb:load-balancer:alb"].endswith("$16.43/month")
    assert "never used in 200 days" in found["arn:iam:access-key:AKIA1"]


def test_the_unused_threshold_is_configurable() -> None:
    role = asset("iam:role", "r", GLOBAL, created=OLD, last_used=NOW - dt.timedelta(days=40))
    assert failing("unused", facts(role)) == {}
    assert list(failing("unused", facts(role, settings=Settings(unused_days=30)))) == ["arn:iam:role:r"]


# -- ownership -------------------------------------------------------------------------------------------


def test_resources_without_the_owner_tag_and_the_key_is_configurable() -> None:
    tagged, bare = asset("ec2:instance", "i-1"), asset("ec2:instance", "i-2", tags=())
    team = asset("ec2:instance", "i-3", tags=(("Team", "x"),))
    default = asset("ec2:security-group", "sg-d", tags=(), default=True)
    assert set(failing("owner_tag", facts(tagged, bare, team, default))) == {
        "arn:ec2:instance:i-2",
        "arn:ec2:instance:i-3",
    }
    assert set(failing("owner_tag", facts(tagged, bare, team, settings=Settings(owner_tag="team")))) == {
        "arn:ec2:instance:i-1",
        "arn:ec2:instance:i-2",
    }


# -- Config ----------------------------------------------------------------------------------------------


def test_what_config_does_not_record_fails_per_type_and_region() -> None:
    state = AggregatorState("org", B, EAST, 4, (), True)
    gap = Unrecorded(A, WEST, "ec2:volume", ("vol-1", "vol-2"), 1)
    results = run("config_gap", facts(aggregator=state, unrecorded=(gap,)))
    assert [(r.status, r.account_id, r.region) for r in results] == [(Status.FAIL, A, WEST)]
    assert results[0].reason.startswith(
        "Config does not record 2 ec2:volume in eu-west-1 (vol-1, vol-2; it records 1)"
    )
    assert [r.status for r in run("config_gap", facts(aggregator=state))] == [Status.PASS]


def test_a_partial_or_missing_aggregator_is_unknown() -> None:
    partial = AggregatorState("org", B, EAST, 4, ("the aggregator's iam:role: HTTP 500",), True)
    assert [r.status for r in run("config_gap", facts(aggregator=partial))] == [Status.UNKNOWN]
    assert [r.status for r in run("config_gap", facts(aggregator=AggregatorState(account_id=B)))] == [
        Status.UNKNOWN
    ]


# -- data ------------------------------------------------------------------------------------------------


def test_data_stores_are_judged_on_classification_and_backup() -> None:
    key = "data-classification"
    stores = (
        asset("s3:bucket", "kept", tags=((key, "personal"),), backup="versioning"),
        asset("dynamodb:table", "bare", tags=(), backup=""),
        asset("rds:db", "unread", backup=None),
        asset("ec2:snapshot", "snap", backup="snapshot"),
        asset("ec2:instance", "not-data"),
    )
    f = facts(*stores)
    classified = {r.resource: r.status for r in run("data_classified", f)}
    assert classified == {
        "arn:s3:bucket:kept": Status.PASS,
        "arn:dynamodb:table:bare": Status.FAIL,
        "arn:rds:db:unread": Status.FAIL,
        "arn:ec2:snapshot:snap": Status.FAIL,
    }
    backup = {r.resource: r.status for r in run("data_backup", f)}
    assert backup == {
        "arn:s3:bucket:kept": Status.PASS,
        "arn:dynamodb:table:bare": Status.FAIL,
        "arn:rds:db:unread": Status.UNKNOWN,
    }
    other_key = {
        r.resource: r.status
        for r in run("data_classified", facts(*stores, settings=Settings(classification_tag="class")))
    }
    assert set(other_key.values()) == {Status.FAIL}


def test_listing_gaps_are_error_and_unknown_rows() -> None:
    gaps = (
        Gap(A, EAST, "ec2:*", "denied", Status.ERROR),
        Gap(B, FAR, "kms:key", "not enabled", Status.UNKNOWN),
    )
    results = run("listing", facts(gaps=gaps))
    assert [(r.status, r.account_id, r.region, r.resource) for r in results] == [
        (Status.ERROR, A, EAST, "ec2:*@us-east-1"),
        (Status.UNKNOWN, B, FAR, "kms:key@ap-south-1"),
    ]


def test_a_flag_that_crashes_is_an_error_not_a_silent_pass() -> None:
    from seawall.aws.assets.flags import evaluate

    broken = replace(facts(asset("ec2:volume", "v", state="available", kind="gp3")), prices={})
    statuses = {(check.id, result.status) for check, result in evaluate(broken)}
    assert ("aws.inventory.unused", Status.ERROR) in statuses
