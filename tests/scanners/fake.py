"""A scanner declared only here, in the test suite: it reads ``fake-inventory.txt`` (one ``name status``
per line, PASS or FAIL) and reports each line as a finding of the check ``fake.rotation``. Nothing in
``seawall`` names it; tests register it by adding one line to the registry, as a new scanner would."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.model import Confidence, Finding, RuleInfo, ScanReport, Severity, Status
from seawall.model.resources import CloudResource
from seawall.programme.model import Evidence
from seawall.scanners.spec import Job, Outcome, Scanner, Skipped

if TYPE_CHECKING:
    from seawall.scanners.spec import Commands

INVENTORY = "fake-inventory.txt"
# An evidence source the packaged catalogue maps to an activity (aws:aws.iam.* -> access control), so the
# test sees the fake scanner's results move the programme's score.
EVIDENCE = "aws:aws.iam.fake_rotation"
RULE = RuleInfo(
    id="fake.rotation",
    title="Fake keys are rotated",
    description="Every fake key was rotated within 90 days.",
    severity=Severity.HIGH,
    remediation="Rotate the fake key.",
)


def scan(folder: Path) -> ScanReport:
    findings = []
    for line in (folder / INVENTORY).read_text(encoding="utf-8").splitlines():
        name, status = line.split()
        findings.append(
            Finding(
                rule_id=RULE.id,
                title=RULE.title,
                severity=RULE.severity,
                confidence=Confidence.HIGH,
                status=Status[status],
                fingerprint=f"fake:{name}",
                message=f"key {name} is {'rotated' if status == 'PASS' else 'not rotated'}",
                resource=CloudResource("tenant", "global", name),
                remediation=RULE.remediation,
            )
        )
    return ScanReport(
        tool_version="test",
        command="fake scan",
        roots=(str(folder),),
        findings=tuple(findings),
        rules=(RULE,),
    )


def add_commands(commands: Commands, argv: Sequence[str]) -> None:
    from seawall.scanners.history import add_record_flags

    fake = commands.add_parser("fake", help="the test's fake scanner", description="The test's scanner.")
    actions = fake.add_subparsers(title="fake commands", metavar="COMMAND")
    run = actions.add_parser("scan", help="scan the fake inventory", description="Scan the fake inventory.")
    add_record_flags(run)
    run.set_defaults(handler=scan_command)


def scan_command(args: argparse.Namespace) -> int:
    from seawall.scanners.history import record

    outcome = _run()
    record(args, "fake", outcome, outcome.report.command)
    print(f"fake: {len(outcome.report.active)} failing")
    return outcome.exit_code


def add_check_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-fake", action="store_true", help="leave the fake scanner out")


def plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job | Skipped:
    if args.no_fake or not Path(INVENTORY).exists():
        return Skipped("not scanned (no fake inventory)")
    return Job(_run)


def _run() -> Outcome:
    started = dt.datetime.now(dt.UTC)
    report = scan(Path.cwd())
    return Outcome(report, "fake tenant", started, dt.datetime.now(dt.UTC), 1 if report.blocking else 0)


def evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    passed = sum(1 for f in outcome.report.findings if f.status is Status.PASS)
    failed = len(outcome.report.active)
    return [Evidence(EVIDENCE, outcome.finished, passed, failed, detail=f"{failed} fake key(s) not rotated")]


def summary(outcome: Outcome, found: Sequence[Evidence]) -> str:
    return f"{len(outcome.report.findings)} fake key(s): {found[0].detail}"


SCANNER = Scanner(
    name="fake",
    title="Fake keys",
    add_commands=add_commands,
    add_check_flags=add_check_flags,
    plan=plan,
    evidence=evidence,
    summary=summary,
)
