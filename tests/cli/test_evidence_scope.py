"""Only a scan of the whole repository is evidence that it is clean: a subfolder, ``--exclude`` (flag or
environment), a range of commits, are recorded as partial runs and never make the secrets evidence, the
report's open findings or the score look better. Through ``seawall``'s ``main`` in a real git repository,
with the test's private history (tests/conftest.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from seawall.cli import main
from seawall.store import Store
from tests.gitrepo import commit_all, init_repo
from tests.planted import GITHUB_PAT, write

SECRET_FILE = "config/settings.py"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in [k for k in os.environ if k.startswith("SEAWALL_") and k != "SEAWALL_DB"]:
        monkeypatch.delenv(name)
    path = init_repo(tmp_path / "acme")
    write(path, "README.md", "# acme\n")
    write(path, "app/main.py", "print('hello')\n")
    write(path, SECRET_FILE, f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    commit_all(path, "initial")
    monkeypatch.chdir(path)
    return path.resolve()


def scan(*args: str) -> int:
    return main(["secrets", "scan", "-j", "1", *args])


def secrets_evidence() -> tuple[int, int, str]:
    with Store.open(Path(os.environ["SEAWALL_DB"])) as store:
        found = {e.source: e for e in store.latest_evidence()}
    e = found["secrets.scan"]
    return e.passed, e.failed, e.detail


def history(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    capsys.readouterr()
    assert main(["history", "--format", "json"]) == 0
    runs: list[dict[str, Any]] = json.loads(capsys.readouterr().out)["runs"]
    return runs


def report_json(capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    capsys.readouterr()
    assert main(["report", "--format", "json"]) == 0
    document: dict[str, Any] = json.loads(capsys.readouterr().out)
    return document


def test_partial_scans_are_recorded_as_partial_and_never_improve_the_evidence(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    assert scan() == 1  # the whole repository: the secret is found
    assert secrets_evidence()[:2] == (0, 1)
    before = report_json(capsys)

    assert scan("app") == 0  # a clean subfolder
    assert scan("--exclude", "config/*") == 0  # the secret's folder left out
    monkeypatch.setenv("SEAWALL_EXCLUDE_PATHS", "config/*")
    assert scan() == 0
    monkeypatch.delenv("SEAWALL_EXCLUDE_PATHS")
    monkeypatch.chdir(repo / "app")
    assert scan() == 0  # "." from a subfolder is a subfolder
    monkeypatch.chdir(repo)

    assert secrets_evidence()[:2] == (0, 1)  # still failing: none of them says the repository is clean
    after = report_json(capsys)
    assert after["score"] == before["score"]
    assert [f["where"] for f in after["findings"]] == [f"{SECRET_FILE}:1"]  # still open
    runs = history(capsys)
    assert [(r["partial"], r["partial_reason"]) for r in runs] == [
        (True, "only app"),
        (True, "--exclude config/*"),
        (True, "--exclude config/*"),
        (True, "only app"),
        (False, ""),
    ]
    capsys.readouterr()
    assert main(["history"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].endswith("partial: only app")
    assert lines[-1].endswith("(1 critical)")  # the whole scan: no partial mark

    (repo / SECRET_FILE).unlink()
    assert scan() == 0  # the whole repository, clean now: that is evidence
    assert secrets_evidence()[:2] == (1, 0)
    assert report_json(capsys)["findings"] == []


def test_a_partial_scan_that_finds_a_secret_is_failing_evidence(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (repo / SECRET_FILE).rename(repo / "app" / "settings.py")
    assert scan() == 1
    write(repo, "app/settings.py", "DEBUG = False\n")
    assert scan() == 0
    assert secrets_evidence()[:2] == (1, 0)
    write(repo, "app/settings.py", f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    assert scan("app") == 1
    passed, failed, detail = secrets_evidence()
    assert (passed, failed) == (0, 1)
    assert detail == "1 secret(s) in 1 file(s) (partial scan: only app)"
    assert history(capsys)[0]["partial_reason"] == "only app"


def test_a_scan_of_commits_since_a_ref_is_partial(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / SECRET_FILE).unlink()
    commit_all(repo, "remove the token")
    assert scan("--since", "HEAD") == 0
    assert history(capsys)[0]["partial_reason"] == "--since HEAD"
    with Store.open(Path(os.environ["SEAWALL_DB"])) as store:
        assert "secrets.scan" not in {e.source for e in store.latest_evidence()}


def test_check_from_a_subfolder_is_partial(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--no-aws", "--format", "json"]) == 1
    assert secrets_evidence()[:2] == (0, 1)
    os.chdir(repo / "app")
    try:
        assert main(["check", "--no-aws", "--format", "json"]) == 0
    finally:
        os.chdir(repo)
    assert secrets_evidence()[:2] == (0, 1)
    assert history(capsys)[0]["partial_reason"] == "only app"
