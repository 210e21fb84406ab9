"""``Rule.quick``: an anchored rule's cheaper pattern, tried first at each keyword. Where the rule's
pattern matches, the quick one must match too, from the same start: otherwise a secret would be lost.
Findings are the same with it and without it."""

from __future__ import annotations

import dataclasses
import random

import pytest

from seawall.secrets.detect import compiled, keyword_starts, scan_bytes
from seawall.secrets.rules import Rule, builtin_rules
from tests.secrets.test_engines import _DENSE

RULES = builtin_rules()
QUICK = [r for r in RULES if r.quick]
# What stands between an assignment and a fallback in minified code: runs of plain characters, the
# characters that may start an operator, brackets (holding a ``;`` or a ``,``), the ``,`` that ends an
# object's item, and statements longer than the pattern's reach.
_STEPS = (
    "e",
    "abcdef",
    "x.y",
    "?",
    "|",
    " ",
    "\t",
    "(a;b)",
    "(a,b)",
    ",",
    "{x}",
    "{{y}}",
    "a?b:c",
    "p|q",
    " o ",
    "or",
)


def _texts(rule: Rule, rng: random.Random) -> list[bytes]:
    texts = [e.encode() for e in (*rule.examples, *rule.counter_examples)]
    values = ('"Xk9mQ2vLpz7Wn2Rt"', "'h7Gd92kLqWv3'", '""', '"ab"', "x", '"firebase"')
    operators = ("||", "??", "?:", " or ", "|", "?", " o")
    for _ in range(600):
        name = rng.choice(("password", "apiKey", "DB_PASSWORD", "token", "e.secret", "client_secret"))
        steps = "".join(rng.choice(_STEPS) for _ in range(rng.choice((0, 1, 3, 10, 60, 160))))
        tail = rng.choice(operators) + rng.choice(("", " ")) + rng.choice(values)
        assign = rng.choice(("=", ":", " = ", "||="))
        texts.append(f"{rng.choice(_DENSE)}{name}{assign}{steps}{tail};".encode())
    texts.append("".join(rng.choice(_DENSE) for _ in range(400)).encode())
    return texts


def test_the_fallback_rule_has_a_quick_pattern() -> None:
    assert {r.id for r in QUICK} == {"generic-secret-fallback"}
    assert all(r.anchored for r in QUICK), "only anchored rules are tried where each keyword starts"


@pytest.mark.parametrize("rule", QUICK, ids=lambda r: r.id)
def test_the_quick_pattern_matches_wherever_the_rules_does(rule: Rule) -> None:
    pattern, quick = compiled(rule.pattern, rule.ignore_case), compiled(rule.quick, rule.ignore_case)
    matched = rejected = 0
    for text in _texts(rule, random.Random(21)):  # noqa: S311 (reproducible test data)
        for start in range(len(text)):
            exact = pattern.match(text, start)
            if exact is not None:
                assert quick.match(text, start) is not None, (text, start)
                matched += 1
            elif quick.match(text, start) is None:
                rejected += 1
    assert matched >= 100 and rejected > 10 * matched  # both sides of the filter are exercised


@pytest.mark.parametrize("rule", QUICK, ids=lambda r: r.id)
def test_findings_are_the_same_with_and_without_it(rule: Rule) -> None:
    without = dataclasses.replace(rule, quick="")
    rng = random.Random(22)  # noqa: S311 (reproducible test data)
    texts = _texts(rule, rng)
    bundle = ";".join(t.decode() for t in texts).encode()  # one long line, as in a minified bundle
    found = 0
    for data in (*texts, bundle):
        spans = {rule.id: keyword_starts(data.lower(), rule.keywords)}
        with_it = [(m.start, m.end, m.secret) for m in scan_bytes(data, [rule], "app.js", spans)]
        assert with_it == [(m.start, m.end, m.secret) for m in scan_bytes(data, [without], "app.js", spans)]
        found += len(with_it)
    assert found >= 2 * len(rule.examples)
