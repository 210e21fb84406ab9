"""A value no name would let pass is turned down before its name is read (``Rule.value_precheck``).

In keyword-dense text most candidates are values assigned to credential names that are no secrets
(``e.token:"Bearer "``, ``"token_type": "bearer"`` thousands of times); reading each one's name (the
identifier characters before the pattern's group, a look for encoded data) cost a fifth of the Python
work. The value's own verdict, for the name that asks least, is asked first: it must be a necessary
condition of the precheck, or findings would be lost.
"""

from __future__ import annotations

import dataclasses
import random
import re

import pytest

from seawall.secrets import detect
from seawall.secrets.context import assignment_value_ok, assignment_value_possible
from seawall.secrets.detect import compiled, scan_bytes
from seawall.secrets.rules import builtin_rules
from tests.secrets.test_engines import _DENSE

RULES = builtin_rules()
VALUED = [r for r in RULES if r.value_precheck is not None]

# Names of every kind the generic rules meet: password-like, key- and token-like, a digest's, labels,
# a YAML namespace, a plural, a name in another word, separators.
_NAMES = (
    "password", "DB_PASSWORD", "db.pass", "smtp_pw", "passphrase", "wifi_psk", "secret", "client_secret",
    "SECRET_KEY", "api_key", "apiKey", "x-api-key", "token", "access_token", "nextToken", "token_type",
    "auth_token_url", "password_hash", "password_field", "passwordLabel", "placeholder.password",
    "profile::db::password", "credentials", "salt", "psalter", "srpski", "CHECK_PASS", "jwt_secret",
    "private_key", "session_key", "mot_de_passe",
)  # fmt: skip
_VALUES = (
    "Xk9#mQ2vLpz7", "hunter2rocks", "correct horse battery staple", "correct-horse-battery-staple",
    "#Xk9mQ2vLp", "#", "changeme", "Password", "bearer", "null", "${DB_PASSWORD}", "{{ secret }}",
    "SuperSecret123!", "mysupersecretkey42", "jwtsecret2024", "db-secret-01", "8c1f0e9d7a6b5c4d3e2f1a0b",
    "function(r){this.token=r", "a.password})})", "Passwort vergessen?", "*.pw",
    "\u041f\u0430\u0440\u043e\u043b\u044c123",  # "Password123" in Russian
    "AKIAIOSFODNN7EXAMPLE", "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-AbCdEf",
    "/run/secrets/db", "1.2.3", "2024-01-01", "abc", "N7rTq2wZ8s", "Zq8vLm2pW4rTx9\\n",
)  # fmt: skip
_PATHS = ("app.py", "bundle.min.js", "settings.yaml", ".env", "config.txt", "tests/test_login.py", "")


def _example_values() -> set[str]:
    """The secrets the rules' own examples and counter-examples hold, as their patterns take them."""
    found = set()
    for rule in RULES:
        pattern = compiled(rule.pattern, rule.ignore_case)
        secret = next((n for n in pattern.groupindex if n.startswith("secret")), None)
        if secret is None:
            continue
        for text in (*rule.examples, *rule.counter_examples):
            for m in pattern.finditer(text.encode()):
                if m.group(secret):
                    found.add(m.group(secret).decode("utf-8", "replace"))
    return found


def test_the_rules_with_a_value_precheck_are_those_whose_precheck_it_answers_for() -> None:
    assert len(VALUED) >= 10
    assert all(
        r.precheck is assignment_value_ok and r.value_precheck is assignment_value_possible for r in VALUED
    )
    assert all(r.value_precheck is not None for r in RULES if r.precheck is assignment_value_ok)


def test_a_value_that_passes_for_some_name_passes_for_the_name_that_asks_least() -> None:
    values = sorted(_example_values() | set(_VALUES))
    checked = passed = turned_down_by_name = turned_down = 0
    for value in values:
        for quoted in (True, False):
            for path in _PATHS:
                possible = assignment_value_possible(value, quoted, path)
                turned_down += not possible
                for name in _NAMES:
                    if assignment_value_ok(name, value, quoted, path):
                        assert possible, (name, value, quoted, path)
                        passed += 1
                    elif possible:
                        turned_down_by_name += 1
                    checked += 1
    assert checked > 20_000
    # Neither always true nor the precheck itself: some values pass for some names only, some for none.
    assert passed > 500 and turned_down_by_name > 500 and turned_down > 500


def _bundle(rng: random.Random) -> bytes:
    lines = [line for rule in RULES for line in (*rule.examples, *rule.counter_examples)]
    rng.shuffle(lines)
    return ";".join(rng.choice(_DENSE) + line for line in lines).encode()


@pytest.mark.parametrize("path", ["bundle.min.js", "settings.txt", "config.yaml"])
def test_findings_are_the_same_with_and_without_the_value_precheck(path: str) -> None:
    data = _bundle(random.Random(41))  # noqa: S311 (reproducible test data)
    without = [dataclasses.replace(r, value_precheck=None) for r in RULES]
    expected = [(m.rule.id, m.start, m.end) for m in scan_bytes(data, without, path)]
    assert len(expected) > 50
    assert [(m.rule.id, m.start, m.end) for m in scan_bytes(data, RULES, path)] == expected


def test_a_value_turned_down_for_every_name_is_not_named(monkeypatch: pytest.MonkeyPatch) -> None:
    """Minified code assigning the same few values to credential names: names read only for values
    that some name would let pass."""
    data = b";".join(b'e.token="Bearer ",x.password=e.password,n.apiKey="%d"' % i for i in range(300))
    rule = next(r for r in VALUED if r.id == "generic-secret-assignment")
    named: list[int] = []
    full_name = detect._full_name

    def counted(m: re.Match[bytes], group: int) -> bytes:
        named.append(m.start(group))
        return full_name(m, group)

    monkeypatch.setattr(detect, "_full_name", counted)
    assert list(scan_bytes(data, [rule], "bundle.js")) == []
    with_value_precheck = len(named)
    named.clear()
    assert list(scan_bytes(data, [dataclasses.replace(rule, value_precheck=None)], "bundle.js")) == []
    assert len(named) >= 600 and with_value_precheck == 0
