"""Names as values (issue 9, noise on a real bundle): an AWS SDK paginator's ``result_key:
"Ipv6CidrAssociations"`` was taken for a key because a digit made it look random. Names whose words are
joined in camelCase or PascalCase with a version's digits (``Ipv6``, ``Oauth2``, ``S3``, ``Base64``) are
names, under any name ending in ``Key``; random keys with digits of the same lengths are still keys."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from seawall.secrets.wordclasses import identifier_shaped
from tests.secrets.test_generic_classes import _found

NAMES = (
    "Ipv6CidrAssociations",
    "Oauth2ClientCredentials",
    "Base64UrlEncodedValue",
    "Route53ResolverEndpoints",
    "getUint8ArrayFromBuffer",
    "Sha256DigestAlgorithm",
    "AwsEc2LaunchTemplateDataDetails",
    "Ipv6AddressesPerInterface",
    "Float64ArrayConstructor",
    "createReadStream2",
    "MaxResults_ForIpv6Pools",
)
TEMPLATES = (
    ("dist/bundle.min.js", '{{name:"DescribeVpcs",input_token:"NextToken",result_key:"{s}"}}\n'),
    ("src/Partner.java", '    private static final String partnerKey = "{s}";\n'),
    ("config/app.yml", "paginator:\n  result_key: {s}\n"),
)


@pytest.mark.parametrize("value", NAMES)
@pytest.mark.parametrize(("name", "template"), TEMPLATES)
def test_a_name_with_digits_is_no_key(tmp_path: Path, name: str, template: str, value: str) -> None:
    assert _found(tmp_path, name, template.format(s=value)) == []


def _key(rng: random.Random, size: int) -> str:
    chars = [rng.choice(string.ascii_letters + string.digits) for _ in range(size)]
    chars[rng.randrange(1, size - 1)] = rng.choice(string.digits)
    return "".join(chars)


# Fixed draws, so the test cannot flake: random letters and digits are almost never made of names' words.
KEYS = tuple(_key(random.Random(seed), 16 + seed % 25) for seed in range(40))  # noqa: S311


@pytest.mark.parametrize("key", KEYS[:8])
@pytest.mark.parametrize(("name", "template"), TEMPLATES)
def test_a_random_key_with_digits_is_still_found(tmp_path: Path, name: str, template: str, key: str) -> None:
    assert key in [s for _, s in _found(tmp_path, name, template.format(s=key))]


def test_names_are_told_from_random_keys() -> None:
    rng = random.Random(2026)  # noqa: S311 (reproducible draws, not secrets)
    keys = [_key(rng, 16 + n % 25) for n in range(20_000)]
    assert [k for k in keys if identifier_shaped(k)] == []
    assert all(identifier_shaped(name) for name in NAMES)
    # Single-case text, hex and scraps after a digit are not names' words.
    assert not any(
        identifier_shaped(v) for v in ("ipv6cidrassociations", "F3C1F7718512266CFFBB", "Xk9mQ2vLpz7Wn2Rt")
    )
