"""Scan results kept between runs: for an unchanged lockfile (same bytes, same parser) checked against
an unchanged offline database, a later scan reuses its findings instead of parsing and matching again.
Ignores are applied after, so a changed ignore or a passing ``until`` date shows at once. Findings made
by other code (another seawall, whose parsers or matching differ) are never reused. The online API is
never cached this way (its answers change without a signature to compare)."""

from __future__ import annotations

import functools
import hashlib
import json
from pathlib import Path
from typing import Any

from seawall.model import Confidence, Finding, Location, RuleInfo, Severity, Status

VERSION = "1"


@functools.cache
def code_digest() -> str:
    return digest_of(Path(__file__).parent)


def digest_of(root: Path) -> str:
    """The code that makes the findings: every module of ``seawall.deps`` and the findings model."""
    digest = hashlib.sha256()
    for module in [*sorted(root.rglob("*.py")), root.parent / "model" / "findings.py"]:
        digest.update(module.name.encode() + b"\0")
        digest.update(module.read_bytes() if module.is_file() else b"")
    return digest.hexdigest()[:16]


class ResultCache:
    def __init__(self, folder: Path, signature: str, code: str = "") -> None:
        """``code``: ``code_digest()``, so that findings another version of the code made are not reused."""
        made = f"{VERSION}|{code or code_digest()}|{signature}"
        self.folder = folder / "deps-results" / hashlib.sha256(made.encode()).hexdigest()[:24]

    @staticmethod
    def key(blob: bytes, kind: str, shown: str, go_stdlib: bool) -> str:
        return hashlib.sha256(
            b"\0".join((blob, kind.encode(), shown.encode(), b"%d" % go_stdlib))
        ).hexdigest()

    def get(self, key: str) -> dict[str, Any] | None:
        try:
            entry: dict[str, Any] = json.loads((self.folder / f"{key}.json").read_bytes())
        except (OSError, ValueError):
            return None
        return entry

    def put(self, key: str, entry: dict[str, Any]) -> None:
        from seawall.cachedir import store

        store(self.folder / f"{key}.json", json.dumps(entry, separators=(",", ":")).encode())


def finding_to_json(f: Finding, ids: tuple[str, ...]) -> list[Any]:
    loc = f.location
    return [
        f.rule_id,
        f.title,
        int(f.severity),
        int(f.confidence),
        f.status.value,
        f.message,
        f.fingerprint,
        loc.path if loc else "",
        loc.line if loc else 0,
        f.remediation,
        list(f.references),
        list(ids),
    ]


# By value: calling an enum class is ten times slower than a lookup, and a scan reads tens of thousands.
SEVERITIES = {int(s): s for s in Severity}
CONFIDENCES = {int(c): c for c in Confidence}
STATUSES = {s.value: s for s in Status}


def finding_from_json(raw: list[Any]) -> tuple[Finding, tuple[str, ...]]:
    rule_id, title, severity, confidence, status, message, fingerprint, path, line, remediation, refs, ids = (
        raw
    )
    finding = Finding(
        rule_id=rule_id,
        title=title,
        severity=SEVERITIES[severity],
        confidence=CONFIDENCES[confidence],
        status=STATUSES[status],
        message=message,
        fingerprint=fingerprint,
        location=Location(path, line) if path else None,
        remediation=remediation,
        references=tuple(refs),
    )
    return finding, tuple(ids)


def rule_to_json(r: RuleInfo) -> list[Any]:
    return [r.id, r.title, r.description, int(r.severity), r.remediation, list(r.references), list(r.tags)]


def rule_from_json(raw: list[Any]) -> RuleInfo:
    rid, title, description, severity, remediation, refs, tags = raw
    return RuleInfo(rid, title, description, Severity(severity), remediation, tuple(refs), tags=tuple(tags))
