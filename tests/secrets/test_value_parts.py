"""Value checks answered by parts agree with the patterns they stand for.

In keyword-dense text (a bundle, minified code in a configuration file) every distinct value assigned to
a secret-like name is judged, thousands per megabyte, so the judgements that used one long alternation
(``values._TEMPLATING``) or several full matches in turn answer by cheaper parts. They must answer as
the whole would, on every value: these tests compare them on values built from the pieces each pattern
looks for, in every order and case.
"""

from __future__ import annotations

import random

import pytest

from seawall.secrets import values

# The pieces ``_TEMPLATING`` looks for, in their cases, and what surrounds them in values.
PIECES = (
    "${", "$", "{", "}", "(", ")", "%", "s", "%s", "%s1", "_", "__", "@", "string/", "raw/", "#", "<",
    "%(", "env", "ENV(", "Environ", "GETENV", "process.env", "Process.Env", "Vault:", "secretsmanager",
    "KeyRing", "from_secret", "FROM_SECRET", "xfrom_secret", " ", "var.", "LOCAL.", "module.", "Data.",
    "secrets.", "vars.", "enc[", "ENC[", "!vault", "ssm:", "ref+", "op://", "a", "Z", "9", "x", ".",
    "/", ":", "\n", "abc", "q1", "{1}", "{}", "{a.b}", "{f()}", "{A}", "\u00e9", "\u212a", "@@", "<%",
    "#{", "}}", "{{", "$(", "-$1", ".$S2",
)  # fmt: skip


@pytest.mark.parametrize("seed", range(4))
def test_templated_answers_as_the_whole_pattern(seed: int) -> None:
    rnd = random.Random(seed)  # noqa: S311 - values to compare, no secret
    built = ["".join(rnd.choice(PIECES) for _ in range(rnd.randint(0, 6))) for _ in range(25_000)]
    found = [v for v in built if values.templated(v)]
    assert [v for v in built if values.templated(v) != bool(values._TEMPLATING.search(v))] == []
    assert 0.2 < len(found) / len(built) < 0.95  # both kinds of answer were asked for


WORD_PATTERNS = (
    values._UPPER_CONST,
    values._SNAKE_WORDS,
    values._DOTTED_WORDS,
    values._SCOPED_NAME,
    values._HEADER_WORDS,
    values._NAMED_VALUE,
    values._ISO_TIME,
)
WORD_PIECES = ("A", "B", "Z", "a", "z", "0", "9", "_", "-", ".", "/", ":", "@", "x-", "__Host-", "T", " ")


@pytest.mark.parametrize("seed", range(2))
def test_one_full_match_answers_as_each_of_the_word_patterns(seed: int) -> None:
    rnd = random.Random(seed)  # noqa: S311 - values to compare, no secret
    built = ["".join(rnd.choice(WORD_PIECES) for _ in range(rnd.randint(1, 9))) for _ in range(25_000)]
    built += ["2024-01-02T10:11:12Z", "Content-Type", "X-Api-Key", "@firebase/app/dist", "auth.token_type"]
    built += ["A128CBC-HS256", "joserfc:OKP:HKDF:Ed25519", "strict=False"]
    each = [any(p.fullmatch(v) for p in WORD_PATTERNS) for v in built]
    assert [v for v, one in zip(built, each, strict=True) if bool(values._WORDS.fullmatch(v)) != one] == []
    assert sum(each) > 500


@pytest.mark.parametrize(
    "value", ["has space", "tab\there", "nbsp\u00a0inside", "line\u2028sep", "trailing ", "\u3000ideo"]
)
def test_any_kind_of_whitespace_makes_a_label(value: str) -> None:
    assert values._looks_like_word_or_label(value, chosen=False)
    assert not values._looks_like_word_or_label("Zq8#vLm2!pW4rTx9", chosen=False)
