"""The Google Workspace audit, as ``seawall check``, the history and the report see it
(``seawall.scanners``).

Cheap to import: the parser reads it on every start; google-auth and dnspython are imported when an audit
runs. ``seawall check`` includes Workspace with ``--demo``, ``--workspace`` (Application Default
Credentials) or ``--workspace-credentials KEY --workspace-subject ADMIN``.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners.spec import Job, Outcome, Scanner, Skipped, lazy

if TYPE_CHECKING:
    from seawall.programme.model import Evidence

NOT_ASKED = "not audited (--demo, --workspace or --workspace-credentials to include it)"


def _check_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("Google Workspace")
    group.add_argument(
        "--workspace", action="store_true", help="audit Google Workspace with Application Default Credentials"
    )
    group.add_argument("--no-workspace", action="store_true", help="do not audit Google Workspace")
    group.add_argument(
        "--workspace-credentials",
        metavar="KEY.json",
        help="a service-account key with domain-wide delegation",
    )
    group.add_argument("--workspace-subject", metavar="EMAIL", help="the super admin it impersonates")


def _audit_args(args: argparse.Namespace) -> argparse.Namespace:
    """The flags of ``seawall workspace audit`` from those ``check`` took."""
    return argparse.Namespace(
        demo=bool(args.demo),
        credentials=args.workspace_credentials,
        subject=args.workspace_subject,
        workspace_jobs=32,
        fail_on="low",
    )


def _plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job | Skipped:
    asked = args.demo or args.workspace or args.workspace_credentials
    if args.no_workspace:
        if args.workspace or args.workspace_credentials:
            from seawall.errors import UsageError

            raise UsageError("--no-workspace contradicts --workspace and --workspace-credentials")
        return Skipped("not audited (--no-workspace)")
    if not asked:
        return Skipped(NOT_ASKED)
    from seawall.workspace.cli import validate

    audit_args = _audit_args(args)
    validate(audit_args, "--workspace-credentials", "--workspace-subject")
    return Job(lambda: _run(audit_args))


def _run(args: argparse.Namespace) -> Outcome:
    from seawall.programme.service import now
    from seawall.workspace.cli import audit

    started = now()
    report = audit(args)
    return Outcome(report, ", ".join(report.roots), started, now(), 1 if report.blocking else 0)


def _evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    from seawall.programme.evidence import from_workspace_audit

    return from_workspace_audit(outcome.report, outcome.finished)


def _summary(outcome: Outcome, evidence: Sequence[Evidence]) -> str:
    from seawall.model import Status

    report = outcome.report
    counts = {s: sum(1 for f in report.findings if f.status is s) for s in Status}
    stats = dict(report.stats)
    return (
        f"customer {', '.join(report.roots)}, {stats.get('active_users', 0)} active user(s), "
        f"{stats.get('domains', 0)} domain(s): {counts[Status.PASS]} pass, {counts[Status.FAIL]} fail, "
        f"{counts[Status.ERROR] + counts[Status.UNKNOWN]} could not check"
    )


SCANNER = Scanner(
    name="workspace",
    title="Google Workspace",
    add_commands=lazy("seawall.workspace.cli", "add_commands"),
    add_check_flags=_check_flags,
    plan=_plan,
    evidence=_evidence,
    summary=_summary,
    evidence_source="gws:",
)
