"""`seawall report`, `seawall history` and `seawall check` end to end, as a user runs them: ``python -m
seawall`` in a real git repository holding a real-looking secret, with the history in a private database."""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from seawall.model import redact
from seawall.programme.catalogue import load_catalogue
from tests.cachehome import seeded
from tests.gitrepo import commit_all, git, init_repo
from tests.planted import GITHUB_PAT, write

pytestmark = pytest.mark.slow

SECRET_FILE = "config/settings.py"
USAGE_ERROR = (
    "seawall: error: --no-aws contradicts --demo, --aws and --org\nhint: run 'seawall --help' for usage\n"
)


@dataclass(frozen=True, slots=True)
class Run:
    code: int
    out: str
    err: str


@dataclass(frozen=True, slots=True)
class Seawall:
    """``python -m seawall`` in ``repo``, its history in ``db`` (``SEAWALL_DB``), no user configuration."""

    repo: Path
    db: Path
    env: Mapping[str, str]

    def __call__(self, *args: str, stdin: str = "", env: Mapping[str, str] | None = None) -> Run:
        done = subprocess.run(
            [sys.executable, "-m", "seawall", *args],
            cwd=self.repo,
            env={**self.env, **(env or {})},
            input=stdin,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert "Traceback" not in done.stderr, done.stderr
        return Run(done.returncode, done.stdout, done.stderr)

    def runs(self) -> list[dict[str, Any]]:
        listed = self("history", "--format", "json")
        assert listed.code == 0, listed
        document = json.loads(listed.out)
        assert document["database"] == str(self.db)
        runs: list[dict[str, Any]] = document["runs"]
        return runs


@pytest.fixture
def seawall(tmp_path: Path) -> Seawall:
    repo = init_repo(tmp_path / "acme")
    write(repo, "README.md", "# acme\n\nThe shop's backend.\n")
    write(repo, "app/main.py", "import os\n\nprint(os.environ.get('PORT', '8000'))\n")
    commit_all(repo, "initial")
    db = Path(os.environ["SEAWALL_DB"])  # the test's own (tests/conftest.py), not the user's
    env = {
        k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_", "AWS_")) and k != "CI"
    }
    env.update(
        HOME=str(tmp_path / "home"),
        XDG_DATA_HOME=str(tmp_path / "data"),
        XDG_CACHE_HOME=str(seeded(tmp_path / "cache")),
        GIT_CONFIG_GLOBAL=os.devnull,
        GIT_CONFIG_NOSYSTEM="1",
        SEAWALL_DB=str(db),
    )
    return Seawall(repo.resolve(), db, env)


def plant_secret(repo: Path) -> None:
    """A GitHub token (a valid checksum, made at run time) in the settings, as a developer would leave it."""
    write(repo, SECRET_FILE, f'DEBUG = False\nGITHUB_TOKEN = "{GITHUB_PAT}"\n')


def unescape_md(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def roadmap_items(page: str) -> list[str]:
    found = re.search(r'<ol class="roadmap" id="roadmap">(.*?)</ol>', page, re.DOTALL)
    assert found is not None, "no roadmap in the report"
    return re.findall(r'<li class="action"[^>]*>(.*?)</li>', found.group(1), re.DOTALL)


def assert_whole_programme(page: str) -> None:
    catalogue = load_catalogue()
    for d in catalogue.domains:
        assert f"<h3>{html.escape(d.title)}</h3>" in page, d.title
    for a in catalogue.activities:
        assert f'data-id="{a.id}"' in page
        assert f"<summary>{html.escape(a.title)}</summary>" in page, a.title
    assert len(roadmap_items(page)) == 5


# -- report and history after a scan -----------------------------------------------------------------------


def test_report_after_a_scan_shows_the_programme_and_the_scans_evidence(seawall: Seawall) -> None:
    init = seawall("programme", "init")
    assert init.code == 0, init
    plant_secret(seawall.repo)
    scan = seawall("secrets", "scan")
    assert scan.code == 1, scan
    assert f"{SECRET_FILE}:2" in scan.out
    assert GITHUB_PAT not in scan.out

    report = seawall("report", "-o", "r.html")
    assert report.code == 0, report
    assert report.err == ""
    assert re.fullmatch(r"wrote r\.html: score \d+/100, 1 open finding\(s\)\n", report.out), report.out
    page = (seawall.repo / "r.html").read_text(encoding="utf-8")
    assert "<title>Security programme: acme</title>" in page
    assert_whole_programme(page)
    assert "secrets.scan: 1 secret(s) in 1 file(s)" in page  # the scan's evidence, in the explanation
    first = roadmap_items(page)[0]
    assert "Rotate the secrets found in the code" in first  # the step, not the activity's name
    assert "critical" in first  # the secret's severity
    assert f"{SECRET_FILE}:2" in page
    assert redact(GITHUB_PAT) in page
    assert GITHUB_PAT not in page  # a preview, never the secret


def test_history_lists_the_recorded_scan(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    assert seawall("secrets", "scan").code == 1

    listed = seawall("history")
    assert listed.code == 0, listed
    lines = listed.out.splitlines()
    assert lines[0].split()[:5] == ["id", "finished", "(UTC)", "kind", "active"]
    assert len(lines) == 2
    assert re.match(r"\s+1\s+\d{4}-\d\d-\d\d \d\d:\d\d\s+secrets\s+1\s+1\s+", lines[1]), lines[1]
    assert "(1 critical)" in lines[1]

    (run,) = seawall.runs()
    assert {k: run[k] for k in ("id", "kind", "command", "target", "active", "exit_code")} == {
        "id": 1,
        "kind": "secrets",
        "command": "secrets scan",
        "target": str(seawall.repo),
        "active": 1,
        "exit_code": 1,
    }
    assert run["by_severity"]["critical"] == 1


def test_no_record_records_nothing(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    scan = seawall("secrets", "scan", "--no-record")
    assert scan.code == 1, scan
    assert not seawall.db.exists()
    listed = seawall("history")
    assert (listed.code, listed.out) == (0, "")
    assert "no history yet" in listed.err
    assert seawall.runs() == []


def test_staged_and_stdin_scans_are_not_recorded(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    git(seawall.repo, "add", SECRET_FILE)
    staged = seawall("secrets", "scan", "--staged")
    assert staged.code == 1, staged
    assert SECRET_FILE in staged.out
    piped = seawall("secrets", "scan", "-", stdin=f"export GITHUB_TOKEN={GITHUB_PAT}\n")
    assert piped.code == 1, piped
    assert "<stdin>" in piped.out
    assert not seawall.db.exists()

    assert seawall("secrets", "scan").code == 1  # the same repository, scanned as files: recorded
    assert [(r["kind"], r["command"]) for r in seawall.runs()] == [("secrets", "secrets scan")]


def test_report_formats_go_to_standard_output(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    assert seawall("secrets", "scan").code == 1
    catalogue = load_catalogue()

    md = seawall("report", "--format", "md")
    assert (md.code, md.err) == (0, "")
    assert md.out.startswith("# Security programme: acme\n")
    text = unescape_md(md.out)
    for a in catalogue.activities:
        assert f"| {a.title} |" in text, a.title
    assert "## Next five actions" in md.out

    exported = seawall("report", "--format", "json")
    assert (exported.code, exported.err) == (0, "")
    document = json.loads(exported.out)
    activities = {a["id"]: a for d in document["domains"] for a in d["activities"]}
    assert list(activities) == [a.id for a in catalogue.activities]
    evidence = {e["source"]: e for e in activities["product.secrets-in-code"]["evidence"]}
    assert (evidence["secrets.scan"]["failed"], evidence["secrets.scan"]["passed"]) == (1, 0)
    assert [f["where"] for f in document["findings"]] == [f"{SECRET_FILE}:2"]
    assert GITHUB_PAT not in exported.out

    table = seawall("report", "--format", "csv")
    assert (table.code, table.err) == (0, "")
    rows = list(csv.DictReader(io.StringIO(table.out, newline="")))
    assert {r["activity"] for r in rows} == {a.id for a in catalogue.activities}
    scan_row = next(r for r in rows if r["evidence_source"] == "secrets.scan")
    assert (scan_row["activity"], scan_row["failed"]) == ("product.secrets-in-code", "1")

    assert not (seawall.repo / "seawall-report.html").exists()  # stdout only: no file written


def test_an_unusable_history_warns_and_keeps_the_exit_code(seawall: Seawall, tmp_path: Path) -> None:
    folder = tmp_path / "not-a-database"
    folder.mkdir()
    warning = "seawall: warning: the run was not recorded in the history:"

    clean = seawall("secrets", "scan", "--db", str(folder))
    assert clean.code == 0, clean
    assert warning in clean.err
    assert str(folder) in clean.err

    plant_secret(seawall.repo)
    found = seawall("secrets", "scan", env={"SEAWALL_DB": str(folder)})
    assert found.code == 1, found
    assert warning in found.err
    assert f"{SECRET_FILE}:2" in found.out
    assert list(folder.iterdir()) == []
    assert not seawall.db.exists()


# -- check -------------------------------------------------------------------------------------------------


def test_check_writes_the_report_and_exits_1_on_a_secret_0_when_clean(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    aws_profile = {"AWS_PROFILE": "seawall-test-no-such-profile"}  # --no-aws wins over credentials
    found = seawall("check", "--no-aws", "-o", "report.html", env=aws_profile)
    assert found.code == 1, found
    assert found.err == ""
    lines = found.out.splitlines()
    assert re.fullmatch(r"seawall check: programme score \d+/100", lines[0]), lines[0]
    assert re.match(
        r"  secrets: 1 secret\(s\) in \d+ file\(s\) scanned; pre-commit hook not installed$", lines[1]
    )
    assert lines[2].startswith("  aws: not audited")
    assert "  report: report.html (1 open problem(s) in 1 finding(s)); open it in a browser" in lines
    assert f"  history: 1 run(s) recorded in {seawall.db}" in lines
    page = (seawall.repo / "report.html").read_text(encoding="utf-8")
    assert_whole_programme(page)
    assert f"{SECRET_FILE}:2" in page

    (seawall.repo / SECRET_FILE).unlink()
    clean = seawall("check", "--no-aws", "-o", "report.html", env=aws_profile)
    assert clean.code == 0, clean
    assert re.search(r"^  secrets: 0 secret\(s\) in \d+ file\(s\) scanned \(clean\);", clean.out, re.M)
    page = (seawall.repo / "report.html").read_text(encoding="utf-8")
    assert_whole_programme(page)
    assert "No open problems in the latest scans." in page
    assert "secrets.scan: 1 secret" not in page  # the clean scan is the latest evidence
    assert f"{SECRET_FILE}:2" not in page

    runs = seawall.runs()
    assert [(r["kind"], r["command"], r["active"], r["exit_code"]) for r in runs] == [
        ("secrets", "check", 0, 0),
        ("secrets", "check", 1, 1),
    ]


def test_check_with_an_unusable_history_still_reports_and_keeps_the_exit_code(
    seawall: Seawall, tmp_path: Path
) -> None:
    folder = tmp_path / "not-a-database"
    folder.mkdir()
    plant_secret(seawall.repo)
    found = seawall("check", "--no-aws", "--db", str(folder), "-o", "report.html")
    assert found.code == 1, found
    assert "seawall: warning: the check was not recorded in the history:" in found.err
    assert (
        "  report: report.html (1 open problem(s) in 1 finding(s)); open it in a browser"
        in found.out.splitlines()
    )
    assert_whole_programme((seawall.repo / "report.html").read_text(encoding="utf-8"))
    assert list(folder.iterdir()) == []


def test_check_no_aws_with_demo_is_a_usage_error(seawall: Seawall) -> None:
    plant_secret(seawall.repo)
    run = seawall("check", "--no-aws", "--demo")
    assert (run.code, run.out, run.err) == (2, "", USAGE_ERROR)
    assert not seawall.db.exists()
    assert not (seawall.repo / "seawall-report.html").exists()
