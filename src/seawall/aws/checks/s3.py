"""S3: Block Public Access on (account and bucket), no bucket readable or writable by the public through
its policy or ACL, and bucket policies that refuse plain HTTP.

The bucket-policy helpers here are pure and public (the CloudTrail bucket checks can use them). They
follow AWS's "meaning of public": an Allow to everyone (``"*"``, ``{"AWS": "*"}`` or a NotPrincipal) is
public unless a condition pins it to fixed values of a network, account, organization or principal key.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.s3 import Bucket, Grant, PublicAccessBlock, S3Account
from seawall.model import Severity, Status

Statement = Mapping[str, Any]

ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTHENTICATED_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
PUBLIC_GROUPS = {ALL_USERS: "everyone (AllUsers)", AUTHENTICATED_USERS: "any AWS user (AuthenticatedUsers)"}

READ_ACTIONS = ("s3:GetObject", "s3:GetObjectVersion", "s3:ListBucket", "s3:ListBucketVersions")
WRITE_ACTIONS = (
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:PutBucketPolicy",
    "s3:PutBucketAcl",
    "s3:PutObjectAcl",
)
READ_PERMISSIONS = frozenset({"READ", "FULL_CONTROL"})
WRITE_PERMISSIONS = frozenset({"WRITE", "WRITE_ACP", "FULL_CONTROL"})

# Condition keys (lowercased) that, with fixed values, tie a grant to known networks, accounts,
# organizations or principals: AWS's list for Block Public Access, plus the keys added since.
_NETWORK_KEYS = ("aws:sourceip", "aws:sourcevpc", "aws:sourcevpce", "aws:sourcearn", "aws:sourceaccount")
_ORG_KEYS = ("aws:sourceowner", "aws:sourceorgid", "aws:sourceorgpaths", "aws:principalorgid")
_PRINCIPAL_KEYS = ("aws:principalorgpaths", "aws:principalaccount", "aws:principalarn", "aws:userid")
_OTHER_KEYS = ("aws:principalservicename", "s3:dataaccesspointaccount", "s3:dataaccesspointarn")
_KMS_KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id"
RESTRICTING_KEYS = frozenset((*_NETWORK_KEYS, *_ORG_KEYS, *_PRINCIPAL_KEYS, *_OTHER_KEYS, _KMS_KEY))
# Operators, lowercased. "IfExists" variants do not restrict an Allow: a request without the key passes.
_STRING_MATCH = ("stringequals", "stringequalsignorecase", "stringlike")
_STRING_EXCLUDE = ("stringnotequals", "stringnotequalsignorecase", "stringnotlike")
MATCHING = frozenset((*_STRING_MATCH, "arnequals", "arnlike", "ipaddress"))
EXCLUDING = frozenset((*_STRING_EXCLUDE, "arnnotequals", "arnnotlike", "notipaddress"))
BLOCK_SETTINGS = {
    "block_public_acls": "BlockPublicAcls",
    "ignore_public_acls": "IgnorePublicAcls",
    "block_public_policy": "BlockPublicPolicy",
    "restrict_public_buckets": "RestrictPublicBuckets",
}


def statements(policy: str) -> tuple[Statement, ...] | None:
    """The statements of a policy document, or None if it is not one."""
    try:
        document = json.loads(policy)
    except json.JSONDecodeError:
        return None
    if not isinstance(document, dict):
        return None
    raw = document.get("Statement", [])
    return tuple(s for s in (raw if isinstance(raw, list) else [raw]) if isinstance(s, dict))


def as_list(value: object) -> list[str]:
    """A policy field that may be one value or a list of them, as strings."""
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, list) else [str(value)]


@cache
def _glob(pattern: str) -> re.Pattern[str]:
    parts = (".".join(re.escape(piece) for piece in part.split("?")) for part in pattern.split("*"))
    return re.compile(".*".join(parts), re.IGNORECASE | re.DOTALL)


def wildcard_match(pattern: str, value: str) -> bool:
    """IAM wildcard matching: ``*`` any run, ``?`` one character, case-insensitive (as for actions)."""
    return _glob(pattern).fullmatch(value) is not None


def covered_actions(statement: Statement, actions: Iterable[str]) -> tuple[str, ...]:
    """Which of ``actions`` the statement covers, through Action or NotAction."""
    if "NotAction" in statement:
        excluded = as_list(statement["NotAction"])
        return tuple(a for a in actions if not any(wildcard_match(p, a) for p in excluded))
    patterns = as_list(statement.get("Action"))
    return tuple(a for a in actions if any(wildcard_match(p, a) for p in patterns))


def is_public_principal(statement: Statement) -> bool:
    """Principal ``"*"`` or ``{"AWS": "*"}`` (a NotPrincipal is handled by the caller)."""
    principal = statement.get("Principal")
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in as_list(principal.get("AWS"))


def _fixed(value: str) -> bool:
    return not any(mark in value for mark in ("*", "?", "${"))


def _restricts(key: str, values: list[str]) -> bool:
    """Fixed values of a restricting key; a source IP range of /0 restricts nothing."""
    key = key.lower()
    if key not in RESTRICTING_KEYS or not values or not all(_fixed(v) for v in values):
        return False
    return not (key == "aws:sourceip" and any(v.endswith("/0") for v in values))


def _conditions(statement: Statement) -> list[tuple[str, Mapping[str, Any]]]:
    condition = statement.get("Condition") or {}
    if not isinstance(condition, dict):
        return []
    return [(str(op).lower(), block) for op, block in condition.items() if isinstance(block, dict)]


def is_restricted(statement: Statement) -> bool:
    """True if a condition limits an Allow to fixed networks, accounts, organizations or principals."""
    return any(
        op.removeprefix("foranyvalue:") in MATCHING
        and any(_restricts(k, as_list(v)) for k, v in block.items())
        for op, block in _conditions(statement)
    )


def shuts_out_public(statement: Statement, action: str) -> bool:
    """True if a Deny refuses ``action`` to everyone, or to everyone outside fixed networks, accounts,
    organizations or principals (``Deny * unless aws:SourceVpce = vpce-1``)."""
    if statement.get("Effect") != "Deny" or not is_public_principal(statement):
        return False
    if not covered_actions(statement, (action,)):
        return False
    return all(
        op.removesuffix("ifexists") in EXCLUDING and all(_restricts(k, as_list(v)) for k, v in block.items())
        for op, block in _conditions(statement)
    )


def _label(statement: Statement, index: int) -> str:
    sid = statement.get("Sid")
    return f'"{sid}"' if sid else f"#{index + 1}"


def public_policy_grants(found: tuple[Statement, ...], actions: Iterable[str]) -> list[str]:
    """What the policy's statements give the public, one description per Allow statement."""
    exposures = []
    for index, statement in enumerate(found):
        if statement.get("Effect") != "Allow" or is_restricted(statement):
            continue
        if not (is_public_principal(statement) or "NotPrincipal" in statement):
            continue
        granted = [
            a for a in covered_actions(statement, actions) if not any(shuts_out_public(s, a) for s in found)
        ]
        if granted:
            exposures.append(
                f"policy statement {_label(statement, index)} allows {', '.join(granted)} to everyone"
            )
    return exposures


