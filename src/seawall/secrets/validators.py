"""Offline verification of token formats: checksums, encodings and structure. Pure functions."""

from __future__ import annotations

import base64
import binascii
import math
import zlib
from collections import Counter

BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"


def base62(number: int, width: int) -> str:
    digits = []
    while number:
        number, rem = divmod(number, 62)
        digits.append(BASE62[rem])
    return "".join(reversed(digits)).rjust(width, "0")


def crc32_base62_ok(token: str, prefix_len: int) -> bool:
    """GitHub- and npm-style tokens: prefix, random part, then CRC32 of the random part in 6 base62 chars.

    ``prefix_len`` is the length of the prefix (``ghp_`` is 4, ``npm_`` is 4).
    """
    body, check = token[prefix_len:-6], token[-6:]
    if not body:
        return False
    return base62(zlib.crc32(body.encode()), 6) == check


def with_crc32_base62(prefix: str, body: str) -> str:
    """Build a token with a valid checksum (used by tests and benchmark corpora)."""
    return prefix + body + base62(zlib.crc32(body.encode()), 6)


def github_token_ok(token: str) -> bool:
    return crc32_base62_ok(token, token.index("_") + 1)


def _b64decode(text: str) -> bytes | None:
    padded = text + "=" * (-len(text) % 4)
    try:
        return base64.urlsafe_b64decode(padded.replace("+", "-").replace("/", "_"))
    except (binascii.Error, ValueError):
        return None


def jwt_ok(token: str) -> bool:
    """A JWT's header decodes to a JSON object with an ``alg``; its payload decodes to JSON."""
    parts = token.split(".")
    if len(parts) < 2:
        return False
    header, payload = _b64decode(parts[0]), _b64decode(parts[1])
    if header is None or payload is None:
        return False
    import json

    try:
        head = json.loads(header)
        json.loads(payload)
    except (ValueError, UnicodeDecodeError):
        return False
    return isinstance(head, dict) and "alg" in head


def pem_body_ok(block: str) -> bool:
    """A PEM private-key block, in whatever wrapping it sits in code, holds real key material (see
    ``seawall.secrets.keyblocks``)."""
    from seawall.secrets.keyblocks import private_pem_ok

    return private_pem_ok(block)


def azure_key_ok(key: str) -> bool:
    """Azure storage account keys are base64 of exactly 64 bytes."""
    try:
        return len(base64.b64decode(key, validate=True)) == 64
    except (binascii.Error, ValueError):
        return False


PYPI_MACAROON_PREFIX = "pypi-AgEIcHlwaS5vcmc"
TEST_PYPI_MACAROON_PREFIX = "pypi-AgENdGVzdC5weXBpLm9yZw"


def pypi_token_ok(token: str) -> bool:
    return token.startswith((PYPI_MACAROON_PREFIX, TEST_PYPI_MACAROON_PREFIX))


def shannon_entropy(text: str) -> float:
    if not text:
        return 0.0
    n = len(text)
    return -sum(c / n * math.log2(c / n) for c in Counter(text).values())
