"""The generic rules take the rest of a secret-like name whole (``_generic.NAME``, a possessive repeat):
never giving a character of it back is right only because what follows a name in each of those patterns
never starts with a character a name may hold. These tests hold every rule built on ``NAME`` to that,
and compare its matches with those of the same pattern that gives characters back."""

from __future__ import annotations

import re

import pytest

from seawall.secrets.detect import compiled
from seawall.secrets.regexlead import first_bytes
from seawall.secrets.rules import Rule, builtin_rules
from seawall.secrets.rules._generic import NAME

NAMED = [r for r in builtin_rules() if NAME in r.pattern]
NAME_BYTES = frozenset(b"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.-")
# Names that are not assigned (calls, members, longer names), names that are, in code and in records.
TEXTS = (
    b"tokenManager.getToken(a);e.passwordResetLinkExpiry.value-1;var secret_key_base_for_tests_only=b;",
    b'const apiKeyHeaderNameForTheUpstreamServiceThatIsLongerThanSixtyCharacters_x = "h7Gd92kLqWv3";',
    b'{"password_changed": false, "token_type": "bearer", "client_secret": "c8f1e3a9b07d4e2f9a6b"}',
    b"DB_PASSWORD=Welcome2024! smtp.pw: Tr0ub4dor3xKq9 secret.key.v2 = 'n8Rk2LpQ7vWx'",
    b"password: >-\n    Tr0ub4dor3xKq9\nauth_token ||= ENV['X'] || 'Qz7Lm2pW4rTx9vB'\n",
)


def test_the_rules_built_on_a_name_are_the_generic_ones() -> None:
    assert len(NAMED) >= 8
    assert {"generic-secret-assignment", "generic-secret-fallback", "generic-yaml-block-secret"} <= {
        r.id for r in NAMED
    }
    assert NAME.endswith("}+)"), "the rest of the name is taken whole"


@pytest.mark.parametrize("rule", NAMED, ids=lambda r: r.id)
def test_what_follows_a_name_never_starts_with_a_name_character(rule: Rule) -> None:
    rest = rule.pattern[rule.pattern.index(NAME) + len(NAME) :]
    first = first_bytes(rest, rule.ignore_case)
    assert first is not None, "the analysis must tell what may follow the name"
    assert not first & NAME_BYTES, sorted(chr(b) for b in first & NAME_BYTES)


@pytest.mark.parametrize("rule", NAMED, ids=lambda r: r.id)
def test_taking_the_name_whole_finds_what_giving_back_finds(rule: Rule) -> None:
    possessive = compiled(rule.pattern, rule.ignore_case)
    giving_back = re.compile(rule.pattern.replace(NAME, NAME[:-2] + ")").encode(), possessive.flags)
    assert giving_back.pattern != possessive.pattern
    texts = [*TEXTS, *(e.encode() for e in (*rule.examples, *rule.counter_examples))]
    found = 0
    for text in texts:
        spans = [m.span() for m in possessive.finditer(text)]
        assert spans == [m.span() for m in giving_back.finditer(text)], text
        # Tried where each position starts, as the engines try anchored rules at their keywords.
        for start in range(len(text)):
            a, b = possessive.match(text, start), giving_back.match(text, start)
            assert (a and a.span()) == (b and b.span()), (text, start)
        found += len(spans)
    assert found >= len(rule.examples)
