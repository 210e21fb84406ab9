"""GuardDuty: a detector in every region, the security account as delegated administrator with every
member enrolled and auto-enable on, and findings exported somewhere a person or a SIEM will see them.

Findings export is judged per account and region where a detector is enabled (no detector: nothing to
export, and aws.guardduty.enabled already fails that region). A member account passes through its GuardDuty
administrator: findings are aggregated in the administrator account of the same region, so its export
rule counts for every member (read from the administrator's inventory).
"""

from __future__ import annotations

from collections.abc import Iterator

from seawall.aws.checks.base import (
    AccountView,
    Check,
    OrgView,
    Result,
    failed,
    passed,
    regional_arn,
    unavailable,
)
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.guardduty import Detector, GuardDutyRegion
from seawall.aws.inventory.organizations import GUARDDUTY, OrganizationsAccount
from seawall.model import Severity, Status

NO_SECURITY = "no security account identified; pass --security-account"
SHOWN = 5  # account ids listed in a reason before "and N more"


def detector_arn(region: str, account_id: str, detector: Detector) -> str:
    return regional_arn("guardduty", region, account_id, f"detector/{detector.id}")


def _listed(ids: list[str]) -> str:
    more = f" and {len(ids) - SHOWN} more" if len(ids) > SHOWN else ""
    return ", ".join(ids[:SHOWN]) + more


# aws.guardduty.enabled -----------------------------------------------------------------------------


def evaluate_enabled(view: AccountView) -> Iterator[Result]:
    for region, gd in view.each(GuardDutyRegion):
        if isinstance(gd, Unavailable):
            yield unavailable(gd, region, region)
        elif (detector := gd.enabled_detector) is not None:
            yield passed(
                detector_arn(region, view.account_id, detector),
                f"GuardDuty detector {detector.id} is enabled in {region}",
                region,
            )
        elif gd.detectors:
            detector = gd.detectors[0]
            yield failed(
                detector_arn(region, view.account_id, detector),
                f"GuardDuty detector {detector.id} in {region} is suspended (status {detector.status}): "
                "no threat detection there",
                region,
            )
        else:
            yield failed(
                region,
                f"no GuardDuty detector in {region}: attackers favour regions nobody watches",
                region,
            )


# aws.guardduty.delegated_admin ---------------------------------------------------------------------


def reports_for_org(view: AccountView) -> bool:
    """Whether this view reports an organization-level result: the security account's view, else the
    management account's, else (neither audited) the first audited account's."""
    org = view.org
    for candidate in (org.security_account, org.management_account):
        if candidate and candidate in org.accounts:
            return view.account_id == candidate
    return view.account_id == min(org.accounts, default=view.account_id)


def guardduty_admins(org: OrgView) -> tuple[str, ...] | Unavailable:
    """GuardDuty's delegated administrators, from the management account's Organizations record."""
    management = org.management_account
    if management is None:
        return Unavailable("the organization's management account is not known", Status.UNKNOWN)
    inventory = org.accounts.get(management)
    if inventory is None:
        return Unavailable(f"the management account {management} was not audited", Status.UNKNOWN)
    record = inventory.get(OrganizationsAccount)
    if isinstance(record, Unavailable):
        return record
    delegated = record.delegated(GUARDDUTY)
    native = record.guardduty_admins
    known = [ids for ids in (delegated, native) if isinstance(ids, tuple)]
    if not known:
        return delegated
    return tuple(sorted({a for ids in known for a in ids}))


def _org_resource(org: OrgView, fallback: str) -> str:
    inventory = org.accounts.get(org.management_account or "")
    record = inventory.get(OrganizationsAccount) if inventory else None
    if isinstance(record, OrganizationsAccount) and record.organization and record.organization.arn:
        return record.organization.arn
    return org.organization_id or fallback


def _admin_result(org: OrgView, security: str) -> Result:
    resource = _org_resource(org, security)
    admins = guardduty_admins(org)
    if isinstance(admins, Unavailable):
        return unavailable(admins, resource)
    if security in admins:
        return passed(resource, f"the security account {security} is GuardDuty's delegated administrator")
    who = f"is {_listed(list(admins))}" if admins else "is not set"
    return failed(
        resource,
        f"GuardDuty's delegated administrator {who}, not the security account {security}: "
        "findings are not gathered where the security team works",
    )


