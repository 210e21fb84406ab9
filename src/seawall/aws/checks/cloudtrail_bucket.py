"""Checks on the bucket the trail delivers to: where it lives and how it keeps the logs.

The bucket judged is the organization trail's (else each account's best trail's). Its settings are read
from the S3 inventory of the account that owns it, and every result is reported in that account's view;
a bucket found in no audited account is reported UNKNOWN once, in the view of the trail's account.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from fnmatch import fnmatchcase
from typing import Any, TypeVar

from seawall.aws.checks.base import AccountView, Check, OrgView, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.cloudtrail import Delivery, Located, deliveries, locate
from seawall.aws.inventory.s3 import Bucket, Encryption, LifecycleRule, PublicAccessBlock, S3Account
from seawall.model import Severity, Status

S3_GUIDE = "https://docs.aws.amazon.com/AmazonS3/latest/userguide"
S3_HUB = "https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html"
CLOUDTRAIL = "cloudtrail.amazonaws.com"
T = TypeVar("T")

GLACIER = frozenset({"GLACIER", "DEEP_ARCHIVE", "GLACIER_IR"})
# Actions that change or delete logs or the bucket's protection; a policy pattern matching any is a write.
_WRITE_ACTIONS = (
    "PutObject PutObjectAcl PutObjectRetention PutObjectLegalHold DeleteObject DeleteObjectVersion "
    "BypassGovernanceRetention PutBucketPolicy DeleteBucketPolicy PutBucketAcl PutBucketVersioning "
    "PutBucketObjectLockConfiguration PutLifecycleConfiguration PutEncryptionConfiguration "
    "PutBucketPublicAccessBlock PutBucketLogging DeleteBucket ReplicateObject ReplicateDelete"
)
WRITES = tuple(f"s3:{action}".lower() for action in _WRITE_ACTIONS.split())


Judge = Callable[[OrgView, Located], Result]
Verdict = Callable[[T], tuple[bool, str]]


def about(delivery: Delivery) -> str:
    names = (f"{'organization ' if t.is_organization_trail else ''}trail {t.name}" for t in delivery.trails)
    return f"bucket {delivery.bucket} (logs of {', '.join(names)})"


def _reporter(org: OrgView, delivery: Delivery) -> str:
    """The view an unlocated bucket is reported in: the trail's account, else the first audited one."""
    owners = [t.owner_account for t in delivery.trails if t.owner_account in org.accounts]
    return owners[0] if owners else min(org.accounts)


def _bucket_check(judge: Judge) -> Callable[[AccountView], Iterator[Result]]:
    def evaluate(view: AccountView) -> Iterator[Result]:
        for delivery in deliveries(view.org.accounts):
            located = locate(view.org.accounts, delivery)
            if located is None:
                if view.account_id == _reporter(view.org, delivery):
                    yield _not_found(view.org, delivery)
            elif located.owner == view.account_id:
                yield judge(view.org, located)

    return evaluate


def _not_found(org: OrgView, delivery: Delivery) -> Result:
    unread = sorted(a for a, i in org.accounts.items() if isinstance(i.get(S3Account), Unavailable))
    extra = f" (the S3 inventory of {', '.join(unread)} could not be read)" if unread else ""
    reason = f"{about(delivery)}: bucket owner not audited; no audited account holds it{extra}"
    return Result(Status.UNKNOWN, delivery.arn, reason)


def _setting(read: Callable[[Bucket], T | Unavailable], verdict: Verdict[T]) -> Judge:
    """A judge of one bucket setting: unavailable, or PASS/FAIL with what was seen."""

    def judge(org: OrgView, located: Located) -> Result:
        value, region, arn = read(located.bucket), located.bucket.region, located.delivery.arn
        if isinstance(value, Unavailable):
            return unavailable(value, arn, region)
        ok, seen = verdict(value)
        return Result(Status.PASS if ok else Status.FAIL, arn, f"{about(located.delivery)} {seen}", region)

    return judge


# --- the judges ---------------------------------------------------------------------------------------


