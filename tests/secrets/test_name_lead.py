"""Rules tried where a name ending in their keyword starts (``Rule.name_lead``) find what a search of
each line finds: the same matches, in the same order, on the rules' examples, on the labelled corpora,
on keyword-dense one-line text, and on lines built from the pieces that make names hard to delimit
(runs longer than the reach, keys inside keys, matches that hold another name)."""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Sequence
from pathlib import Path

import pytest

from seawall.secrets.detect import scan_bytes
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
LEAD = [r for r in RULES if r.name_lead is not None]
BENCHMARKS = Path(__file__).resolve().parents[2] / "benchmarks"
CORPORA = [
    BENCHMARKS / name / "corpus"
    for name in (
        "quality",
        "quality_heldout",
        "quality_heldout2",
        "quality_heldout3",
        "quality_heldout4",
        "quality_heldout5",
        "quality_heldout6",
    )
]
PATHS = ("config/app.env", "settings.py", "dist/app.min.js", "values.yaml")


def _searched(rules: Sequence[Rule]) -> list[Rule]:
    """The same rules searched along their lines."""
    return [dataclasses.replace(r, name_lead=None) for r in rules]


def _found(rules: Sequence[Rule], data: bytes, path: str) -> list[tuple[str, int, int, str]]:
    return [(m.rule.id, m.start, m.end, m.secret) for m in scan_bytes(data, rules, path)]


def _same(rules: Sequence[Rule], data: bytes, path: str) -> int:
    found = _found(rules, data, path)
    assert found == _found(_searched(rules), data, path), path
    return len(found)


def test_the_key_named_rules_lead_with_their_names() -> None:
    assert {r.id for r in LEAD} == {"generic-key-named-assignment", "generic-key-named-config-value"}
    assert all(r.line_scoped and not r.anchored for r in LEAD)


@pytest.mark.parametrize("rule", LEAD, ids=lambda r: r.id)
def test_the_examples_are_found_the_same(rule: Rule) -> None:
    found = 0
    for text in (*rule.examples, *rule.counter_examples):
        for path in PATHS:
            found += _same([rule], f"x = 1\n{text}\n  {text} ; {text}\n".encode(), path)
    assert found > 0


def test_the_labelled_corpora_are_found_the_same() -> None:
    files = [(corpus, p) for corpus in CORPORA for p in sorted(corpus.rglob("*")) if p.is_file()]
    assert len(files) > 300
    assert sum(_same(LEAD, path.read_bytes(), str(path.relative_to(corpus))) for corpus, path in files) >= 1


# Pieces of names and values: separators that are and are not name bytes, keys inside names, values
# that hold names of their own, a name longer than the reach.
PIECES = (
    "apiKey", "partnerKey", "SUBSCRIPTION_KEY", "keyStoreKey", "key", "KEY", "monkey", "$key", "a.b.key",
    "-key", "0key", "_", ".", "$", "-", " ", "=", ":", " = ", ": ", '"', "'", "`", "\\\"", ";", ",",
    "{", "}", "[", "]", "(", ")", "\n", "9f8e7d6c5b4a39281706f5e4d3c2b1a0", "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F",
    "x" * 58, "y" * 70, "ab", "hello world",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(3))
def test_built_lines_are_found_the_same(seed: int) -> None:
    rnd = random.Random(seed)  # noqa: S311 - text to compare, no secret
    lines = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(1, 14))) for _ in range(6000)]
    found = 0
    for path in ("config/app.env", "dist/app.min.js"):
        found += _same(LEAD, "\n".join(lines).encode(), path)
        found += _same(LEAD, "".join(lines).replace("\n", " ").encode(), path)  # one long line
    assert found > 50, "the built lines hold names the rules find"


def test_keyword_dense_one_line_text_is_found_the_same() -> None:
    row = 'var {a}={{apiKey:"{v}",cacheKey:"k1",monkey:{a}.key,storage_key:"{v}",sortKey:null}};'
    rnd = random.Random(7)  # noqa: S311 - text to compare, no secret
    parts = []
    for i in range(3000):
        value = "".join(
            rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789") for _ in range(24)
        )
        parts.append(row.format(a=f"m{i}", v=value))
    data = "".join(parts).encode()
    assert _same(LEAD, data, "dist/app.min.js") > 2500  # a name per row, at least
