"""False-positive filters: documented example keys, placeholders, templating, hashes. Pure functions."""

from __future__ import annotations

import functools

from seawall.lazyre import lazy_compile
from seawall.secrets.rules.base import Rule

# Values published in vendors' documentation as examples; never real.
KNOWN_EXAMPLES = frozenset(
    {
        "AKIAIOSFODNN7EXAMPLE",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "AKIAI44QH8DHBEXAMPLE",
        "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY",
        "ASIAIOSFODNN7EXAMPLE",
        # Stripe's published test keys.
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_test_BQokikJOvBiI2HlWgH4olfQ2",
        "pk_test_TYooMQauvdEDq54NiTphI7jx",
        # The examples of the OAuth 2.0 and OpenID Connect specifications (RFC 6749, 6750, 7636, OIDC
        # Core), copied into the docstrings and tests of every OAuth library.
        "2YotnFZFEjr1zCsicMWpAA",
        "tGzv3JOkF0XG5Qx2TlKWIA",
        "SplxlOBeZQQYbYS6WxSbIA",
        "czZCaGRSa3F0MzpnWDFmQmF0M2JW",
        "gX1fBat3bV",
        "mF_9.B5f-4.1JqM",
        "h480djs93hd8",
        "SlAV32hkKG",
        "8xLOxBtZp8",
        "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
        "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
        # Grafana's default ``secret_key`` (defaults.ini), kept by every install that never set one.
        "SW2YcwTIb9zpOOhoPsMm",
    }
)

_PLACEHOLDER_WORDS = lazy_compile(
    r"(?i)(example|sample|dummy|placeholder|your[_\-]?|insert|redacted|changeme_|replace[_\-]?me|"
    r"<[A-Za-z_][\w\- ]*>|\bfake\b|\btodo\b|xxxx|\*{3,}|\.{3}|…)"
)


_ALPHABET = "abcdefghijklmnopqrstuvwxyz"
RUN = 8
_RUNS = (*(_ALPHABET[i : i + RUN] for i in range(len(_ALPHABET) - RUN + 1)), "12345678", "23456789")
_ANY_RUN = lazy_compile("|".join(_RUNS))  # one search instead of one per run
_TOKEN_PREFIX = lazy_compile(r"^[A-Za-z0-9]{1,12}[_\-]")


@functools.lru_cache(maxsize=8192)
def looks_placeholder(value: str) -> bool:
    if value in KNOWN_EXAMPLES:
        return True
    if any(_as_written(found.group()) for found in _PLACEHOLDER_WORDS.finditer(value)):
        return True
    if len(value) < RUN:
        return False  # too short for a run, and for a repeated core (the checks below)
    if _ANY_RUN.search(value.lower()):
        return True  # "AbCdEfGhIjKl...", "12345678": typed by hand, not generated
    core = _TOKEN_PREFIX.sub("", value)  # drop a token prefix such as ghp_
    return len(core) >= RUN and len(set(core.lower())) <= 3


def _as_written(word: str) -> bool:
    """A placeholder word as people write it: in one case, or capitalised (``your``, ``YOUR``, ``Your``).
    ``YoUr`` and ``xXxX`` are letters of a random key: one AWS secret key in 30,000 holds such a word."""
    letters = word.rstrip("_-")
    return not letters.isalpha() or letters.islower() or letters.isupper() or letters.istitle()


def is_false_positive(rule: Rule, secret: str, line_text: str) -> bool:
    """Filters applied to every rule; generic rules add their own in their validators."""
    if rule.generic and _key_material(secret):
        return True
    return rule.placeholder_filter and looks_placeholder(secret)


def _key_material(secret: str) -> bool:
    """Key material is for the key rules: a generic value holding PEM armor is a piece of a key block
    (base64 bodies contain 'pwd' or 'key' by chance: ``...xpwdw==\\n-----END`` is no password)."""
    if "-----BEGIN" in secret or "-----END" in secret:
        return True
    return secret.startswith("LS0tLS1CRUdJTi") and _wrapped_pem(secret)


def _wrapped_pem(secret: str) -> bool:
    """Base64 of a PEM block is judged by what it decodes to, by the key rules (a real private key is
    reported by private-key-base64-pem; a certificate, public key or stand-in is no secret). Only
    private blocks that are not PEM keys (PGP) stay with the generic rules."""
    from seawall.secrets.keyblocks import is_private_label, wrapped_pem_label

    label = wrapped_pem_label(secret)
    return label is not None and ("PRIVATE" not in label or is_private_label(label))


# Base64's alphabet, and the length from which a run of it glued to a name may be encoded data.
_BASE64_CHARS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
ENCODED_WORD = 32
_BASE64_BYTES = frozenset(_BASE64_CHARS)
_CLASS_RUN = lazy_compile(r"[A-Z]+|[a-z]+|[0-9]+|[+/]+")


def inside_encoded_word(before: bytes, name: bytes) -> bool:
    """Whether a secret-like ``name`` (as a pattern took it) is a piece of a base64 word, ``before``
    being the bytes just before it. Base64 holds ``pwd``, ``psk`` or ``token`` by chance: an OpenSSH
    public key whose body ends ``...GPskGqycM0GQ...R54=`` before its comment reads as ``psk...R54= t@ci``
    (about one key in 700 for ecdsa-sha2-nistp256 and 3072-bit RSA, whose bodies end with one ``=``).
    A name has separators (``_ . -``) or words: runs of one case of letters, or of digits, that are
    several characters long on average. Random base64 changes between capitals, small letters, digits
    and ``+/`` every 1.55 characters on average; hex every 2.1."""
    if name.translate(None, _BASE64_CHARS):
        return False  # "_", ".", "-", quotes: not base64
    if len(name) < ENCODED_WORD and not (before and before[-1] in _BASE64_BYTES):
        return False  # the name alone, too short to be encoded data (most names: asked for each)
    word = (before[len(before.rstrip(_BASE64_CHARS)) :] + name).decode("ascii")
    return len(word) >= ENCODED_WORD and changes_class_often(word)


def changes_class_often(text: str) -> bool:
    """Whether ``text`` changes between capitals, small letters, digits and ``+/`` as often as random
    base64 does (every 1.55 characters on average, hex every 2.1): at least two runs in five characters.
    A name or a path changes only between its words."""
    return 5 * len(_CLASS_RUN.findall(text)) >= 2 * len(text)
