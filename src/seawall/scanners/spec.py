"""What a scanner declares to seawall: its records, and the hooks the CLI, ``seawall check``, the history
and the report call. Importing this module is cheap (no scanner, no store, no datetime at run time): the
parser loads it on every start, the pre-commit hook's included.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import argparse
    import datetime as dt
    from pathlib import Path

    from seawall.model import ScanReport
    from seawall.programme.model import Evidence, Table
    from seawall.store.records import StoredFinding

    Commands = argparse._SubParsersAction[argparse.ArgumentParser]

NAME = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True, slots=True)
class Outcome:
    """One finished run of a scanner: what the history records and evidence is built from."""

    report: ScanReport
    target: str  # what was scanned: the repository's path, the audited accounts, the tenant...
    started: dt.datetime  # timezone-aware, UTC
    finished: dt.datetime
    exit_code: int  # what the run exits with on its own (``seawall check`` keeps 1 for "it found problems")
    partial: str = (
        ""  # why the run covered only part of its target ("" for a whole run): never clean evidence
    )


@dataclass(frozen=True, slots=True)
class Job:
    """``seawall check`` will run this scanner: ``run`` does the work and returns its outcome. ``start``,
    when given, is entered before any scanner runs and left after all have: it gets ready, in processes
    of its own, what ``run`` will need (the demo's simulator), while the exclusive scanners run alone. It
    may start processes, never a thread of this one (an exclusive scanner forks)."""

    run: Callable[[], Outcome]
    start: Callable[[], AbstractContextManager[object]] | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """``seawall check`` leaves this scanner out of this run, and says why in its summary line, e.g.
    "not audited (--demo, --aws or AWS credentials to include it)"."""

    reason: str


@dataclass(frozen=True, slots=True)
class Scanner:
    """A scanner, declared once (``seawall.scanners.registry``).

    - ``name``: its top-level command (``seawall <name> ...``), the kind of its runs in the history and
      the report section's key. ``title``: the report section's title.
    - ``add_commands(commands, argv)``: adds ``seawall <name>`` and its sub-commands; ``argv`` lets it
      build only the branch asked for (start-up time). A command that records its run calls
      ``seawall.scanners.history.record``.
    - ``add_check_flags(parser)``: the flags ``seawall check`` takes for it (may add none).
    - ``plan(args, environ)``: before any work, whether ``seawall check`` runs it this time: a ``Job``, or
      ``Skipped`` with the reason. Contradictory flags raise ``UsageError`` here (exit 2, nothing run).
    - ``evidence(outcome, cwd)``: the programme evidence its outcome gives (sources the catalogue maps to
      activities, e.g. "secrets.scan" or "aws:<check id>").
    - ``summary(outcome, evidence)``: its line of ``seawall check``'s terminal summary, without the name.
    - ``exclusive``: it forks worker processes, so it runs alone, before the others start their threads.
    - ``evidence_source``: the programme evidence source its findings fail, so the roadmap links each
      problem to the activity it keeps open: a prefix ending in ":" to which a finding's rule id is added
      ("aws:" gives "aws:aws.s3.public"), or one source every finding fails ("secrets.scan"). Default:
      "<name>:".
    """

    name: str
    title: str
    add_commands: Callable[[Commands, Sequence[str]], None]
    plan: Callable[[argparse.Namespace, Mapping[str, str]], Job | Skipped]
    evidence: Callable[[Outcome, Path], list[Evidence]]
    summary: Callable[[Outcome, Sequence[Evidence]], str]
    add_check_flags: Callable[[argparse.ArgumentParser], None] = lambda parser: None
    exclusive: bool = False
    report_tables: (
        Callable[[Sequence[StoredFinding], Sequence[StoredFinding] | None], tuple[Table, ...]] | None
    ) = None
    evidence_source: str = ""

    def __post_init__(self) -> None:
        if not NAME.match(self.name):
            raise ValueError(f"scanner name {self.name!r}: lowercase letters, digits and '-'")

    @property
    def source_of_findings(self) -> str:
        return self.evidence_source or f"{self.name}:"


def command_group(commands: Commands, name: str, *, help: str, description: str) -> Commands:
    """``seawall ... <name> COMMAND``: a command whose sub-commands are added to what this returns."""
    parser = commands.add_parser(name, help=help, description=description)
    return parser.add_subparsers(title=f"{name} commands", metavar="COMMAND")


def lazy(module: str, name: str) -> Callable[..., Any]:
    """A handler that imports ``module`` only when its command runs (start-up time)."""

    def handler(*args: Any) -> Any:
        import importlib

        return getattr(importlib.import_module(module), name)(*args)

    return handler
