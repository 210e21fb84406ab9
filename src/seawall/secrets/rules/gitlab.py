"""GitLab tokens. Every kind GitLab issues carries a documented prefix (``glpat-``, ``glrt-``...).

Legacy tokens are the prefix and 20 URL-safe characters (some kinds are longer). Since GitLab 17.x
tokens can be *routable*: the prefix, a base64url payload, then ``.<2-digit version>.`` and 9 base36
characters (payload length and CRC32).
"""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REVOKE = (
    "Revoke the token in GitLab (User settings > Access tokens, or the project/group/runner settings page "
    "that created it; administrators can also use the token revocation API), issue a new one with the "
    "least scopes and shortest expiry needed, and keep it in a CI/CD masked variable or a secrets manager."
)
_REFS = (
    "https://docs.gitlab.com/security/tokens/",
    "https://docs.gitlab.com/security/tokens/#token-prefixes",
)
_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"

# (prefix, rule id, title, body regex, example body, severity)
_KINDS: tuple[tuple[str, str, str, str, str, Severity], ...] = (
    (
        "glpat-",
        "gitlab-pat",
        "GitLab personal, project or group access token",
        r"[A-Za-z0-9_\-]{20}",
        "s-JPeodizBYAMDjU2Eqc",
        Severity.CRITICAL,
    ),
    (
        "gldt-",
        "gitlab-deploy-token",
        "GitLab deploy token",
        r"[A-Za-z0-9_\-]{20}",
        "KrbtNSJNAANbpkYmsDj1",
        Severity.HIGH,
    ),
    (
        "glrt-",
        "gitlab-runner-token",
        "GitLab runner authentication token",
        r"(?:t[0-9]_)?[A-Za-z0-9_\-]{20}",
        "t1_sBiiW2vQEfx22VHp__hj",
        Severity.HIGH,
    ),
    (
        "glcbt-",
        "gitlab-ci-job-token",
        "GitLab CI/CD job token",
        r"(?:[0-9a-f]{1,5}_)?[A-Za-z0-9_\-]{20}",
        "64_CdS39MnL4TT1fcPUgmFq",
        Severity.MEDIUM,
    ),
    (
        "glptt-",
        "gitlab-pipeline-trigger-token",
        "GitLab pipeline trigger token",
        r"[0-9a-f]{40}",
        "d93e854b16abbf1ead4455cd45cd410553089520",
        Severity.HIGH,
    ),
    (
        "gloas-",
        "gitlab-oauth-app-secret",
        "GitLab OAuth application secret",
        r"[0-9a-f]{64}",
        "7a8a912c662406fe46174ef68a218b53b74569a564608057112eea001f832958",
        Severity.HIGH,
    ),
    (
        "glimt-",
        "gitlab-incoming-mail-token",
        "GitLab incoming email token",
        r"[A-Za-z0-9_\-]{25}",
        "K18985IL94yxa1-rT_FGPGvyV",
        Severity.MEDIUM,
    ),
    (
        "glsoat-",
        "gitlab-scim-token",
        "GitLab SCIM OAuth token",
        r"[A-Za-z0-9_\-]{20}",
        "jjzk-od4Fg50ZZg7vn08",
        Severity.HIGH,
    ),
    (
        "glffct-",
        "gitlab-feature-flag-client-token",
        "GitLab feature flags client token",
        r"[A-Za-z0-9_\-]{20}",
        "6D3YZsURd3clIjYVfCvA",
        Severity.MEDIUM,
    ),
    (
        "glft-",
        "gitlab-feed-token",
        "GitLab feed token",
        r"[A-Za-z0-9_\-]{20}",
        "ug7D3Pxpp1mUxlZZqlB2",
        Severity.MEDIUM,
    ),
    (
        "glagent-",
        "gitlab-agent-token",
        "GitLab agent for Kubernetes token",
        r"[A-Za-z0-9_\-]{50}",
        "iUyQVUnVgNPf9-hZFFyUAM5o9FEGcFl_d9fi1ize37ZKW3CSL1",
        Severity.CRITICAL,
    ),
    (
        "glwt-",
        "gitlab-workspace-token",
        "GitLab workspace token",
        r"[A-Za-z0-9_\-]{20}",
        "3hrSWktBeE22m9jtRbcx",
        Severity.MEDIUM,
    ),
)


