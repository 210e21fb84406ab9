"""The lead of a pattern (how far into a match its first keyword must start) is a true bound, and the
analysis gives none where none can be proved; the bytes a match may start with likewise."""

from __future__ import annotations

import re

import pytest

from seawall.secrets.regexlead import first_bytes, lead
from seawall.secrets.rules import Rule, builtin_rules

LINE_SCOPED = [r for r in builtin_rules() if r.line_scoped]


@pytest.mark.parametrize(
    ("pattern", "keywords", "expected"),
    [
        (r"token=(\w+)", ("token",), 0),
        (r"x{0,3}token", ("token",), 3),
        (r"\w{0,20}(?:jwt|bearer)\w{0,20}:", ("jwt", "bearer"), 20),
        (r"(?:fetch|env)\(", ("fetch(", "env("), 0),  # a keyword across a group's end
        (r"passw(?:or)?d=", ("password", "passwd"), 0),  # across an optional group
        (r"(?<![a-z])pass(?=[:=])", ("pass:", "pass="), 0),  # completed by a lookahead
        (r"(?:AKIA|A3T)[A-Z0-9]{16}", ("akia", "a3t"), 0),  # the parser factors the common "A" out
        (r"(?:set_?|\.)(?:secret|token)\(", ("secret", "token"), 4),
        (r"(?:ab)+token", ("token",), None),  # the repeat before it is unbounded
        (r"[a-z]{300}token", ("token",), None),  # bounded, but past MAX_LEAD
        (r"(?P<name>[\w.]{1,80})=(?P<v>\w+)", ("password",), None),  # the keyword is not in the pattern
        (r"(?:password|\w{3})=", ("password",), None),  # a branch without it
        (r"(?:password)?=\w+", ("password",), None),  # optional
        (r"(?<=token)=\w+", ("token",), None),  # only in a lookbehind: before the match
    ],
)
def test_lead(pattern: str, keywords: tuple[str, ...], expected: int | None) -> None:
    assert lead(pattern, False, keywords) == expected


@pytest.mark.parametrize("rule", [r for r in LINE_SCOPED if r.anchored], ids=lambda r: r.id)
def test_rules_declared_anchored_have_a_lead_of_zero(rule: Rule) -> None:
    """Two independent readings agree: the rule's author says the pattern starts with a keyword."""
    assert lead(rule.pattern, rule.ignore_case, rule.keywords) == 0


def _keyword_starts(text: bytes, keywords: tuple[str, ...]) -> set[int]:
    lower = text.lower()
    return {m.start() for k in keywords for m in re.finditer(re.escape(k.encode()), lower)}


@pytest.mark.parametrize(
    "rule",
    [r for r in LINE_SCOPED if lead(r.pattern, r.ignore_case, r.keywords) is not None],
    ids=lambda r: r.id,
)
def test_every_match_of_the_examples_holds_a_keyword_within_the_lead(rule: Rule) -> None:
    found = lead(rule.pattern, rule.ignore_case, rule.keywords)
    assert found is not None
    flags = re.MULTILINE | (re.IGNORECASE if rule.ignore_case else 0)
    pattern = re.compile(rule.pattern.encode(), flags)
    for example in (*rule.examples, *rule.counter_examples):
        text = example.encode()
        keywords = _keyword_starts(text, rule.keywords)
        for m in pattern.finditer(text):
            assert any(m.start() <= k <= m.start() + found for k in keywords), (example, m.group())


def test_most_line_scoped_rules_have_a_lead() -> None:
    """The bound holds for the shapes rules are written in (keywords as literals, alternations,
    optional parts, lookaheads): a rule without one is searched in windows, slower on long lines."""
    without = [r.id for r in LINE_SCOPED if lead(r.pattern, r.ignore_case, r.keywords) is None]
    assert len(without) < len(LINE_SCOPED) // 8, without


@pytest.mark.parametrize(
    ("pattern", "expected"),
    [
        (r"[?&]token=", b"?&"),
        (r"(?:a|)b", b"ab"),
        (r"(?=x)y", b"y"),
        (r"(?i:k)ey", b"Kk"),
        (r"x?y*z", b"xyz"),
        (r"(?<![a-z])--key", b"-"),
    ],
)
def test_first_bytes(pattern: str, expected: bytes) -> None:
    assert first_bytes(pattern, False) == frozenset(expected)


def test_first_bytes_of_a_pattern_that_may_start_anywhere_is_every_byte_it_names() -> None:
    assert first_bytes(r"\w{0,20}jwt", False) == frozenset(
        b"0123456789_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    )
    assert first_bytes(r"(\w)\1", False) is not None  # the group reference comes after the first byte
    assert first_bytes(r"\1?x", False) is None  # cannot tell
