"""The scanner seam: the registry lists the scanners, ``seawall check`` runs each one, and a scanner declared
only in this test (tests/scanners/fake.py, registered with one registry line) flows into the CLI, the
history, the programme's evidence and the report without any change to seawall's own code."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from seawall.cli import main
from seawall.errors import SeawallError
from seawall.model import ScanReport
from seawall.scanners import check, registry
from seawall.scanners.spec import Job, Outcome, Scanner, Skipped
from seawall.store import Store
from tests.gitrepo import commit_all, init_repo
from tests.planted import GITHUB_PAT, write
from tests.scanners import fake

SECRET_FILE = "config/settings.py"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [k for k in os.environ if k.startswith(("SEAWALL_", "AWS_")) and k != "SEAWALL_DB"]:
        monkeypatch.delenv(name)
    path = init_repo(tmp_path / "acme")
    write(path, "README.md", "# acme\n")
    write(path, SECRET_FILE, f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    commit_all(path, "initial")
    write(path, fake.INVENTORY, "k1 PASS\nk2 FAIL\nk3 FAIL\n")
    monkeypatch.chdir(path)
    return path.resolve()


@pytest.fixture
def with_fake(monkeypatch: pytest.MonkeyPatch) -> None:
    """The one line a new scanner adds to the registry."""
    monkeypatch.setattr(registry, "MODULES", (*registry.MODULES, ("fake", "tests.scanners.fake")))


def stored() -> Store:
    return Store.open(Path(os.environ["SEAWALL_DB"]))


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    capsys.readouterr()
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


# -- the registry ----------------------------------------------------------------------------------------


def test_the_registry_lists_every_scanner_once_by_its_name() -> None:
    found = registry.scanners()
    assert (
        [s.name for s in found]
        == ["secrets", "aws", "aws-inventory", "deps", "workspace"]
        == list(registry.names())
    )
    assert all(isinstance(s, Scanner) and s.title for s in found)
    assert registry.get("aws") is found[1]
    assert registry.find("gcp") is None
    with pytest.raises(KeyError, match="no scanner named 'gcp'"):
        registry.get("gcp")


def test_a_registry_line_must_name_the_scanner_its_module_declares(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "MODULES", (("workspace", "tests.scanners.fake"),))
    with pytest.raises(ValueError, match="declares the scanner 'fake', registered as 'workspace'"):
        registry.scanners()
    monkeypatch.setattr(
        registry, "MODULES", (("fake", "tests.scanners.fake"), ("fake", "tests.scanners.fake"))
    )
    with pytest.raises(ValueError, match="two scanners share a name"):
        registry.scanners()
    monkeypatch.setattr(registry, "MODULES", (("gitrepo", "tests.gitrepo"),))
    with pytest.raises(TypeError, match="declares no SCANNER"):
        registry.scanners()


@pytest.mark.parametrize("name", ["", "Fake", "fake scanner", "-fake", "fake/x"])
def test_a_scanner_name_is_a_command_and_a_run_kind(name: str) -> None:
    with pytest.raises(ValueError, match="scanner name"):
        Scanner(name, "t", fake.add_commands, fake.plan, fake.evidence, fake.summary)


def test_reading_the_registry_loads_no_scanner_engine() -> None:
    code = (
        "import sys\nfrom seawall.scanners.registry import scanners\nscanners()\n"
        "print('\\n'.join(sorted(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    loaded = set(done.stdout.split())
    heavy = ("boto3", "botocore", "sqlite3", "jinja2", "seawall.aws.engine", "seawall.secrets.scanner")
    assert sorted(m for m in loaded if m.split(".")[0] in heavy or m in heavy) == []
    assert {"seawall.secrets.plugin", "seawall.aws.plugin"} <= loaded


# -- check runs every registered scanner -----------------------------------------------------------------


@pytest.mark.usefixtures("with_fake")
def test_check_runs_each_registered_scanner_and_says_why_one_did_not_run(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-aws", "-o", "report.html"]) == 1  # a secret and unrotated fake keys
    out = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in out[1:7]] == [
        "  secrets",
        "  aws",
        "  aws-inventory",
        "  deps",
        "  workspace",
        "  fake",
    ]
    assert out[2] == "  aws: not audited (--no-aws)"
    assert out[3] == "  aws-inventory: not listed (AWS is not audited)"
    assert out[5] == "  workspace: not audited (--demo, --workspace or --workspace-credentials to include it)"
    assert out[6] == "  fake: 3 fake key(s): 2 fake key(s) not rotated"
    with stored() as store:
        runs = store.runs()
    assert sorted((r.kind, r.command, r.active) for r in runs) == [
        ("fake", "check", 2),
        ("secrets", "check", 1),
    ]

    assert main(["check", "--no-aws", "--no-fake", "-o", "report.html"]) == 1  # its own flag leaves it out
    assert "  fake: not scanned (no fake inventory)" in capsys.readouterr().out.splitlines()


def test_every_scanner_is_planned_before_any_runs(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A usage error in one scanner's flags stops the check before another scanner has done any work."""
    monkeypatch.setattr(registry, "MODULES", (("fake", "tests.scanners.fake"), *registry.MODULES))
    assert main(["check", "--no-aws", "--demo"]) == 2
    with stored() as store:
        assert store.runs() == []


# -- a new scanner flows everywhere ----------------------------------------------------------------------


