"""Package registries: npm, PyPI, Docker Hub, RubyGems, NuGet, Clojars, crates.io, JFrog Artifactory."""

from __future__ import annotations

import base64
import binascii

from seawall.model import Confidence, Severity
from seawall.secrets.rules.base import Rule, token_rule
from seawall.secrets.validators import crc32_base62_ok, pypi_token_ok

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"


def _npm_token_ok(token: str) -> bool:
    return crc32_base62_ok(token, 4)


def _docker_auth_ok(value: str) -> bool:
    """A registry ``auth`` entry is base64 of ``user:password``, both non-empty and printable."""
    try:
        raw = base64.b64decode(value, validate=True)
        text = raw.decode("ascii")
    except (binascii.Error, ValueError):
        return False
    user, sep, password = text.partition(":")
    if not sep or not user or len(password) < 4:
        return False
    return text.isprintable() and not any(c.isspace() for c in text)


_NPM_REVOKE = (
    "Revoke the token on npmjs.com (Access Tokens page, or `npm token revoke <id>`), create a granular "
    "token with the fewest packages and shortest expiry needed, and inject it from a CI secret as "
    "${NPM_TOKEN} rather than committing it."
)
_PYPI_REVOKE = (
    "Remove the token on PyPI (Account settings > API tokens), prefer Trusted Publishing (OIDC) from CI, "
    "or store a project-scoped token as a CI secret."
)
_DOCKER_REVOKE = (
    "Delete the token on Docker Hub (Account settings > Personal access tokens, or the organization's "
    "Access tokens page), create a new one with read-only scope where possible and keep it in a CI secret "
    "or a credential helper."
)