def public_acl_grants(grants: Iterable[Grant], permissions: frozenset[str]) -> list[str]:
    return [
        f"the ACL grants {g.permission} to {PUBLIC_GROUPS[g.grantee]}"
        for g in grants
        if g.grantee in PUBLIC_GROUPS and g.permission in permissions
    ]


def denies_insecure_transport(found: tuple[Statement, ...], bucket: str) -> bool:
    """True if a Deny refuses every S3 action to everyone over plain HTTP (``aws:SecureTransport``
    false, and no other condition), on the bucket and on all its objects."""
    return any(_tls_statement(s, bucket) for s in found)


def _tls_statement(statement: Statement, bucket: str) -> bool:
    if statement.get("Effect") != "Deny" or not is_public_principal(statement) or "Action" not in statement:
        return False
    if not covered_actions(statement, ("s3:*",)):
        return False
    resources = as_list(statement.get("Resource"))
    for target in (f"arn:aws:s3:::{bucket}", f"arn:aws:s3:::{bucket}/*"):
        if not any(wildcard_match(r, target) for r in resources):
            return False
    pairs = [
        (op, key.lower(), as_list(v)) for op, block in _conditions(statement) for key, v in block.items()
    ]
    return bool(pairs) and all(
        op in {"bool", "boolifexists"}
        and key == "aws:securetransport"
        and [v.lower() for v in values] == ["false"]
        for op, key, values in pairs
    )