@pytest.mark.usefixtures("with_fake")
def test_a_new_scanners_own_command_is_recorded_with_its_evidence(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["fake", "scan"]) == 1
    assert capsys.readouterr().out == "fake: 2 failing\n"
    history = run_json(capsys, "history", "--kind", "fake", "--format", "json")["runs"]
    assert [(r["kind"], r["command"], r["target"], r["active"]) for r in history] == [
        ("fake", "fake scan", "fake tenant", 2)
    ]
    with stored() as store:
        evidence = {e.source: e for e in store.latest_evidence()}
    assert (evidence[fake.EVIDENCE].passed, evidence[fake.EVIDENCE].failed) == (1, 2)
    assert evidence[fake.EVIDENCE].run_id == history[0]["id"]

    assert main(["fake", "scan", "--no-record"]) == 1
    assert len(run_json(capsys, "history", "--format", "json")["runs"]) == 1


@pytest.mark.usefixtures("with_fake")
def test_a_new_scanner_in_check_reaches_the_programme_and_the_report(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["check", "--no-aws", "-o", "report.html"]) == 1
    document = run_json(capsys, "report", "--format", "json")
    sources = {
        e["source"]: a["state"] for d in document["domains"] for a in d["activities"] for e in a["evidence"]
    }
    assert sources[fake.EVIDENCE] == "failing"  # the catalogue maps it; the score takes it
    page = (repo / "report.html").read_text(encoding="utf-8")
    assert "key k2 is not rotated" in page and "key k3 is not rotated" in page
    assert "key k1 is rotated" not in page  # a pass is no open finding

    with stored() as store:
        data = check.report_data(store, repo, None)
    titles = [(s.source, s.title) for s in data.sections]
    assert titles == [
        ("secrets", "Secrets in code"),
        ("aws", "AWS accounts"),
        ("aws-inventory", "AWS inventory and data map"),
        ("deps", "Dependencies"),
        ("workspace", "Google Workspace"),
        ("fake", "Fake keys"),
    ]
    section = next(s for s in data.sections if s.source == "fake")
    assert section.run is not None and section.run.kind == "fake"
    assert [(c.rule_id, c.title, c.severity) for c in section.checks] == [
        ("fake.rotation", "Fake keys are rotated", "high")
    ]
    assert sorted(f.where for f in section.checks[0].findings) == [
        "tenant global k2",
        "tenant global k3",
    ]
    assert data.sections[1].run is None and data.sections[1].checks == ()  # AWS never audited here
    assert next(s for s in data.sections if s.source == "deps").run is None  # no lockfile: not checked


# -- running scanners together ---------------------------------------------------------------------------


def _scanner(name: str, exclusive: bool = False) -> Scanner:
    return Scanner(name, name, fake.add_commands, fake.plan, fake.evidence, fake.summary, exclusive=exclusive)


def _outcome(name: str) -> Outcome:
    now = dt.datetime.now(dt.UTC)
    return Outcome(ScanReport("test", name, (), (), ()), name, now, now, 0)


def test_independent_scanners_run_at_the_same_time() -> None:
    """Each of two jobs waits for the other at a barrier: run one after the other, the first would wait
    alone and break the barrier."""
    barrier = threading.Barrier(2, timeout=60)

    def job(name: str) -> Job:
        return Job(lambda: (barrier.wait(), _outcome(name))[1])

    done = check.run_jobs([(_scanner("a"), job("a")), (_scanner("b"), job("b"))])
    assert [o.target for o in done] == ["a", "b"]


def test_an_exclusive_scanner_runs_alone_before_the_others() -> None:
    running: list[str] = []
    seen: dict[str, list[str]] = {}
    lock = threading.Lock()

    def job(name: str) -> Job:
        def run() -> Outcome:
            with lock:
                seen[name] = list(running)
                running.append(name)
            outcome = _outcome(name)
            with lock:
                running.remove(name)
            return outcome

        return Job(run)

    jobs = [
        (_scanner("a"), job("a")),
        (_scanner("forks", exclusive=True), job("forks")),
        (_scanner("b"), job("b")),
    ]
    done = check.run_jobs(jobs)
    assert [o.target for o in done] == ["a", "forks", "b"]  # in the registry's order, whatever ran first
    assert seen["forks"] == []
    assert "forks" not in seen["a"] + seen["b"]


def test_every_jobs_start_comes_before_the_exclusive_scanner_and_ends_after_every_scanner() -> None:
    """``start`` gets ready, ahead, what a job will need (the demo's simulator) while the exclusive scanner
    runs alone; it is left only once every scanner has run, even when one fails."""
    events: list[str] = []

    @contextlib.contextmanager
    def start(name: str) -> Iterator[None]:
        events.append(f"start {name}")
        try:
            yield
        finally:
            events.append(f"stop {name}")

    def job(name: str, started: str | None = None) -> Job:
        def run() -> Outcome:
            events.append(f"run {name}")
            return _outcome(name)

        return Job(run, start=(lambda: start(started)) if started else None)

    check.run_jobs([(_scanner("a"), job("a", "sim")), (_scanner("forks", exclusive=True), job("forks"))])
    assert events[:2] == ["start sim", "run forks"]
    assert events[-1] == "stop sim" and events.count("stop sim") == 1 and "run a" in events

    events.clear()

    def broken() -> Outcome:
        raise SeawallError("the fake tenant refused")

    with pytest.raises(SeawallError):
        check.run_jobs([(_scanner("a"), Job(broken, start=lambda: start("sim")))])
    assert events == ["start sim", "stop sim"]


def test_a_scanner_that_fails_in_a_thread_fails_the_check() -> None:
    def broken() -> Outcome:
        raise SeawallError("the fake tenant refused")

    jobs = [(_scanner("a"), Job(broken)), (_scanner("b"), Job(lambda: _outcome("b")))]
    with pytest.raises(SeawallError, match="the fake tenant refused"):
        check.run_jobs(jobs)


def test_a_skipped_scanner_is_not_run() -> None:
    assert isinstance(fake.plan(argparse.Namespace(no_fake=True), {}), Skipped)
