"""Framework signing and master keys stored where the framework looks for them: ASP.NET Core
``"Jwt": {"Key": ...}`` (and ``JwtSettings``, ``TokenOptions``..., flattened as ``Jwt:Key`` or
``Jwt__Key``), and Rails' ``config/master.key`` / ``config/credentials/*.key``, which decrypt the
application's encrypted credentials."""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Iterator

from seawall.lazyre import lazy_compile
from seawall.model import Confidence, Severity
from seawall.secrets.context import is_stand_in, plausible_value
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules.base import Candidate, Extracted, Rule

_PARENTS = ("jwt", "bearer", "tokenoptions", "tokensettings", "tokenconfig", "signing")
_PARENT = rf"\w{{0,20}}(?:{'|'.join(_PARENTS)})\w{{0,20}}"
_CHILD = (
    r"(?:(?:issuer)?signing[_\-]?key|(?:secret|symmetric|security|hmac|private|token|jwt)?[_\-]?key|"
    r"secret(?:[_\-]?key)?)"
)
# A settings object named for JWTs, then (in the same object, not a nested one) a key-like member.
_JSON_BLOCK = lazy_compile(
    rb'"(?P<parent>\w{0,45})"[ \t]*:[ \t]*\{[^{}]{0,2000}?"(?P<name>' + _CHILD.encode() + rb')"[ \t]*:[ \t]*"'
    rb'(?P<secret>[^"\\\r\n]{8,500})"',
    re.IGNORECASE,
)
# A line between parent and child is one indenting character then the rest: with '[ \t]+' before a
# '[^\n]' run, each indented line could be split many ways and a failed attempt would retry them all.
_YAML_BLOCK = lazy_compile(
    rb"[ \t]*(?P<parent>[\w\-]{0,45}):[ \t]*\r?\n(?:[ \t][^\n]{0,200}\n){0,10}?[ \t]+(?P<name>"
    + _CHILD.encode()
    + rb"):[ \t]*[\"']?(?P<secret>[^\s\"'#]{8,500})",
    re.IGNORECASE,
)


# What the prefilter engines look for: a settings object or a YAML block opened under a JWT-like name
# (what ``_JSON_BLOCK`` and ``_YAML_BLOCK`` start with). A bundle says "bearer" everywhere and opens no such
# block, and the rule is not tried there.
_ANY_PARENT = "|".join(_PARENTS)
_OPENERS = rf'(?i:"\w*(?:{_ANY_PARENT})\w*"[ \t]*:[ \t]*\{{|(?:{_ANY_PARENT})[\w\-]*:[ \t]*\r?\n)'


def _signing_key_ok(c: Candidate) -> bool:
    return plausible_value(c.secret, strict=True)


# Bytes searched back for a line's start: the first line longer than this has every line break in
# the file listed (a file of ordinary lines never pays for that list).
_NEAR = 256


def _jwt_settings(data: bytes, path: str) -> Iterator[Extracted]:
    """Tried only where a JWT-like settings name occurs: a regex over whole files would be slow."""
    lower = data.lower()
    breaks: list[int] | None = None  # line breaks, found once: a long line has a keyword every few bytes
    for keyword in _PARENTS:
        pos = lower.find(keyword.encode())
        tried = -1  # the line whose YAML block was tried for this keyword: once is enough
        while pos != -1:
            near = data.rfind(b"\n", max(0, pos - _NEAR), pos) if breaks is None else -1
            if breaks is None and (near != -1 or pos <= _NEAR):
                line_start = near + 1
            else:  # long lines: their starts are looked up, not searched for from each keyword
                if breaks is None:
                    breaks = _line_breaks(data)
                line_start = breaks[bisect.bisect_left(breaks, pos) - 1] + 1
            yield from _jwt_settings_at(
                data, pos, line_start if line_start != tried else -1, keyword.encode()
            )
            tried = line_start
            pos = lower.find(keyword.encode(), pos + 1)


def _line_breaks(data: bytes) -> list[int]:
    """-1, then the offset of every line break: the line holding ``pos`` starts one after the last
    break before it."""
    breaks = [-1]
    pos = data.find(b"\n")
    while pos != -1:
        breaks.append(pos)
        pos = data.find(b"\n", pos + 1)
    return breaks


def _jwt_settings_at(data: bytes, pos: int, line_start: int, keyword: bytes) -> Iterator[Extracted]:
    """The JSON object named at ``pos``, and the YAML block opened on the line at ``line_start``
    (-1: tried already; one-line JSON with ``"token_type": "bearer"`` in every record tried the
    block at the line's start for each of them)."""
    quote = data.rfind(b'"', max(0, pos - 21), pos)
    json_block = _JSON_BLOCK.match(data, quote) if quote != -1 else None
    for m in (json_block, _YAML_BLOCK.match(data, line_start) if line_start != -1 else None):
        if m is not None and keyword in m.group("parent").lower():
            yield Extracted(m.start("secret"), m.end("secret"), m.group("name").decode())


_MASTER_KEY = lazy_compile(rb"[ \t\r\n]{0,16}(?P<key>[0-9a-f]{32})[ \t\r\n]{0,16}")