@dataclass(frozen=True, slots=True)
class Exposure:
    found: tuple[str, ...]  # public grants in force
    neutralised: tuple[str, ...]  # public grants that Block Public Access switches off
    unread: tuple[Unavailable, ...]  # pieces that could not be read and are not switched off anyway
    unsure: bool  # whether Block Public Access would switch off what was found could not be read


def _blocked(bucket: Bucket, account: PublicAccessBlock | Unavailable | None, flag: str) -> bool | None:
    """Whether a Block Public Access flag is on for the bucket (its own or the account's); None: unknown."""
    unknown = False
    for block in (bucket.public_access_block, account):
        if isinstance(block, Unavailable):
            unknown = True
        elif block is not None and getattr(block, flag):
            return True
    return None if unknown else False


def _policy_exposures(bucket: Bucket, actions: tuple[str, ...]) -> list[str] | Unavailable:
    if bucket.policy is None:
        return []
    if isinstance(bucket.policy, Unavailable):
        return bucket.policy
    found = statements(bucket.policy)
    if found is None:
        return Unavailable(
            f"the policy of bucket {bucket.name} is not a valid policy document", Status.UNKNOWN
        )
    return public_policy_grants(found, actions)


def exposure(
    bucket: Bucket,
    account: PublicAccessBlock | Unavailable | None,
    actions: tuple[str, ...],
    acl: frozenset[str],
) -> Exposure:
    """What the bucket's policy and ACL give the public, net of Block Public Access."""
    grants = (
        bucket.grants if isinstance(bucket.grants, Unavailable) else public_acl_grants(bucket.grants, acl)
    )
    parts = (
        (_policy_exposures(bucket, actions), _blocked(bucket, account, "restrict_public_buckets")),
        (grants, _blocked(bucket, account, "ignore_public_acls")),
    )
    found: list[str] = []
    neutralised: list[str] = []
    unread: list[Unavailable] = []
    unsure = False
    for items, blocked in parts:
        if isinstance(items, Unavailable):
            unread.extend([items] if not blocked else [])
        elif blocked:
            neutralised.extend(items)
        else:
            found.extend(items)
            unsure = unsure or (blocked is None and bool(items))
    return Exposure(tuple(found), tuple(neutralised), tuple(unread), unsure)


def _each_bucket(view: AccountView, judge: Callable[[Bucket, S3Account], Result]) -> Iterator[Result]:
    """``judge`` on every bucket; one account-level result when there is no bucket to judge."""
    s3 = view.get(S3Account)
    if isinstance(s3, Unavailable):
        yield unavailable(s3, view.account_id)
        return
    if not s3.buckets:
        yield passed(view.account_id, f"account {view.account_id} has no S3 buckets")
    for bucket in s3.buckets:
        yield judge(bucket, s3)


def _ok(bucket: Bucket, reason: str) -> Result:
    return passed(bucket.arn, reason, bucket.region)


def _bad(bucket: Bucket, reason: str) -> Result:
    return failed(bucket.arn, reason, bucket.region)


def _off(block: PublicAccessBlock) -> str:
    return ", ".join(name for attr, name in BLOCK_SETTINGS.items() if not getattr(block, attr))


def account_public_access_block(view: AccountView) -> Iterator[Result]:
    account = view.account_id
    s3 = view.get(S3Account)
    block = s3 if isinstance(s3, Unavailable) else s3.public_access_block
    if isinstance(block, Unavailable):
        yield unavailable(block, account)
    elif block is None:
        yield failed(
            account, f"account {account} has no S3 Block Public Access: any bucket can be made public"
        )
    elif block.all_on:
        yield passed(account, f"account {account} blocks public access to every S3 bucket")
    else:
        yield failed(account, f"account {account}'s S3 Block Public Access is partly off: {_off(block)}")


