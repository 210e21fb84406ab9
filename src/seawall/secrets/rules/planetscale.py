"""PlanetScale service tokens (pscale_tkn_), database passwords (pscale_pw_) and OAuth tokens (pscale_oauth_)."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule

_KINDS = (
    (
        "tkn",
        "planetscale-service-token",
        "PlanetScale service token",
        "vY_vSXVE5xo5vWiBHWgFzFJwBlgNNZTbZ6ByHB1Pu8t",
    ),
    (
        "pw",
        "planetscale-password",
        "PlanetScale database password",
        "Eb21O_3NAuFHngWk2JzMVTbHzfXd2S24eniHEAN2cId",
    ),
    (
        "oauth",
        "planetscale-oauth-token",
        "PlanetScale OAuth token",
        "HYrYzI6Jr_Enu9RCAs7EZ3tm8bOwv4I94Dq1MhxhT9n",
    ),
)

RULES = tuple(
    token_rule(
        rule_id,
        title,
        rf"(?<![A-Za-z0-9_])(?P<secret>pscale_{kind}_[A-Za-z0-9_.=-]{{32,64}})(?![A-Za-z0-9_.=-])",
        (f"pscale_{kind}_",),
        examples=(
            f"PLANETSCALE_SECRET=pscale_{kind}_{sample}",
            f"DATABASE_URL=mysql://app:pscale_{kind}_{sample}@aws.connect.psdb.cloud/shop?sslaccept=strict"
            if kind == "pw"
            else f"pscale auth login --service-token pscale_{kind}_{sample}",
        ),
        counter_examples=(
            f"PLANETSCALE_SECRET=pscale_{kind}_{sample[:12]}",
            f"PLANETSCALE_SECRET=pscale_{kind}_...",
        ),
        remediation=(
            "Delete the service token / password in the PlanetScale dashboard (Settings > Service tokens, or "
            "the branch's Passwords page), create a replacement with the least access, and keep it in a "
            "secrets manager."
        ),
        references=(
            "https://planetscale.com/docs/concepts/service-tokens",
            "https://planetscale.com/docs/concepts/connection-strings",
        ),
        severity=Severity.CRITICAL if kind == "pw" else Severity.HIGH,
        min_entropy=3.5,
    )
    for kind, rule_id, title, sample in _KINDS
)
