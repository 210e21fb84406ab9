"""Helpers for the structure-aware rules (Terraform state, Kubernetes Secrets, CSV exports, encoded
passwords): where the strings of a JSON document sit, base64 that decodes to text, and whether a value
stored under a name is a credential. Pure functions; this module defines no rules.
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Iterator

from seawall.lazyre import cached_compile, lazy_compile
from seawall.secrets.context import is_stand_in, name_is_secret, plausible_value
from seawall.secrets.rules._generic import CORE
from seawall.secrets.validators import shannon_entropy

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import Any

# A JSON string literal (the unrolled form: linear, no nested ambiguous repeats).
_STRING = lazy_compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"')
_COLON = lazy_compile(rb"[ \t\r\n]*:")


def load_json(data: bytes) -> Any:
    """The parsed document, or None when ``data`` is not JSON (or nests too deep to parse)."""
    import json  # here: most commits stage no JSON, and the pre-commit hook loads this module

    try:
        return json.loads(data)
    except (ValueError, RecursionError):
        return None


def string_values(data: bytes) -> Iterator[tuple[str, str, int, int]]:
    """``(key, value, start, end)`` of every string value of a valid JSON document, in order.

    ``key`` is the object key the string is stored under (for an array item, the array's key);
    ``start``/``end`` are the byte offsets of the value without its quotes. Only valid JSON (as
    ``load_json`` accepts it) keeps the literals aligned: callers parse first.
    """
    import json

    key = ""
    for m in _STRING.finditer(data):
        raw = m.group()
        try:
            text = raw[1:-1].decode() if b"\\" not in raw else json.loads(raw)
        except ValueError:
            continue
        if _COLON.match(data, m.end()):
            key = text
            continue
        yield key, text, m.start() + 1, m.end() - 1


def walk_strings(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """``(key, string)`` of every string leaf under ``value`` (array items take the array's key)."""
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from walk_strings(v, str(k))
    elif isinstance(value, list):
        for item in value:
            yield from walk_strings(item, key)


_BASE64 = cached_compile(r"[A-Za-z0-9+/]{4,}={0,2}|[A-Za-z0-9_\-]{4,}={0,2}")


def b64_bytes(value: str) -> bytes | None:
    """The bytes a base64 (standard or URL-safe) string encodes, or None if it is not base64."""
    value = value.strip()
    if not _BASE64.fullmatch(value):
        return None
    padded = value + "=" * (-len(value) % 4)
    try:
        if "-" in value or "_" in value:
            return base64.urlsafe_b64decode(padded)
        return base64.b64decode(padded, validate=True)
    except (binascii.Error, ValueError):
        return None


def b64_text(value: str) -> str | None:
    """The printable text a base64 string encodes (one trailing newline dropped), else None."""
    raw = b64_bytes(value)
    if raw is None:
        return None
    try:
        text = raw.decode()
    except UnicodeDecodeError:
        return None
    text = text.removesuffix("\n").removesuffix("\r")
    if not text or not all(ch.isprintable() or ch in "\t\r\n" for ch in text):
        return None
    return text


_CORE_NAME = lazy_compile(CORE, re.IGNORECASE)
_OTP_NAME = lazy_compile(r"(?i)(?:^|[_\-. ])(?:totp|otp|mfa|2fa)(?:[_\-. ]?(?:secret|seed|key))?$")


def secret_name(name: str) -> bool:
    """Whether a field, attribute or column name says its value is a credential."""
    core = name.strip()
    if _OTP_NAME.search(core):
        return True
    return bool(_CORE_NAME.search(core)) and name_is_secret(core)


def password_ok(value: str) -> bool:
    """A value stored under a credential's name that could be the credential itself."""
    return not is_stand_in(value) and plausible_value(value, strict=False)


_WORDY = lazy_compile(
    r"[A-Za-z]+(?:[_\-. ][A-Za-z0-9]+)+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
)


def token_ok(value: str) -> bool:
    """A value stored under a neutral name (``erlang-cookie``, ``dsn``) that is random enough to be a
    key or token by its looks alone: long, high-entropy, no words, no UUID."""
    if len(value) < 16 or shannon_entropy(value) < 3.5 or _WORDY.fullmatch(value):
        return False
    return not is_stand_in(value) and plausible_value(value, strict=False)