def bucket_public_access_block(view: AccountView) -> Iterator[Result]:
    return _each_bucket(view, _bucket_block)


def _bucket_block(bucket: Bucket, s3: S3Account) -> Result:
    block, account = bucket.public_access_block, s3.public_access_block
    if isinstance(block, PublicAccessBlock) and block.all_on:
        return _ok(bucket, f"bucket {bucket.name} blocks all public access")
    if isinstance(account, PublicAccessBlock) and account.all_on:
        # Judgement: S3.8 reads the bucket setting only, but the account's setting protects the bucket.
        return _ok(bucket, f"bucket {bucket.name} is covered by the account's Block Public Access")
    if isinstance(block, Unavailable):
        return unavailable(block, bucket.arn, bucket.region)
    if block is None:
        return _bad(bucket, f"bucket {bucket.name} has no Block Public Access setting, nor has the account")
    return _bad(bucket, f"bucket {bucket.name}'s Block Public Access is partly off: {_off(block)}")


def _public(
    verb: str, actions: tuple[str, ...], acl: frozenset[str]
) -> Callable[[Bucket, S3Account], Result]:
    def judge(bucket: Bucket, s3: S3Account) -> Result:
        seen = exposure(bucket, s3.public_access_block, actions, acl)
        if seen.found:
            unsure = "; Block Public Access could not be read" if seen.unsure else ""
            return _bad(bucket, f"anyone can {verb} bucket {bucket.name}: {'; '.join(seen.found)}{unsure}")
        if seen.unread:
            return unavailable(seen.unread[0], bucket.arn, bucket.region)
        if seen.neutralised:
            why = "; ".join(seen.neutralised)
            return _ok(
                bucket,
                f"bucket {bucket.name}: Block Public Access stops what would let anyone {verb} it ({why})",
            )
        return _ok(bucket, f"no policy statement or ACL grant lets the public {verb} bucket {bucket.name}")

    return judge


def public_read(view: AccountView) -> Iterator[Result]:
    return _each_bucket(view, _public("read", READ_ACTIONS, READ_PERMISSIONS))


def public_write(view: AccountView) -> Iterator[Result]:
    return _each_bucket(view, _public("write to", WRITE_ACTIONS, WRITE_PERMISSIONS))


def tls_only(view: AccountView) -> Iterator[Result]:
    return _each_bucket(view, _tls)


def _tls(bucket: Bucket, _: S3Account) -> Result:
    if isinstance(bucket.policy, Unavailable):
        return unavailable(bucket.policy, bucket.arn, bucket.region)
    if bucket.policy is None:
        return _bad(bucket, f"bucket {bucket.name} has no bucket policy, so it accepts plain-HTTP requests")
    found = statements(bucket.policy)
    if found is None:
        reason = f"the policy of bucket {bucket.name} is not a valid policy document"
        return Result(Status.UNKNOWN, bucket.arn, reason, bucket.region)
    if denies_insecure_transport(found, bucket.name):
        return _ok(bucket, f"bucket {bucket.name}'s policy denies every request made without TLS")
    return _bad(
        bucket,
        f"bucket {bucket.name}'s policy does not deny plain-HTTP requests (no Deny of s3:* to everyone on "
        "the bucket and its objects when aws:SecureTransport is false)",
    )


S3_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"
S3_GUIDE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide"
PUBLIC_MEANING = (
    f"{S3_GUIDE}/access-control-block-public-access.html#access-control-block-public-access-policy-status"
)
BLOCK_ALL = (
    "--public-access-block-configuration "
    "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true"
)
PRIVATE_FIX = (
    "aws s3api put-bucket-acl --bucket <bucket> --acl private\n"
    "aws s3api get-bucket-policy --bucket <bucket>  # remove the public statements, then put-bucket-policy\n"
    f"aws s3api put-public-access-block --bucket <bucket> {BLOCK_ALL}"
)

