"""CloudTrail checks: an organization trail, multi-region and logging, and what it logs and protects.

The trail settings checks judge the organization trail when one logs the account (read in the management
account where it was audited), else the account's best trail. The checks on the trail's bucket live in
``cloudtrail_bucket`` and are part of ``CHECKS`` here.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.checks.cloudtrail_bucket import BUCKET_CHECKS
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.cloudtrail import (
    AccountTrails,
    DataEvents,
    EventSelection,
    Scope,
    Trail,
    best,
    logs_management,
    organization_trails,
    trails_of,
)
from seawall.model import Severity, Status

GUIDE = "https://docs.aws.amazon.com/awscloudtrail/latest/userguide"
HUB = "https://docs.aws.amazon.com/securityhub/latest/userguide/cloudtrail-controls.html"
NO_TRAIL = "no CloudTrail trail logs this account (see aws.cloudtrail.multi_region)"

Verdict = tuple[bool, str] | Unavailable  # (good?, what was seen), or why it could not be read


def covering(view: AccountView) -> tuple[Trail, ...]:
    """Organization trails that log this account."""
    seen = {t.arn for t in trails_of(view.inventory).others}
    members = set(view.org.member_accounts or view.org.accounts)
    return tuple(
        t
        for t in organization_trails(view.org.accounts)
        if view.account_id in members or t.arn in seen or t.owner_account == view.account_id
    )


def label(view: AccountView, trail: Trail) -> str:
    kind = "organization trail" if trail.is_organization_trail else "trail"
    if trail.owner_account == view.account_id:
        return f"{kind} {trail.name}"
    return f"{kind} {trail.name} of account {view.org.name(trail.owner_account)}"


def judged(view: AccountView) -> tuple[Trail | None, AccountTrails]:
    mine = trails_of(view.inventory)
    return best(covering(view)) or best(mine.own), mine


def _judge(verdict: Callable[[Trail], Verdict]) -> Callable[[AccountView], Iterator[Result]]:
    def evaluate(view: AccountView) -> Iterator[Result]:
        trail, mine = judged(view)
        if trail is None:
            yield unavailable(mine.gap, view.account_id) if mine.gap else failed(view.account_id, NO_TRAIL)
            return
        outcome = verdict(trail)
        if isinstance(outcome, Unavailable):
            yield unavailable(outcome, trail.arn, trail.home_region)
            return
        good, seen = outcome
        status = Status.PASS if good else Status.FAIL
        yield Result(status, trail.arn, f"{label(view, trail)} {seen}", trail.home_region)

    return evaluate


# --- organization trail and multi-region coverage -----------------------------------------------------


def _org_trail(view: AccountView) -> Iterator[Result]:
    management = view.org.management_account
    if management in view.org.accounts and view.account_id != management:
        return  # reported once, in the management account
    mine = trails_of(view.inventory)
    found = [t for t in (*mine.own, *mine.others) if t.is_organization_trail]
    if not found:
        if mine.gap:
            yield unavailable(mine.gap, view.account_id)
        else:
            yield failed(
                view.account_id,
                "no organization trail: each account must set up its own trail, and new accounts start "
                "with none",
            )
    for trail in found:
        yield _org_trail_result(view, trail)


def _org_trail_result(view: AccountView, trail: Trail) -> Result:
    name, region = label(view, trail), trail.home_region
    if trail.owner_account != view.account_id:
        return passed(trail.arn, f"{name} logs this account (its status is read in that account)", region)
    if isinstance(trail.logging, Unavailable):
        return unavailable(trail.logging, trail.arn, region)
    if trail.logging:
        return passed(trail.arn, f"{name} logs every account of the organization", region)
    return failed(trail.arn, f"{name} exists but is not logging: no account of the organization is", region)


def _multi_region(view: AccountView) -> Iterator[Result]:
    mine = trails_of(view.inventory)
    candidates = {t.arn: t for t in (*covering(view), *mine.own)}.values()
    for trail in candidates:
        if logs_management(trail) or _shadow_coverage(view, trail):
            yield passed(trail.arn, _covered(view, trail), trail.home_region)
            return
    closest = best(candidates)
    if closest is None:
        yield unavailable(mine.gap, view.account_id) if mine.gap else failed(view.account_id, _NO_TRAIL_WHY)
        return
    problems, unknown = _shortfalls(closest)
    if not problems and unknown:
        yield unavailable(unknown, closest.arn, closest.home_region)
        return
    yield failed(closest.arn, f"{label(view, closest)} {', '.join(problems)}", closest.home_region)


_NO_TRAIL_WHY = (
    "no CloudTrail trail logs this account: API activity is kept only 90 days in Event history, and "
    "nothing records what an intruder did before that"
)


def _shadow_coverage(view: AccountView, trail: Trail) -> bool:
    """An organization trail seen from a member account whose owner was not audited counts as cover."""
    return (
        trail.is_organization_trail
        and trail.is_multi_region
        and trail.owner_account != view.account_id
        and isinstance(trail.logging, Unavailable)
    )


def _covered(view: AccountView, trail: Trail) -> str:
    if trail.owner_account == view.account_id:
        return f"{label(view, trail)} logs read and write management events in every region"
    if isinstance(trail.logging, Unavailable):
        return f"covered by {label(view, trail)}, multi-region (its status is read in that account)"
    return f"covered by {label(view, trail)}, logging read and write management events in every region"


def _shortfalls(trail: Trail) -> tuple[list[str], Unavailable | None]:
    problems: list[str] = []
    unknown: Unavailable | None = None
    if not trail.is_multi_region:
        problems.append(f"is not multi-region (it logs {trail.home_region} only)")
    if isinstance(trail.logging, Unavailable):
        unknown = trail.logging
    elif not trail.logging:
        problems.append("is not logging")
    events = trail.events
    if isinstance(events, Unavailable):
        unknown = unknown or events
    else:
        problems += [f"does not log {kind} management events" for kind, on in _kinds(events) if not on]
    return problems, unknown


def _kinds(events: EventSelection) -> tuple[tuple[str, bool], ...]:
    return (("read", events.management_read), ("write", events.management_write))


# --- settings of the judged trail ---------------------------------------------------------------------


def _encryption(trail: Trail) -> Verdict:
    if trail.kms_key_id:
        return True, f"encrypts its log files with KMS key {trail.kms_key_id}"
    return False, "does not encrypt its log files with a KMS key (SSE-KMS), only with S3's default key"


def _validation(trail: Trail) -> Verdict:
    if trail.log_file_validation:
        return True, "has log file validation on: tampering with delivered logs can be proven"
    return False, "has log file validation off: a changed or deleted log file cannot be detected"


def _cloudwatch(trail: Trail) -> Verdict:
    if trail.cloudwatch_log_group_arn:
        return True, f"delivers to CloudWatch Logs group {trail.cloudwatch_log_group_arn}"
    return False, "does not deliver to CloudWatch Logs: no metric filter or alarm can watch its events"


def _insights(trail: Trail) -> Verdict:
    if isinstance(trail.insights, Unavailable):
        return trail.insights
    if trail.insights:
        return True, f"has Insights on ({', '.join(trail.insights)})"
    return False, "has no Insights: unusual bursts of API calls or errors go unnoticed"


def _data_events(
    kind: str, pick: Callable[[EventSelection], DataEvents], what: str
) -> Callable[[Trail], Verdict]:
    def verdict(trail: Trail) -> Verdict:
        if isinstance(trail.events, Unavailable):
            return trail.events
        events = pick(trail.events)
        if events.complete:
            return True, f"logs read and write {kind} data events for all {what}"
        missing = [
            d for d, scope in (("read", events.read), ("write", events.write)) if scope is not Scope.ALL
        ]
        partial = Scope.SOME in (events.read, events.write)
        extent = f"only some {what}, " if partial else ""
        return (
            False,
            f"does not log {kind} data events ({extent}missing: {' and '.join(missing)} for all {what})",
        )

    return verdict


# --- per-account trails that duplicate the organization trail -----------------------------------------


def _duplicates(view: AccountView) -> Iterator[Result]:
    organization = best(covering(view))
    if organization is None:
        yield passed(view.account_id, "no organization trail, so no per-account trail duplicates one")
        return
    extra = [t for t in trails_of(view.inventory).own if not t.is_organization_trail]
    if not extra:
        yield passed(view.account_id, f"no per-account trail duplicates {label(view, organization)}")
    for trail in extra:
        yield _duplicate(view, trail, organization)


def _duplicate(view: AccountView, trail: Trail, organization: Trail) -> Result:
    name, region = f"trail {trail.name}", trail.home_region
    if isinstance(trail.events, Unavailable):
        return unavailable(trail.events, trail.arn, region)
    if isinstance(organization.events, Unavailable):
        return unavailable(organization.events, trail.arn, region)
    if trail.logging is False:
        return passed(trail.arn, f"{name} is not logging, so it adds no cost (delete it if unused)", region)
    both = [
        k for (k, a), (_, b) in zip(_kinds(trail.events), _kinds(organization.events), strict=True) if a and b
    ]
    if not both:
        return passed(trail.arn, f"{name} logs no management events that the organization trail logs", region)
    return failed(
        trail.arn,
        f"{name} logs {' and '.join(both)} management events that {label(view, organization)} already "
        "delivers: a second copy of management events is billed (USD 2 per 100,000 events)",
        region,
    )


# --- the checks ---------------------------------------------------------------------------------------

_TRAIL_FIX = (
    "aws cloudtrail create-trail --name org-trail --s3-bucket-name <bucket in the security account> "
    "--is-organization-trail --is-multi-region-trail --enable-log-file-validation --kms-key-id <key arn>\n"
    "aws cloudtrail start-logging --name org-trail"
)
_CONSOLE = "CloudTrail console > Trails > the organization trail > "
_INSIGHTS = json.dumps([{"InsightType": "ApiCallRateInsight"}, {"InsightType": "ApiErrorRateInsight"}])


def _selectors_fix(kind: str, every: str) -> str:
    selector = {"ReadWriteType": "All", "IncludeManagementEvents": True}
    selectors = [{**selector, "DataResources": [{"Type": kind, "Values": [every]}]}]
    return (
        f"aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors '{json.dumps(selectors)}'"
    )


TRAIL_CHECKS = (
    Check(
        id="aws.cloudtrail.org_trail",
        title="An organization trail logs every account of the organization",
        severity=Severity.HIGH,
        rationale="An organization trail logs every account, including ones created later, and member "
        "accounts cannot turn it off; per-account trails leave gaps.",
        remediation="In the management account: CloudTrail console > Trails > Create trail > 'Enable for all "
        "accounts in my organization', deliver to a bucket in the security account, then start logging.",
        fix=_TRAIL_FIX,
        evaluate=_org_trail,
        references=(f"{GUIDE}/creating-trail-organization.html",),
    ),
    Check(
        id="aws.cloudtrail.multi_region",
        title="A multi-region trail is logging read and write management events for the account",
        severity=Severity.HIGH,
        rationale="Without a logging multi-region trail, API activity in unwatched regions, and anything "
        "older than Event history's 90 days, leaves no record to investigate.",
        remediation="CloudTrail console > Trails > the trail > General details > Edit > 'Enable for all "
        "regions'; Management events > Edit > API activity Read and Write; then Start logging.",
        fix=_TRAIL_FIX,
        evaluate=_multi_region,
        fsbp=("CloudTrail.1",),
        cis=("3.1",),
        references=(f"{GUIDE}/cloudtrail-create-and-update-a-trail.html", HUB),
    ),
    Check(
        id="aws.cloudtrail.encryption",
        title="The trail encrypts its log files with a KMS key",
        severity=Severity.MEDIUM,
        rationale="SSE-KMS adds a key policy between readers and the logs, and records every decryption; "
        "anyone who can read the bucket otherwise reads the logs.",
        remediation=_CONSOLE + "General details > Edit > Log file SSE-KMS encryption > Enabled, choose a "
        "customer managed key whose policy lets CloudTrail encrypt.",
        fix="aws cloudtrail update-trail --name <trail> --kms-key-id <key arn>",
        evaluate=_judge(_encryption),
        fsbp=("CloudTrail.2",),
        cis=("3.5",),
        references=(f"{GUIDE}/encrypting-cloudtrail-log-files-with-aws-kms.html", HUB),
    ),
    Check(
        id="aws.cloudtrail.log_validation",
        title="The trail has log file validation on",
        severity=Severity.LOW,
        rationale="Signed digest files prove whether a delivered log file was changed or deleted, which "
        "an intruder covering their tracks would do.",
        remediation=_CONSOLE + "General details > Edit > Log file validation > Enabled.",
        fix="aws cloudtrail update-trail --name <trail> --enable-log-file-validation",
        evaluate=_judge(_validation),
        fsbp=("CloudTrail.4",),
        cis=("3.2",),
        references=(f"{GUIDE}/cloudtrail-log-file-validation-intro.html", HUB),
    ),
    Check(
        id="aws.cloudtrail.cloudwatch",
        title="The trail delivers its events to CloudWatch Logs",
        severity=Severity.LOW,
        rationale="Events in CloudWatch Logs can raise alarms within minutes (root sign-in, trail "
        "stopped, policy changes); logs in S3 alone are only read after the fact.",
        remediation=_CONSOLE + "CloudWatch Logs > Edit > Enabled, choose a log group and an IAM role "
        "CloudTrail can use.",
        fix="aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn <group arn> "
        "--cloud-watch-logs-role-arn <role arn>",
        evaluate=_judge(_cloudwatch),
        fsbp=("CloudTrail.5",),  # CIS v3.0 dropped this recommendation (it was 3.4 in v1.4)
        references=(f"{GUIDE}/send-cloudtrail-events-to-cloudwatch-logs.html", HUB),
    ),
    Check(
        id="aws.cloudtrail.insights",
        title="The trail has CloudTrail Insights on",
        severity=Severity.LOW,
        rationale="Insights flags unusual volumes of API calls or errors, a common sign of a script "
        "enumerating or abusing stolen credentials.",
        remediation=_CONSOLE + "Insights events > Edit > API call rate and API error rate.",
        fix=f"aws cloudtrail put-insight-selectors --trail-name <trail> --insight-selectors '{_INSIGHTS}'",
        evaluate=_judge(_insights),
        references=(f"{GUIDE}/logging-insights-events-with-cloudtrail.html",),
    ),
    Check(
        id="aws.cloudtrail.s3_data_events",
        title="The trail logs S3 object-level read and write events for all buckets",
        severity=Severity.MEDIUM,
        rationale="Management events do not show who read, wrote or deleted an object; after a data "
        "leak, object-level events are the only record of what was taken.",
        remediation=_CONSOLE + "Data events > Edit > Data event type S3, log all events for all current and "
        "future buckets.",
        fix=_selectors_fix("AWS::S3::Object", "arn:aws:s3"),
        evaluate=_judge(_data_events("S3 object", lambda e: e.s3, "buckets")),
        fsbp=("S3.22", "S3.23"),
        cis=("3.8", "3.9"),
        references=(f"{GUIDE}/logging-data-events-with-cloudtrail.html",),
    ),
    Check(
        id="aws.cloudtrail.lambda_data_events",
        title="The trail logs Lambda invocations (data events) for all functions",
        severity=Severity.LOW,
        rationale="Management events do not show who invoked a function; invocations are how an intruder "
        "runs code with the function's permissions.",
        remediation=_CONSOLE + "Data events > Edit > Data event type Lambda, log all events for all "
        "functions.",
        fix=_selectors_fix("AWS::Lambda::Function", "arn:aws:lambda"),
        evaluate=_judge(_data_events("Lambda", lambda e: e.lambda_functions, "functions")),
        references=(f"{GUIDE}/logging-data-events-with-cloudtrail.html",),
    ),
    Check(
        id="aws.cloudtrail.duplicate_trails",
        title="No per-account trail logs management events the organization trail already logs",
        severity=Severity.LOW,
        rationale="The first copy of management events is free; every further trail logging them is billed, "
        "and old per-account trails are often forgotten.",
        remediation="In the member account: CloudTrail console > Trails > the old trail > Delete (or keep "
        "it for data events only: Management events > Edit > untick Read and Write).",
        fix="aws cloudtrail delete-trail --name <per-account trail>",
        evaluate=_duplicates,
        references=(
            "https://aws.amazon.com/cloudtrail/pricing/",
            f"{GUIDE}/creating-trail-organization.html",
        ),
    ),
)

CHECKS: tuple[Check, ...] = TRAIL_CHECKS + BUCKET_CHECKS
