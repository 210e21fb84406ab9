"""The shape of a secret-detection rule.

A rule is pure data plus an optional pure validator. Its ``pattern`` is a Python regular expression
applied to bytes (ASCII semantics); the secret is the named group ``secret`` when present, otherwise the
whole match. ``keywords`` are lowercase literals of which at least one occurs in every match: the
pure-Python engine uses them as a prefilter, so a keyword that a match can lack is a bug (a test checks
every example). Examples and counter-examples double as the rule's golden tests.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from seawall.model import Confidence, RuleInfo, Severity

CWE_798 = "CWE-798"


@dataclass(frozen=True, slots=True)
class Candidate:
    """What a context check sees of one match: the secret, the name it is assigned to, its line, its file."""

    secret: str
    name: str
    line_text: str
    path: str
    quoted: bool


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    title: str
    description: str
    severity: Severity
    pattern: str
    keywords: tuple[str, ...]
    remediation: str
    examples: tuple[str, ...]
    counter_examples: tuple[str, ...]
    references: tuple[str, ...] = ()
    validator: Callable[[str], bool] | None = None
    confidence: Confidence = Confidence.HIGH
    min_entropy: float = 0.0
    ignore_case: bool = False
    generic: bool = False
    check: Callable[[Candidate], bool] | None = None
    # The pattern never spans lines: run it only on lines that contain a keyword (much faster for
    # broad patterns such as the generic ones; identical results).
    line_scoped: bool = False
    # The pattern starts with one of its keywords (implies line_scoped): it is tried once where each
    # keyword occurrence starts, instead of along whole lines.
    anchored: bool = False
    compliance: tuple[str, ...] = (CWE_798,)
    tags: tuple[str, ...] = ()

    @property
    def info(self) -> RuleInfo:
        return RuleInfo(
            id=self.id,
            title=self.title,
            description=self.description,
            severity=self.severity,
            remediation=self.remediation,
            references=self.references,
            compliance=self.compliance,
            tags=self.tags,
        )


def token_rule(
    id: str,
    title: str,
    pattern: str,
    keywords: tuple[str, ...],
    *,
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...],
    remediation: str,
    references: tuple[str, ...] = (),
    severity: Severity = Severity.HIGH,
    validator: Callable[[str], bool] | None = None,
    description: str = "",
    confidence: Confidence = Confidence.HIGH,
    min_entropy: float = 0.0,
    ignore_case: bool = False,
    line_scoped: bool = False,
    tags: tuple[str, ...] = (),
) -> Rule:
    """Shorthand for the common case: a provider token with a distinctive shape."""
    return Rule(
        id=id,
        title=title,
        description=description or f"{title} found in source; anyone who reads the code can use it.",
        severity=severity,
        pattern=pattern,
        keywords=keywords,
        remediation=remediation,
        examples=examples,
        counter_examples=counter_examples,
        references=references,
        validator=validator,
        confidence=confidence,
        min_entropy=min_entropy,
        ignore_case=ignore_case,
        line_scoped=line_scoped,
        tags=tags,
    )
