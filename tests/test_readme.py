"""The README's Quick start is the contract with a newcomer: two commands, and CI runs the second."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", section, re.DOTALL)]


def test_quick_start_has_exactly_two_one_line_commands() -> None:
    commands = _quick_start_commands()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "seawall check --demo" in commands[0]
    assert "pytest" in commands[1] and "mypy" in commands[1] and "ruff check" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert _quick_start_commands()[1] in ci.splitlines()
    assert "set -euo pipefail" in ci


def test_the_quick_start_scan_of_this_repository_is_clean(monkeypatch: pytest.MonkeyPatch) -> None:
    """The first Quick start command scans this repository: it must exit 0 (test vectors are
    allowlisted in .seawall.toml and reported as suppressed, nothing else may fire)."""
    from seawall.cli import main

    monkeypatch.chdir(ROOT)
    assert main(["secrets", "scan", ".", "--format", "json", "--output", os.devnull]) == 0


def test_the_quick_start_main_job_runs_and_writes_the_report(tmp_path: Path) -> None:
    """The first command's seawall part, as a newcomer runs it (the report written elsewhere)."""
    import subprocess
    import sys

    seawall_part = _quick_start_commands()[0].split(".venv/bin/seawall ", 1)[1]
    report = tmp_path / "report.html"
    done = subprocess.run(
        [sys.executable, "-m", "seawall", *seawall_part.split(), "-o", str(report)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env={k: v for k, v in os.environ.items() if not k.startswith("AWS_")},
    )
    assert done.returncode == 0, done.stderr
    assert "programme score" in done.stdout
    assert "aws: 3 account(s)" in done.stdout
    assert "secrets: 0 secret(s)" in done.stdout
    assert "workspace: customer C03dem0x1" in done.stdout
    html = report.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") or html.lower().startswith("<!doctype html>")
    assert "aws.s3.public_read" in html
    assert "workspace.2sv-enrolled" in html
