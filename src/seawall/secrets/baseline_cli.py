"""`seawall secrets baseline create|update|prune|import` and `seawall secrets audit`: wiring only."""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from seawall.errors import ConfigError, UsageError
from seawall.model.text import path_bytes, printable, printable_lines
from seawall.secrets.cli import policy_from, resolve_config, run_scan, scan_options

if TYPE_CHECKING:
    from seawall.config import Config
    from seawall.model import Finding
    from seawall.secrets.baseline import Baseline


def _scan(args: argparse.Namespace, roots: Sequence[str]) -> tuple[list[Finding], bytes]:
    """Every finding under ``roots``, as if there were no baseline, and the fingerprint key they were
    made with. The findings keep their plaintext in memory, to match old entries and to redact context;
    nothing here prints it."""
    if "-" in roots:
        raise UsageError("baseline commands scan files, not standard input")
    config = resolve_config(args)
    policy = dataclasses.replace(policy_from(config, no_baseline=True), show_secrets=True).resolved()
    if not roots:
        return [], policy.key
    return list(run_scan(args, scan_options(config, roots, policy)).findings), policy.key


def _path(args: argparse.Namespace) -> Path:
    from seawall.secrets.baseline import baseline_path

    return baseline_path(_config(args).baseline, Path.cwd())


def _config(args: argparse.Namespace) -> Config:
    return resolve_config(args)


def _load(path: Path, *, required: bool = False) -> Baseline:
    from seawall.secrets.baseline import load

    return load(path, required=required)


def _save(path: Path, baseline: Baseline) -> None:
    from seawall.outputs import write_atomically
    from seawall.secrets.baseline import render

    text = render(baseline)

    def write(stream: TextIO) -> None:
        stream.write(text)

    write_atomically(path, write)


def _roots(args: argparse.Namespace) -> list[str]:
    return list(getattr(args, "paths", None) or ["."])


def _say(message: str) -> None:
    """Every message, file names and file lines included, without terminal control characters."""
    sys.stdout.write(printable_lines(message) + "\n")


def create_command(args: argparse.Namespace) -> int:
    from seawall.secrets.baseline import create, ensure_union_merge

    path = _path(args)
    if path.exists():
        raise UsageError(
            f"{path} already exists",
            hint="'seawall secrets baseline update' adds new findings; delete the file to start over",
        )
    findings, key = _scan(args, _roots(args))
    baseline = create(findings, key)
    _save(path, baseline)
    _say(f"wrote {path}: {len(baseline.entries)} accepted findings")
    if ensure_union_merge(path):
        _say(f"added '/{path.name} merge=union' to .gitattributes: merges keep both sides' entries")
    return 0


def update_command(args: argparse.Namespace) -> int:
    from seawall.secrets.baseline import rekey, update

    path = _path(args)
    before = _load(path)
    findings, key = _scan(args, _roots(args))
    after = update(rekey(before, findings, key), findings)
    _save(path, after)
    _say(f"updated {path}: {len(after.entries) - len(before.entries)} added, {len(after.entries)} entries")
    return 0


def prune_command(args: argparse.Namespace) -> int:
    from seawall.secrets.baseline import prune, rekey

    path = _path(args)
    before = _load(path, required=True)
    findings, key = _scan(args, _roots(args))
    after = prune(rekey(before, findings, key), findings)
    _save(path, after)
    _say(f"pruned {path}: {len(before.entries) - len(after.entries)} removed, {len(after.entries)} left")
    return 0


def import_command(args: argparse.Namespace) -> int:
    from seawall.secrets.baseline import merge, rekey
    from seawall.secrets.imports import match, parse_source, referenced_paths

    source = Path(args.source)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {source}: {exc}", hint="pass a readable file") from None
    fmt, refs = parse_source(text, str(source))
    present = [p for p in referenced_paths(refs) if Path(p).is_file()]
    findings, key = _scan(args, present)
    imported = match(fmt, refs, findings)
    path = _path(args)
    before = _load(path)
    after = merge(rekey(before, findings, key), imported.entries)
    _save(path, after)
    _say(
        f"imported {len(refs) - len(imported.unmatched)} of {len(refs)} {fmt} entries from {source} "
        f"into {path} ({len(after.entries) - len(before.entries)} new)"
    )
    for ref in imported.unmatched:
        why = "file not found" if ref.path not in present else "no matching finding"
        sys.stderr.write(printable(f"not imported: {ref.path}:{ref.line} ({ref.label}): {why}") + "\n")
    return 0


def audit_command(args: argparse.Namespace) -> int:
    from seawall.secrets.audit import AuditIO, audit, report
    from seawall.secrets.baseline import rekey

    path = _path(args)
    if args.report:
        sys.stdout.write(printable_lines(report(_load(path), str(path))))
        return 0
    roots = _roots(args)
    findings, key = _scan(args, roots)
    baseline = rekey(_load(path), findings, key)
    io = AuditIO(ask=_ask, say=_say, read=_reader(roots), save=lambda b: _save(path, b))
    outcome = audit(findings, baseline, io, show_secrets=bool(resolve_config(args).show_secrets))
    if outcome.ended_input and outcome.left:
        _say("end of input: stopping")
    _say(f"{outcome.answered} verdicts recorded in {path}; {outcome.left} findings left to review")
    return 0


def _ask(prompt: str) -> str | None:
    sys.stdout.write(prompt)
    sys.stdout.flush()
    line = sys.stdin.readline()
    if not line:
        sys.stdout.write("\n")
        return None
    if not sys.stdin.isatty():
        sys.stdout.write(printable(line.removesuffix("\n")) + "\n")  # echo, so a transcript reads well
    return line


def _reader(roots: Sequence[str]) -> Callable[[str], str | None]:
    """Reads a finding's file: its path is relative to the folder scanned, or as given for a file."""

    def read(display: str) -> str | None:
        name = os.fsdecode(path_bytes(display))  # the file's real name (not UTF-8, backslashes)
        candidates = [Path(name)] if name in roots or display in roots else []
        candidates += [Path(root) / name for root in roots if Path(root).is_dir()]
        for candidate in candidates:
            try:
                return candidate.read_text(encoding="utf-8", errors="replace")
            except OSError:
                continue
        return None

    return read
