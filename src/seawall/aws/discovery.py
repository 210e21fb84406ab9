"""Who is auditing what: the caller, the organization, the accounts (with credentials) and their regions."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial

from seawall.aws.collectors.base import error_code, pages
from seawall.aws.session import Connector, Credentials
from seawall.errors import CloudError, UsageError

ACCOUNT_ID = re.compile(r"^\d{12}$")
REGION = re.compile(r"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")
# Services whose delegated administrator is, by convention, the security account.
SECURITY_SERVICES = ("guardduty.amazonaws.com", "securityhub.amazonaws.com", "config.amazonaws.com")


@dataclass(frozen=True, slots=True)
class Request:
    org: bool = False
    accounts: tuple[str, ...] = ()
    regions: tuple[str, ...] = ()
    role_name: str = "OrganizationAccountAccessRole"
    security_account: str | None = None
    jobs: int = 32
    processes: int = 0  # 0: one per core once the audit is large enough
    # Leave out the regions the regions answer marks "not-opted-in". AWS itself already leaves them out of
    # that answer; a simulator may list them with that mark. The demo organization sets this: like a real
    # one, it has not opted into the opt-in regions, so auditing them would only add refusals and time.
    opted_in_only: bool = False

    def __post_init__(self) -> None:
        for account in (*self.accounts, *([self.security_account] if self.security_account else [])):
            if not ACCOUNT_ID.match(account):
                raise UsageError(f"{account!r} is not an AWS account id (12 digits)")
        for region in self.regions:
            if not REGION.match(region):
                raise UsageError(f"{region!r} is not an AWS region name (like eu-west-1)")
        if self.jobs < 1:
            raise UsageError("--jobs must be at least 1")
        if self.processes < 0:
            raise UsageError("--processes must be 0 (automatic) or more")


@dataclass(frozen=True, slots=True)
class Target:
    account_id: str
    name: str = ""
    credentials: Credentials | None = field(default=None, repr=False)
    regions: tuple[str, ...] = ()
    failure: str = ""  # why this account cannot be audited (role not assumable, ...)


@dataclass(frozen=True, slots=True)
class Scope:
    caller_account: str
    partition: str
    targets: tuple[Target, ...]
    management_account: str | None = None
    organization_id: str | None = None
    member_accounts: tuple[str, ...] = ()
    security_account: str | None = None
    names: dict[str, str] = field(default_factory=dict)


def discover(connector: Connector, request: Request) -> Scope:
    from botocore.exceptions import BotoCoreError
    from botocore.parsers import ResponseParserError

    caller, partition = _identity(connector)
    try:
        return _discover(connector, request, caller, partition)
    except (BotoCoreError, ResponseParserError) as exc:
        client = connector.client("", connector.default_region, "organizations")
        endpoint = connector.endpoint_error(exc, client)
        raise endpoint or CloudError(f"cannot discover the accounts: {type(exc).__name__}") from None


def _discover(connector: Connector, request: Request, caller: str, partition: str) -> Scope:
    org_id, management = _organization(connector)
    names: dict[str, str] = {}
    members: tuple[str, ...] = ()
    if request.org:
        names = _org_accounts(connector)
        members = tuple(names)
    wanted = request.accounts or (members if request.org else (caller,))
    if request.org and request.accounts:
        unknown = sorted(set(request.accounts) - set(members))
        if unknown:
            raise UsageError(f"not in the organization: {', '.join(unknown)}")
    security = request.security_account or (_delegated_admin(connector) if management == caller else None)
    targets = _prepare(connector, request, caller, partition, wanted, names)
    return Scope(caller, partition, targets, management, org_id, members, security, names)


def _identity(connector: Connector) -> tuple[str, str]:
    """Who is calling: the first call, so an endpoint that is not AWS (a proxy's page, an empty 403, a
    refused connection) stops the audit here with one line."""
    from botocore.exceptions import BotoCoreError, ClientError, NoCredentialsError
    from botocore.parsers import ResponseParserError

    sts = connector.client("", connector.default_region, "sts")
    try:
        answer = sts.get_caller_identity()
    except NoCredentialsError:
        raise CloudError(
            "no AWS credentials found",
            hint="set AWS_PROFILE or --profile, run 'aws sso login', or try 'seawall aws audit --demo'",
        ) from None
    except (ClientError, BotoCoreError, ResponseParserError, KeyError, TypeError, ValueError) as exc:
        # KeyError...: botocore's parser on a reply that parses as XML but is not AWS's (a web page)
        endpoint = connector.endpoint_error(exc, sts)
        if endpoint is not None:
            raise endpoint from None
        raise CloudError(
            f"cannot identify the caller: {exc}", hint="check the credentials and region"
        ) from None
    arn = str(answer["Arn"])
    return str(answer["Account"]), arn.split(":")[1] if arn.count(":") >= 2 else "aws"


def _organization(connector: Connector) -> tuple[str | None, str | None]:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        org = connector.client("", connector.default_region, "organizations").describe_organization()
    except (ClientError, BotoCoreError):
        return None, None  # not in an organization, or not allowed to say: the audit goes on
    return org["Organization"].get("Id"), org["Organization"].get("MasterAccountId")


def _org_accounts(connector: Connector) -> dict[str, str]:
    from botocore.exceptions import ClientError

    client = connector.client("", connector.default_region, "organizations")
    try:
        accounts = list(pages(client, "list_accounts", "Accounts"))
    except ClientError as exc:
        raise CloudError(
            f"cannot list the organization's accounts ({error_code(exc)})",
            hint="--org needs credentials of the management account or a delegated administrator",
        ) from None
    return {a["Id"]: a.get("Name", "") for a in accounts if a.get("Status", "ACTIVE") == "ACTIVE"}


def _delegated_admin(connector: Connector) -> str | None:
    from botocore.exceptions import BotoCoreError, ClientError

    client = connector.client("", connector.default_region, "organizations")
    for principal in SECURITY_SERVICES:
        try:
            admins = client.list_delegated_administrators(ServicePrincipal=principal)
        except (ClientError, BotoCoreError):
            continue
        for admin in admins.get("DelegatedAdministrators", ()):
            return str(admin["Id"])
    return None


def _prepare(
    connector: Connector,
    request: Request,
    caller: str,
    partition: str,
    accounts: Sequence[str],
    names: dict[str, str],
) -> tuple[Target, ...]:
    def prepare(account: str) -> Target:
        target = Target(account, names.get(account, ""))
        if account != caller:
            role = f"arn:{partition}:iam::{account}:role/{request.role_name}"
            target = _attempt(target, lambda: replace(target, credentials=connector.assume(role)), role)
            if target.failure:
                return target
        connector.use_credentials(account, target.credentials)
        if request.regions:
            return replace(target, regions=request.regions)
        regions = partial(_enabled_regions, connector, account, request.opted_in_only)
        return _attempt(target, lambda: replace(target, regions=regions()), "")

    with ThreadPoolExecutor(max_workers=min(request.jobs, max(1, len(accounts)))) as pool:
        return tuple(pool.map(prepare, accounts))


def _attempt(target: Target, step: Callable[[], Target], role: str) -> Target:
    from botocore.exceptions import BotoCoreError, ClientError

    try:
        return step()
    except (ClientError, BotoCoreError) as exc:
        what = f"cannot assume {role}" if role else "cannot list enabled regions"
        return replace(target, failure=f"{what}: {error_code(exc) or type(exc).__name__}")


def _enabled_regions(connector: Connector, account: str, opted_in_only: bool = False) -> tuple[str, ...]:
    ec2 = connector.client(account, connector.default_region, "ec2")
    regions = ec2.describe_regions(AllRegions=False)["Regions"]
    if opted_in_only:
        regions = [r for r in regions if r.get("OptInStatus") != "not-opted-in"]
    partition = _partition_of(connector, connector.default_region)
    return tuple(
        sorted(
            r["RegionName"] for r in regions if _partition_of(connector, r["RegionName"]) in (partition, None)
        )
    )


def _partition_of(connector: Connector, region: str) -> str | None:
    """The partition a region belongs to (aws, aws-cn, aws-us-gov...); None for a region botocore does not
    know yet, which is then kept. An answer that lists another partition's regions (moto lists cn-north-1
    and us-gov-west-1 beside eu-west-1) names regions these credentials can never reach."""
    from botocore.exceptions import UnknownRegionError

    try:
        return str(connector.session.get_partition_for_region(region))
    except UnknownRegionError:
        return None