def _region_result(org: OrgView, security: str, region: str, detector: Detector) -> Result:
    problems: list[str] = []
    unknown: list[Unavailable] = []
    config = detector.org_config
    if isinstance(config, Unavailable):
        unknown.append(config)
    elif config is None:
        problems.append(f"{security} is not the GuardDuty administrator in {region}")
    elif not config.auto_enables:
        problems.append(f"auto-enable for new accounts is off in {region} ({config.auto_enable_members})")
    if isinstance(detector.members, Unavailable):
        unknown.append(
            Unavailable(
                f"cannot tell whether every member is enrolled: {detector.members.reason}",
                detector.members.status,
            )
        )
    else:
        enrolled = {m.account_id for m in detector.members if m.enrolled}
        missing = sorted(set(org.member_accounts) - enrolled - {security})
        if missing:
            problems.append(
                f"{len(missing)} member accounts are not enrolled in {region}: {_listed(missing)}"
            )
    resource = detector_arn(region, security, detector)
    if problems:
        tail = f" (also: {'; '.join(u.reason for u in unknown)})" if unknown else ""
        return failed(resource, "; ".join(problems) + tail, region)
    if unknown:
        status = Status.ERROR if any(u.status is Status.ERROR for u in unknown) else Status.UNKNOWN
        return Result(status, resource, "; ".join(u.reason for u in unknown), region)
    return passed(resource, f"auto-enable is on and every member is enrolled in {region}", region)


def evaluate_delegated_admin(view: AccountView) -> Iterator[Result]:
    if not reports_for_org(view):
        return
    org = view.org
    security = org.security_account
    if security is None:
        yield Result(Status.UNKNOWN, org.organization_id or view.account_id, NO_SECURITY)
        return
    yield _admin_result(org, security)
    inventory = org.accounts.get(security)
    if inventory is None:
        yield Result(Status.UNKNOWN, security, f"the security account {security} was not audited")
        return
    for region, gd in inventory.each(GuardDutyRegion):
        if isinstance(gd, Unavailable):
            yield unavailable(gd, region, region)
        elif gd.detectors:
            yield _region_result(org, security, region, gd.enabled_detector or gd.detectors[0])


# aws.guardduty.findings_export ---------------------------------------------------------------------


def exported(gd: GuardDutyRegion, detector: Detector) -> str | Unavailable | None:
    """How this region's findings leave GuardDuty (a description), None if they do not, or why unknown."""
    unknown: list[Unavailable] = []
    rules = gd.export_rules
    if isinstance(rules, Unavailable):
        unknown.append(rules)
    for rule in rules if isinstance(rules, tuple) else ():
        if isinstance(rule.targets, Unavailable):
            unknown.append(rule.targets)
        elif rule.enabled and rule.targets:
            return f"EventBridge rule {rule.name} sends them to {_listed(list(rule.targets))}"
    if isinstance(detector.destinations, Unavailable):
        unknown.append(detector.destinations)
    else:
        active = [d for d in detector.destinations if d.active]
        if active:
            return f"they are published to a {active[0].type} destination ({active[0].status})"
    return unknown[0] if unknown else None


def _via_admin(view: AccountView, region: str) -> tuple[str, str | Unavailable | None] | None:
    """The GuardDuty administrator's export in ``region``, for a member account; None if not a member."""
    admins = guardduty_admins(view.org)
    if isinstance(admins, Unavailable) or not admins or view.account_id in admins:
        return None
    admin = admins[0]
    inventory = view.org.accounts.get(admin)
    if inventory is None:
        return admin, Unavailable(f"the GuardDuty administrator {admin} was not audited", Status.UNKNOWN)
    gd = inventory.get(GuardDutyRegion, region)
    if isinstance(gd, Unavailable):
        return admin, gd
    detector = gd.enabled_detector
    return admin, exported(gd, detector) if detector else None


