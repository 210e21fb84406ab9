"""Text output for people: redacted previews, suppressed findings counted, colour only on request."""

from __future__ import annotations

import io
import re

import pytest

from seawall.cli import main
from seawall.model import ScanReport
from seawall.outputs import formatter
from seawall.outputs.text import TextFormatter
from tests.outputs.conftest import Project

ANSI = re.compile(r"\x1b\[[0-9;]*m")


def text_of(report: ScanReport, *, color: bool = False) -> str:
    stream = io.StringIO()
    TextFormatter(color=color)(report, stream)
    return stream.getvalue()


def test_findings_are_listed_with_where_and_a_redacted_preview(project: Project) -> None:
    report = project.scan()
    text = text_of(report)
    active = [p for p in project.planted if not p.suppressed]
    for planted in active:
        [line] = [row for row in text.splitlines() if row.startswith(f"{planted.path}:{planted.line}:")]
        assert planted.rule_id in line
        prefix = {"github-pat": "ghp_", "slack-bot-token": "xoxb-"}[planted.rule_id]  # public, by design
        assert line.endswith(f"  {prefix}**** ({len(planted.secret)} chars)")
        assert planted.secret[len(prefix) : len(prefix) + 4] not in line
    assert "2 secret(s) found (1 critical, 1 high)" in text
    assert "1 suppressed" in text


def test_no_plaintext_secret_unless_asked(project: Project) -> None:
    plain = text_of(project.scan())
    shown = text_of(project.scan(show_secrets=True))
    for planted in project.planted:
        assert planted.secret not in plain
    for planted in (p for p in project.planted if not p.suppressed):
        assert planted.secret in shown


def test_suppressed_findings_are_not_listed(project: Project) -> None:
    text = text_of(project.scan())
    assert "tests/fixture.py" not in text


def test_no_colour_codes_unless_asked(project: Project) -> None:
    report = project.scan()
    plain = text_of(report)
    coloured = text_of(report, color=True)
    assert "\x1b" not in plain
    assert ANSI.search(coloured)
    assert ANSI.sub("", coloured) == plain


def test_the_formatter_factory_gives_colour_only_when_asked(project: Project) -> None:
    report = project.scan()
    for color, expect in ((False, False), (True, True)):
        stream = io.StringIO()
        formatter("text", color=color)(report, stream)
        assert ("\x1b[" in stream.getvalue()) is expect


def test_the_cli_writes_no_colour_codes_to_a_file_or_pipe(project: Project) -> None:
    code, text = project.cli()
    assert code == 1
    assert "\x1b" not in text
    assert "app.py:3:" in text


def test_a_clean_report_says_so_without_colour(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    for planted in project.planted:
        (project.root / planted.path).unlink()
    assert main(["secrets", "scan", "."]) == 0
    out = capsys.readouterr().out
    assert out.startswith("No secrets found")
    assert "\x1b" not in out
