"""The pair-call rule (``put("password", "...")``) asks for a secret-like part in the quoted name in its
pattern, where its check asked for it anyway: it finds what it found, and on a keyword-dense line it is
looked for only where Hyperscan finds such a name, not by a search of the whole line for ``(``."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from seawall.secrets import engines
from seawall.secrets.engines import HyperscanEngine, PythonEngine, hyperscan_available
from seawall.secrets.regexlead import lead
from seawall.secrets.results import Hit, buffer_hits
from seawall.secrets.rules import builtin_rules
from seawall.secrets.rules._generic import CORE, GAP, QUOTED_NAME, VALUE
from tests.secrets.test_engines import _DENSE

RULES = builtin_rules()
RULE = next(r for r in RULES if r.id == "generic-secret-pair-call")
# The pattern as it was before the name had to hold a secret-like part (blanks bounded as now).
_BEFORE = re.compile(
    (r"\(" + GAP + QUOTED_NAME + r"[ \t]*,[ \t]*" + VALUE + r"[ \t]*\)").encode(), re.IGNORECASE
)
_NOW = re.compile(RULE.pattern.encode(), re.IGNORECASE)
_CORE = re.compile(CORE.encode(), re.IGNORECASE)

needs_hyperscan = pytest.mark.skipif(
    not hyperscan_available(), reason="the hyperscan package is not installed"
)

_NAMES = (
    "password",
    "DB_PASSWORD",
    "x-api-key",
    "apiToken",
    "my.secret.value",
    "client_secret",
    "TOKEN_token",
    "token_type",
    "user",
    "username",
    "passport",
    "bypass",
    "compass",
    "pass",
    "db_pass",
    "db-pw",
    "smtp.pw",
    "pwd",
    "psk",
    "authtok",
    "salt",
    "credentials",
    "Authorization",
    "a" * 75 + "token",  # 80 characters, the part at the end
    "token" + "a" * 75,  # at the start
    "a" * 76 + "token",  # 81: longer than a name went before
    "x" * 40 + "secret" + "y" * 40,
)
_VALUES = ('"Xk9mQ2vLpz7Wn2Rt"', "'h7Gd92kLqWv3'", '\\"N7rTq2wZ8s\\"', '"abc"', 'System.getenv("PW")')


def _calls() -> list[bytes]:
    calls = []
    for name, value, (quote, blanks) in itertools.product(
        _NAMES, _VALUES, [('"', ""), ("'", " "), ('\\"', "  ")]
    ):
        calls.append(f"props.put({blanks}{quote}{name}{quote},{blanks}{value})".encode())
    return calls


def test_the_pattern_finds_each_call_whose_name_the_check_lets_through() -> None:
    """Each call the pattern found before whose name has a secret-like part (what the rule's check,
    ``context.named_secret_ok``, asks), the pattern finds now, with the same name and secret; it finds
    no call whose name has none."""
    found = kept = 0
    for call in _calls():
        before, now = _BEFORE.search(call), _NOW.search(call)
        if now is not None:
            found += 1
            assert _CORE.search(now["name"]), call
        if before is None or len(before["name"]) > 80:
            continue
        if _CORE.search(before["name"]) is None:
            assert now is None, call
            continue
        kept += 1
        assert now is not None, call
        assert (now.span(), now["name"], now["secret"]) == (
            before.span(),
            before["name"],
            before["secret"],
        ), call
    assert kept > 150 and found >= kept


def test_each_match_holds_a_keyword_near_its_start() -> None:
    """What lets the engine narrow the rule's keywords to where its head matches."""
    led = lead(RULE.pattern, RULE.ignore_case, RULE.keywords)
    assert led is not None and led <= 1 + 30 + 4 + 80


def _row(hit: Hit) -> tuple[str, int, int, str]:
    return (hit.rule_id, hit.start, hit.end, hit.secret)


@needs_hyperscan
def test_a_dense_line_of_calls_with_other_names_is_not_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Minified code calls with quoted names (``t.set("userId","...")``) everywhere: the rule is no
    candidate there, and where one name is secret-like it is looked for near that call alone."""
    rng = random.Random(7)  # noqa: S311 (reproducible test data)
    monkeypatch.setattr(engines, "PLACE_LATER", 0)  # the test line counts as big
    monkeypatch.setattr(engines, "LOCATE_EVERY", 1 << 30)  # narrowed however sparse the keywords
    dense = ("".join(rng.choice(_DENSE) for _ in range(3)) for _ in range(400))
    chunks = [f'{code}o.set("userId{i}","a{i:07d}bcdef");' for i, code in enumerate(dense)]
    engine = HyperscanEngine(RULES)
    plain = ";".join(chunks).encode()
    rules, _spans = engine.candidates(plain, path="bundle.min.js")
    assert RULE.id not in {rule.id for rule in rules}
    chunks[200] += 'cfg.put("apiToken","Xk9mQ2vLpz7Wn2Rt");'
    planted = ";".join(chunks).encode()
    rules, spans = engine.candidates(planted, path="bundle.min.js")
    assert RULE.id in {rule.id for rule in rules}
    # The keywords within a match's reach of that call, of the line's thousands.
    assert planted.lower().count(b"token") > 1000
    assert spans is not None and 0 < len(spans[RULE.id]) <= 10
    found = _found(engine, planted)
    assert [secret for *_, secret in found] == ["Xk9mQ2vLpz7Wn2Rt"]
    assert found == _found(PythonEngine(RULES), planted)


def _found(engine: HyperscanEngine | PythonEngine, data: bytes) -> list[tuple[str, int, int, str]]:
    return [_row(h) for h in buffer_hits(engine, data, "bundle.min.js") if h.rule_id == RULE.id]
