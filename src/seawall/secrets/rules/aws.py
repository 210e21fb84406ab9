"""Amazon Web Services credentials.

Access key ids have a fixed four-letter prefix followed by 16 base32 characters (A-Z, 2-7), so they are
matched anywhere. The 40-character secret access key has no prefix: it is only reported when the line
names it (``aws_secret_access_key``, ``secretAccessKey``, ``AWS_SECRET``...) or when it directly follows
an access key id on the same line (CSV exports, positional ``boto3.client(...)`` arguments). STS session
tokens and Bedrock API keys carry recognisable base64 prefixes and are matched without context.
"""

from __future__ import annotations

import dataclasses

from seawall.lazyre import lazy_compile
from seawall.model import Severity
from seawall.secrets.rules._generic import ESCAPES, NAME_QUOTE
from seawall.secrets.rules.base import Rule, token_rule

_AWS_REFS = (
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",
    "https://docs.aws.amazon.com/IAM/latest/UserGuide/security-creds-programmatic-access.html",
)
_REVOKE_KEY = (
    "Deactivate and delete the access key in IAM (console > IAM > Users > Security credentials, or "
    "`aws iam update-access-key --status Inactive` then `aws iam delete-access-key`), review CloudTrail for "
    "use of the key, and replace long-term keys with IAM roles / IAM Identity Center; keep any remaining "
    "secret in AWS Secrets Manager or your CI secret store."
)

_KEY_ID_BODY = r"(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}|A3T[A-Z0-9][A-Z0-9]{16})"
# A separator between a key name and its value: quotes (escaped too, in JSON kept as a string),
# brackets, `=`, `:`, `:=`, `=>`, `,` or spaces.
_ASSIGN = rf"""{NAME_QUOTE}\]?[ \t]*(?:=>|:=|=|:|,|[ \t])[ \t]*(?:{ESCAPES}["'`]|b["'])?"""
_SECRET_NAME = (
    r"(?i:aws[_.-]?secret(?:[_.-]?access)?(?:[_.-]?key)?|secret[_.-]?access[_.-]?key"
    r"|aws[_.-]?secret[_.-]?key[_.-]?id)"
)


def _aws_secret_ok(secret: str) -> bool:
    """Random base64 of 30 bytes: mixed case, not a hex digest, not a path or a name of words. Real keys
    may have no digit, ``+`` or ``/`` (one in 4,000) or six ``/`` (one in 25,000): their letters are in
    no word's order, which is what tells them from a camelCase name or a path."""
    from seawall.secrets.context import reads_as_words

    if all(c in "0123456789abcdefABCDEF" for c in secret):
        return False
    if not (any(c.isupper() for c in secret) and any(c.islower() for c in secret)):
        return False
    if "/" in secret and all(_path_part(part) for part in secret.split("/")):
        return False  # /usr/local/etc/aws/credentials/defaults
    if _words_not_random(secret):
        return False  # /home/Deploy/Projects/App/aws/Credential, ProductionDeploymentCredentials2024
    return any(c.isdigit() or c in "+/" for c in secret) or not reads_as_words(secret)


# A folder's or a name's words: small letters, capitalised words run together, numbers after words.
_WORD_PART = lazy_compile(r"(?:[a-z]+[0-9]*)?(?:[A-Z][a-z]+[0-9]*)*[A-Z]?[0-9]*")


def _words_not_random(secret: str) -> bool:
    """A path or a name of capitalised words (``s3/AcmeBucket/exports/Daily/ReportsArchi``, a 40-character
    path after a key id in a note): its parts are words, and its characters change class only between
    them, where a key's change every one or two (``changes_class_often``). Of 600,000 random keys with
    up to eleven ``/``, none passes both; of 200,000 of letters alone (one key in 4,000), three."""
    from seawall.secrets.context import changes_class_often

    return all(_WORD_PART.fullmatch(part) for part in secret.split("/")) and not changes_class_often(
        secret.replace("/", "")
    )


def _path_part(part: str) -> bool:
    """A folder or file name of a path: nothing, a number, or a word (one case, or words in camelCase)."""
    from seawall.secrets.context import reads_as_words

    letters = part.rstrip("0123456789")
    return not letters or (
        letters.isalpha() and (letters.islower() or letters.isupper() or reads_as_words(part))
    )


