"""A rule's ``requires`` (a part of every match, loosened) lets Hyperscan leave out buffers that cannot
hold a match: it must hold in every match the rule finds, and findings are the same with and without it;
a buffer without it does not make the rule a candidate."""

from __future__ import annotations

import dataclasses
import re

import pytest

from seawall.secrets.detect import LONG_LINE, compiled, scan_bytes
from seawall.secrets.engines import HyperscanEngine, hyperscan_available
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
REQUIRING = [r for r in RULES if r.requires]
# Minified JOSE code: "kty" every few dozen bytes, short members, no key; and names of secrets followed by
# a colon, as a YAML block scalar's are, but never by its indicator and a line break.
FILLER = (
    'var a={kty:"EC",crv:"P-256",x:t.x,y:t.y,d:e.d};if(n.kty==="oct"){k=r.k}else{d:f(o)};'
    "var c={password:p|q,token:t>u,secret:s};"
) * 250

needs_hyperscan = pytest.mark.skipif(not hyperscan_available(), reason="hyperscan is not installed")


def test_the_rules_that_require_a_part_of_their_matches() -> None:
    # The JWK rules their private member; YAML block scalars their indicator and line break; an object
    # named for its value (Azure deployment parameters) its opening brace and value member; an XML entry
    # over several lines its value attribute; a template parameter's default its indented Default line, a
    # parameter list its ParameterValue, a device's key its encryption block, an OTA upload its --auth; a
    # JWT key configuration (``"type"`` in every other JSON member) its HMAC algorithm; a sentence its verb.
    assert {r.id for r in REQUIRING} == {
        "private-key-jwk",
        "symmetric-key-jwk",
        "generic-yaml-block-secret",
        "generic-name-object-value",
        "generic-xml-attributes-over-lines",
        "template-parameter-default",
        "template-parameter-default-json",
        "generic-parameter-key-value",
        "symmetric-config-key",
        "platformio-ota-auth",
        "jwt-hmac-key-config",
        "secret-in-sentence",
    }
    assert not any(r.line_scoped for r in REQUIRING)


@pytest.mark.parametrize("rule", REQUIRING, ids=lambda r: r.id)
def test_every_match_holds_what_the_rule_requires(rule: Rule) -> None:
    pattern = compiled(rule.pattern, rule.ignore_case)
    requires = re.compile(rule.requires.encode(), re.IGNORECASE if rule.ignore_case else 0)
    matches = [m.group(0) for example in rule.examples for m in pattern.finditer(example.encode())]
    assert len(matches) >= len(rule.examples)
    assert [m for m in matches if not requires.search(m)] == []


def _found(engine: HyperscanEngine, data: bytes) -> list[tuple[str, int, int]]:
    rules, spans = engine.candidates(data)
    return [(m.rule.id, m.start, m.end) for m in scan_bytes(data, rules, "dist/jose.min.js", spans)]


@needs_hyperscan
def test_a_buffer_without_it_does_not_make_the_rule_a_candidate() -> None:
    engine = HyperscanEngine(RULES)
    assert len(FILLER) > LONG_LINE
    chosen = {r.id for r in engine.candidates(FILLER.encode())[0]}
    assert not chosen & {r.id for r in REQUIRING}, "kty is there, the private members are not"
    for rule in REQUIRING:
        for example in rule.examples:
            chosen = {r.id for r in engine.candidates((FILLER + example).encode())[0]}
            assert rule.id in chosen, example


@needs_hyperscan
def test_findings_are_the_same_with_and_without_it() -> None:
    with_it = HyperscanEngine(RULES)
    without = HyperscanEngine([dataclasses.replace(r, requires="") for r in RULES])
    found = 0
    for rule in REQUIRING:
        for example in (*rule.examples, *rule.counter_examples):
            for data in (example.encode(), (FILLER + example + FILLER).encode()):
                assert _found(with_it, data) == _found(without, data)
                found += bool(_found(with_it, data))
    assert found >= 2 * len(REQUIRING)
