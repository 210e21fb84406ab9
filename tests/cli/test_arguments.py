"""Arguments are checked before any work starts: an output or history that cannot be written, unknown or
blank lists, contradictory flags fail at once with exit 2 and a one-line message (and its hint), with
nothing scanned, nothing printed on standard output and nothing written."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from seawall.cli import main
from tests.gitrepo import commit_all, init_repo
from tests.planted import GITHUB_PAT, write


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    empty = tmp_path / "empty-aws-file"
    empty.touch()
    for name in [k for k in os.environ if k.startswith("AWS_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_CONFIG_FILE", str(empty))
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", str(empty))
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")
    path = init_repo(tmp_path / "acme")
    write(path, "config/settings.py", f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    commit_all(path)
    (path / "a-file").write_text("not a folder\n")
    monkeypatch.chdir(path)
    return path


def files(root: Path) -> set[Path]:
    return {p for p in root.rglob("*") if ".git" not in p.relative_to(root).parts}


def refused(argv: list[str], capsys: pytest.CaptureFixture[str], root: Path) -> str:
    """Run ``argv``; assert exit 2, nothing on stdout, nothing written; the error line and its hint."""
    before = files(root.parent)
    capsys.readouterr()
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) in (1, 2), err
    assert lines[0].startswith("seawall: error: ")
    assert all(line.startswith("hint: ") for line in lines[1:])
    assert files(root.parent) == before  # no report, no history, no folder
    assert not Path(os.environ["SEAWALL_DB"]).exists()
    return lines[0].removeprefix("seawall: error: ")


# -- where the results go --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["secrets", "scan", "-o", "missing/deeper/out.json"],
            "--output missing/deeper/out.json: the folder",
        ),
        (["secrets", "scan", "-o", "a-file/out.json"], "a-file is a file, not a folder"),
        (["secrets", "scan", "-o", "config"], "--output config: is a folder"),
        (["aws", "audit", "--demo", "-o", "missing/audit.json"], "--output missing/audit.json: the folder"),
        (["report", "-o", "a-file/report.html"], "a-file is a file, not a folder"),
        (["check", "--no-aws", "-o", "missing/report.html"], "--output missing/report.html: the folder"),
    ],
)
def test_an_output_that_cannot_be_written_is_refused_before_the_work(
    repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], message: str
) -> None:
    assert message in refused(argv, capsys, repo)


@pytest.mark.parametrize(
    "argv",
    [
        ["secrets", "scan"],
        ["aws", "audit", "--demo"],
        ["check", "--no-aws"],
        ["report"],
        ["history"],
    ],
)
@pytest.mark.parametrize("where", ["missing/history.sqlite3", "a-file/history.sqlite3"])
def test_a_history_in_a_folder_that_is_not_there_is_refused_and_not_created(
    repo: Path, capsys: pytest.CaptureFixture[str], argv: list[str], where: str
) -> None:
    message = refused([*argv, "--db", where], capsys, repo)
    assert message.startswith(f"--db {where}: ")
    assert "seawall creates folders only under its own data folder" in message
    assert not (repo / "missing").exists()


def test_seawall_db_is_held_to_the_same_rule(
    repo: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("SEAWALL_DB", str(tmp_path / "nowhere" / "history.sqlite3"))
    assert refused(["secrets", "scan"], capsys, repo).startswith("SEAWALL_DB ")
    assert not (tmp_path / "nowhere").exists()


def test_a_history_in_an_existing_folder_is_created(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (repo / "kept").mkdir()
    assert main(["secrets", "scan", "--db", "kept/history.sqlite3"]) == 1
    assert (repo / "kept" / "history.sqlite3").is_file()


# -- AWS scope -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--regions", ""], "--regions names nothing ('')"),
        (["--regions", " , "], "--regions names nothing"),
        (["--accounts", ","], "--accounts names nothing (',')"),
        (["--regions", "us-eastt-1"], "--regions: unknown AWS region 'us-eastt-1' (did you mean us-east-1?)"),
        (["--regions", "eu-west-1,eu-middle-9"], "unknown AWS region 'eu-middle-9'"),
        (["--accounts", "12345"], "'12345' is not an AWS account id"),
        (["--fail-on", "severe"], "--fail-on"),
    ],
)
@pytest.mark.parametrize("command", [["aws", "audit"], ["aws", "audit", "--demo"], ["check", "--aws"]])
def test_aws_scope_is_checked_before_anything_starts(
    repo: Path, capsys: pytest.CaptureFixture[str], command: list[str], flags: list[str], message: str
) -> None:
    if command[0] == "check" and flags[0] == "--fail-on":
        return  # check has no --fail-on
    assert message in refused([*command, *flags], capsys, repo)


def test_known_regions_of_every_partition_pass(repo: Path) -> None:
    from seawall.aws.regions import check_regions, known_regions

    regions = known_regions()
    assert {"us-east-1", "eu-west-1", "cn-north-1", "us-gov-west-1"} <= regions
    assert not any(r.endswith("-global") for r in regions)
    check_regions(["us-east-1", "cn-north-1", "us-gov-west-1"])


# -- the git flags of a secrets scan ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (["--history", "--staged"], "--staged contradicts --history"),
        (["--staged", "--since", "HEAD"], "--staged contradicts --since"),
        (["--range", "HEAD~1..HEAD", "--staged"], "--staged contradicts --range"),
        (["--since", "HEAD", "--range", "HEAD~1..HEAD"], "--since and --range both"),
        (["--include-stashes"], "--include-stashes belongs to a history scan"),
        (["--history", "config"], "--history scans the git repository of the current folder and takes no"),
        (["--since", "HEAD", "."], "--since scans the git repository"),
        (["--staged", "config"], "--staged scans the git repository"),
        (["--history", "-"], "--history scans the git repository"),
    ],
)
def test_contradictory_git_flags_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str], flags: list[str], message: str
) -> None:
    assert message in refused(["secrets", "scan", *flags], capsys, repo)
