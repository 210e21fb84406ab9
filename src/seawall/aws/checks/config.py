"""AWS Config: a recorder in every region, and an organization aggregator in the security account.

Global resources (IAM users, groups, roles, policies) need recording in only one region, so that part is
judged once per account, as a separate result in region GLOBAL: a per-region FAIL would be wrong in every
region but one, and AWS advises against recording them in more than one region (duplicate items, cost).
"""

from __future__ import annotations

from collections.abc import Iterator

from seawall.aws.checks.base import AccountView, Check, Result, failed, passed, unavailable
from seawall.aws.inventory import Unavailable
from seawall.aws.inventory.config import Aggregator, ConfigRegion, Recorder
from seawall.model import Severity, Status

NO_SECURITY = "no security account identified; pass --security-account"


def _worst(pieces: list[Unavailable]) -> Unavailable:
    return next((p for p in pieces if p.status is Status.ERROR), pieces[0])


def _verdict(
    resource: str, region: str, good: str, problems: list[str], unknown: list[Unavailable]
) -> Result:
    """FAIL on any known problem, else ERROR/UNKNOWN on any unread part, else PASS."""
    if problems:
        tail = f" (also: {'; '.join(u.reason for u in unknown)})" if unknown else ""
        return failed(resource, f"{'; '.join(problems)}{tail}", region)
    if unknown:
        worst = _worst(unknown)
        return Result(worst.status, resource, "; ".join(u.reason for u in unknown), region)
    return passed(resource, good, region)


# aws.config.recorder -------------------------------------------------------------------------------


def recorder_arn(recorder: Recorder, region: str, account_id: str) -> str:
    # The real ARN ends in a random id that older API versions (and moto) do not return.
    return recorder.arn or f"arn:aws:config:{region}:{account_id}:configuration-recorder/{recorder.name}"


def _recorder_result(config: ConfigRegion, region: str, account_id: str) -> Result:
    recorder = config.customer_recorder
    if recorder is None:
        linked = [r.service_principal for r in config.recorders if r.service_principal]
        extra = f" (only service-linked recorders of {', '.join(map(str, linked))})" if linked else ""
        return failed(
            region,
            f"no AWS Config recorder in {region}{extra}: configuration changes there are not recorded",
            region,
        )
    name = f"Config recorder {recorder.name} in {region}"
    problems: list[str] = []
    unknown: list[Unavailable] = []
    if isinstance(recorder.recording, Unavailable):
        unknown.append(recorder.recording)
    elif not recorder.recording:
        problems.append(f"{name} is stopped (not recording)")
    if not recorder.all_supported:
        problems.append(
            f"{name} does not record all supported resource types ({recorder.strategy or 'a list'})"
        )
    if isinstance(config.delivery_channels, Unavailable):
        unknown.append(config.delivery_channels)
    elif not config.delivery_channels:
        problems.append(f"{name} has no delivery channel, so nothing is delivered to S3")
    good = f"{name} is recording all supported resource types and delivers to {_bucket(config)}"
    return _verdict(recorder_arn(recorder, region, account_id), region, good, problems, unknown)


def _bucket(config: ConfigRegion) -> str:
    channels = config.delivery_channels
    if isinstance(channels, Unavailable) or not channels:
        return "its delivery channel"
    return f"s3://{channels[0].s3_bucket}"


def _global_result(view: AccountView) -> Result:
    regions: list[str] = []
    unknown: list[Unavailable] = []
    for region, config in view.each(ConfigRegion):
        if isinstance(config, Unavailable):
            unknown.append(config)
            continue
        recorder = config.customer_recorder
        if recorder is None or not recorder.include_global:
            continue
        if isinstance(recorder.recording, Unavailable):
            unknown.append(recorder.recording)
        elif recorder.recording:
            regions.append(region)
    resource = view.account_id
    if regions:
        return passed(resource, f"global resources (IAM) are recorded in {', '.join(regions)}")
    if unknown:
        return unavailable(_worst(unknown), resource)
    return failed(
        resource,
        "no region records global resources (IAM users, groups, roles, policies): "
        "turn on includeGlobalResourceTypes in one region's recorder",
    )


def evaluate_recorder(view: AccountView) -> Iterator[Result]:
    for region, config in view.each(ConfigRegion):
        if isinstance(config, Unavailable):
            yield unavailable(config, region, region)
        else:
            yield _recorder_result(config, region, view.account_id)
    yield _global_result(view)


# aws.config.aggregator -----------------------------------------------------------------------------


def reports_for_org(view: AccountView) -> bool:
    """Whether this view reports an organization-level result: the security account's view, else the
    management account's, else (neither audited) the first audited account's."""
    org = view.org
    for candidate in (org.security_account, org.management_account):
        if candidate and candidate in org.accounts:
            return view.account_id == candidate
    return view.account_id == min(org.accounts, default=view.account_id)


