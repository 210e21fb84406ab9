"""``seawall report --summary``: one page for a customer's questionnaire or a board, that says the
programme's state by domain and the controls in place with their evidence date, and nothing secret."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from seawall.model import redact
from seawall.programme.model import ReportData
from seawall.report import summary_writer
from tests.gitrepo import commit_all, init_repo
from tests.planted import GITHUB_PAT, write
from tests.report.conftest import OWNERS, SECRET_PATH, SG_RESOURCE, TABLE_BREAK


def render(fmt: str, data: ReportData) -> str:
    stream = io.StringIO()
    summary_writer(fmt)(data, stream)
    return stream.getvalue()


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_summary_says_the_state_by_domain_and_the_controls_in_place(
    report_data: ReportData, fmt: str
) -> None:
    page = render(fmt, report_data)
    for d in report_data.assessment.domains:
        assert d.domain.title in page
    done = [s for d in report_data.assessment.domains for s in d.activities if s.state.value == "done"]
    assert len(done) == 2
    for s in done:
        assert s.activity.title in page
    assert page.count("confirmed by the team") == 2  # done by hand: no automated evidence date to show
    assert f"{report_data.assessment.overall:.0f}/100" in page


@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_summary_holds_no_finding_place_owner_or_account(report_data: ReportData, fmt: str) -> None:
    page = render(fmt, report_data)
    leaks = [
        "123456789012",  # the account
        "ghp_",  # the token's preview
        "xoxb-",
        SECRET_PATH,
        SG_RESOURCE.split(" ", 1)[0],
        "fp-",  # fingerprints
        "onerror",  # in findings and an owner, never in the catalogue's words
        TABLE_BREAK.split("\n", 1)[0],
        *(owner for _, owner in OWNERS.values() if len(owner) > 4),
    ]
    assert [leak for leak in leaks if leak in page] == []


def test_a_clean_control_shows_its_evidence_date(tmp_path: Path) -> None:
    """End to end: a repository with the hook installed and a clean scan shows "Keep secrets out of code"
    in place, checked on the scan's date; a secret planted later is in neither the summary nor its preview."""
    repo = init_repo(tmp_path / "acme")
    write(repo, "app/main.py", "print('hello')\n")
    commit_all(repo, "initial")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEAWALL_", "GIT_", "AWS_"))}
    env.update(HOME=str(tmp_path / "home"), GIT_CONFIG_GLOBAL=os.devnull, GIT_CONFIG_NOSYSTEM="1")
    db = str(tmp_path / "history.sqlite3")

    def seawall(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "seawall", *args],
            cwd=repo,
            env=env,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )

    assert seawall("hook", "install").returncode == 0
    assert seawall("secrets", "scan", "--db", db).returncode == 0
    clean = seawall("report", "--format", "md", "--summary", "--db", db)
    assert clean.returncode == 0, clean.stderr
    line = next(x for x in clean.stdout.splitlines() if x.startswith("| Keep secrets out of code |"))
    assert re.search(r"\| checked automatically on \d{4}-\d\d-\d\d \|$", line), line

    write(repo, "config/settings.py", f'GITHUB_TOKEN = "{GITHUB_PAT}"\n')
    assert seawall("secrets", "scan", "--db", db).returncode == 1
    for fmt in ("md", "html"):
        out = seawall("report", "--format", fmt, "--summary", "--db", db, "-o", f"summary.{fmt}")
        assert out.returncode == 0, out.stderr
        page = (repo / f"summary.{fmt}").read_text(encoding="utf-8")
        assert "Security programme summary: acme" in page
        assert GITHUB_PAT not in page
        assert redact(GITHUB_PAT) not in page
        assert GITHUB_PAT[:8] not in page
        assert "config/settings.py" not in page
        assert "Keep secrets out of code |" not in page  # no longer in place: the scan found a secret
    full = seawall("report", "--format", "md", "--db", db)
    assert "config/settings.py" in full.stdout  # the full report does name it: the summary left it out
