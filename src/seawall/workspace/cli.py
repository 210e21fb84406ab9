"""`seawall workspace audit`: wiring only. Flags in, a read-only audit of the Google Workspace tenant, a
report out."""

from __future__ import annotations

import argparse
import contextlib
import os
from collections.abc import Iterator, Sequence

from seawall.errors import UsageError
from seawall.model import ScanReport, Severity


def fail_on(args: argparse.Namespace) -> Severity:
    try:
        return Severity.parse(getattr(args, "fail_on", None) or "low")
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None


def validate(args: argparse.Namespace, flag: str = "--credentials", subject_flag: str = "--subject") -> None:
    """Every flag checked before any work starts: exit 2 at once."""
    fail_on(args)
    if args.demo and (args.credentials or args.subject):
        raise UsageError(f"--demo audits a simulated tenant; it takes no {flag} or {subject_flag}")
    if args.credentials and not args.subject:
        raise UsageError(
            f"{flag} needs {subject_flag}: the super admin the service account impersonates",
            hint=f"seawall workspace audit {flag} key.json {subject_flag} admin@example.com",
        )
    if args.workspace_jobs < 1:
        raise UsageError("--jobs must be at least 1")


@contextlib.contextmanager
def audit_target(args: argparse.Namespace) -> Iterator[tuple[str | None, str | None, dict[str, str]]]:
    """(key file, subject, environment): the demo tenant's (started and stopped here) or the caller's."""
    if not args.demo:
        yield args.credentials, args.subject, dict(os.environ)
        return
    from seawall.workspace.demo import demo_tenant

    with demo_tenant() as demo:
        yield demo.key_file, demo.subject, {**os.environ, **demo.environ}


def audit(args: argparse.Namespace) -> ScanReport:
    from seawall.workspace.engine import Request, run_audit

    validate(args)
    with audit_target(args) as (key, subject, environ):
        return run_audit(Request(key, subject, args.workspace_jobs), environ=environ, fail_on=fail_on(args))


def audit_command(args: argparse.Namespace) -> int:
    from seawall.scanners.history import run_command

    validate(args)
    return run_command(args, "workspace", lambda: audit(args), text="workspace-text")


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], argv: Sequence[str] = ()
) -> None:
    from seawall.scanners.history import add_record_flags
    from seawall.scanners.spec import command_group, lazy

    workspace_commands = command_group(
        commands,
        "workspace",
        help="audit a Google Workspace tenant (read-only)",
        description="Audit the Google Workspace tenant of the credentials: identity, sharing, mail "
        "authentication, third-party apps, backups and devices, read-only.",
    )
    audit = workspace_commands.add_parser(
        "audit",
        help="audit identity, sharing, mail authentication, apps, backups and devices, read-only",
        description="Audit the Google Workspace tenant of the credentials, read-only: a service-account key "
        "with domain-wide delegation impersonating a super admin (--credentials KEY --subject ADMIN), or "
        "Application Default Credentials. SEAWALL_GOOGLE_API_ENDPOINT replaces Google's API hosts; "
        "SEAWALL_DNS_SERVER=host:port sends every DNS question to that server.",
    )
    add_workspace_flags(audit)
    add_output_flags(audit)
    add_record_flags(audit)
    audit.set_defaults(handler=lazy("seawall.workspace.cli", "audit_command"))


def add_workspace_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("Google Workspace")
    group.add_argument(
        "--credentials", metavar="KEY.json", help="a service-account key with domain-wide delegation"
    )
    group.add_argument("--subject", metavar="EMAIL", help="the super admin the service account impersonates")
    group.add_argument(
        "--demo",
        action="store_true",
        help="audit a simulated tenant (needs seawall[demo]); no Google account",
    )
    group.add_argument(
        "-j",
        "--jobs",
        dest="workspace_jobs",
        type=int,
        default=32,
        metavar="N",
        help="concurrent API calls (default: 32)",
    )


def add_output_flags(p: argparse.ArgumentParser) -> None:
    from seawall.scanners.flags import add_output_flags as add_shared

    add_shared(p.add_argument_group("output"), failing="checks fail")