def _gaps(aggregator: Aggregator, accounts: tuple[str, ...], regions: tuple[str, ...]) -> str:
    missing = [(a, r) for a in accounts for r in regions if not aggregator.covers(a, r)]
    if not missing:
        return ""
    lost_accounts = sorted({a for a, _ in missing})
    lost_regions = sorted({r for _, r in missing})
    if len(lost_accounts) == len(accounts):
        return f"does not cover regions {', '.join(lost_regions)}"
    return f"does not cover accounts {', '.join(lost_accounts)} in regions {', '.join(lost_regions)}"


def evaluate_aggregator(view: AccountView) -> Iterator[Result]:
    if not reports_for_org(view):
        return
    org = view.org
    security = org.security_account
    if security is None:
        yield Result(Status.UNKNOWN, org.organization_id or view.account_id, NO_SECURITY)
        return
    inventory = org.accounts.get(security)
    if inventory is None:
        yield Result(Status.UNKNOWN, security, f"the security account {security} was not audited")
        return
    accounts = tuple(sorted(set(org.member_accounts) | set(org.accounts)))
    regions = tuple(sorted({r for inv in org.accounts.values() for r in inv.regions}))
    found: list[tuple[Aggregator, str]] = []
    unknown: list[Unavailable] = []
    for _region, config in inventory.each(ConfigRegion):
        aggregators = config if isinstance(config, Unavailable) else config.aggregators
        if isinstance(aggregators, Unavailable):
            unknown.append(aggregators)
            continue
        found.extend((a, _gaps(a, accounts, regions)) for a in aggregators)
    complete = [a for a, gaps in found if not gaps]
    if complete:
        best = next((a for a in complete if a.organization_wide), complete[0])
        kind = "organization" if best.organization_wide else "account"
        yield passed(
            best.arn,
            f"{kind} aggregator {best.name} in the security account {security} ({best.region}) covers "
            f"all {len(accounts)} accounts and every audited region",
            best.region,
        )
    elif found:
        aggregator, gaps = min(found, key=lambda pair: len(pair[1]))
        yield failed(aggregator.arn, f"aggregator {aggregator.name} in {security} {gaps}", aggregator.region)
    elif unknown:
        yield unavailable(_worst(unknown), security)
    else:
        yield failed(
            security,
            f"no AWS Config aggregator in the security account {security}: there is no single view of "
            "configuration across the organization",
        )


_RECORDER_FIX = """\
aws configservice put-configuration-recorder --configuration-recorder \\
  name=default,roleARN=arn:aws:iam::<account>:role/aws-service-role/config.amazonaws.com/\
AWSServiceRoleForConfig \\
  --recording-group allSupported=true,includeGlobalResourceTypes=true   # global types in one region only
aws configservice put-delivery-channel --delivery-channel name=default,s3BucketName=<config-bucket>
aws configservice start-configuration-recorder --configuration-recorder-name default"""

_AGGREGATOR_FIX = """\
# in the security account (registered as Config's delegated administrator):
aws configservice put-configuration-aggregator --configuration-aggregator-name organization \\
  --organization-aggregation-source \\
  RoleArn=arn:aws:iam::<security>:role/<aggregator-role>,AllAwsRegions=true"""

CHECKS = (
    Check(
        id="aws.config.recorder",
        title="AWS Config records all supported resources in every region, with a delivery channel",
        severity=Severity.HIGH,
        rationale=(
            "AWS Config is the record of what changed, when and by whom; without it an investigation "
            "cannot tell how a resource looked before an incident, and in an unrecorded region nothing is."
        ),
        remediation=(
            "Console: AWS Config > Settings in each region > Edit: recording strategy 'All resource types "
            "with customizable overrides', include global resource types in one region only, choose an S3 "
            "bucket for the delivery channel, and make sure recording is on."
        ),
        fix=_RECORDER_FIX,
        evaluate=evaluate_recorder,
        fsbp=("Config.1",),
        cis=("3.3",),
        references=(
            "https://docs.aws.amazon.com/securityhub/latest/userguide/config-controls.html#config-1",
            "https://docs.aws.amazon.com/config/latest/developerguide/select-resources.html",
        ),
    ),
    Check(
        id="aws.config.aggregator",
        title="An organization Config aggregator in the security account covers every account and region",
        severity=Severity.MEDIUM,
        rationale=(
            "An aggregator gives the security team one place to query configuration and compliance across "
            "all accounts and regions, instead of logging in to each."
        ),
        remediation=(
            "Console (security account, after registering it as Config's delegated administrator): AWS "
            "Config > Aggregators > Create aggregator > 'Add my organization', include all regions."
        ),
        fix=_AGGREGATOR_FIX,
        evaluate=evaluate_aggregator,
        references=("https://docs.aws.amazon.com/config/latest/developerguide/aggregate-data.html",),
    ),
)
