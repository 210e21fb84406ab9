"""Shared by the tests of the structure-aware rules: scan one real file with both engines."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.model import Finding
from seawall.secrets.engines import hyperscan_available
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()
ENGINES = [
    "python",
    pytest.param(
        "hyperscan",
        marks=pytest.mark.skipif(not hyperscan_available(), reason="the hyperscan package is not installed"),
    ),
]

Found = set[tuple[str, int, str]]


def scanned(tmp_path: Path, name: str, content: str | bytes, engine: str = "auto") -> list[Finding]:
    """The findings, secrets shown, in one file scanned as a project holding only it."""
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode()
    target.write_bytes(content)
    report = scan(
        ScanOptions(
            roots=(str(tmp_path / "project"),),
            rules=RULES,
            engine=engine,
            policy=Policy(show_secrets=True),
            jobs=1,
        )
    )
    return list(report.findings)


def findings(tmp_path: Path, name: str, content: str | bytes, engine: str) -> Found:
    """(rule id, line, secret) of every finding in one file, scanned as a project holding only it."""
    out = set()
    for f in scanned(tmp_path, name, content, engine):
        assert f.location is not None and f.secret is not None
        out.add((f.rule_id, f.location.line, f.secret))
    return out


def by_rule(found: Found, rule_id: str) -> set[tuple[int, str]]:
    return {(line, secret) for rid, line, secret in found if rid == rule_id}


def secrets_of(found: Found) -> set[str]:
    return {secret for _rid, _line, secret in found}


def line_of(text: str, needle: str) -> int:
    """The 1-based line where ``needle`` first occurs in ``text``."""
    return text[: text.index(needle)].count("\n") + 1