_RULES = (
    token_rule(
        "aws-access-key-id",
        "AWS access key ID",
        rf"(?<![A-Za-z0-9])(?P<secret>{_KEY_ID_BODY})(?![A-Za-z0-9])",
        ("akia", "asia", "abia", "acca", "a3t"),
        description=(
            "An AWS access key id (AKIA long-term, ASIA temporary, ABIA/ACCA service keys). On its own it "
            "identifies the key and account; together with the secret access key that is usually nearby it "
            "grants API access."
        ),
        examples=(
            "aws_access_key_id = AKIA2URJRHFL5ABF3DKF",
            'AWS_ACCESS_KEY_ID="ASIAUGGLKTP6W2S444KD"',
            's3 = boto3.client("s3", aws_access_key_id="AKIAKSMYTRA3HGCUHS24")',
        ),
        counter_examples=(
            "aws_access_key_id = AKIAIOSFODNN7EXAMPLE",  # AWS documentation value
            "aws_access_key_id = AKIA2URJRHFL5ABF3DK",  # 19 characters
            "AWS_ACCESS_KEY_ID=${AWS_ACCESS_KEY_ID}",
            "id = AKIA2URJRHFL5ABF3DK0",  # 0 is not base32
        ),
        remediation=_REVOKE_KEY,
        references=_AWS_REFS,
        severity=Severity.HIGH,
        min_entropy=3.0,
        public_prefixes=("AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
    ),
    token_rule(
        "aws-secret-access-key",
        "AWS secret access key",
        rf"""(?:{_SECRET_NAME}[\w-]{{0,12}}{_ASSIGN}|{_KEY_ID_BODY}{NAME_QUOTE}[ \t]*[,;:|\t][ \t]*{NAME_QUOTE})"""
        r"(?<![A-Za-z0-9/+])(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])",
        ("secret", "akia", "asia", "abia", "acca", "a3t"),
        description=(
            "The 40-character secret half of an AWS access key, found as the value of a key named like "
            "aws_secret_access_key or right after an access key id."
        ),
        examples=(
            "aws_secret_access_key = P0yPSwieEK8u/09RXJIjVFW/hknuvIzbORdHZ54/",
            'export AWS_SECRET_ACCESS_KEY="QxIFNQfggDZgNY4wzNbg+0ri98AMjpySUQkR7K4T"',
            '{"AccessKeyId": "AKIA2URJRHFL5ABF3DKF", "SecretAccessKey": "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"}',
            "deploy-bot,AKIAKSMYTRA3HGCUHS24,gqXBJxl7KxOCsi2VW8L4bdvmxoha9UHTfHNSu7xD",
            "const creds = { accessKeyId: id, secretAccessKey: 'P0yPSwieEK8u/09RXJIjVFW/hknuvIzbORdHZ54/' };",
        ),
        counter_examples=(
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",  # AWS documentation value
            "aws_secret_access_key = os.environ['AWS_SECRET_ACCESS_KEY']",
            "aws_secret_access_key: 3f786850e387550fdab836ed7e6dc881de23001b",  # a SHA-1, not base64 key
            "sha = P0yPSwieEK8u/09RXJIjVFW/hknuvIzbORdHZ54/",  # no AWS context
            "aws_secret_access_key = P0yPSwieEK8u/09RXJIjVFW/hknuvIzbORdHZ54/abc",  # 43 characters
        ),
        remediation=_REVOKE_KEY,
        references=_AWS_REFS,
        severity=Severity.CRITICAL,
        validator=_aws_secret_ok,
        min_entropy=3.8,
    ),
    token_rule(
        "aws-session-token",
        "AWS STS session token",
        r"(?<![A-Za-z0-9/+])(?P<secret>(?:IQoJb3JpZ2luX2|FwoGZXIvYXdz|FQoGZXIvYXdz)[A-Za-z0-9/+]{100,}={0,2})",
        ("iqojb3jpz2lux2", "fwogzxivyxdz", "fqogzxivyxdz"),
        description=(
            "A temporary AWS STS session token (the base64 blob that starts with the encoded 'origin_' or "
            "'er/aws' marker). It expires (15 minutes to 36 hours) but, with the matching ASIA key and "
            "secret, grants the role's permissions until then."
        ),
        examples=(
            "aws_session_token = IQoJb3JpZ2luX2VjETEGjWWiFF5LfvZyqNBrREczYJBLwutSwU3tuga6IQs+7ZCKZuN6ghYepE9/"
            "Noh3uPJS3gSWikdNJt5bnjuefqhRUGODUbffJKFp6SZPxA29N+7/e9g5y60qwcAMu+lpgkXJArF5B2Y/qQI79EmJ3qIKH",
            'export AWS_SESSION_TOKEN="FwoGZXIvYXdzEJr//////////wEaDM3bq1tLQ7vLTkkO9iKGAXsd7gQG3uLbVbpQ4m'
            'rWXTiW+C8nA5Zyp2xl4oRz1hyJtJ3M6Nq8fhEvkV0cSaxQ1mFXY2qvJ7sPoMhbK0iAq3gR4zD9uN5eWbLcY"',
        ),
        counter_examples=(
            "aws_session_token = IQoJb3JpZ2luX2VjETEG",  # truncated
            "AWS_SESSION_TOKEN=${AWS_SESSION_TOKEN}",
        ),
        remediation=(
            "Revoke the role's active sessions (IAM console > Roles > Revoke active sessions, which adds an "
            "AWSRevokeOlderSessions deny policy) and rotate the access key that minted it; never commit "
            "session credentials, fetch them at runtime from the SDK credential chain."
        ),
        references=(
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_temp_use-resources.html",
            "https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_revoke-sessions.html",
        ),
        severity=Severity.MEDIUM,
    ),
    token_rule(
        "aws-mws-auth-token",
        "Amazon Marketplace Web Service (MWS) auth token",
        r"(?<![A-Za-z0-9])(?P<secret>amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
        r"(?![A-Za-z0-9])",
        ("amzn.mws.",),
        examples=(
            "MWS_AUTH_TOKEN=amzn.mws.252bc7e7-2da7-43c8-99d7-a00f372377cd",
            'mws_client = MWSClient(seller_id, auth_token="amzn.mws.6e93c0f4-71d2-9b45-0c8e-3fa25d1b7c94")',
        ),
        counter_examples=(
            "MWS_AUTH_TOKEN=amzn.mws.252bc7e7-2da7-43c8-99d7",
            "MWS_AUTH_TOKEN=amzn.mws.<your-token>",
        ),
        remediation=(
            "Revoke the developer authorisation in Seller Central (Settings > User Permissions > Manage your "
            "apps), migrate to the Selling Partner API with LWA credentials, and keep tokens in a secrets "
            "manager."
        ),
        references=("https://developer-docs.amazon.com/sp-api/docs/migrating-your-mws-applications",),
        severity=Severity.HIGH,
    ),
    token_rule(
        "aws-bedrock-api-key",
        "Amazon Bedrock long-term API key",
        r"(?<![A-Za-z0-9/+])(?P<secret>ABSKQmVkcm9ja0FQSUtleS[A-Za-z0-9+/]{40,}={0,2})",
        ("absk",),
        description=(
            "A long-term Amazon Bedrock API key (an IAM service-specific credential, 'ABSK' followed by "
            "base64 of 'BedrockAPIKey-...'). It grants Bedrock model access until it expires or is deleted."
        ),
        examples=(
            "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleShBcQFC/jL+NdeiARWqXKX0v2hVvWi3cEKIHEAN6Af5X/"
            "g8IfG9dx4LXmNCpEeIqlb2NpDPywV1ojjjuQ==",
            'headers = {"Authorization": "Bearer ABSKQmVkcm9ja0FQSUtleS1yZjM4LWF0LTQ1Njc4OTAxMjM0NTo'
            'xvZ0s3Wm9qRTJ1cEJ2a1NqN0h6T1lyTmh5cDhQbW5JcVA="}',
        ),
        counter_examples=(
            "AWS_BEARER_TOKEN_BEDROCK=ABSKQmVkcm9ja0FQSUtleS",
            "AWS_BEARER_TOKEN_BEDROCK=${BEDROCK_KEY}",
        ),
        remediation=(
            "Delete the key in IAM (`aws iam delete-service-specific-credential`) or the Bedrock console > "
            "API keys, prefer short-term Bedrock keys or IAM roles, and keep any key in Secrets Manager."
        ),
        references=(
            "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys.html",
            "https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-generate.html",
        ),
        severity=Severity.HIGH,
    ),
    token_rule(
        "aws-bedrock-short-term-api-key",
        "Amazon Bedrock short-term API key",
        r"(?<![A-Za-z0-9_-])(?P<secret>bedrock-api-key-YmVkcm9jay[A-Za-z0-9+/]{100,}={0,2})",
        ("bedrock-api-key-",),
        description=(
            "A short-term Amazon Bedrock API key: a presigned request for bedrock.amazonaws.com encoded in "
            "base64. It is valid for at most 12 hours with the permissions of the identity that made it."
        ),
        examples=(
            "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29tLz9BY3Rpb249Q2FsbFdpdGhC"
            "ZWFyZXJUb2tlbiZYLUFtei1BbGdvcml0aG09QVdTNC1ITUFDLVNIQTI1NiZYLUFtei1DcmVkZW50aWFsPVdLV0pWNFZQ"
            "WE5YR01WRkxOQVU0JTJGMjAyNTA3MDElMkZ1cy1lYXN0LTElMkZiZWRyb2NrJTJGYXdzNF9yZXF1ZXN0JlgtQW16LURhdGU9",
            'api_key = "bedrock-api-key-YmVkcm9jay5ldS13ZXN0LTEuYW1hem9uYXdzLmNvbS8/QWN0aW9uPUNhbGxXaXRoQmVh'
            'cmVyVG9rZW4mWC1BbXotQWxnb3JpdGhtPUFXUzQtSE1BQy1TSEEyNTYmWC1BbXotQ3JlZGVudGlhbD1BU0lBN1pIUjVG"',
        ),
        counter_examples=(
            'api_key = "bedrock-api-key-YmVkcm9jay ... (redacted) ... b249MQ=="',
            "AWS_BEARER_TOKEN_BEDROCK=bedrock-api-key-",
        ),
        remediation=(
            "Short-term keys expire within 12 hours; to cut access now, revoke the sessions of the IAM "
            "identity that generated it. Generate keys at runtime with the aws-bedrock-token-generator "
            "library instead of committing them."
        ),
        references=("https://docs.aws.amazon.com/bedrock/latest/userguide/api-keys-generate.html",),
        severity=Severity.MEDIUM,
    ),
)

# Context rules never span lines: run their regex only on lines holding a keyword.
_LINE_SCOPED = frozenset({"aws-secret-access-key"})
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.id in _LINE_SCOPED else r for r in _RULES
)