def _account(org: OrgView, located: Located) -> Result:
    owner, region, arn, name = (
        located.owner,
        located.bucket.region,
        located.delivery.arn,
        about(located.delivery),
    )
    if org.security_account is None:
        reason = "no security account identified; pass --security-account"
        return Result(Status.UNKNOWN, arn, f"{name}: {reason}", region)
    if owner == org.security_account:
        return passed(arn, f"{name} is in the security account {org.name(owner)}", region)
    where = "the management account" if owner == org.management_account else "account"
    return failed(
        arn,
        f"{name} is in {where} {org.name(owner)}, not the security account "
        f"{org.name(org.security_account)}: whoever administers that account can delete the logs",
        region,
    )


def _encryption(encryption: Encryption | None) -> tuple[bool, str]:
    if encryption is None:
        return False, "has no default encryption"
    if encryption.algorithm.startswith("aws:kms"):
        key = f" with key {encryption.kms_key_id}" if encryption.kms_key_id else ""
        return True, f"is encrypted by default with {encryption.algorithm}{key}"
    return False, f"is encrypted by default with {encryption.algorithm}, not a KMS key"


def _versioning(status: str) -> tuple[bool, str]:
    if status == "Enabled":
        return True, "has versioning on"
    return (
        False,
        f"has versioning {'suspended' if status else 'never enabled'}: an overwrite or delete is final",
    )


def _object_lock(on: bool) -> tuple[bool, str]:
    if on:
        return True, "has Object Lock on"
    return False, "has no Object Lock: anyone allowed to delete objects can erase the logs"


def _public_access(org: OrgView, located: Located) -> Result:
    region, arn, name = located.bucket.region, located.delivery.arn, about(located.delivery)
    problems: list[str] = []
    unknown: Unavailable | None = None
    for where, setting in (
        ("the bucket", located.bucket.public_access_block),
        ("the account", located.account.public_access_block),
    ):
        if isinstance(setting, Unavailable):
            unknown = unknown or setting
        elif setting is None:
            problems.append(f"{where} has no Block Public Access")
        elif not setting.all_on:
            problems.append(f"{where} has Block Public Access partly off ({_off(setting)})")
    if problems:
        return failed(arn, f"{name}: {'; '.join(problems)}", region)
    if unknown:
        return unavailable(unknown, arn, region)
    return passed(arn, f"{name} has Block Public Access fully on, bucket and account", region)


def _off(setting: PublicAccessBlock) -> str:
    flags = {
        "BlockPublicAcls": setting.block_public_acls,
        "IgnorePublicAcls": setting.ignore_public_acls,
        "BlockPublicPolicy": setting.block_public_policy,
        "RestrictPublicBuckets": setting.restrict_public_buckets,
    }
    return ", ".join(flag for flag, on in flags.items() if not on)


def _policy(text: str | None) -> tuple[bool, str]:
    if text is None:
        return False, "has no bucket policy: requests without TLS are not denied"
    problems = policy_problems(text)
    if problems:
        return False, f"has a policy that {'; '.join(problems)}"
    return True, "has a policy that denies requests without TLS and lets only CloudTrail write"


def policy_problems(text: str) -> list[str]:
    try:
        document = json.loads(text)
    except ValueError:
        return ["is not valid JSON"]
    statements = document.get("Statement", []) if isinstance(document, dict) else []
    statements = [
        s for s in ([statements] if isinstance(statements, dict) else statements) if isinstance(s, dict)
    ]
    problems: list[str] = []
    if not any(_denies_plain_http(s) for s in statements):
        problems.append("does not deny requests without TLS (a Deny on aws:SecureTransport false)")
    writers = sorted({p for s in statements for p in _writers(s)})
    if writers:
        problems.append(f"lets principals other than CloudTrail write: {', '.join(writers)}")
    return problems


