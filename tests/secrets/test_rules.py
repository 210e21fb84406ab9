"""Golden tests for every built-in rule: its examples fire, its counter-examples do not."""

from __future__ import annotations

import re

import pytest

from seawall.secrets.detect import scan_bytes
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
POSITIVE = [(r, e) for r in RULES for e in r.examples]
NEGATIVE = [(r, e) for r in RULES for e in r.counter_examples]


def _ids(case: tuple[Rule, str]) -> str:
    return case[0].id


@pytest.mark.parametrize("case", POSITIVE, ids=[_ids(c) for c in POSITIVE])
def test_example_is_found(case: tuple[Rule, str]) -> None:
    rule, example = case
    data = example.encode()
    assert any(kw.encode() in data.lower() for kw in rule.keywords) or not rule.keywords, (
        "every match must contain one of the rule's keywords (the pure-Python prefilter relies on it)"
    )
    matches = list(scan_bytes(data, [rule], rule.example_path))
    assert matches, f"{rule.id} missed its example"
    assert all(m.rule.id == rule.id for m in matches)


@pytest.mark.parametrize("case", NEGATIVE, ids=[_ids(c) for c in NEGATIVE])
def test_counter_example_is_not_found(case: tuple[Rule, str]) -> None:
    rule, example = case
    found = list(scan_bytes(example.encode(), [rule], rule.example_path))
    assert not found, f"{rule.id} fired on its counter-example"


def test_there_are_at_least_150_provider_rules() -> None:
    provider = [r for r in RULES if not r.generic]
    assert len(provider) >= 150, len(provider)


@pytest.mark.parametrize("rule", RULES, ids=[r.id for r in RULES])
def test_rule_metadata_is_complete(rule: Rule) -> None:
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", rule.id), "ids are lowercase kebab-case"
    assert rule.title and rule.description and rule.remediation
    assert rule.examples, "at least one positive case"
    assert rule.counter_examples, "at least one negative case"
    assert rule.keywords, "keywords feed the prefilter"
    assert all(k == k.lower() and k.isascii() for k in rule.keywords), "keywords are lowercase ASCII"
    assert rule.compliance, "compliance mappings (at least the CWE)"
    re.compile(rule.pattern.encode())
    if rule.extract is not None:
        assert not rule.line_scoped, "a structure-aware rule reads the whole file"
