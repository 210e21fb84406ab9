"""Import another scanner's accepted findings: a detect-secrets ``.secrets.baseline`` or a gitleaks
``.gitleaksignore``.

Neither carries seawall fingerprints, so each reference is matched against a fresh scan of the file it
names: detect-secrets by path and SHA-1 of the secret (its ``hashed_secret``), gitleaks by path and
line (any rule). What matches becomes a baseline entry; what does not is reported.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass

from seawall.errors import ConfigError
from seawall.model import Finding
from seawall.secrets.baseline import Entry, Verdict

DETECT_SECRETS = "detect-secrets"
GITLEAKS = "gitleaks"
HINT = "pass a detect-secrets .secrets.baseline or a gitleaks .gitleaksignore"
_COMMIT = re.compile(r"[0-9a-f]{7,64}")


@dataclass(frozen=True, slots=True)
class Reference:
    """One accepted finding as the other tool recorded it."""

    path: str
    line: int
    label: str  # the other tool's type or rule id, for messages
    hashed_secret: str = ""  # detect-secrets only: SHA-1 of the secret
    verdict: Verdict = Verdict.ACCEPTED


@dataclass(frozen=True, slots=True)
class Imported:
    format: str
    entries: tuple[Entry, ...]
    unmatched: tuple[Reference, ...]


def parse_source(text: str, source: str) -> tuple[str, tuple[Reference, ...]]:
    """The format (detected from the content) and the references in it."""
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ConfigError(f"{source}:{exc.lineno}: invalid JSON: {exc.msg}", hint=HINT) from None
        return DETECT_SECRETS, parse_detect_secrets(data, source)
    return GITLEAKS, parse_gitleaksignore(text, source)


def parse_detect_secrets(data: object, source: str) -> tuple[Reference, ...]:
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise ConfigError(f'{source}: not a detect-secrets baseline (no "results" object)', hint=HINT)
    refs: list[Reference] = []
    for path, items in data["results"].items():
        if not isinstance(items, list):
            raise ConfigError(f"{source}: results for {path!r} must be a list", hint=HINT)
        refs.extend(_detect_secrets_item(item, str(path), source) for item in items)
    return tuple(refs)


def _detect_secrets_item(item: object, path: str, source: str) -> Reference:
    if not isinstance(item, dict) or not isinstance(item.get("hashed_secret"), str):
        raise ConfigError(f"{source}: an entry for {path!r} has no hashed_secret", hint=HINT)
    line = item.get("line_number")
    # detect-secrets' audit records is_secret: true (a real secret) or false (a false positive).
    is_secret = item.get("is_secret")
    verdict = Verdict.ACCEPTED
    if isinstance(is_secret, bool):
        verdict = Verdict.REAL if is_secret else Verdict.FALSE_POSITIVE
    return Reference(
        path=path,
        line=line if isinstance(line, int) else 0,
        label=str(item.get("type", "")),
        hashed_secret=item["hashed_secret"].lower(),
        verdict=verdict,
    )


def parse_gitleaksignore(text: str, source: str) -> tuple[Reference, ...]:
    """Lines ``commit:path:rule-id:line`` or ``path:rule-id:line``; ``#`` starts a comment."""
    refs = []
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        parts = line.split(":")
        if len(parts) < 3 or not parts[-1].isdigit() or not parts[-2]:
            raise ConfigError(
                f"{source}:{number}: not a gitleaks fingerprint (expected [commit:]path:rule-id:line)",
                hint=HINT,
            )
        head = parts[:-2]
        if len(head) > 1 and _COMMIT.fullmatch(head[0]):
            head = head[1:]
        refs.append(Reference(path=":".join(head), line=int(parts[-1]), label=parts[-2]))
    return tuple(refs)


def referenced_paths(refs: Sequence[Reference]) -> tuple[str, ...]:
    return tuple(sorted({r.path for r in refs}))


def sha1(secret: str) -> str:
    return hashlib.sha1(secret.encode("utf-8", "surrogateescape"), usedforsecurity=False).hexdigest()


def _matches(ref: Reference, finding: Finding) -> bool:
    location = finding.location
    if location is None or location.path != ref.path:
        return False
    if ref.hashed_secret:
        return finding.secret is not None and sha1(finding.secret) == ref.hashed_secret
    return location.line <= ref.line <= max(location.line, location.end_line)


def match(fmt: str, refs: Sequence[Reference], findings: Sequence[Finding]) -> Imported:
    """Entries for the findings that ``refs`` name; ``findings`` must carry their secrets (detect-secrets
    matches on the secret's hash)."""
    entries: dict[str, Entry] = {}
    unmatched = []
    for ref in refs:
        found = [f for f in findings if _matches(ref, f)]
        if not found:
            unmatched.append(ref)
        for finding in found:
            entries.setdefault(finding.fingerprint, Entry.of(finding, ref.verdict))
    return Imported(fmt, tuple(entries.values()), tuple(unmatched))