def _rails_key_path(path: str) -> bool:
    parts = path.replace("\\", "/").lower().split("/")
    return parts[-1] == "master.key" or (
        len(parts) > 1 and parts[-2] == "credentials" and parts[-1].endswith(".key")
    )


def _rails_master_key(data: bytes, path: str) -> Iterator[Extracted]:
    if len(data) > 64 or not _rails_key_path(path):
        return
    m = _MASTER_KEY.fullmatch(data)
    if m is not None and not is_stand_in(m.group("key").decode()):
        yield Extracted(m.start("key"), m.end("key"), os.path.basename(path))


_JWT_REMEDIATION = (
    "Generate a new signing key (at least 256 random bits), load it from a secrets store or the "
    "environment (user-secrets in development, Key Vault in production), and remove it from the "
    "settings file and its history; tokens signed with the old key stay valid until it is replaced."
)
_JWT_REFS = (
    "https://learn.microsoft.com/aspnet/core/security/app-secrets",
    "https://cheatsheetseries.owasp.org/cheatsheets/JSON_Web_Token_for_Java_Cheat_Sheet.html",
)

RULES = (
    Rule(
        id="aspnet-jwt-signing-key",
        title="JWT signing key in application settings (ASP.NET Core Jwt:Key and the like)",
        description=(
            'A JWT signing key under a JWT settings object (`"Jwt": {"Key": ...}`, `JwtSettings`, '
            "`TokenOptions`, YAML `jwt:` / `key:`): whoever has it can mint tokens the application accepts."
        ),
        severity=Severity.HIGH,
        pattern=_OPENERS,
        keywords=_PARENTS,
        remediation=_JWT_REMEDIATION,
        references=_JWT_REFS,
        examples=(
            '  "Jwt": {\n    "Issuer": "https://orders.acme.io",\n    "Key": "TexLWMjDVAToR9JxiHkxN5OnK9JwBQnb"\n  }',
            '{"JwtSettings": {"SecretKey": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b", "ExpiryMinutes": 60}}',
            "jwt:\n  issuer: orders\n  key: TexLWMjDVAToR9JxiHkxN5OnK9JwBQnb\n",
        ),
        counter_examples=(
            '  "Jwt": {\n    "Issuer": "https://orders.acme.io",\n    "Key": "{{JWT_KEY}}"\n  }',
            '  "Jwt": {\n    "Key": "your-256-bit-secret-goes-here"\n  }',
            '  "Logging": {\n    "Key": "TexLWMjDVAToR9JxiHkxN5OnK9JwBQnb"\n  }',
            '  "Jwt": {\n    "Signing": {\n      "Key": "{{JWT_KEY}}"\n    }\n  }',
        ),
        check=_signing_key_ok,
        extract=_jwt_settings,
        confidence=Confidence.HIGH,
        generic=True,
        compliance=("CWE-798", "CWE-321"),
    ),
    generic_rule(
        "aspnet-jwt-key-setting",
        "JWT signing key set by a flattened setting name (Jwt:Key, Jwt__Key)",
        rf"{_PARENT}(?::|__){_CHILD}[\"']?(?:[ \t]*[:=][ \t]*|[ \t]+)[\"']?(?P<q>)(?P<secret>[^\s\"']{{8,500}})",
        _PARENTS,
        _signing_key_ok,
        examples=(
            'dotnet user-secrets set "Jwt:Key" "TexLWMjDVAToR9JxiHkxN5OnK9JwBQnb"',
            "Jwt__Key=TexLWMjDVAToR9JxiHkxN5OnK9JwBQnb",
            '  "JwtSettings:Secret": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b",',
        ),
        counter_examples=("Jwt__Key=${JWT_KEY}", 'builder.Configuration["Jwt:Key"]'),
        confidence=Confidence.HIGH,
    ),
    Rule(
        id="rails-master-key",
        title="Rails master key (config/master.key)",
        description=(
            "The key that decrypts a Rails application's encrypted credentials (config/credentials.yml.enc): "
            "with it, every secret in that file can be read."
        ),
        severity=Severity.CRITICAL,
        pattern=r"\A[ \t\r\n]{0,16}[0-9a-f]{32}[ \t\r\n]{0,16}\Z",
        keywords=tuple("0123456789abcdef"),
        remediation=(
            "Generate a new master key and re-encrypt the credentials (`bin/rails credentials:edit` with a "
            "new key), rotate every secret the old file held, delete the key from the repository and its "
            "history; config/master.key belongs in .gitignore and in the deployment's RAILS_MASTER_KEY."
        ),
        references=("https://guides.rubyonrails.org/security.html#custom-credentials",),
        examples=("7c1f3e9d0a5b4c2e8f6a1d3b9e0c7a54\n",),
        counter_examples=(
            "ffffffffffffffffffffffffffffffff\n",
            "7c1f3e9d0a5b4c2e8f6a1d3b9e0c7a54 ./release.tar\n",
        ),
        extract=_rails_master_key,
        example_path="config/master.key",
        tags=("rails",),
    ),
)