def _counter(prefix: str, body: str) -> tuple[str, ...]:
    return (
        f'token = "{prefix}{body[:12]}"  # truncated',
        f"{prefix.upper().rstrip('-')}_TOKEN=${{{prefix.upper().rstrip('-')}_TOKEN}}",
    )


_PREFIXED = tuple(
    token_rule(
        rule_id,
        title,
        rf"{_B}(?P<secret>{prefix}{body}){_E}",
        (prefix,),
        examples=(f'token = "{prefix}{sample}"', f"export GITLAB_TOKEN={prefix}{sample}"),
        counter_examples=_counter(prefix, sample),
        remediation=_REVOKE,
        references=_REFS,
        severity=severity,
        tags=("gitlab",),
    )
    for prefix, rule_id, title, body, sample, severity in _KINDS
)

_ROUTABLE_PREFIXES = ("glpat-", "gldt-", "glrt-", "glrtr-", "glcbt-", "glft-", "glimt-", "gloas-", "glwt-")

RULES: tuple[Rule, ...] = (
    *_PREFIXED,
    token_rule(
        "gitlab-routable-token",
        "GitLab routable token",
        _B
        + r"(?P<secret>gl(?:pat|dt|rtr?|cbt|ft|imt|oas|wt)-(?:t[0-9]_)?[A-Za-z0-9_\-]{27,300}"
        + r"\.[0-9]{2}\.[0-9a-z]{9})"
        + _E,
        _ROUTABLE_PREFIXES,
        examples=(
            'GITLAB_TOKEN="glpat-wx-4ECENkyRTM7bkIZ-U8G8hXF1kQqu9hFqesATJD-_XNz9l.01.xdszwhmg0"',
            "  --token glrt-t2_lOixpqDVm-K6dxYUFtsnYUcQd9yvPoVMsrLJ7HZg.01.eu0n0e0mu \\",
        ),
        counter_examples=(
            "GITLAB_TOKEN=glpat-3NBlMu5ngTFe.01.btvgv1rxf",
            'version = "glpat-format.01.abc"',
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        min_entropy=3.5,
        tags=("gitlab",),
    ),
    token_rule(
        "gitlab-runner-registration-token",
        "GitLab runner registration token (legacy)",
        _B + r"(?P<secret>GR1348941[A-Za-z0-9_\-]{20})" + _E,
        ("gr1348941",),
        examples=(
            '  --registration-token "GR13489419DwAlPBrvGQKUMWeDZEE" \\',
            "RUNNER_REGISTRATION_TOKEN=GR1348941YAzH5MJKbSBT_zqbDJHg",
        ),
        counter_examples=(
            "RUNNER_REGISTRATION_TOKEN=GR1348941Imamq_lKYM",
            "RUNNER_REGISTRATION_TOKEN=$GR1348941_TOKEN",
        ),
        remediation=(
            "Reset the registration token (project or group Settings > CI/CD > Runners), migrate to the "
            "runner creation workflow with glrt- authentication tokens, and keep tokens in masked variables."
        ),
        references=(*_REFS, "https://docs.gitlab.com/ci/runners/new_creation_workflow/"),
        severity=Severity.HIGH,
        tags=("gitlab",),
    ),
    token_rule(
        "gitlab-session-cookie",
        "GitLab session cookie",
        r"_gitlab_session=(?P<secret>[0-9a-f]{32})(?![0-9A-Za-z])",
        ("_gitlab_session=",),
        examples=(
            'curl -H "Cookie: _gitlab_session=132c8a4872529f34ef735665a0c19c5b" https://gitlab.corp.local/api/v4/user',
            "cookies = {'_gitlab_session=a98bc10da939ef6726af491bcfcc68ac'}",
        ),
        counter_examples=(
            'curl -H "Cookie: _gitlab_session=$SESSION"',
            "Cookie: _gitlab_session=c8c42d719d76ec78",
        ),
        remediation=(
            "Sign out of every session of that user (Profile > Active sessions > Revoke), change the "
            "password if the cookie was exported deliberately, and never commit browser cookies."
        ),
        references=("https://docs.gitlab.com/user/profile/active_sessions/",),
        severity=Severity.HIGH,
        tags=("gitlab",),
    ),
)
