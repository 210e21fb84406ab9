"""Accepted findings: ``.seawall-baseline.json`` at the repository root.

The file lists findings by fingerprint (rule, path and secret, keyed: no line number, no timestamp, no
secret), one entry per line, sorted by (path, rule_id, fingerprint), after the key the fingerprints are
made with (``seawall.secrets.fingerprints``: kept here so that CI and every clone agree)::

    {
      "schema_version": "1.1",
      "tool": "seawall",
      "fingerprint_key": "…64 hex digits…",
      "entries": [
        {"fingerprint": "…", "rule_id": "github-pat", "path": "app.py", "verdict": "accepted"},
        {"fingerprint": "…", "rule_id": "slack-bot-token", "path": "ci/notify.env", "verdict": "real"}
      ]
    }

Code moving does not change a fingerprint, and two branches that add entries touch different lines.
The reader also accepts what a ``merge=union`` merge leaves (duplicate lines, missing or extra commas,
entries out of order): it reads the file line by line and only falls back to plain JSON for a file
someone reformatted.

A union merge of two baselines created apart may leave two ``fingerprint_key`` lines: both are kept, the
smallest makes new fingerprints and entries made with the other still match. A baseline written before
keyed fingerprints (schema 1.0, no key) still matches: its entries hold the old unkeyed fingerprints,
which the scan computes too, and every write rewrites the entries it can match with the key.

Verdicts: ``accepted`` and ``false_positive`` suppress the finding; ``real`` (a live secret the team
knows about) and ``skipped`` (looked at, not decided) leave it reported: a real secret is reported until
it is rotated and removed (then ``prune`` drops its entry).
"""

from __future__ import annotations

import dataclasses
import enum
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from seawall.errors import ConfigError
from seawall.model import Finding
from seawall.secrets.baselinepath import BASELINE_NAME as BASELINE_NAME
from seawall.secrets.baselinepath import baseline_path as baseline_path
from seawall.secrets.baselinepath import repository_root as repository_root
from seawall.secrets.fingerprints import fingerprint, legacy_fingerprint, parse_key

SCHEMA_VERSION = "1.1"
KEY_FIELD = "fingerprint_key"
HINT = "fix or delete the baseline file, or pass --no-baseline to scan without it"
_FIELDS = ("fingerprint", "rule_id", "path", "verdict")
_STRUCTURE = frozenset({"{", "}", "]", "],", '"entries": [', '"entries":['})


class _LayoutError(ConfigError):
    """The file is not laid out one entry per line (it may still be plain JSON)."""


class Verdict(enum.Enum):
    ACCEPTED = "accepted"
    FALSE_POSITIVE = "false_positive"
    REAL = "real"
    SKIPPED = "skipped"

    @property
    def suppresses(self) -> bool:
        return self in (Verdict.ACCEPTED, Verdict.FALSE_POSITIVE)


# When a merge leaves one fingerprint with two verdicts, the one that keeps reporting wins.
_PRECEDENCE = (Verdict.REAL, Verdict.SKIPPED, Verdict.FALSE_POSITIVE, Verdict.ACCEPTED)


@dataclass(frozen=True, slots=True)
class Entry:
    """One reviewed finding of the baseline, by fingerprint, with its verdict."""

    fingerprint: str
    rule_id: str
    path: str
    verdict: Verdict = Verdict.ACCEPTED

    @property
    def sort_key(self) -> tuple[str, str, str]:
        return (self.path, self.rule_id, self.fingerprint)

    @classmethod
    def of(cls, finding: Finding, verdict: Verdict = Verdict.ACCEPTED) -> Entry:
        path = finding.location.path if finding.location else ""
        return cls(finding.fingerprint, finding.rule_id, path, verdict)


@dataclass(frozen=True, slots=True)
class Baseline:
    """Entries sorted by (path, rule_id, fingerprint), one per fingerprint, and the fingerprint keys (hex,
    sorted: the first makes new fingerprints)."""

    entries: tuple[Entry, ...] = ()
    keys: tuple[str, ...] = ()

    @classmethod
    def of(cls, entries: Iterable[Entry], keys: Iterable[str] = ()) -> Baseline:
        chosen: dict[str, Entry] = {}
        for entry in entries:
            kept = chosen.get(entry.fingerprint)
            if kept is None or _PRECEDENCE.index(entry.verdict) < _PRECEDENCE.index(kept.verdict):
                chosen[entry.fingerprint] = entry
        return cls(tuple(sorted(chosen.values(), key=lambda e: e.sort_key)), tuple(sorted(set(keys))))

    def get(self, fingerprint: str) -> Entry | None:
        return next((e for e in self.entries if e.fingerprint == fingerprint), None)

    def fingerprints(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries)

    def suppressed(self) -> frozenset[str]:
        return frozenset(e.fingerprint for e in self.entries if e.verdict.suppresses)

    def with_verdict(self, finding: Finding, verdict: Verdict) -> Baseline:
        others = (e for e in self.entries if e.fingerprint != finding.fingerprint)
        return Baseline.of([*others, Entry.of(finding, verdict)], self.keys)

    @property
    def key(self) -> bytes | None:
        """The key new fingerprints are made with; None for a baseline written before keys."""
        return bytes.fromhex(self.keys[0]) if self.keys else None

    @property
    def other_keys(self) -> tuple[bytes, ...]:
        return tuple(bytes.fromhex(k) for k in self.keys[1:])