def _listed(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _denies_plain_http(statement: dict[str, Any]) -> bool:
    if statement.get("Effect") != "Deny" or not _everyone(statement.get("Principal")):
        return False
    if not {str(a).lower() for a in _listed(statement.get("Action", []))} & {"*", "s3:*"}:
        return False
    for operator, conditions in (statement.get("Condition") or {}).items():
        if not operator.startswith("Bool") or not isinstance(conditions, dict):
            continue
        for key, value in conditions.items():
            if key.lower() == "aws:securetransport" and "false" in {str(v).lower() for v in _listed(value)}:
                return True
    return False


def _everyone(principal: Any) -> bool:
    if principal == "*":
        return True
    return isinstance(principal, dict) and "*" in _listed(principal.get("AWS", []))


def _writers(statement: dict[str, Any]) -> list[str]:
    """Principals other than CloudTrail that an Allow statement lets write."""
    if statement.get("Effect") != "Allow":
        return []
    if "NotAction" in statement:
        writes = True  # everything but a few actions
    else:
        patterns = [str(a).lower() for a in _listed(statement.get("Action", []))]
        writes = any(fnmatchcase(w, p) for w in WRITES for p in patterns)
    if not writes:
        return []
    if "NotPrincipal" in statement:
        return ["everyone (NotPrincipal)"]
    principal = statement.get("Principal")
    if principal == "*":
        return ["*"]
    named = principal.items() if isinstance(principal, dict) else []
    return [f"{kind}:{p}" for kind, ps in named for p in _listed(ps) if (kind, p) != ("Service", CLOUDTRAIL)]


def _access_logging(target: str | None) -> tuple[bool, str]:
    if target:
        return True, f"has server access logging to bucket {target}"
    return False, "has no server access logging: reads and deletes of the logs leave no trace"


def _lifecycle(rules: tuple[LifecycleRule, ...] | None) -> tuple[bool, str]:
    moving = [r.id for r in rules or () if r.enabled and GLACIER & set(r.transitions)]
    if moving:
        return True, f"moves logs to Glacier (lifecycle rule {', '.join(moving)})"
    what = "no lifecycle rule" if not rules else "no enabled lifecycle rule that moves logs to Glacier"
    return False, f"has {what}: years of logs stay in S3 Standard at full price"


# --- the checks ---------------------------------------------------------------------------------------

_BUCKET_CONSOLE = "In the account that owns the trail's bucket: S3 console > Buckets > the bucket > "
_TRAIL_BUCKET = (
    "https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html"
)

BUCKET_CHECKS = (
    Check(
        id="aws.cloudtrail.bucket_account",
        title="The trail's bucket is in the security account, not the management account",
        severity=Severity.MEDIUM,
        rationale="Logs kept apart from the accounts they record survive the compromise of those accounts; "
        "administrators of the management account should not be able to erase the record of what they did.",
        remediation="Create a bucket in the security (log archive) account with a policy for CloudTrail, "
        "then CloudTrail console (management account) > Trails > the trail > General details > Edit > "
        "Storage location > Use existing S3 bucket > the new bucket.",
        fix="aws cloudtrail update-trail --name <trail> --s3-bucket-name <bucket in the security account>",
        evaluate=_bucket_check(_account),
        references=(
            "https://docs.aws.amazon.com/prescriptive-guidance/latest/security-reference-architecture/log-archive.html",
            _TRAIL_BUCKET,
        ),
    ),
    Check(
        id="aws.cloudtrail.bucket_encryption",
        title="The trail's bucket is encrypted by default with a KMS key",
        severity=Severity.MEDIUM,
        rationale="With SSE-KMS, reading the logs also needs the key, whose policy and CloudTrail record "
        "of every use stay under the security team's control.",
        remediation=_BUCKET_CONSOLE + "Properties > Default encryption > Edit > SSE-KMS, choose a customer "
        "managed key, Bucket Key on.",
        fix="aws s3api put-bucket-encryption --bucket <bucket> --server-side-encryption-configuration "
        '\'{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms",'
        '"KMSMasterKeyID":"<key arn>"},"BucketKeyEnabled":true}]}\'',
        evaluate=_bucket_check(_setting(lambda b: b.encryption, _encryption)),
        fsbp=("S3.17",),
        references=(f"{S3_GUIDE}/UsingKMSEncryption.html", S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_versioning",
        title="The trail's bucket has versioning on",
        severity=Severity.LOW,
        rationale="Versioning keeps the previous version of an overwritten or deleted log file, so tampering "
        "can be undone.",
        remediation=_BUCKET_CONSOLE + "Properties > Bucket Versioning > Edit > Enable.",
        fix="aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration Status=Enabled",
        evaluate=_bucket_check(_setting(lambda b: b.versioning, _versioning)),
        fsbp=("S3.14",),
        references=(f"{S3_GUIDE}/Versioning.html", S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_object_lock",
        title="The trail's bucket has Object Lock on",
        severity=Severity.MEDIUM,
        rationale="Object Lock (write once, read many) stops anyone, an intruder with admin rights included, "
        "from deleting logs before their retention ends.",
        remediation=_BUCKET_CONSOLE + "Properties > Object Lock > Edit > Enable, with a default retention "
        "(for example governance or compliance mode, 1 year).",
        fix="aws s3api put-object-lock-configuration --bucket <bucket> --object-lock-configuration "
        '\'{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":365}}}\'',
        evaluate=_bucket_check(_setting(lambda b: b.object_lock, _object_lock)),
        fsbp=("S3.15",),
        references=(f"{S3_GUIDE}/object-lock.html", S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_public_access",
        title="Block Public Access is fully on for the trail's bucket and its account",
        severity=Severity.HIGH,
        rationale="Public CloudTrail logs show an attacker every account, role, resource and habit of the "
        "organization; Block Public Access stops a policy or ACL mistake from publishing them.",
        remediation=_BUCKET_CONSOLE
        + "Permissions > Block public access > Edit > Block all public access; and "
        "S3 console > Block Public Access settings for this account > Edit > Block all public access.",
        fix="aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration "
        "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true\n"
        "aws s3control put-public-access-block --account-id <account> --public-access-block-configuration "
        "BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true",
        evaluate=_bucket_check(_public_access),
        # S3.8 (bucket) and S3.1 (account); CloudTrail.6 (CIS v1.2/1.4 standards only) is the same intent.
        fsbp=("S3.8", "S3.1", "CloudTrail.6"),
        references=(f"{S3_GUIDE}/access-control-block-public-access.html", S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_policy",
        title="The trail's bucket policy denies requests without TLS and lets only CloudTrail write",
        severity=Severity.MEDIUM,
        rationale="Any other principal allowed to write can overwrite or delete the logs; requests without "
        "TLS expose the logs in transit.",
        remediation=_BUCKET_CONSOLE + "Permissions > Bucket policy > Edit: add a Deny of s3:* for everyone "
        "when aws:SecureTransport is false, and grant s3:PutObject only to the cloudtrail.amazonaws.com "
        "service principal (with an aws:SourceArn condition naming the trail).",
        fix="aws s3api put-bucket-policy --bucket <bucket> --policy file://trail-bucket-policy.json",
        evaluate=_bucket_check(_setting(lambda b: b.policy, _policy)),
        fsbp=("S3.5",),  # S3.5 covers the TLS part; the write restriction is our own
        references=(_TRAIL_BUCKET, S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_access_logging",
        title="The trail's bucket has server access logging on",
        severity=Severity.LOW,
        rationale="Server access logs record who read or deleted the trail's log files, which CloudTrail "
        "itself does not log without S3 data events.",
        remediation=_BUCKET_CONSOLE + "Properties > Server access logging > Edit > Enable, with a target "
        "bucket other than the trail's bucket.",
        fix="aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status "
        '\'{"LoggingEnabled":{"TargetBucket":"<access log bucket>","TargetPrefix":"cloudtrail/"}}\'',
        evaluate=_bucket_check(_setting(lambda b: b.logging_target, _access_logging)),
        fsbp=("S3.9", "CloudTrail.7"),  # CloudTrail.7 is the CIS standard's control for this bucket
        cis=("3.4",),
        references=(f"{S3_GUIDE}/ServerLogs.html", S3_HUB),
    ),
    Check(
        id="aws.cloudtrail.bucket_lifecycle",
        title="The trail's bucket has a lifecycle rule moving logs to Glacier",
        severity=Severity.LOW,
        rationale="Logs must be kept for years but are rarely read; Glacier storage costs a fraction of S3 "
        "Standard, so long retention stays affordable.",
        remediation=_BUCKET_CONSOLE + "Management > Create lifecycle rule > Transition current versions to "
        "Glacier Flexible Retrieval (or Deep Archive) after 90 days.",
        fix="aws s3api put-bucket-lifecycle-configuration --bucket <bucket> --lifecycle-configuration "
        '\'{"Rules":[{"ID":"to-glacier","Status":"Enabled","Filter":{},'
        '"Transitions":[{"Days":90,"StorageClass":"GLACIER"}]}]}\'',
        evaluate=_bucket_check(_setting(lambda b: b.lifecycle, _lifecycle)),
        fsbp=("S3.13",),  # S3.13 asks for any lifecycle configuration; this check asks for a Glacier move
        references=(f"{S3_GUIDE}/object-lifecycle-mgmt.html", S3_HUB),
    ),
)
