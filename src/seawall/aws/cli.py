"""`seawall aws audit`: wiring only. Flags in, a read-only audit, a report out."""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Iterator, Sequence

from seawall.errors import UsageError
from seawall.model import ScanReport, Severity


def _split(value: str | None, flag: str) -> tuple[str, ...]:
    """A comma-separated list; given but naming nothing (``--regions ''``, ``--accounts ,``) is an error,
    not "no filter"."""
    items = tuple(v.strip() for v in (value or "").split(",") if v.strip())
    if value is not None and not items:
        raise UsageError(f"{flag} names nothing ({value!r})", hint=f"leave {flag} out to mean all")
    return items


def request_from(
    args: argparse.Namespace, *, security_account: str | None = None, opted_in_only: bool = False
) -> object:
    from seawall.aws.discovery import Request

    return Request(
        org=bool(args.org),
        accounts=_split(args.accounts, "--accounts"),
        regions=_split(args.regions, "--regions"),
        role_name=args.role_name,
        security_account=args.security_account or security_account,
        jobs=args.jobs,
        processes=args.processes,
        opted_in_only=opted_in_only,
    )


def fail_on(args: argparse.Namespace) -> Severity:
    try:
        return Severity.parse(args.fail_on)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


@contextlib.contextmanager
def audit_target(args: argparse.Namespace) -> Iterator[dict[str, object]]:
    """The demo organization (started and torn down here) or the caller's real credentials."""
    if not args.demo:
        yield {}
        return
    if args.profile:
        raise UsageError("--demo audits a simulated organization; it takes no --profile")
    from seawall.aws.demo import shared_demo_environment

    with shared_demo_environment() as demo:
        yield {"org": True, "security_account": demo.security, "opted_in_only": True}


@contextlib.contextmanager
def target_request(args: argparse.Namespace) -> Iterator[object]:
    """The discovery request the flags ask for, against the demo organization (started and torn down
    around it) or the caller's real credentials."""
    with audit_target(args) as overrides:
        if overrides:
            args.org = True
        yield request_from(
            args,
            security_account=overrides.get("security_account"),  # type: ignore[arg-type]
            opted_in_only=bool(overrides.get("opted_in_only")),
        )


def validate(args: argparse.Namespace) -> None:
    """Every AWS flag checked before any work starts (no simulator, no API call): exit 2 at once."""
    from seawall.aws.regions import check_regions

    fail_on(args)
    if args.demo and args.profile:
        raise UsageError("--demo audits a simulated organization; it takes no --profile")
    request_from(args)
    check_regions(_split(args.regions, "--regions"))


def audit(args: argparse.Namespace) -> ScanReport:
    from seawall.aws.engine import run_audit

    validate(args)
    severity = fail_on(args)
    with target_request(args) as request:
        return run_audit(request, profile=args.profile, fail_on=severity)  # type: ignore[arg-type]


def narrowed(args: argparse.Namespace) -> str:
    """Why this audit covers only part of what it would by default ("" when it does not)."""
    from seawall.programme.service import aws_partial_scope

    return aws_partial_scope(_split(args.regions, "--regions"))


def audit_command(args: argparse.Namespace) -> int:
    from seawall.scanners.history import run_command

    validate(args)
    return run_command(args, "aws", lambda: audit(args), text="audit-text", partial=narrowed(args))


def add_aws_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], argv: Sequence[str] = ()
) -> None:
    from seawall.scanners.history import add_record_flags
    from seawall.scanners.spec import command_group, lazy

    aws_commands = command_group(
        commands,
        "aws",
        help="audit an AWS account or organization (read-only)",
        description="Audit AWS, read-only: one account or every account of an organization, in every "
        "enabled region, against a startup's security baseline.",
    )
    audit = aws_commands.add_parser(
        "audit",
        help="audit the baseline in every account and region, read-only",
        description="Audit the AWS security baseline, read-only: the caller's account, or with --org every "
        "account of the organization (assuming --role-name in each), in every enabled region. Credentials "
        "come from the standard chain (environment, profiles, SSO); AWS_ENDPOINT_URL is honoured.",
    )
    add_audit_flags(audit)
    add_record_flags(audit)
    audit.set_defaults(handler=lazy("seawall.aws.cli", "audit_command"))
    from seawall.aws.assets.cli import add_inventory_command

    add_inventory_command(aws_commands)


def add_audit_flags(p: argparse.ArgumentParser) -> None:
    add_scope_flags(p)
    from seawall.scanners.flags import add_output_flags

    add_output_flags(p.add_argument_group("output"), failing="checks fail")


def add_scope_flags(p: argparse.ArgumentParser, *, demo: bool = True) -> None:
    scope = p.add_argument_group("AWS scope")
    scope.add_argument("--org", action="store_true", help="every account of the organization")
    scope.add_argument("--accounts", metavar="ID,...", help="only these account ids")
    scope.add_argument("--regions", metavar="REGION,...", help="only these regions (default: all enabled)")
    scope.add_argument("--profile", help="AWS profile to start from (default: the standard chain)")
    scope.add_argument(
        "--role-name",
        default="OrganizationAccountAccessRole",
        help="role assumed in each other account (default: OrganizationAccountAccessRole)",
    )
    scope.add_argument(
        "--security-account", metavar="ID", help="the security account (default: GuardDuty's delegated admin)"
    )
    if demo:  # ``seawall check`` has its own --demo, for every scanner
        scope.add_argument(
            "--demo",
            action="store_true",
            help="audit a simulated organization (needs seawall[demo]); no AWS account",
        )
    scope.add_argument(
        "-j", "--jobs", type=int, default=32, metavar="N", help="concurrent API calls (default: 32)"
    )
    scope.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="worker processes for large audits (default: one per core, at most 4, from 40 account-regions)",
    )