# -- the file --------------------------------------------------------------------------------------------


def render(baseline: Baseline) -> str:
    import json  # here, not at the top: a pre-commit scan without a baseline never needs it

    lines = [json.dumps({k: _value(e, k) for k in _FIELDS}, ensure_ascii=False) for e in baseline.entries]
    body = ",\n".join(f"    {line}" for line in lines)
    keys = "".join(f'  "{KEY_FIELD}": "{key}",\n' for key in baseline.keys)
    return (
        "{\n"
        f'  "schema_version": "{SCHEMA_VERSION}",\n'
        '  "tool": "seawall",\n' + keys + '  "entries": [\n' + (body + "\n" if body else "") + "  ]\n}\n"
    )


def _value(entry: Entry, key: str) -> str:
    return entry.verdict.value if key == "verdict" else str(getattr(entry, key))


def parse(text: str, source: str) -> Baseline:
    """Read a baseline; ``ConfigError`` naming ``source`` and the line on anything malformed."""
    import json

    try:
        return _parse_lines(text, source)
    except _LayoutError as by_line:
        try:
            data = json.loads(text)
        except json.JSONDecodeError:
            raise by_line from None
        return _parse_document(data, source)


def _parse_lines(text: str, source: str) -> Baseline:
    entries: list[Entry] = []
    header: dict[str, object] = {}
    keys: list[str] = []
    in_entries = False
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        where = f"{source}:{number}"
        if not line or line in _STRUCTURE:
            in_entries = in_entries or line.startswith('"entries"')
            continue
        if line.startswith("{") and line.rstrip(",").endswith("}"):
            if not in_entries:
                raise _LayoutError(f'{where}: an entry before the "entries" list', hint=HINT)
            entries.append(_entry(_load(line.rstrip(","), where), where))
        elif line.startswith('"') and not in_entries:
            field = _load("{" + line.rstrip(",") + "}", where, error=_LayoutError)
            keys.extend(_keys(field.pop(KEY_FIELD, []), where))  # a union merge may leave several
            header.update(field)
        else:
            raise _LayoutError(f"{where}: expected one baseline entry per line, as a JSON object", hint=HINT)
    if not in_entries:
        raise _LayoutError(f'{source}:1: not a seawall baseline (no "entries" list)', hint=HINT)
    _check_header(header, source)
    return Baseline.of(entries, keys)


def _keys(value: object, where: str) -> list[str]:
    values = value if isinstance(value, list) else [value]
    if not all(isinstance(v, str) and parse_key(v) is not None for v in values):
        raise ConfigError(f"{where}: {KEY_FIELD!r} must be 64 lowercase hexadecimal digits", hint=HINT)
    return [str(v) for v in values]


def _load(text: str, where: str, error: type[ConfigError] = ConfigError) -> dict[str, object]:
    import json

    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{where}: invalid JSON: {exc.msg} (column {exc.colno})", hint=HINT) from None
    if not isinstance(value, dict):
        raise error(f"{where}: expected a JSON object", hint=HINT)
    return value


def _check_header(header: dict[str, object], source: str) -> None:
    version = header.get("schema_version")
    if not isinstance(version, str) or version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise ConfigError(
            f"{source}:1: unsupported schema_version {version!r} (this seawall reads {SCHEMA_VERSION})",
            hint=HINT,
        )


def _parse_document(data: object, source: str) -> Baseline:
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise ConfigError(f'{source}:1: not a seawall baseline (no "entries" list)', hint=HINT)
    _check_header(data, source)
    entries = []
    for index, item in enumerate(data["entries"], start=1):
        where = f"{source}: entry {index}"
        if not isinstance(item, dict):
            raise ConfigError(f"{where}: expected a JSON object", hint=HINT)
        entries.append(_entry(item, where))
    return Baseline.of(entries, _keys(data.get(KEY_FIELD, []), f"{source}:1"))


def _entry(item: dict[str, object], where: str) -> Entry:
    unknown = sorted(set(item) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"{where}: unknown field(s) {', '.join(unknown)}", hint=HINT)
    values: dict[str, str] = {}
    for key in _FIELDS:
        value = item.get(key)
        if not isinstance(value, str) or (not value and key != "path"):
            raise ConfigError(f"{where}: {key!r} must be a non-empty string", hint=HINT)
        values[key] = value
    fp = values["fingerprint"]
    if len(fp) < 16 or any(c not in "0123456789abcdef" for c in fp):
        raise ConfigError(f"{where}: 'fingerprint' must be lowercase hexadecimal", hint=HINT)
    try:
        verdict = Verdict(values["verdict"])
    except ValueError:
        choices = ", ".join(v.value for v in Verdict)
        raise ConfigError(
            f"{where}: unknown verdict {values['verdict']!r} (choose from {choices})", hint=HINT
        ) from None
    return Entry(fp, values["rule_id"], values["path"], verdict)