CHECKS = (
    Check(
        id="aws.s3.account_public_access_block",
        title="S3 Block Public Access is on for the whole account",
        severity=Severity.MEDIUM,
        rationale=(
            "With the account-level setting on, no bucket in the account can be made public by a policy or "
            "ACL mistake, today's buckets and tomorrow's."
        ),
        remediation=(
            "S3 console > Block Public Access settings for this account > Edit > tick Block all public "
            "access > Save. Serve public content through CloudFront instead of public buckets."
        ),
        fix=f"aws s3control put-public-access-block --account-id <account> {BLOCK_ALL}",
        evaluate=account_public_access_block,
        fsbp=("S3.1",),
        cis=("2.1.4",),
        references=(f"{S3_GUIDE}/access-control-block-public-access.html", S3_CONTROLS),
    ),
    Check(
        id="aws.s3.bucket_public_access_block",
        title="Every S3 bucket blocks public access",
        severity=Severity.HIGH,
        rationale=(
            "Block Public Access on the bucket overrides any policy or ACL that would make it public, so one "
            "careless change cannot expose its data."
        ),
        remediation=(
            "S3 console > the bucket > Permissions > Block public access (bucket settings) > Edit > tick "
            "Block all public access > Save changes."
        ),
        fix=f"aws s3api put-public-access-block --bucket <bucket> {BLOCK_ALL}",
        evaluate=bucket_public_access_block,
        fsbp=("S3.8",),
        cis=("2.1.4",),
        references=(f"{S3_GUIDE}/configuring-block-public-access-bucket.html", S3_CONTROLS),
    ),
    Check(
        id="aws.s3.public_read",
        title="No S3 bucket can be read by the public",
        severity=Severity.CRITICAL,
        rationale=(
            "A bucket anyone can read is found by scanners within hours; public buckets are among the most "
            "common causes of cloud data leaks."
        ),
        remediation=(
            "S3 console > the bucket > Permissions: remove the bucket policy statements that allow everyone "
            "and the ACL grants to Everyone or Authenticated users, then turn on Block public access. For a "
            "public website, serve it through CloudFront with origin access control."
        ),
        fix=PRIVATE_FIX,
        evaluate=public_read,
        fsbp=("S3.2",),
        references=(PUBLIC_MEANING, S3_CONTROLS),
    ),
    Check(
        id="aws.s3.public_write",
        title="No S3 bucket can be written to by the public",
        severity=Severity.CRITICAL,
        rationale=(
            "A bucket anyone can write to can be filled with malware, used to serve it under your name, or "
            "have its data deleted or overwritten."
        ),
        remediation=(
            "S3 console > the bucket > Permissions: remove the bucket policy statements that allow everyone "
            "to put or delete, and the ACL grants to Everyone or Authenticated users, then turn on Block "
            "public access."
        ),
        fix=PRIVATE_FIX,
        evaluate=public_write,
        fsbp=("S3.3",),
        references=(PUBLIC_MEANING, S3_CONTROLS),
    ),
    Check(
        id="aws.s3.tls_only",
        title="Every S3 bucket policy refuses requests without TLS",
        severity=Severity.MEDIUM,
        rationale=(
            "Without a policy that denies plain HTTP, data and credentials can travel unencrypted to and "
            "from the bucket and be read or altered on the way."
        ),
        remediation=(
            "S3 console > the bucket > Permissions > Bucket policy > Edit: add a statement that denies s3:* "
            "to Principal * on the bucket and bucket/* when aws:SecureTransport is false."
        ),
        fix=(
            'aws s3api put-bucket-policy --bucket <bucket> --policy \'{"Version":"2012-10-17","Statement":'
            '[{"Sid":"DenyInsecureTransport","Effect":"Deny","Principal":"*","Action":"s3:*",'
            '"Resource":["arn:aws:s3:::<bucket>","arn:aws:s3:::<bucket>/*"],'
            '"Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}\'  # merge with existing statements'
        ),
        evaluate=tls_only,
        fsbp=("S3.5",),
        cis=("2.1.1",),
        references=("https://repost.aws/knowledge-center/s3-bucket-policy-for-config-rule", S3_CONTROLS),
    ),
)
