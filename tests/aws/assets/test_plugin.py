"""The inventory through the scanner seam: ``seawall check`` lists it whenever it audits AWS (at the same
time as the audit), records its run and counts, and its data map and backups reach the programme."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from seawall.cli import main
from seawall.store import Store
from tests.aws.conftest import admin, isolate_aws
from tests.gitrepo import commit_all, init_repo
from tests.planted import write

REGIONS = "us-east-1,eu-west-1"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [k for k in os.environ if k.startswith("SEAWALL_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("SEAWALL_DB", str(tmp_path / "history.sqlite3"))
    isolate_aws(monkeypatch)
    path = init_repo(tmp_path / "acme")
    write(path, "README.md", "# acme\n")
    commit_all(path, "initial")
    monkeypatch.chdir(path)
    return path.resolve()


def _world() -> None:
    s3 = admin("s3")
    s3.create_bucket(Bucket="customer-exports")
    s3.put_bucket_tagging(
        Bucket="customer-exports", Tagging={"TagSet": [{"Key": "data-classification", "Value": "personal"}]}
    )
    s3.put_bucket_versioning(Bucket="customer-exports", VersioningConfiguration={"Status": "Enabled"})
    s3.create_bucket(Bucket="scratch")


def _report(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["report", "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


@pytest.mark.usefixtures("aws")
def test_check_lists_the_inventory_when_it_audits_aws_and_records_it(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _world()
    code = main(
        ["check", "--aws", "--regions", REGIONS, "--processes", "1", "-o", "report.html", "--exit-zero"]
    )
    assert code == 0
    out = capsys.readouterr().out.split("\n  ")  # the summary wraps long lines, indented deeper
    line = " ".join(next(x for x in out if x.startswith("aws-inventory:")).split())
    assert "outlier region(s)" in line and "data map 2 store(s), 1 unclassified" in line
    with Store.open(Path(os.environ["SEAWALL_DB"])) as store:
        run = store.latest_run("aws-inventory", whole=True)
        assert run is not None and run.command == "check"
        rules = {f.rule_id for f in store.findings(run.id)}
    assert {"aws.inventory.listed", "aws.inventory.data_classified", "aws.inventory.data_backup"} <= rules
    document = _report(capsys)
    activities = {a["id"]: a for d in document["domains"] for a in d["activities"]}
    sources = {e["source"] for e in activities["compliance.data-inventory"]["evidence"]}
    assert sources == {"aws:aws.inventory.data_classified"}
    assert {e["source"] for e in activities["resilience.backups"]["evidence"]} == {
        "aws:aws.inventory.data_backup"
    }


@pytest.mark.usefixtures("aws")
def test_no_inventory_leaves_it_out_and_no_aws_leaves_both_out(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(
        [
            "check",
            "--aws",
            "--regions",
            "us-east-1",
            "--processes",
            "1",
            "--no-inventory",
            "--no-record",
            "--exit-zero",
        ]
    )
    assert "  aws-inventory: not listed (--no-inventory)" in capsys.readouterr().out.splitlines()
    main(["check", "--no-aws", "--no-record", "--exit-zero"])
    assert "  aws-inventory: not listed (AWS is not audited)" in capsys.readouterr().out.splitlines()


def test_bad_inventory_flags_stop_check_before_any_work(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--aws", "--unused-days", "0", "--no-record"]) == 2
    assert "--unused-days must be at least 1" in capsys.readouterr().err
