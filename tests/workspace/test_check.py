"""Workspace through the scanner seam: ``seawall check --demo`` audits the simulated tenant, records the run
with its evidence, scores the programme from it and gives the report a Workspace section;
``seawall workspace audit`` records its own runs; ``history --kind workspace`` lists them."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from seawall.cli import main
from seawall.store import Store
from seawall.workspace.simulator.demo_world import SUBJECT
from tests.gitrepo import commit_all, init_repo
from tests.planted import write
from tests.workspace.tenant import simulated, world

pytestmark = pytest.mark.slow


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [k for k in os.environ if k.startswith(("SEAWALL_", "AWS_")) and k != "SEAWALL_DB"]:
        monkeypatch.delenv(name)
    path = init_repo(tmp_path / "acme")
    write(path, "README.md", "# acme\n")
    commit_all(path, "initial")
    monkeypatch.chdir(path)
    return path.resolve()


def test_check_audits_workspace_records_its_evidence_and_scores_it(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "history.sqlite3"
    with simulated(world(page_size=100)) as sim:
        for key, value in sim.environ.items():
            monkeypatch.setenv(key, value)
        argv = ["check", "--no-aws", "--workspace-credentials", sim.key_file, "--workspace-subject", SUBJECT]
        assert main([*argv, "--db", str(db), "--format", "json", "-o", "r.json"]) == 1
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if x.startswith("  workspace:"))
    assert line.startswith("  workspace: customer C03dem0x1, 11 active user(s), 4 domain(s):")
    with Store.open(db) as store:
        [run] = store.runs(kind="workspace")
        evidence = {e.source: e for e in store.latest_evidence()}
    assert run.command == "check" and run.active > 0 and run.target == "C03dem0x1"
    mfa = evidence["gws:workspace.2sv-enrolled"]
    assert (mfa.passed, mfa.failed) == (7, 4)
    report = json.loads((repo / "r.json").read_text())
    states = {a["id"]: a["state"] for d in report["domains"] for a in d["activities"]}
    assert states["foundations.office-mfa"] == "failing"
    assert states["resilience.backups"] != "failing"  # a backup service holds a grant: a pass


def test_check_asks_for_workspace_and_refuses_contradictions(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-aws", "--no-workspace", "--workspace", "-o", "r.html"]) == 2
    assert "--no-workspace contradicts" in capsys.readouterr().err
    assert main(["check", "--no-aws", "--workspace-credentials", "key.json", "-o", "r.html"]) == 2
    assert "--workspace-credentials needs --workspace-subject" in capsys.readouterr().err


def test_the_audit_command_records_its_run(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "audit.sqlite3"
    assert main(["workspace", "audit", "--demo", "--db", str(db), "--format", "json"]) == 1
    capsys.readouterr()
    assert main(["history", "--kind", "workspace", "--db", str(db), "--format", "json"]) == 0
    runs = json.loads(capsys.readouterr().out)["runs"]
    assert [(r["kind"], r["command"], r["exit_code"]) for r in runs] == [("workspace", "workspace audit", 1)]
