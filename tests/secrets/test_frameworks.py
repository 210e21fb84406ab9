"""Framework keys where frameworks keep them: ASP.NET Core JWT signing keys (nested settings,
flattened names, YAML) and Rails master keys (a file holding only the key)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.secrets.structured import ENGINES, by_rule, findings, line_of

KEY = "TexLWMjDVAToR9JxiHkxN5OnK9JwBQnbdHnKAr6CHNKiv9MD"
APPSETTINGS = json.dumps(
    {
        "Logging": {"LogLevel": {"Default": "Information"}},
        "Jwt": {"Issuer": "https://orders.acme.io", "Audience": "orders-api", "Key": KEY},
        "Cache": {"Key": "orders:v2:prefix"},
    },
    indent=2,
)
OPTIONS = (
    '{\n  "JwtSettings": {\n    "ValidIssuer": "acme",\n'
    '    "Secret": "Gm8~xQ3pZ7.vL2kR9tW4nH6jD1sF5aE0"\n  },\n'
    '  "TokenOptions": {"SecurityKey": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b", "ExpiryMinutes": 30},\n'
    '  "Authentication": {\n    "JwtBearer": {\n'
    '      "IssuerSigningKey": "Wz7Q2pLm9Xk4RtVb8Nc3Hj6Fd1Sa5GeP"\n    }\n  }\n}\n'
)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("src/Orders.Api/appsettings.json", APPSETTINGS, {KEY}),
        (
            "appsettings.Production.json",
            OPTIONS,
            {
                "Gm8~xQ3pZ7.vL2kR9tW4nH6jD1sF5aE0",
                "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b",
                "Wz7Q2pLm9Xk4RtVb8Nc3Hj6Fd1Sa5GeP",
            },
        ),
        ("config/application.yml", f"server:\n  port: 8080\njwt:\n  issuer: orders\n  key: {KEY}\n", {KEY}),
        ("deploy/app.env", f"Jwt__Key={KEY}\nJwt__Issuer=https://orders.acme.io\n", {KEY}),
        ("scripts/setup.sh", f'dotnet user-secrets set "Jwt:Key" "{KEY}"\n', {KEY}),
    ],
    ids=["appsettings-jwt-key", "options-objects", "yaml", "env-flattened", "user-secrets"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_jwt_signing_keys(tmp_path: Path, name: str, content: str, expected: set[str], engine: str) -> None:
    found = findings(tmp_path, name, content, engine)
    jwt = by_rule(found, "aspnet-jwt-signing-key") | by_rule(found, "aspnet-jwt-key-setting")
    assert {secret for _line, secret in jwt} == expected
    for secret in expected:  # at their own lines
        assert (line_of(content, secret), secret) in {(line, s) for _r, line, s in found}


@pytest.mark.parametrize(
    "content",
    [
        '{\n  "Jwt": {\n    "Issuer": "acme",\n    "Key": ""\n  }\n}\n',
        '{\n  "Jwt": {\n    "Key": "#{JwtKey}#"\n  }\n}\n',
        '{\n  "Jwt": {\n    "Key": "__JWT_KEY__"\n  }\n}\n',
        '{\n  "Jwt": {\n    "Key": "your-secret-key-here"\n  }\n}\n',
        '{\n  "Jwt": {\n    "Issuer": "acme"\n  },\n'
        '  "Cache": {\n    "Key": "Wz7Q2pLm9Xk4RtVb8Nc3Hj6Fd1Sa5GeP"\n  }\n}\n',
        'var key = builder.Configuration["Jwt:Key"];\n',
    ],
    ids=["empty", "octopus-token", "replace-token", "placeholder", "other-object", "code-lookup"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_jwt_signing_key(tmp_path: Path, content: str, engine: str) -> None:
    found = findings(tmp_path, "appsettings.json", content, engine)
    assert by_rule(found, "aspnet-jwt-signing-key") | by_rule(found, "aspnet-jwt-key-setting") == set()


MASTER_KEY = "7c1f3e9d0a5b4c2e8f6a1d3b9e0c7a54"


@pytest.mark.parametrize("name", ["config/master.key", "config/credentials/production.key", "master.key"])
@pytest.mark.parametrize("newline", ["", "\n"])
@pytest.mark.parametrize("engine", ENGINES)
def test_rails_master_key(tmp_path: Path, name: str, newline: str, engine: str) -> None:
    found = findings(tmp_path, name, MASTER_KEY + newline, engine)
    assert by_rule(found, "rails-master-key") == {(1, MASTER_KEY)}


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("checksums/release.md5", MASTER_KEY + "\n"),  # a checksum alone in a file is not a key
        ("config/master.key", MASTER_KEY + "\n" + MASTER_KEY + "\n"),
        ("config/master.key", "0" * 32 + "\n"),
        ("config/credentials/production.key", "<%= ENV['RAILS_MASTER_KEY'] %>\n"),
    ],
    ids=["checksum", "two-lines", "zeros", "template"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_rails_master_key(tmp_path: Path, name: str, content: str, engine: str) -> None:
    assert by_rule(findings(tmp_path, name, content, engine), "rails-master-key") == set()


class _Reading(bytes):
    """Bytes that count what backward searches and single-byte reads look at."""

    looked = 0

    def rfind(self, sub: bytes, start: int = 0, end: int | None = None) -> int:  # type: ignore[override]
        stop = len(self) if end is None else end
        type(self).looked += max(0, stop - start)
        return super().rfind(sub, start, stop)

    def __getitem__(self, index):  # type: ignore[no-untyped-def]
        type(self).looked += 1
        return super().__getitem__(index)


def test_a_one_line_settings_file_is_read_a_few_bytes_per_keyword() -> None:
    """Minified JSON: one line, a JWT-like name in every record. Looking for each name's line start
    read the line back to its start every time (quadratic in the line's length)."""
    from seawall.secrets.rules import builtin_rules

    rule = next(r for r in builtin_rules() if r.id == "aspnet-jwt-signing-key")
    assert rule.extract is not None
    records = [f'{{"id": {i}, "token_type": "bearer", "key": "k{i}"}}' for i in range(3000)]
    nested = f'{{"Jwt": {{"Issuer": "acme", "Key": "{KEY}"}}}}'
    data = _Reading(("[" + ",".join([*records, nested]) + "]").encode())
    _Reading.looked = 0
    found = list(rule.extract(data, "users.json"))
    assert [data[f.start : f.end].decode() for f in found] == [KEY]
    assert _Reading.looked < 100 * len(records), "work per keyword grows with the line"


def test_the_settings_rule_is_tried_only_where_a_settings_block_opens() -> None:
    """ "bearer" all over a bundle opens no JWT settings object: Hyperscan leaves the rule out (it read
    the whole bundle six times for nothing); where one opens, JSON or YAML, the rule is tried."""
    from seawall.secrets.engines import HyperscanEngine, hyperscan_available
    from seawall.secrets.rules import builtin_rules

    if not hyperscan_available():
        pytest.skip("the hyperscan package is not installed")
    rules = builtin_rules()
    engine = HyperscanEngine(rules)
    rule = next(r for r in rules if r.id == "aspnet-jwt-signing-key")
    bundle = b'headers:{Authorization:"Bearer "+t},jwtDecode(e),signingKey:k,' * 500
    assert rule not in engine.candidates(bundle)[0]
    for opened in (APPSETTINGS, OPTIONS, "auth:\n  jwt_settings:\n    key: " + KEY + "\n"):
        assert rule in engine.candidates(bundle + opened.encode())[0], opened