RULES: tuple[Rule, ...] = (
    token_rule(
        "npm-access-token",
        "npm access token",
        _B + r"(?P<secret>npm_[A-Za-z0-9]{36})" + _E,
        ("npm_",),
        examples=(
            "//registry.npmjs.org/:_authToken=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",
            'NPM_TOKEN="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"',
        ),
        counter_examples=(
            # Checksum broken: last character changed.
            'NPM_TOKEN="npm_WRFhRWrBldrX4GX6Hj6Zf7MamUrx691zTUKy"',
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
        ),
        remediation=_NPM_REVOKE,
        references=(
            "https://docs.npmjs.com/about-access-tokens",
            "https://github.blog/2021-09-23-announcing-npms-new-access-token-format/",
        ),
        severity=Severity.CRITICAL,
        validator=_npm_token_ok,
        tags=("npm", "package-registry"),
    ),
    token_rule(
        "npmrc-auth-token",
        "Registry auth token in an .npmrc",
        r"(?<![A-Za-z0-9])//[A-Za-z0-9.\-]+(?::[0-9]+)?(?:/[^\s:=]{0,255})?/?:_authToken[ \t]*=[ \t]*[\"']?"
        r"(?P<secret>(?!npm_|gh[pousr]_|glpat-)[A-Za-z0-9_.+/=\-]{20,400})(?![A-Za-z0-9_.+/=\-])",
        ("_authtoken",),
        examples=(
            "//registry.npmjs.org/:_authToken=36523668-4c72-d580-993c-33ea75466627",
            "//artifactory.corp.internal/artifactory/api/npm/npm-virtual/:_authToken=FtIonhSigzP6sDoJlfSN3NY_Jm0bWu2qWnC5a3D1rZa1Wb9_1HHMJ5tMTx368A0a",
        ),
        counter_examples=(
            "//registry.npmjs.org/:_authToken=${NPM_TOKEN}",
            "//npm.pkg.github.com/:_authToken=$GITHUB_TOKEN",
        ),
        remediation=(
            "Revoke the token at the registry that issued it, then reference it from the environment in "
            ".npmrc (`//host/:_authToken=${NPM_TOKEN}`) and keep the value in a CI secret."
        ),
        references=("https://docs.npmjs.com/cli/configuring-npm/npmrc#auth-related-configuration",),
        severity=Severity.HIGH,
        min_entropy=3.0,
        tags=("npm", "package-registry"),
    ),
    token_rule(
        "pypi-api-token",
        "PyPI API token",
        _B + r"(?P<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,1000})" + _E,
        ("pypi-ageichlwas5vcmc",),
        examples=(
            "TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcCJ8MjLI07IsM7_n1FmgVaJpnq14iQEN7O_hLhlUtbqt-FIOU6Skf0BAF1pC8qXCR3LiajPJNq18uS-6PW78YgJoUvAWSn654PdeyrYmb_RakwkbIeK6G2iN7Y2yS5tiG-VAzMO9rGH7bSh-mw0aC0b0rcWy0GlqpKF",
            "[pypi]\n  username = __token__\n  password = pypi-AgEIcHlwaS5vcmcCJqgnICGn74zkgzmzIOPpBWne2zPcw4IITNGUdAcsgHf9EhQRykr5yQugIRU_0vAIIjCQWiRg9SJLoh2A01318Lxe2daYOjJOnJGIw6dW5eR0hmuInrhao7MEtfJITijiWe9aATDXiPtozJA7clssRqd",
        ),
        counter_examples=("TWINE_PASSWORD=pypi-AgEIcHlwaS5vcmcX7ZHAZE1sB", "TWINE_PASSWORD=${PYPI_TOKEN}"),
        remediation=_PYPI_REVOKE,
        references=("https://pypi.org/help/#apitoken", "https://docs.pypi.org/trusted-publishers/"),
        severity=Severity.CRITICAL,
        validator=pypi_token_ok,
        tags=("pypi", "package-registry"),
    ),
    token_rule(
        "testpypi-api-token",
        "TestPyPI API token",
        _B + r"(?P<secret>pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9_\-]{50,1000})" + _E,
        ("pypi-agendgvzdc5wexbplm9yzw",),
        examples=(
            "TEST_PYPI_TOKEN=pypi-AgENdGVzdC5weXBpLm9yZwIkddWLl7IaNodmVFVgjx1y2Cs-Fv2FYWheBKEfH3KKqH81hd-qc5TdCEpzMiX27s-QxJ-Ke8GFoiioFKh9AQ4WYrSA95bstZ-i2sGyiItf2peaQbPxRDSsF9Bq1FwALanVgjnRSqJsxiVx4-dpQ4WIAu",
            "password: pypi-AgENdGVzdC5weXBpLm9yZwIkT3dKHoBiaxJ38GLFKZPXqzWqOiQHltqV-HQcmeNVkE8hw9MqFOuV50hZs1RtYPrHdzcmaB2WnOg4JbTGqoe19f_8F9Rt5X8adpDDjjwAFOwUkRprlbiHJIR1cJkKyC4Vu_wLqa1lIH-L",
        ),
        counter_examples=(
            "password: pypi-AgENdGVzdC5weXBpLm9yZwhxRsO_Z0COfh",
            "password: ${{ secrets.TEST_PYPI }}",
        ),
        remediation=_PYPI_REVOKE.replace("PyPI", "TestPyPI"),
        references=("https://test.pypi.org/help/#apitoken",),
        severity=Severity.MEDIUM,
        validator=pypi_token_ok,
        tags=("pypi", "package-registry"),
    ),
    token_rule(
        "dockerhub-pat",
        "Docker Hub personal access token",
        _B + r"(?P<secret>dckr_pat_[A-Za-z0-9_\-]{27})" + _E,
        ("dckr_pat_",),
        examples=(
            "echo dckr_pat_Fn2AKUG7OvpThN5mo4G4S05KUDz | docker login -u builder --password-stdin",
            'DOCKERHUB_TOKEN="dckr_pat_NXZVb3qguOr2ztl9ncJtqpyKaoU"',
        ),
        counter_examples=('DOCKERHUB_TOKEN="dckr_pat_kz_vbjSRQs5o"', 'DOCKERHUB_TOKEN="dckr_pat_..."'),
        remediation=_DOCKER_REVOKE,
        references=("https://docs.docker.com/security/for-developers/access-tokens/",),
        severity=Severity.HIGH,
        tags=("docker", "package-registry"),
    ),
    token_rule(
        "dockerhub-oat",
        "Docker Hub organization access token",
        _B + r"(?P<secret>dckr_oat_[A-Za-z0-9_\-]{32})" + _E,
        ("dckr_oat_",),
        examples=(
            'DOCKERHUB_TOKEN="dckr_oat_NRxhSmDarEnZwq0ea4_41aHSMv2pUHTV"',
            "  password: dckr_oat_eC_EGkUNPO-ruSnjYToPS1MTjTUxjy9L",
        ),
        counter_examples=(
            'DOCKERHUB_TOKEN="dckr_oat_8LHgR7EY5h9WCHw6"',
            "DOCKERHUB_TOKEN=dckr_oat_${SUFFIX}",
        ),
        remediation=_DOCKER_REVOKE,
        references=("https://docs.docker.com/security/for-admins/access-tokens/",),
        severity=Severity.HIGH,
        tags=("docker", "package-registry"),
    ),
    token_rule(
        "docker-config-auth",
        "Registry credentials in a Docker config.json",
        r"\"auth\"[ \t]*:[ \t]*\"(?P<secret>[A-Za-z0-9+/]{12,400}={0,2})\"",
        ('"auth"',),
        examples=(
            '{"auths": {"https://index.docker.io/v1/": {"auth": "Y2ktZGVwbG95ZXI6VnE4MlV0YmFBNGh5b0MzRDk1OEU="}}}',
            '      "auth": "b2N0b2J1aWxkOmt2VW1pVWYyMThQUW5HRkZLcTRpc3d6Tw=="',
        ),
        counter_examples=(
            '      "auth": "YnVpbGRlcjo="',
            '      "auth": "c29tZXRoaW5nIHdpdGhvdXQgYSBjb2xvbg=="',
        ),
        remediation=(
            "Change the registry password or revoke the token it encodes, run `docker logout`, and use a "
            "credential helper (credsStore) instead of committing config.json."
        ),
        references=("https://docs.docker.com/reference/cli/docker/login/#credential-stores",),
        severity=Severity.HIGH,
        validator=_docker_auth_ok,
        tags=("docker", "package-registry"),
    ),
    token_rule(
        "rubygems-api-key",
        "RubyGems API key",
        _B + r"(?P<secret>rubygems_[0-9a-f]{48})" + _E,
        ("rubygems_",),
        examples=(
            "GEM_HOST_API_KEY=rubygems_5a80a9b94005cf17ef9064d26dbfd70ddc130ad31571aac9",
            "---\n:rubygems_api_key: rubygems_5e7ac312c43aab2bc18fbcb865331e9508ecf527247f9394",
        ),
        counter_examples=(
            "GEM_HOST_API_KEY=rubygems_7be18dc7f846671c8f92",
            "GEM_HOST_API_KEY=rubygems_${KEY}",
        ),
        remediation=(
            "Delete the key on rubygems.org (Settings > API keys), create a scoped key (ideally per gem, "
            "with MFA) or use trusted publishing, and keep it in a CI secret."
        ),
        references=("https://guides.rubygems.org/api-key-scopes/",),
        severity=Severity.CRITICAL,
        tags=("rubygems", "package-registry"),
    ),
    token_rule(
        "nuget-api-key",
        "NuGet API key",
        _B + r"(?P<secret>oy2[a-z0-9]{43})" + _E,
        ("oy2",),
        examples=(
            "dotnet nuget push pkg.nupkg --api-key oy2paqk6ylu4h2isg3o60da3gr68ubpig27npz57ypqagb --source https://api.nuget.org/v3/index.json",
            "NUGET_API_KEY=oy2paw1ltt3x3w1gb7c5y5ha3wvi4hxar1ro285sag1uuj",
        ),
        counter_examples=("NUGET_API_KEY=oy2bzxha4fs2ogt0fcgn4en", "NUGET_API_KEY=$(NuGetApiKey)"),
        remediation=(
            "Delete or regenerate the key on nuget.org (API Keys page), scope new keys to specific packages "
            "and a short expiry, and keep them in a CI secret."
        ),
        references=("https://learn.microsoft.com/en-us/nuget/nuget-org/scoped-api-keys",),
        severity=Severity.HIGH,
        min_entropy=3.5,
        tags=("nuget", "package-registry"),
    ),
    token_rule(
        "clojars-deploy-token",
        "Clojars deploy token",
        _B + r"(?P<secret>CLOJARS_[a-z0-9]{60})" + _E,
        ("clojars_",),
        examples=(
            'CLOJARS_PASSWORD="CLOJARS_9urzj5qrl210szk2nk8sz25tbd5equwn4dclx9uxbbrl1hxwcf7cpnnl1mvu"',
            ':password "CLOJARS_d6g6nx5e67o9v38j1th9v06hnaddgbgy3t9vanbu3h1b9d49a06r9p25zlk9"',
        ),
        counter_examples=('CLOJARS_PASSWORD="CLOJARS_oy2ws04gy1hh479b9n3a"', "CLOJARS_USERNAME=builder"),
        remediation=(
            "Disable the token on clojars.org (Deploy Tokens page), create a new one scoped to the group and "
            "keep it in a CI secret."
        ),
        references=("https://github.com/clojars/clojars-web/wiki/Deploy-Tokens",),
        severity=Severity.HIGH,
        tags=("clojars", "package-registry"),
    ),
    token_rule(
        "crates-io-token",
        "crates.io API token",
        _B + r"(?P<secret>cio[A-Za-z0-9]{32})" + _E,
        ("cio",),
        examples=(
            "CARGO_REGISTRY_TOKEN=ciodkuWNqKL3hlERYrISGKcC18rFGchYsS4",
            '[registry]\ntoken = "cioip5tf0e5N6SVR2f81ibFKmKI9TjA90Jv"',
        ),
        counter_examples=("CARGO_REGISTRY_TOKEN=cioGFj9xvRpxx57sPwt", 'description = "ciorapida"'),
        remediation=(
            "Revoke the token on crates.io (Account settings > API Tokens), create a scoped one with an "
            "expiry or use trusted publishing, and keep it in a CI secret."
        ),
        references=("https://doc.rust-lang.org/cargo/reference/publishing.html",),
        severity=Severity.HIGH,
        min_entropy=3.8,
        confidence=Confidence.MEDIUM,
        tags=("crates-io", "package-registry"),
    ),
    token_rule(
        "jfrog-api-key",
        "JFrog Artifactory API key",
        _B + r"(?P<secret>AKCp[A-Za-z0-9]{69})" + _E,
        ("akcp",),
        examples=(
            "ARTIFACTORY_API_KEY=AKCpOzK3vJm1KuT0voFaZsCxHeNRGjeDP9RQFFftYMYloMroZc9JA971htq28lzlMyLtIP6jc",
            "  -H 'X-JFrog-Art-Api: AKCppyXkDnV7f1LdtU5hPXUZuTaizn0OQfFzpCR9QPuMbOh142NnoFqV7d424XAKivHhOiput' \\",
        ),
        counter_examples=(
            "ARTIFACTORY_API_KEY=AKCpX0IW7Sq0DBJccnS6jNBRpn9oEaqs4E",
            "ARTIFACTORY_API_KEY=${ART_KEY}",
        ),
        remediation=(
            "Revoke the API key in the JFrog Platform (Edit profile > API key), migrate to scoped access "
            "tokens, and keep them in a CI secret."
        ),
        references=("https://jfrog.com/help/r/jfrog-platform-administration-documentation/api-key",),
        severity=Severity.HIGH,
        tags=("jfrog", "package-registry"),
    ),
    token_rule(
        "jfrog-reference-token",
        "JFrog reference (access) token",
        _B + r"(?P<secret>cmVmdGtuOjAxOj[A-Za-z0-9]{50})" + _E,
        ("cmvmdgtuojaxoj",),
        examples=(
            "JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE3NjcyMjU2MDA6Q0EyUGtINTBuNFNlS2M1bnkweGpZSkNhdTdm",
            "  -H 'Authorization: Bearer cmVmdGtuOjAxOjE3OTg3NjE2MDA6aVBHamowTUV2RTZaZ0hYaGx3VVk1b3lROEFm'",
        ),
        counter_examples=("JFROG_ACCESS_TOKEN=cmVmdGtuOjAxOjE3NjcyMjU2MDA6", "JFROG_ACCESS_TOKEN=$JF_TOKEN"),
        remediation=(
            "Revoke the token in the JFrog Platform (Administration > User Management > Access Tokens), "
            "create a new scoped token with an expiry and keep it in a CI secret."
        ),
        references=("https://jfrog.com/help/r/jfrog-platform-administration-documentation/access-tokens",),
        severity=Severity.HIGH,
        tags=("jfrog", "package-registry"),
    ),
)
