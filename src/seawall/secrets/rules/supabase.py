"""Supabase credentials: personal access tokens (sbp_), secret API keys (sb_secret_) and the legacy
service_role JWT. The anon / publishable keys are public by design and are not reported."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule
from seawall.secrets.rules.jwt import JWT_PATTERN, jwt_payload
from seawall.secrets.validators import jwt_ok

_REFS = ("https://supabase.com/docs/guides/api/api-keys",)
# The default secret key printed by `supabase start` for every local development stack.
_LOCAL_DEV_SECRET = "sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz"


def _service_role_ok(token: str) -> bool:
    payload = jwt_payload(token)
    return (
        jwt_ok(token)
        and payload is not None
        and payload.get("iss") == "supabase"
        and payload.get("role") == "service_role"
        and payload.get("ref") is not None  # local `supabase start` keys have iss supabase-demo and no ref
    )


RULES = (
    token_rule(
        "supabase-access-token",
        "Supabase personal access token",
        r"(?<![A-Za-z0-9_])(?P<secret>sbp_[a-f0-9]{40})(?![A-Za-z0-9_])",
        ("sbp_",),
        description="A Supabase Management API personal access token; it controls every project of the account.",
        examples=(
            "SUPABASE_ACCESS_TOKEN=sbp_7d3b154900452501e0b2dad47617520d7b41701c",
            "supabase login --token sbp_9d9a09dcabdd18eac11d2be479d9601219206c49",
        ),
        counter_examples=(
            "SUPABASE_ACCESS_TOKEN=sbp_0102...1920",
            "SUPABASE_ACCESS_TOKEN=sbp_7d3b154900452501e0b2",
        ),
        remediation=(
            "Revoke the token at https://supabase.com/dashboard/account/tokens, create a new one with an "
            "expiry, and keep it in your CI secret store."
        ),
        references=("https://supabase.com/docs/reference/api/introduction",),
        severity=Severity.CRITICAL,
    ),
    token_rule(
        "supabase-secret-key",
        "Supabase secret API key",
        r"(?<![A-Za-z0-9_])(?P<secret>sb_secret_[A-Za-z0-9_-]{22}_[A-Za-z0-9]{8})(?![A-Za-z0-9_-])",
        ("sb_secret_",),
        description="A Supabase secret API key (sb_secret_); it bypasses Row Level Security.",
        examples=(
            "SUPABASE_SECRET_KEY=sb_secret_uTZwKXkQytul2juPYJ-tfy_BcsA3vRk",
            "const supabase = createClient(url, 'sb_secret_uTZwKXkQytul2juPYJ-tfy_BcsA3vRk')",
        ),
        counter_examples=(
            f"SUPABASE_SECRET_KEY={_LOCAL_DEV_SECRET}",  # the public local-development default
            "SUPABASE_SECRET_KEY=sb_secret_abc",
        ),
        remediation=(
            "Delete the key in the dashboard (Project Settings > API Keys > Secret keys), create a new one, "
            "and keep it server-side in environment variables or a secrets manager."
        ),
        references=_REFS,
        severity=Severity.CRITICAL,
        validator=lambda key: key != _LOCAL_DEV_SECRET,
    ),
    token_rule(
        "supabase-service-role-key",
        "Supabase service_role key (legacy JWT)",
        JWT_PATTERN,
        ("eyj",),
        description="A Supabase service_role JWT; it bypasses Row Level Security for the whole project.",
        examples=(
            "SUPABASE_SERVICE_ROLE_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6InF3a"
            "GRrcm52eHpwbG10YnN5Y2dhIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTczNTY4OTYwMCwiZXhwIjoyMDUxMjY1NjAw"
            "fQ.GdK9UmNSJoWGNNigG64-2I56ve2-FzW4yG1R_9zF250",
            "const admin = createClient(SUPABASE_URL, 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFz"
            "ZSIsInJlZiI6InF3aGRrcm52eHpwbG10YnN5Y2dhIiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTczNTY4OTYwMCwiZXhw"
            "IjoyMDUxMjY1NjAwfQ.GdK9UmNSJoWGNNigG64-2I56ve2-FzW4yG1R_9zF250')",
        ),
        counter_examples=(
            # The anon key is meant to be public.
            "NEXT_PUBLIC_SUPABASE_ANON_KEY=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6"
            "InF3aGRrcm52eHpwbG10YnN5Y2dhIiwicm9sZSI6ImFub24iLCJpYXQiOjE3MzU2ODk2MDAsImV4cCI6MjA1MTI2NTYwMH0.nokb"
            "YNAEG2E078KYrB1Z7I7qFnOfbZTFzKpYtXENheA",
            "SUPABASE_SERVICE_ROLE_KEY=${SUPABASE_SERVICE_ROLE_KEY}",
        ),
        remediation=(
            "Rotate the project's JWT secret (or migrate to sb_secret_ keys and disable the legacy keys) in "
            "Project Settings > API, and keep the key server-side only."
        ),
        references=_REFS,
        severity=Severity.CRITICAL,
        validator=_service_role_ok,
    ),
)
