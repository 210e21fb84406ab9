"""A rule's ``requires`` (a part of every match, loosened) leaves out big buffers that cannot hold a
match: it must hold in every match the rule finds, and a big buffer's findings are the same with and
without it."""

from __future__ import annotations

import dataclasses
import re

import pytest

from seawall.secrets.detect import LONG_LINE, compiled, scan_bytes
from seawall.secrets.rules import Rule, builtin_rules

RULES = builtin_rules()
REQUIRING = [r for r in RULES if r.requires]
# Minified JOSE code: "kty" every few hundred bytes, short members, no key.
FILLER = 'var a={kty:"EC",crv:"P-256",x:t.x,y:t.y,d:e.d};if(n.kty==="oct"){k=r.k}else{d:f(o)};' * 250


def test_the_jwk_rules_require_their_private_member() -> None:
    assert {r.id for r in REQUIRING} == {"private-key-jwk", "symmetric-key-jwk"}


@pytest.mark.parametrize("rule", REQUIRING, ids=lambda r: r.id)
def test_every_match_holds_what_the_rule_requires(rule: Rule) -> None:
    pattern = compiled(rule.pattern, rule.ignore_case)
    requires = re.compile(rule.requires.encode(), re.IGNORECASE if rule.ignore_case else 0)
    matches = [m.group(0) for example in rule.examples for m in pattern.finditer(example.encode())]
    assert len(matches) >= len(rule.examples)
    assert [m for m in matches if not requires.search(m)] == []


@pytest.mark.parametrize("rule", REQUIRING, ids=lambda r: r.id)
def test_a_big_buffer_is_searched_only_where_it_can_match(rule: Rule) -> None:
    plain = dataclasses.replace(rule, requires="")
    assert len(FILLER) > LONG_LINE
    assert list(scan_bytes(FILLER.encode(), [rule], "dist/jose.min.js")) == []
    for example in rule.examples:
        data = (FILLER + example + FILLER).encode()
        found = [(m.start, m.end) for m in scan_bytes(data, [rule], "dist/jose.min.js")]
        assert found, example
        assert found == [(m.start, m.end) for m in scan_bytes(data, [plain], "dist/jose.min.js")]


@pytest.mark.parametrize("rule", REQUIRING, ids=lambda r: r.id)
def test_a_big_buffer_without_it_is_not_searched(rule: Rule, monkeypatch: pytest.MonkeyPatch) -> None:
    from seawall.secrets import longline

    searched: list[str] = []
    search = longline.search_buffer

    def counted(*args: object, **kwargs: object) -> object:
        searched.append("buffer")
        return search(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(longline, "search_buffer", counted)
    assert list(scan_bytes(FILLER.encode(), [rule], "dist/jose.min.js")) == []
    assert searched == []
    assert list(scan_bytes((FILLER + rule.examples[0]).encode(), [rule], "dist/jose.min.js"))
    assert searched == ["buffer"]
