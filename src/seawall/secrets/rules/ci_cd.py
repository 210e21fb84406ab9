"""CI/CD and code-quality services: CircleCI, Travis CI, Buildkite, Jenkins, Codecov, Snyk, SonarQube."""

from __future__ import annotations

import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import ASSIGN, NAME, UUID, keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"


def _rotate(where: str) -> str:
    return (
        f"Revoke the token ({where}), create a new one with the least access needed and store it as a masked "
        "CI secret, never in the repository."
    )


_RULES: tuple[Rule, ...] = (
    token_rule(
        "circleci-pat",
        "CircleCI personal API token",
        _B + r"(?P<secret>CCIPAT_[A-Za-z0-9]{22}_[0-9a-f]{40})" + _E,
        ("ccipat_",),
        examples=(
            'CIRCLECI_TOKEN="CCIPAT_OzwSWEx02XVqS3Taq7u8QH_8b862db584a13ff6593a6f5b58129b2c275fb31a"',
            "  -H 'Circle-Token: CCIPAT_ahEnUTtdLSIxVEhQLGx7lg_abcc314f28d36068d95da07c5eb5a70ba3e3b5a5' \\",
        ),
        counter_examples=(
            'CIRCLECI_TOKEN="CCIPAT_p1D3R0ezRar7dq8neU5rKl_c1bb38593cba"',
            "CIRCLECI_TOKEN=CCIPAT_${SUFFIX}",
        ),
        remediation=_rotate("CircleCI: User settings > Personal API tokens > Remove"),
        references=("https://circleci.com/docs/managing-api-tokens/",),
        severity=Severity.HIGH,
        tags=("circleci",),
    ),
    token_rule(
        "circleci-project-token",
        "CircleCI project API token",
        _B + r"(?P<secret>CCIPRJ_[A-Za-z0-9]{22}_[0-9a-f]{40})" + _E,
        ("cciprj_",),
        examples=(
            'CIRCLE_PROJECT_TOKEN="CCIPRJ_PSLEEdEs7o9JZaP9vhrLm8_1c2311606f79f04578ef0169a9f5084d0682e368"',
            "circle_token: CCIPRJ_6KzSVCZU59Ms0tRoVP5i5X_0f497b514f904eca6cf33107823c7ef2bc219c0c",
        ),
        counter_examples=('CIRCLE_PROJECT_TOKEN="CCIPRJ_TjE0XWbuKX"', 'CIRCLE_PROJECT_TOKEN="CCIPRJ_..."'),
        remediation=_rotate("CircleCI: Project settings > API Permissions > Remove"),
        references=("https://circleci.com/docs/managing-api-tokens/",),
        severity=Severity.HIGH,
        tags=("circleci",),
    ),
    token_rule(
        "circleci-legacy-token",
        "CircleCI API token (unprefixed)",
        keyed(r"circleci" + NAME + r"{0,30}?(?:token|key|secret)|circle[_\-]?token", r"[0-9a-f]{40}"),
        ("circleci", "circle_token", "circle-token", "circletoken"),
        examples=(
            'CIRCLECI_TOKEN="3abba54515cd8f288279d81319a009fb6da7d958"',
            "  -H 'Circle-Token: 1674b5fa65b70fd926f4df3fcd0efc81c87a1a35' \\",
        ),
        counter_examples=(
            'CIRCLECI_SHA1="6e1f9fe3b619b5d4b8ab4d45417e2d29903ad30d"',
            'CIRCLECI_TOKEN="8b37135ccdfe004a8eb8a80ac4185082"',
            "CIRCLECI_TOKEN=${CIRCLECI_TOKEN}",
        ),
        remediation=_rotate("CircleCI: User settings > Personal API tokens > Remove"),
        references=("https://circleci.com/docs/managing-api-tokens/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("circleci",),
    ),
    token_rule(
        "travis-ci-token",
        "Travis CI API token",
        keyed("travis", r"[A-Za-z0-9_\-]{22}", then="token|key"),
        ("travis",),
        examples=(
            'TRAVIS_API_TOKEN="J3-i5geI_iURZ3o17FUIsv"',
            "deploy:\n  travis_token: WVv4sX6kHOpHRc9xadXtbK",
        ),
        counter_examples=('TRAVIS_BRANCH="feature/login-form"', "TRAVIS_API_TOKEN=${TRAVIS_API_TOKEN}"),
        remediation=_rotate("Travis CI: Settings > API authentication > Regenerate token"),
        references=("https://docs.travis-ci.com/user/migrate/travis-ci-api-v3/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.8,
        confidence=Confidence.MEDIUM,
        tags=("travis-ci",),
    ),
    token_rule(
        "buildkite-api-token",
        "Buildkite API access token",
        _B + r"(?P<secret>bkua_[0-9a-f]{40})" + _E,
        ("bkua_",),
        examples=(
            'BUILDKITE_API_TOKEN="bkua_f7973257dd8f3b8eac72b01605caa2a3023ccc24"',
            "  -H 'Authorization: Bearer bkua_9818720a8646244069cd04e1727741ce93be2368' \\",
        ),
        counter_examples=(
            'BUILDKITE_API_TOKEN="bkua_f6bd3f2e13741e6808ea"',
            "BUILDKITE_API_TOKEN=bkua_${TOKEN}",
        ),
        remediation=_rotate("Buildkite: Personal settings > API Access Tokens > Revoke"),
        references=("https://buildkite.com/docs/apis/managing-api-tokens",),
        severity=Severity.HIGH,
        tags=("buildkite",),
    ),
    token_rule(
        "jenkins-api-token",
        "Jenkins API token",
        keyed("jenkins", r"11[0-9a-f]{32}|[0-9a-f]{32}", then="token|api|password"),
        ("jenkins",),
        examples=(
            'JENKINS_API_TOKEN="1105115f2c3b7815cb5af15cf44d7018cf"',
            "jenkins_token: 915954ee9480aa902fd14baf6b9b12ab",
        ),
        counter_examples=('JENKINS_URL="https://ci.corp.local/"', "JENKINS_API_TOKEN=${JENKINS_API_TOKEN}"),
        remediation=_rotate("Jenkins: user > Configure > API Token > Revoke"),
        references=(
            "https://www.jenkins.io/doc/book/system-administration/authenticating-scripted-clients/",
        ),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        tags=("jenkins",),
    ),
    token_rule(
        "codecov-token",
        "Codecov upload token",
        # Named for Codecov, or given to its uploader (``codecov -t``, ``codecovcli upload-process -t``).
        r"(?:codecov"
        + NAME
        + r"{0,30}?token"
        + NAME
        + r"{0,20}?"
        + ASSIGN
        + r"|codecov(?:cli|\.sh)?[ \t][^\n]{0,120}?"
        r"(?<=[ \t])(?:-t|--token)(?:[ \t]+|=)[\"']?)(?P<secret>" + UUID + r")(?![A-Za-z0-9_\-])",
        ("codecov",),
        examples=(
            'CODECOV_TOKEN="493a4519-d42a-c995-7698-ec3a580c8862"',
            "codecov:\n  codecov_token: e2489a31-d32c-ce4a-efc1-6c0e5ea58e8f",
            "  - run: ./codecov -t 6f1c2e3d-4b5a-4978-8c6d-5e4f3a2b1c0d -f coverage.xml",
        ),
        counter_examples=("CODECOV_TOKEN=${{ secrets.CODECOV_TOKEN }}", 'CODECOV_TOKEN="3877f477-f3c6"'),
        remediation=_rotate("Codecov: repository Settings > General > Regenerate upload token"),
        references=("https://docs.codecov.com/docs/codecov-tokens",),
        severity=Severity.MEDIUM,
        ignore_case=True,
        tags=("codecov",),
    ),
    token_rule(
        "snyk-token",
        "Snyk API token",
        keyed("snyk", UUID, then="token|key|auth"),
        ("snyk",),
        examples=(
            'SNYK_TOKEN="54b2fb24-0a70-84ed-44b4-a94fb6167cd6"',
            "snyk_api_key: 8ab0d084-b84a-8583-03a4-bc5ee386b03f",
        ),
        counter_examples=(
            'SNYK_ORG_ID="9b1093e5-4280-4be2-9df9-3e1c9540f596"',
            "SNYK_TOKEN=${{ secrets.SNYK_TOKEN }}",
        ),
        remediation=_rotate(
            "Snyk: Account settings > Auth token > Revoke & regenerate, or the service account"
        ),
        references=("https://docs.snyk.io/snyk-api/authentication-for-api",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("snyk",),
    ),
    token_rule(
        "sonarqube-token",
        "SonarQube / SonarCloud token",
        _B + r"(?P<secret>sq[apu]_[0-9a-f]{40})" + _E,
        ("sqa_", "sqp_", "squ_"),
        examples=(
            'SONAR_TOKEN="sqp_ed6ad77f862b877d118892035dab43700f8d1d96"',
            "sonar-scanner -Dsonar.token=squ_db94bda6dde977e686e1800410923b80f7cb3cb0",
        ),
        counter_examples=('SONAR_TOKEN="sqp_5cfaaa7ff00534fb1bc6"', "SONAR_TOKEN=${{ secrets.SONAR_TOKEN }}"),
        remediation=_rotate(
            "SonarQube: My Account > Security > Revoke (or Administration > Security for global tokens)"
        ),
        references=("https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",),
        severity=Severity.HIGH,
        tags=("sonarqube",),
    ),
    token_rule(
        "sonarqube-legacy-token",
        "SonarQube / SonarCloud token (unprefixed)",
        keyed(r"sonar", r"[0-9a-f]{40}", then="token|login"),
        ("sonar",),
        examples=(
            'SONAR_TOKEN="a143717458b362dcda1a8ba19eace43464ebf027"',
            "sonar-scanner -Dsonar.login=30dd2e80fe2d0a735e3eed094288563c8408dd20",
        ),
        counter_examples=('SONAR_HOST_URL="https://sonarcloud.io"', "SONAR_TOKEN=${SONAR_TOKEN}"),
        remediation=_rotate("SonarQube: My Account > Security > Revoke"),
        references=("https://docs.sonarsource.com/sonarqube-server/latest/user-guide/managing-tokens/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("sonarqube",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
