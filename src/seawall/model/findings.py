"""Frozen records for findings, their locations and the report that carries them.

A finding never holds a plaintext secret unless the user asked for it (``secret`` is None otherwise);
its fingerprint never includes a line number or a timestamp, so it survives code moving.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    # In their own modules: a scan of staged changes, whose start-up is most of a pre-commit hook's
    # time, never creates either class.
    from seawall.model.links import FollowedLink
    from seawall.model.resources import CloudResource


class Severity(enum.IntEnum):
    """Ordered so that ``a >= b`` means a is at least as severe as b."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4

    @property
    def label(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        try:
            return cls[text.strip().upper()]
        except KeyError:
            choices = ", ".join(s.label for s in cls)
            raise ValueError(f"unknown severity {text!r} (choose from {choices})") from None


class Confidence(enum.IntEnum):
    LOW = 0
    MEDIUM = 1
    HIGH = 2

    @property
    def label(self) -> str:
        return self.name.lower()


class Status(enum.Enum):
    PASS = "PASS"  # noqa: S105 (a status, not a password)
    FAIL = "FAIL"
    ERROR = "ERROR"
    UNKNOWN = "UNKNOWN"
    SKIPPED = "SKIPPED"


@dataclass(frozen=True, slots=True)
class Location:
    """A place in a file: 1-based line and column; ``end_column`` is one past the last character
    (SARIF's convention), ``end_line`` the line of the last character. 0 means unknown."""

    path: str
    line: int
    column: int = 1
    end_line: int = 0
    end_column: int = 0
    commit: str | None = None  # history scans: the commit that introduced the secret at this path
    author: str | None = None  # that commit's author, "name <email>"
    date: str | None = None  # that commit's author date, ISO 8601


@dataclass(frozen=True, slots=True)
class Suppression:
    """Who or what suppressed a finding, and why. Suppressed findings stay in the report."""

    kind: str  # "inline", "path", "rule", "value", "baseline"
    reason: str


@dataclass(frozen=True, slots=True)
class RuleInfo:
    """The metadata of a rule or check, as outputs need it."""

    id: str
    title: str
    description: str
    severity: Severity
    remediation: str
    references: tuple[str, ...] = ()
    compliance: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """One result of a rule or check: what, how severe, where, and who suppressed it, if anyone."""

    rule_id: str
    title: str
    severity: Severity
    confidence: Confidence
    status: Status
    message: str
    fingerprint: str
    preview: str = ""
    location: Location | None = None
    resource: CloudResource | None = None
    remediation: str = ""
    references: tuple[str, ...] = ()
    compliance: tuple[str, ...] = ()
    suppression: Suppression | None = None
    secret: str | None = field(default=None, repr=False)

    @property
    def suppressed(self) -> bool:
        return self.suppression is not None


@dataclass(frozen=True, slots=True)
class Skipped:
    """A file (or object) that was not scanned, and why."""

    path: str
    reason: str


@dataclass(frozen=True, slots=True)
class VersionControl:
    """The repository a history scan read: its remote (credentials removed), HEAD commit and branch."""

    repository_uri: str
    revision_id: str | None = None
    branch: str | None = None


@dataclass(frozen=True, slots=True)
class ScanReport:
    """The immutable result handed to a formatter."""

    tool_version: str
    command: str
    roots: tuple[str, ...]
    findings: tuple[Finding, ...]
    rules: tuple[RuleInfo, ...]
    skipped: tuple[Skipped, ...] = ()
    errors: tuple[str, ...] = ()
    ignored: tuple[Skipped, ...] = ()  # left out on purpose: by .gitignore or --exclude, with the reason
    links: tuple[FollowedLink, ...] = ()
    timings: tuple[tuple[str, float], ...] = ()
    stats: tuple[tuple[str, int], ...] = ()
    fail_on: Severity = Severity.LOW
    version_control: VersionControl | None = None

    @property
    def active(self) -> tuple[Finding, ...]:
        """Failing, unsuppressed findings."""
        return tuple(f for f in self.findings if f.status is Status.FAIL and not f.suppressed)

    @property
    def blocking(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.active if f.severity >= self.fail_on)


MASK = "****"


def redact(secret: str, public_prefix: str = "") -> str:
    """What may be shown of a secret: the provider's public prefix (``ghp_``, ``AKIA``, ``xoxb-``; only
    when the rule declares one and the secret starts with it), a fixed mask and the length. Nothing of a
    password or any other secret without a public prefix: ``**** (12 chars)``, ``ghp_**** (40 chars)``."""
    shown = public_prefix if public_prefix and secret.startswith(public_prefix) else ""
    return f"{shown}{MASK} ({len(secret)} chars)"
