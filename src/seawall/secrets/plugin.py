"""The secrets scanner, as ``seawall check``, the history and the report see it (``seawall.scanners``).

Cheap to import: the parser reads it on every start. The scan itself is imported when it runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.scanners.spec import Job, Outcome, Scanner, lazy

if TYPE_CHECKING:
    from seawall.programme.model import Evidence


def _check_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="configuration file of the secrets scan")


def _plan(args: argparse.Namespace, environ: Mapping[str, str]) -> Job:
    return Job(lambda: _run(args))


def _run(args: argparse.Namespace) -> Outcome:
    """The whole repository, from the current folder, with the configuration file's settings only (not
    the flags ``check`` takes for other scanners)."""
    import sys

    from seawall.programme import service
    from seawall.secrets.cli import policy_from, resolve_config, run_only_excludes, scan_options
    from seawall.secrets.scanner import scan
    from seawall.store import project_root

    cwd = Path.cwd()
    started = service.now()
    config = resolve_config(argparse.Namespace(config=args.config))
    report = scan(scan_options(config, ["."], policy_from(config)), stdin=sys.stdin.buffer.read)
    partial = service.partial_scope(["."], cwd, excluded=run_only_excludes(config))
    code = 1 if report.blocking else 0
    return Outcome(report, str(project_root(cwd)), started, service.now(), code, partial)


def _evidence(outcome: Outcome, cwd: Path) -> list[Evidence]:
    from seawall.programme.service import secrets_evidence

    return secrets_evidence(outcome.report, cwd, outcome.finished, outcome.partial)


def _summary(outcome: Outcome, evidence: Sequence[Evidence]) -> str:
    from seawall.programme.evidence import SECRETS_HOOK

    hook = any(e.source == SECRETS_HOOK and e.passed for e in evidence)  # not asked of git twice
    files = dict(outcome.report.stats).get("files_scanned", 0)
    active = len(outcome.report.active)
    return (
        f"{active} secret(s) in {files} file(s) scanned{'' if active else ' (clean)'}; "
        f"pre-commit hook {'installed' if hook else 'not installed'}"
    )


SCANNER = Scanner(
    name="secrets",
    title="Secrets in code",
    add_commands=lazy("seawall.secrets.commands", "add_commands"),
    add_check_flags=_check_flags,
    plan=_plan,
    evidence=_evidence,
    summary=_summary,
    evidence_source="secrets.scan",
    exclusive=True,  # its worker pool forks: no other scanner's threads may be running then
)
