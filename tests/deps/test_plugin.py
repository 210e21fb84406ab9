"""The dependency scan through the scanner seam: `seawall check` (and `--demo` on the embedded project
and advisories), the history, the programme's evidence for "Upgrade vulnerable dependencies", the report,
and a check that goes on when no advisory source answers."""

from __future__ import annotations

import argparse
import os
import re
import shutil
from pathlib import Path

import pytest

from seawall.cli import main
from seawall.programme.catalogue import load_catalogue
from seawall.scanners import registry
from seawall.scanners.spec import Job
from seawall.store import Store
from tests.deps.conftest import DATA, shared_osv
from tests.gitrepo import commit_all, init_repo


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    path = init_repo(tmp_path / "acme")
    (path / "web").mkdir()
    shutil.copy(DATA / "npm" / "package-lock.v3.json", path / "web" / "package-lock.json")
    commit_all(path, "initial")
    monkeypatch.chdir(path)
    return path


def history() -> Store:
    return Store.open(Path(os.environ["SEAWALL_DB"]))


def test_check_runs_the_dependency_scan_and_records_its_evidence(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEAWALL_OSV_DB", str(shared_osv()))
    code = main(["check", "--no-aws", "--format", "md", "-o", "report.md"])
    out = capsys.readouterr().out
    assert code == 1
    assert (
        "  deps: 8 known vulnerabilities in 3 package version(s); 4 package versions in 1 lockfile(s)" in out
    )
    assert re.search(
        r"^  report: report\.md \(\d+ open problem\(s\) in \d+ finding\(s\)\)$", out, re.M
    )  # no browser
    report = (repo / "report.md").read_text()
    assert "| Upgrade vulnerable dependencies | failing |" in report
    # the advisories are problems the roadmap's dependency action closes (they were linked to none)
    assert "**Upgrade the dependencies with known vulnerabilities**" in report
    assert "GHSA-xvch-5gv4-984h" in report
    with history() as store:
        runs = store.runs(limit=10, kind="deps")
    assert [(r.kind, r.command, r.active) for r in runs] == [("deps", "check", 8)]


def test_check_demo_scans_the_embedded_project_offline(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """What `seawall check --demo` runs for dependencies (the AWS demo it also runs is tested elsewhere)."""
    monkeypatch.setenv("SEAWALL_OSV_API_URL", "http://127.0.0.1:9")  # never asked: the demo is offline
    scanner = registry.get("deps")
    args = argparse.Namespace(demo=True, no_deps=False, config=None)
    job = scanner.plan(args, dict(os.environ))
    assert isinstance(job, Job)
    outcome = job.run()
    assert outcome.target == "the demo project"
    assert not outcome.report.errors
    assert scanner.summary(outcome, []) == (
        "16 known vulnerabilities in 5 package version(s); 6 package versions in 2 lockfile(s)"
    )
    where = {(f.location.path, f.rule_id) for f in outcome.report.active if f.location}
    assert ("web/package-lock.json", "GHSA-p6mc-m468-83gw") in where
    assert ("api/requirements.txt", "PYSEC-2018-28") in where
    (evidence,) = scanner.evidence(outcome, repo)
    assert (evidence.source, evidence.passed, evidence.failed) == ("deps.scan", 0, 5)
    assert "deps.scan" in next(
        a.evidence for a in load_catalogue().activities if a.id == "product.dependencies"
    )


def test_no_deps_skips_it(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["check", "--no-aws", "--no-deps", "--format", "md", "-o", "report.md"])
    assert "  deps: not checked (--no-deps)" in capsys.readouterr().out


def test_a_repository_without_lockfiles_is_not_checked(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / ".seawall.toml").write_text('[deps]\nexclude = ["web/*"]\n')  # its only lockfile excluded
    main(["check", "--no-aws", "--format", "md", "-o", "report.md"])
    assert "  deps: no lockfile or manifest in this repository" in capsys.readouterr().out
    with history() as store:
        assert store.runs(limit=10, kind="deps") == []


def test_an_unreachable_api_is_an_error_in_the_check_not_a_pass(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("SEAWALL_OSV_API_URL", "http://127.0.0.1:9")
    monkeypatch.setenv("XDG_CACHE_HOME", str(repo.parent / "empty-cache"))  # no downloaded database
    main(["check", "--no-aws", "--format", "md", "-o", "report.md"])
    out = capsys.readouterr().out
    assert "could not be reached" in out
    assert "0 known vulnerabilities" in out
    report = (repo / "report.md").read_text()
    assert "| Upgrade vulnerable dependencies | failing |" not in report
    assert "| Upgrade vulnerable dependencies | done |" not in report


def test_deps_scan_is_recorded_in_the_history(
    repo: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["deps", "scan", "--offline-db", str(shared_osv())]) == 1
    assert main(["deps", "scan", "--offline-db", str(shared_osv()), "--no-record"]) == 1
    capsys.readouterr()
    with history() as store:
        runs = store.runs(limit=10, kind="deps")
    assert [(r.command, r.exit_code, r.active) for r in runs] == [("deps scan", 1, 8)]


def test_the_demo_scans_its_project_where_a_clone_ignores_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Installed with `pip install '.[demo]'` into the clone's .venv (the Quick start), the embedded project
    sits in a folder the clone's .gitignore leaves out: the demo still reads its two lockfiles."""
    from seawall.deps import plugin

    clone = init_repo(tmp_path / "clone")
    (clone / ".gitignore").write_text(".venv/\n")
    commit_all(clone, "ignore the virtual environment")
    installed = clone / ".venv" / "site-packages" / "seawall" / "deps" / "demo"
    shutil.copytree(plugin.DEMO, installed)
    monkeypatch.setattr(plugin, "DEMO", installed)
    monkeypatch.setenv("SEAWALL_OSV_API_URL", "http://127.0.0.1:9")
    monkeypatch.chdir(clone)
    scanner = registry.get("deps")
    job = scanner.plan(argparse.Namespace(demo=True, no_deps=False, config=None), dict(os.environ))
    assert isinstance(job, Job)
    outcome = job.run()
    assert scanner.summary(outcome, []).endswith("6 package versions in 2 lockfile(s)")
