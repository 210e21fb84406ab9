"""The AWS inventory, as ``seawall check``, the history and the report see it (``seawall.scanners``).

It runs whenever ``seawall check`` audits AWS (same scope flags, same ``--demo`` organization, at the
same time as the audit) unless ``--no-inventory``. Its command is ``seawall aws inventory``, added with
the AWS audit's commands, so ``add_commands`` adds nothing of its own. Its evidence: the data map
(``aws.inventory.data_classified``: "Maintain a data inventory and data map") and the data stores' backups
(``aws.inventory.data_backup``: "Make regular backups of critical data"); its counts per account, region
and type are PASS rows of ``aws.inventory.listed``, kept in the history with every run; its report
section adds the counts by region (with the growth and new types since the run before), by account and
region, and the data map (``seawall.aws.assets.report``).

Cheap to import: the parser reads it on every start.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners.spec import Job, Outcome, Scanner, Skipped, lazy

if TYPE_CHECKING:
    from seawall.programme.model import Evidence
    from seawall.scanners.spec import Commands


def _add_commands(commands: Commands, argv: Sequence[str]) -> None:
    """Nothing: ``seawall aws inventory`` comes with the AWS commands (``seawall.aws.cli``)."""


def _check_flags(p: argparse.ArgumentParser) -> None:
    from seawall.aws.assets.cli import add_inventory_flags

    p.add_argument("--no-inventory", action="store_true", help="do not list the AWS inventory")
    add_inventory_flags(p)


def _plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job | Skipped:
    from seawall.aws.plugin import simulator_early, wants_aws

    if not wants_aws(args, environ):
        return Skipped("not listed (AWS is not audited)")
    if args.no_inventory:
        return Skipped("not listed (--no-inventory)")
    from seawall.aws.assets.cli import settings_from

    settings_from(args)  # usage errors before any work
    return Job(lambda: _run(args), start=simulator_early if args.demo else None)


def _run(args: argparse.Namespace) -> Outcome:
    from seawall.aws.assets.cli import inventory
    from seawall.programme.service import now

    started = now()
    args.fail_on = getattr(args, "fail_on", None) or "low"
    found = inventory(args).findings
    return Outcome(found, ", ".join(found.roots), started, now(), 1 if found.blocking else 0)


def _evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    from seawall.programme.service import aws_evidence

    return aws_evidence(outcome.report, outcome.finished)


def _summary(outcome: Outcome, evidence: Sequence[Evidence]) -> str:
    from seawall.aws.assets.flags import summary

    return summary(outcome.report)


SCANNER = Scanner(
    name="aws-inventory",
    title="AWS inventory and data map",
    add_commands=_add_commands,
    add_check_flags=_check_flags,
    plan=_plan,
    evidence=_evidence,
    summary=_summary,
    evidence_source="aws:",  # its flags are evidence of the audit's kind (aws_evidence)
    report_tables=lazy("seawall.aws.assets.report", "report_tables"),
)
