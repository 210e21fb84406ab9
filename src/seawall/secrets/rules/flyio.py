"""Fly.io macaroon tokens ("FlyV1 fm2_..."), as printed by `fly tokens create`."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_MACAROON = r"fm[12][ar]?_[A-Za-z0-9+/=_-]{60,}"

_RULES = (
    token_rule(
        "flyio-access-token",
        "Fly.io access token",
        rf"(?:FlyV1[ ]|(?i:fly[\w-]{{0,20}}token)[\"']?[ \t]*[:=][ \t]*[\"']?)"
        rf"(?P<secret>{_MACAROON}(?:,{_MACAROON}){{0,8}})(?![A-Za-z0-9+/=_-])",
        ("flyv1", "fly"),
        description="A Fly.io macaroon token (deploy, org or personal); it can deploy and manage apps.",
        examples=(
            'FLY_API_TOKEN="FlyV1 fm2_lJPECAAAAAAACf0htqtWivDLYKzRak330HO+09meAuaV0QAGGqQuWSvVhvqA9Z63CMm87hcI9IIP'
            "SHWxFMj2VHidwte1NxYYmzFO3hJN82w0D0NuYOi9v+RqYKVDd0XL/4bqSzmDNcEMSpE1G2x92lip4WIt2v1iBjLnAUXVJ9PCWOAC2A"
            '8iOEld/QrdOqCOT"',
            "FLY_API_TOKEN: fm2_lJPECAAAAAAACf0htqtWivDLYKzRak330HO+09meAuaV0QAGGqQuWSvVhvqA9Z63CMm87hcI9IIPSHWxFMj"
            "2VHidwte1NxYYmzFO3hJN82w0D0NuYOi9v",
        ),
        counter_examples=('FLY_API_TOKEN="FlyV1 fm2_..."', "Authorization: FlyV1 fm2_super-secret-token"),
        remediation=(
            "Revoke the token (`fly tokens revoke <id>` or the dashboard's Tokens page), create a narrowly "
            "scoped deploy token with an expiry, and store it as a CI secret."
        ),
        references=("https://fly.io/docs/security/tokens/",),
        severity=Severity.HIGH,
        min_entropy=4.0,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword. The token's pattern
# starts with a keyword ("FlyV1 ", "fly...token"): it is tried once where each occurrence starts, so a
# long line (a base64 blob with "fly" in it by chance) costs per occurrence, not per byte.
_LINE_SCOPED = frozenset({"flyio-access-token"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True, anchored=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
