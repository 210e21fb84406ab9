"""`seawall aws inventory` end to end: a three-account organization on a moto server in a process of its
own (the demo's, plus resources in a region nobody uses, public ones, unused ones, classified and
unclassified data), the CLI in processes of its own, every format checked for what a user reads."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from jsonschema.validators import validator_for

from seawall.aws.demo import DemoOrg, World, build_organization, simulator

pytestmark = pytest.mark.slow

HOME, SECOND, FAR = "us-east-1", "eu-west-1", "ap-south-1"
REGIONS = (HOME, SECOND, FAR)
SARIF_SCHEMA = Path(__file__).resolve().parents[4] / "shared/schemas/sarif-schema-2.1.0.json"
TIMEOUT = 300
KEY = "data-classification"


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    stderr: str
    output: Path

    def json(self) -> dict[str, Any]:
        document: dict[str, Any] = json.loads(self.output.read_text(encoding="utf-8"))
        return document

    def text(self) -> str:
        return self.output.read_text(encoding="utf-8")


@dataclass(frozen=True, slots=True)
class Org:
    demo: DemoOrg
    ids: dict[str, str]
    runs: dict[str, Run]


def _extras(world: World, demo: DemoOrg) -> dict[str, str]:
    """What the inventory must find beyond the demo: a miner in a region nobody uses, a public web
    server and load balancer, a public snapshot, classified tables kept with point-in-time recovery."""
    prod = demo.production
    ids: dict[str, str] = {}
    far = world.client(prod, "ec2", FAR)
    ids["miner"] = far.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1)["Instances"][0][
        "InstanceId"
    ]
    ec2 = world.client(prod, "ec2")
    owner = [{"ResourceType": "instance", "Tags": [{"Key": "owner", "Value": "web-team"}]}]
    web = ec2.run_instances(ImageId="ami-12345678", MinCount=1, MaxCount=1, TagSpecifications=owner)
    ids["web"] = web["Instances"][0]["InstanceId"]
    volume = ec2.create_volume(AvailabilityZone=f"{HOME}a", Size=8)["VolumeId"]
    ids["snapshot"] = ec2.create_snapshot(VolumeId=volume)["SnapshotId"]
    ec2.modify_snapshot_attribute(
        SnapshotId=ids["snapshot"],
        Attribute="createVolumePermission",
        OperationType="add",
        GroupNames=["all"],
    )
    subnets = [s["SubnetId"] for s in ec2.describe_subnets()["Subnets"]][:2]
    lb = world.client(prod, "elbv2").create_load_balancer(
        Name="promo", Subnets=subnets, Scheme="internet-facing"
    )
    ids["lb"] = lb["LoadBalancers"][0]["LoadBalancerArn"]
    ids.update(_edge(world, demo))
    ddb = world.client(demo.security, "dynamodb", SECOND)
    for name in ("customers", "invoices"):
        ddb.create_table(
            TableName=name,
            KeySchema=[{"AttributeName": "k", "KeyType": "HASH"}],
            AttributeDefinitions=[{"AttributeName": "k", "AttributeType": "S"}],
            BillingMode="PAY_PER_REQUEST",
            Tags=[{"Key": KEY, "Value": "personal"}, {"Key": "owner", "Value": "billing"}],
        )
        ddb.update_continuous_backups(
            TableName=name, PointInTimeRecoverySpecification={"PointInTimeRecoveryEnabled": True}
        )
    s3 = world.client(demo.security, "s3", SECOND)
    s3.create_bucket(
        Bucket=f"acme-eu-exports-{demo.security}", CreateBucketConfiguration={"LocationConstraint": SECOND}
    )
    s3.put_bucket_tagging(
        Bucket=f"acme-eu-exports-{demo.security}",
        Tagging={"TagSet": [{"Key": KEY, "Value": "internal"}, {"Key": "owner", "Value": "data"}]},
    )
    return ids


def _edge(world: World, demo: DemoOrg) -> dict[str, str]:
    """A webhook function anyone can call through its URL, and a distribution serving a bucket."""
    prod = demo.production
    role = world.client(prod, "iam").create_role(RoleName="hook", AssumeRolePolicyDocument="{}")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("handler.py", "def handler(event, context):\n    return 1\n")
    fn = world.client(prod, "lambda")
    fn.create_function(
        FunctionName="webhook",
        Runtime="python3.12",
        Role=role["Role"]["Arn"],
        Handler="handler.handler",
        Code={"ZipFile": buffer.getvalue()},
    )
    url = fn.create_function_url_config(FunctionName="webhook", AuthType="NONE")["FunctionUrl"]
    origin = {
        "Id": "site",
        "DomainName": f"acme-marketing-{prod}.s3.amazonaws.com",
        "S3OriginConfig": {"OriginAccessIdentity": ""},
    }
    dist = world.client(prod, "cloudfront").create_distribution(
        DistributionConfig={
            "CallerReference": "promo-site",
            "Origins": {"Quantity": 1, "Items": [origin]},
            "DefaultCacheBehavior": {
                "TargetOriginId": "site",
                "ViewerProtocolPolicy": "allow-all",
                "MinTTL": 0,
            },
            "Comment": "",
            "Enabled": True,
        }
    )
    return {"url": url, "dist": dist["Distribution"]["Id"]}


def _env(endpoint: str, folder: Path) -> dict[str, str]:
    empty = folder / "empty-aws-file"
    empty.touch()
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update(
        AWS_ENDPOINT_URL=endpoint,
        AWS_DEFAULT_REGION=HOME,
        AWS_CONFIG_FILE=str(empty),
        AWS_SHARED_CREDENTIALS_FILE=str(empty),
        AWS_ACCESS_KEY_ID="demo",
        AWS_SECRET_ACCESS_KEY="demo",
        SEAWALL_DB=str(folder / "history.sqlite3"),
    )
    return env


def _commands(demo: DemoOrg, folder: Path) -> dict[str, list[str]]:
    base = [sys.executable, "-m", "seawall", "aws", "inventory", "--org", "--security-account", demo.security]
    base += ["--regions", ",".join(REGIONS)]
    out = {
        "json": ["-f", "json"],
        "csv": ["-f", "csv"],
        "text": ["-f", "text"],
        "sarif": ["-f", "sarif"],
        "map-text": ["--data-map"],
        "map-json": ["--data-map", "-f", "json"],
        "map-csv": ["--data-map", "-f", "csv"],
        "bad-region": ["--regions-in-use", "nowhere-1"],
        "bad-days": ["--unused-days", "0"],
    }
    return {name: [*base, *flags, "-o", str(folder / f"{name}.out")] for name, flags in out.items()}


@pytest.fixture(scope="module")
def org(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Org]:
    folder = tmp_path_factory.mktemp("inventory-e2e")
    with pytest.MonkeyPatch.context() as patch:
        for name in [k for k in os.environ if k.startswith("AWS_")]:
            patch.delenv(name)
        with simulator() as endpoint:
            demo = build_organization(endpoint)
            ids = _extras(World(endpoint), demo)
            env = _env(endpoint, folder)
            commands = _commands(demo, folder)
            started = {
                name: subprocess.Popen(
                    argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
                )
                for name, argv in commands.items()
            }
            runs = {}
            try:
                for name, process in started.items():
                    _, stderr = process.communicate(timeout=TIMEOUT)
                    runs[name] = Run(process.returncode, stderr, folder / f"{name}.out")
            finally:
                for process in started.values():
                    if process.poll() is None:
                        process.kill()
                        process.wait()
            yield Org(demo, ids, runs)


@pytest.fixture(scope="module")
def report(org: Org) -> dict[str, Any]:
    run = org.runs["json"]
    assert (run.code, run.stderr) == (1, "")  # flags found, and nothing broke
    return run.json()


def _schema() -> dict[str, Any]:
    text = resources.files("seawall.outputs").joinpath("schemas/inventory.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def _failing(report: dict[str, Any], flag: str) -> dict[str, str]:
    return {
        f["resource"]: f["message"]
        for f in report["findings"]
        if f["rule_id"] == f"aws.inventory.{flag}" and f["status"] == "FAIL"
    }


def test_the_json_validates_against_its_schema(report: dict[str, Any]) -> None:
    Draft202012Validator(_schema()).validate(report)


def test_every_account_and_every_resource_the_organization_holds_is_listed(
    org: Org, report: dict[str, Any]
) -> None:
    demo = org.demo
    assert {a["id"] for a in report["accounts"]} == {demo.management, demo.security, demo.production}
    ids = {(r["account_id"], r["type"], r["id"]) for r in report["resources"]}
    prod, sec = demo.production, demo.security
    expected = {
        (prod, "ec2:instance", org.ids["miner"]),
        (prod, "ec2:instance", org.ids["web"]),
        (prod, "ec2:snapshot", org.ids["snapshot"]),
        (prod, "elb:load-balancer", "promo"),
        (prod, "rds:db", "legacy-db"),
        (prod, "rds:db", "orders-db"),
        (prod, "s3:bucket", f"acme-marketing-{prod}"),
        (prod, "s3:bucket", f"acme-uploads-{prod}"),
        (prod, "iam:user", "ci-deploy"),
        (sec, "dynamodb:table", "customers"),
        (sec, "s3:bucket", f"acme-org-trail-{sec}"),
        (demo.management, "iam:role", "trail-to-logs"),
    }
    assert expected <= ids
    assert report["gaps"] == []
    assert report["counts"]["resources"] == len(report["resources"])


def test_the_region_nobody_uses_is_the_outlier_and_its_resource_is_flagged(
    org: Org, report: dict[str, Any]
) -> None:
    assert report["regions"]["in_use"] == [SECOND, HOME] and report["regions"]["outliers"] == [FAR]
    flagged = _failing(report, "unused_region")
    assert all(f":{FAR}:{org.demo.production}:" in r for r in flagged)  # the miner and its root volume
    assert {r.split(":")[-1].split("/")[0] for r in flagged} == {"instance", "volume"}
    assert any(org.ids["miner"] in r for r in flagged) and len(flagged) == 2


def test_internet_facing_endpoints_and_public_data(org: Org, report: dict[str, Any]) -> None:
    facing = _failing(report, "internet_facing")
    assert any(org.ids["web"] in r for r in facing) and any(":loadbalancer/app/promo/" in r for r in facing)
    hook = next(message for r, message in facing.items() if r.endswith(":function:webhook"))
    assert org.ids["url"] in hook and "AuthType NONE" in hook
    origin = facing[f"{org.ids['dist']}/site"]
    assert f"origin acme-marketing-{org.demo.production}.s3.amazonaws.com" in origin
    public = _failing(report, "public_data")
    prod = org.demo.production
    assert any(r.endswith(f"acme-marketing-{prod}") for r in public)
    assert any(r.endswith(":db:legacy-db") for r in public)
    assert any(org.ids["snapshot"] in r for r in public)
    assert not any(r.endswith(":db:orders-db") or f"acme-uploads-{prod}" in r for r in public)


def test_unused_resources_carry_their_monthly_cost(org: Org, report: dict[str, Any]) -> None:
    unused = _failing(report, "unused")
    by_kind = {message.split(" ", 1)[0] for message in unused.values()}
    assert {"ec2:volume", "ec2:eip", "elb:load-balancer"} <= by_kind
    assert all("est. $" in message and message.endswith("/month") for message in unused.values())
    assert any("50 GiB gp2 volume; est. $5.00/month" in m for m in unused.values())  # the demo's loose volume


def test_resources_without_an_owner_are_flagged_and_owned_ones_are_not(
    org: Org, report: dict[str, Any]
) -> None:
    unowned = _failing(report, "owner_tag")
    assert any(org.ids["miner"] in r for r in unowned)
    assert not any(org.ids["web"] in r for r in unowned)
    assert not any(":table/customers" in r for r in unowned)


def test_the_aggregator_answers_partially_and_is_completed_and_compared(
    org: Org, report: dict[str, Any]
) -> None:
    aggregator = report["aggregator"]
    assert (aggregator["found"], aggregator["account_id"]) == (True, org.demo.security)
    gaps = _failing(report, "config_gap")
    assert gaps and all(m.startswith("Config does not record ") for m in gaps.values())
    sec = org.demo.security
    both = {
        r["id"]: r["sources"]
        for r in report["resources"]
        if r["account_id"] == sec and r["type"] == "s3:bucket"
    }
    assert both and all(sources == ["config", "direct"] for sources in both.values())


def test_the_csv_has_one_row_per_resource(report: dict[str, Any], org: Org) -> None:
    run = org.runs["csv"]
    assert (run.code, run.stderr) == (1, "")
    rows = list(csv.DictReader(run.text().splitlines()))
    assert len(rows) == len(report["resources"]) and {r["status"] for r in rows} == {"OK"}
    miner = next(r for r in rows if r["id"] == org.ids["miner"])
    assert (miner["region"], miner["account_name"], miner["owner"]) == (FAR, "production", "")
    assert {"unused_region", "owner_tag", "internet_facing"} <= set(miner["flags"].split())


def test_the_text_counts_by_account_region_and_type_then_flags(org: Org) -> None:
    run = org.runs["text"]
    assert (run.code, run.stderr) == (1, "")
    text = run.text()
    assert "resources by account x region x type" in text
    assert (
        f"{FAR}  1  OUTLIER: not otherwise used" in " ".join(text.split("  ")).replace("   ", "  ")
        or "OUTLIER" in text
    )
    assert text.index("resources by account") < text.index("flags:")


def test_the_sarif_validates_against_the_official_schema(org: Org, report: dict[str, Any]) -> None:
    run = org.runs["sarif"]
    assert (run.code, run.stderr) == (1, "")
    if not SARIF_SCHEMA.is_file():
        pytest.skip(f"the official SARIF schema is not at {SARIF_SCHEMA}")
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    document = run.json()
    assert [e.message for e in validator_for(schema)(schema).iter_errors(document)] == []
    assert len(document["runs"][0]["results"]) == len(report["findings"])


def test_the_data_map_lists_unclassified_stores_first_with_their_country(org: Org) -> None:
    run = org.runs["map-json"]
    assert (run.code, run.stderr) == (1, "")
    document = run.json()
    Draft202012Validator(_schema()).validate(document)
    stores = document["data_map"]
    classified = [s["classification"] != "" for s in stores]
    assert classified == sorted(classified) and classified.count(True) == 3
    customers = next(s for s in stores if s["id"] == "customers")
    assert (customers["country"], customers["backup"], customers["classification"]) == (
        "Ireland",
        "point-in-time recovery",
        "personal",
    )
    legacy = next(s for s in stores if s["id"] == "legacy-db")
    assert (legacy["encryption"], legacy["exposure"] != "") == ("not encrypted", True)
    text = org.runs["map-text"].text()
    assert text.splitlines()[2].lstrip().startswith("UNCLASSIFIED") and "personal" in text
    rows = list(csv.DictReader(org.runs["map-csv"].text().splitlines()))
    assert len(rows) == len(stores) and rows[0]["classification"] == "unclassified"


@pytest.mark.parametrize("name", ["bad-region", "bad-days"])
def test_bad_flags_exit_2_before_any_work(org: Org, name: str) -> None:
    run = org.runs[name]
    assert run.code == 2 and run.stderr.startswith("seawall:") and not run.output.exists()
