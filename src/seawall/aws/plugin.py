"""The AWS audit, as ``seawall check``, the history and the report see it (``seawall.scanners``).

Cheap to import: the parser reads it on every start; boto3 is imported when an audit runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners.spec import Job, Outcome, Scanner, Skipped, lazy

if TYPE_CHECKING:
    from seawall.programme.model import Evidence

# Credentials the standard chain finds without asking a network service: their presence asks for AWS.
AWS_ENV = (
    "AWS_PROFILE",
    "AWS_ACCESS_KEY_ID",
    "AWS_CONTAINER_CREDENTIALS_FULL_URI",
    "AWS_WEB_IDENTITY_TOKEN_FILE",
)
NOT_ASKED = "not audited (--demo, --aws or AWS credentials to include it)"


def _check_flags(p: argparse.ArgumentParser) -> None:
    from seawall.aws.cli import add_scope_flags

    add_scope_flags(p, demo=False)
    p.add_argument("--aws", action="store_true", help="audit AWS with the standard credential chain")
    p.add_argument("--no-aws", action="store_true", help="do not audit AWS, even with credentials")


def wants_aws(args: argparse.Namespace, environ: Mapping[str, str]) -> bool:
    if args.no_aws:
        if args.demo or args.aws or args.org:
            from seawall.errors import UsageError

            raise UsageError("--no-aws contradicts --demo, --aws and --org")
        return False
    explicit = args.demo or args.aws or args.org or args.profile or args.accounts
    return bool(explicit) or any(environ.get(k) for k in AWS_ENV)


def _plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job | Skipped:
    if not wants_aws(args, environ):
        return Skipped("not audited (--no-aws)" if args.no_aws else NOT_ASKED)
    from seawall.aws.cli import validate

    args.fail_on = getattr(args, "fail_on", None) or "low"
    validate(args)
    return Job(lambda: _run(args), start=simulator_early if args.demo else None)


def simulator_early() -> AbstractContextManager[object]:
    """The demo's simulator, started before the exclusive scanners run (the audit and the inventory
    share it)."""
    from seawall.aws.demo import started_early

    return started_early()


def _run(args: argparse.Namespace) -> Outcome:
    from seawall.aws.cli import audit, narrowed
    from seawall.programme.service import now

    started = now()
    report = audit(args)
    code = 1 if report.blocking else 0
    return Outcome(report, ", ".join(report.roots), started, now(), code, partial=narrowed(args))


def _evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    from seawall.programme.service import aws_evidence

    return aws_evidence(outcome.report, outcome.finished, outcome.partial)


def _summary(outcome: Outcome, evidence: Sequence[Evidence]) -> str:
    from seawall.model import Status

    cloud = outcome.report
    counts = {s: sum(1 for f in cloud.findings if f.status is s) for s in Status}
    accounts = dict(cloud.stats).get("accounts_audited", len(cloud.roots))
    regions = dict(cloud.stats).get("account_regions", 0)
    return (
        f"{accounts} account(s), {regions} account-regions: {counts[Status.PASS]} pass, "
        f"{counts[Status.FAIL]} fail, {counts[Status.ERROR] + counts[Status.UNKNOWN]} could not check"
    )


SCANNER = Scanner(
    name="aws",
    title="AWS accounts",
    add_commands=lazy("seawall.aws.cli", "add_aws_commands"),
    add_check_flags=_check_flags,
    plan=_plan,
    evidence=_evidence,
    summary=_summary,
)