# -- reading it (where it is: seawall.secrets.baselinepath) ----------------------------------------------


def load(path: Path, *, required: bool) -> Baseline:
    """The baseline at ``path``; empty when it does not exist and is not ``required``."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        if required:
            raise ConfigError(
                f"baseline file not found: {path}", hint="create one with 'seawall secrets baseline create'"
            ) from None
        return Baseline()
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc}", hint=HINT) from None
    return parse(text, str(path))


def accepted_fingerprints(explicit: str | None, cwd: Path) -> frozenset[str]:
    """The fingerprints a baseline suppresses (verdicts ``accepted`` and ``false_positive``): the file
    ``explicit`` (which must exist), else ``.seawall-baseline.json`` at the repository root if any."""
    return load(baseline_path(explicit, cwd), required=bool(explicit)).suppressed()


def key_for(baseline: Baseline, cwd: Path) -> bytes:
    """The fingerprint key of a scan from ``cwd``: the baseline's, else the repository's, else this
    run's (see ``seawall.secrets.fingerprints``)."""
    if baseline.key is not None:
        return baseline.key
    from seawall.secrets.fingerprints import PROCESS_KEY, repository_key

    return repository_key(cwd) or PROCESS_KEY


# -- create, update, prune -------------------------------------------------------------------------------


def unreviewed(findings: Sequence[Finding]) -> list[Finding]:
    """Findings nothing else suppresses (inline comments and configuration allowlists come first)."""
    return [f for f in findings if f.suppression is None or f.suppression.kind == "baseline"]


def create(findings: Sequence[Finding], key: bytes) -> Baseline:
    """Accept every unreviewed finding; ``key`` is the one their fingerprints were made with."""
    return Baseline.of((Entry.of(f) for f in unreviewed(findings)), [key.hex()])


def update(baseline: Baseline, findings: Sequence[Finding]) -> Baseline:
    """Add new findings as accepted; existing entries and their verdicts stay."""
    known = baseline.fingerprints()
    new = [Entry.of(f) for f in unreviewed(findings) if f.fingerprint not in known]
    return Baseline.of([*baseline.entries, *new], baseline.keys)


def prune(baseline: Baseline, findings: Sequence[Finding]) -> Baseline:
    """Drop the entries whose finding no longer exists."""
    present = {f.fingerprint for f in findings}
    return Baseline(tuple(e for e in baseline.entries if e.fingerprint in present), baseline.keys)


def merge(baseline: Baseline, entries: Iterable[Entry]) -> Baseline:
    """Add ``entries`` whose fingerprint is not in ``baseline`` yet (existing verdicts win)."""
    known = baseline.fingerprints()
    return Baseline.of(
        [*baseline.entries, *(e for e in entries if e.fingerprint not in known)], baseline.keys
    )


def rekey(baseline: Baseline, findings: Sequence[Finding], key: bytes) -> Baseline:
    """The baseline with ``key`` among its keys, and each entry that a finding matches by an old
    fingerprint (unkeyed, or made with another key of the baseline) rewritten with the finding's keyed
    one. ``findings`` must carry their secrets (in memory only) and be made with ``key``; an entry no
    finding matches stays as it is (it still matches when its finding shows up; ``prune`` drops it)."""
    others = [k for k in baseline.other_keys if k != key]
    if baseline.key is not None and baseline.key != key:
        others.append(baseline.key)
    renamed: dict[str, str] = {}
    for f in findings:
        if f.secret is None:
            continue
        path = f.location.path if f.location else ""
        renamed[legacy_fingerprint(f.rule_id, f.secret, path)] = f.fingerprint
        renamed.update((fingerprint(f.rule_id, f.secret, path, k), f.fingerprint) for k in others)
    entries = [
        dataclasses.replace(e, fingerprint=renamed.get(e.fingerprint, e.fingerprint))
        for e in baseline.entries
    ]
    return Baseline.of(entries, [*baseline.keys, key.hex()])


def ensure_union_merge(path: Path) -> bool:
    """Tell git to merge the baseline by union (``merge=union`` in ``.gitattributes`` beside it), so two
    branches that each accept a finding merge without a conflict; the reader accepts what that leaves.
    Returns whether ``.gitattributes`` was changed."""
    attributes = path.parent / ".gitattributes"
    line = f"/{path.name} merge=union"
    try:
        existing = attributes.read_text(encoding="utf-8") if attributes.exists() else ""
    except OSError:
        return False
    for current in existing.splitlines():
        words = current.split()
        if words and words[0].lstrip("/") == path.name and any(w.startswith("merge") for w in words[1:]):
            return False  # the team already chose how this file merges
    prefix = "" if not existing or existing.endswith("\n") else "\n"
    try:
        with attributes.open("a", encoding="utf-8") as handle:
            handle.write(f"{prefix}{line}\n")
    except OSError:
        return False
    return True
