"""AWS Backup in the inventory: vaults are data stores of their own, and the resources AWS Backup
protects say so in their backup state (and so in the data map and the backup flag).

moto (5.2) lists vaults but does not implement ``ListProtectedResources``: against moto the region gets a
gap row (never a silent "not backed up"); the answer's parsing is checked with botocore's Stubber, which
validates the request and the answer against the service's own model."""

from __future__ import annotations

import datetime as dt

import pytest

from seawall.aws.assets.datamap import PROTECTION, data_map, protect
from seawall.aws.assets.flags import FLAGS
from seawall.aws.assets.listers.backup import COLLECTORS, _protected
from seawall.aws.assets.model import Asset
from seawall.aws.assets.usage import load_prices
from seawall.model import Status
from tests.aws.assets.helpers import listed, one
from tests.aws.assets.test_flags import facts
from tests.aws.conftest import ACCOUNT, admin

EAST = "us-east-1"
TABLE = f"arn:aws:dynamodb:{EAST}:{ACCOUNT}:table/orders"
LAST = dt.datetime(2026, 11, 30, 2, 0, tzinfo=dt.UTC)


@pytest.mark.usefixtures("aws")
def test_vaults_are_listed_and_an_unimplemented_protection_list_is_a_gap() -> None:
    backup = admin("backup")
    backup.create_backup_vault(BackupVaultName="nightly", BackupVaultTags={"data-classification": "personal"})
    assets, gaps = listed(COLLECTORS)
    vault = one(assets, "backup:vault", "nightly")
    assert (vault.region, vault.encrypted, vault.tag("data-classification")) == (EAST, True, "personal")
    assert vault.backup == "0 recovery point(s)"
    assert [(g.region, g.type) for g in gaps] == [(EAST, "backup:recovery-point")]
    assert "HTTP 404" in gaps[0].reason
    stores = data_map(assets, "data-classification", load_prices()["countries"])
    assert [(s.type, s.id, s.classification, s.backup) for s in stores] == [
        ("backup:vault", "nightly", "personal", "0 recovery point(s)")
    ]


@pytest.mark.usefixtures("aws")
def test_a_region_without_vaults_is_not_asked_for_protected_resources() -> None:
    assets, gaps = listed(COLLECTORS)
    assert (assets, gaps) == ([], [])


def test_protected_resources_are_read_from_the_documented_answer() -> None:
    import boto3
    from botocore.stub import Stubber

    client = boto3.client("backup", region_name=EAST)
    answer = {"Results": [{"ResourceArn": TABLE, "ResourceType": "DynamoDB", "LastBackupTime": LAST}]}
    with Stubber(client) as stub:
        stub.add_response("list_protected_resources", answer, {})
        found = list(_protected(client, ACCOUNT, EAST))
    assert [(a.type, a.arn, a.kind, a.last_used, a.default) for a in found] == [
        (PROTECTION, TABLE, "DynamoDB", LAST, True)
    ]


def test_protection_is_folded_into_the_stores_backup_state() -> None:
    table = Asset(ACCOUNT, EAST, "dynamodb:table", "orders", arn=TABLE, backup="")
    pitr = Asset(ACCOUNT, EAST, "dynamodb:table", "events", arn=TABLE + "-2", backup="point-in-time recovery")
    bare = Asset(ACCOUNT, EAST, "dynamodb:table", "loose", arn=TABLE + "-3", backup="")
    records = [
        Asset(
            ACCOUNT, EAST, PROTECTION, TABLE, arn=TABLE, last_used=LAST - dt.timedelta(days=1), default=True
        ),
        Asset(ACCOUNT, EAST, PROTECTION, TABLE, arn=TABLE, last_used=LAST, default=True),
        Asset(ACCOUNT, EAST, PROTECTION, TABLE + "-2", arn=TABLE + "-2", default=True),
    ]
    kept = {a.id: a for a in protect([table, pitr, bare, *records])}
    assert set(kept) == {"orders", "events", "loose"}  # the records are not resources
    assert kept["orders"].backup == "AWS Backup, last 2026-11-30"
    assert kept["events"].backup == "point-in-time recovery; AWS Backup"
    assert kept["loose"].backup == ""
    backup_flag = next(f for f in FLAGS if f.check.id.endswith("data_backup"))
    failed = {r.resource for r in backup_flag.rule(facts(*kept.values())) if r.status is Status.FAIL}
    assert failed == {TABLE + "-3"}