def _export_result(view: AccountView, region: str, gd: GuardDutyRegion, detector: Detector) -> Result:
    resource = detector_arn(region, view.account_id, detector)
    own = exported(gd, detector)
    if isinstance(own, str):
        return passed(resource, f"GuardDuty findings in {region} are exported: {own}", region)
    admin, theirs = _via_admin(view, region) or (None, None)
    if isinstance(theirs, str):
        return passed(
            resource,
            f"GuardDuty findings in {region} are aggregated in the administrator account {admin}, where "
            f"{theirs}",
            region,
        )
    for doubt in (own, theirs):
        if isinstance(doubt, Unavailable):
            return unavailable(doubt, resource, region)
    nor = f" nor by the GuardDuty administrator {admin}" if admin else ""
    return failed(
        resource,
        f"GuardDuty findings in {region} are not exported by this account{nor} (no EventBridge rule on "
        "aws.guardduty with a target, no publishing destination): nobody is alerted",
        region,
    )


def evaluate_findings_export(view: AccountView) -> Iterator[Result]:
    for region, gd in view.each(GuardDutyRegion):
        if isinstance(gd, Unavailable):
            yield unavailable(gd, region, region)
        elif (detector := gd.enabled_detector) is not None:
            yield _export_result(view, region, gd, detector)


_REFS = ("https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html",)

CHECKS = (
    Check(
        id="aws.guardduty.enabled",
        title="GuardDuty is enabled in every region, including regions with no resources",
        severity=Severity.HIGH,
        rationale=(
            "GuardDuty watches CloudTrail, DNS and network logs for signs of compromise; a region without a "
            "detector is where an attacker can mine or exfiltrate unnoticed."
        ),
        remediation=(
            "Console: GuardDuty > Get started > Enable GuardDuty, in every region (or from the delegated "
            "administrator: Accounts > auto-enable for all accounts)."
        ),
        fix="aws guardduty create-detector --enable --region <region>   # in every region",
        evaluate=evaluate_enabled,
        fsbp=("GuardDuty.1",),  # no CIS v3.0.0 recommendation covers GuardDuty
        references=(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/guardduty-controls.html#guardduty-1",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html",
        ),
    ),
    Check(
        id="aws.guardduty.delegated_admin",
        title="The security account administers GuardDuty for the organization, with every member enrolled",
        severity=Severity.MEDIUM,
        rationale=(
            "With the security account as delegated administrator, findings from every account land in one "
            "place and new accounts are covered automatically instead of being forgotten."
        ),
        remediation=(
            "Console (management account): GuardDuty > Settings > Delegated administrator: the security "
            "account, in every region. Then in the security account: GuardDuty > Accounts > Auto-enable: "
            "all accounts, and add any existing accounts that are not members."
        ),
        fix=(
            "aws guardduty enable-organization-admin-account --admin-account-id <security> --region <r>\n"
            "aws guardduty update-organization-configuration --detector-id <id> "
            "--auto-enable-organization-members ALL --region <r>   # as the security account"
        ),
        evaluate=evaluate_delegated_admin,
        references=_REFS,
    ),
    Check(
        id="aws.guardduty.findings_export",
        title="GuardDuty findings are exported (an EventBridge rule with a target, or an S3 destination)",
        severity=Severity.MEDIUM,
        rationale=(
            "Findings only help if someone sees them: GuardDuty keeps them for 90 days in its console and "
            "alerts nobody unless they are sent to a queue, topic, SIEM or bucket."
        ),
        remediation=(
            "Console (GuardDuty administrator account, each region): EventBridge > Rules > Create rule, "
            "event pattern source aws.guardduty, detail-type 'GuardDuty Finding', target an SNS topic, SQS "
            "queue, Lambda function or Firehose stream. Or GuardDuty > Settings > Findings export options > "
            "S3 bucket."
        ),
        fix=(
            "aws events put-rule --name guardduty-findings "
            '--event-pattern \'{"source":["aws.guardduty"],"detail-type":["GuardDuty Finding"]}\'\n'
            "aws events put-targets --rule guardduty-findings --targets Id=alerts,Arn=<sns-topic-arn>"
        ),
        evaluate=evaluate_findings_export,
        references=(
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_findings_eventbridge.html",
            "https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_exportfindings.html",
        ),
    ),
)
