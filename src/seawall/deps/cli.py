"""`seawall deps scan` and `seawall deps db update`: wiring only (parse, call the engine, format)."""

from __future__ import annotations

import argparse
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.errors import UsageError

if TYPE_CHECKING:
    from seawall.deps.engine import DepsOptions
    from seawall.deps.sources import Source
    from seawall.model import ScanReport

ENV_DB, ENV_API, ENV_DB_URL = "SEAWALL_OSV_DB", "SEAWALL_OSV_API_URL", "SEAWALL_OSV_DB_URL"


def add_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], argv: Sequence[str] = ()
) -> None:
    from seawall.scanners.flags import add_output_flags
    from seawall.scanners.history import add_record_flags
    from seawall.scanners.spec import command_group, lazy

    deps_commands = command_group(
        commands,
        "deps",
        help="find known-vulnerable dependencies in lockfiles",
        description="Known-vulnerable dependencies: 'scan' checks every lockfile against OSV advisories; "
        "'db update' downloads the OSV export for offline scans.",
    )
    scan = deps_commands.add_parser(
        "scan",
        help="check every lockfile under the paths against OSV advisories",
        description="Find lockfiles and manifests under the paths (honouring .gitignore; node_modules, "
        "vendor and virtual environments only when named), and report every package version with a "
        "published OSV advisory, with the smallest upgrade that fixes them all. Advisories come from "
        f"--offline-db DIR (or {ENV_DB}), --offline (the copy 'deps db update' downloaded), or the OSV "
        f"API ({ENV_API}).",
    )
    scan.add_argument("paths", nargs="*", default=None, help="files or folders (default: .)")
    add_source_flags(scan)
    scan.add_argument(
        "--go-stdlib", action="store_true", help="also check the Go toolchain of go.mod's go line"
    )
    add_output_flags(scan)
    scan.add_argument("--no-gitignore", dest="gitignore", action="store_false", help="read ignored files too")
    scan.add_argument("--config", metavar="FILE", help="configuration file with [[deps.ignore]]")
    add_record_flags(scan)
    scan.set_defaults(handler=lazy("seawall.deps.cli", "scan_command"))

    db_commands = command_group(
        deps_commands,
        "db",
        help="the offline advisory database",
        description="The offline copy of the OSV export that 'seawall deps scan --offline' reads.",
    )
    update = db_commands.add_parser(
        "update",
        help="download the OSV export (<Ecosystem>/all.zip) into the cache and index it",
        description=f"Download each ecosystem's all.zip of the OSV export (base URL {ENV_DB_URL}) into the "
        "cache, for 'deps scan --offline'.",
    )
    update.add_argument("--ecosystem", action="append", metavar="NAME", help="only this one (repeatable)")
    update.add_argument("--db-dir", metavar="DIR", help="where to keep it (default: in the cache)")
    update.set_defaults(handler=lazy("seawall.deps.cli", "update_command"))


def add_source_flags(p: argparse.ArgumentParser) -> None:
    p.add_argument("--offline-db", metavar="DIR", help=f"an OSV export folder (or {ENV_DB})")
    p.add_argument("--offline", action="store_true", help="the database 'seawall deps db update' downloaded")


def options(args: argparse.Namespace, base: str | None = None) -> DepsOptions:
    from seawall.deps.engine import DepsOptions
    from seawall.deps.ignores import load_settings
    from seawall.model import Severity

    try:
        fail_on = Severity.parse(args.fail_on)
    except ValueError as exc:
        raise UsageError(f"--fail-on: {exc}") from None
    config = Path(args.config) if getattr(args, "config", None) else None
    settings = load_settings(Path.cwd(), config)
    return DepsOptions(
        paths=tuple(getattr(args, "paths", None) or ["."]),
        gitignore=getattr(args, "gitignore", True),
        go_stdlib=getattr(args, "go_stdlib", False),
        fail_on=fail_on,
        ignores=settings.ignores,
        exclude=settings.exclude,
        base=base,
    )


def source(args: argparse.Namespace) -> Source:
    from seawall.cachedir import cache_dir

    named = getattr(args, "offline_db", None) or os.environ.get(ENV_DB, "").strip()
    if named:
        from seawall.deps.sources import OfflineSource

        return OfflineSource(named)
    if getattr(args, "offline", False):
        from seawall.deps.osv.download import default_db
        from seawall.deps.sources import OfflineSource

        return OfflineSource(str(default_db(cache_dir())))
    from seawall.deps.osv.api import DEFAULT_API, OnlineSource

    return OnlineSource(os.environ.get(ENV_API, "").strip() or DEFAULT_API, cache_dir())


def exit_code(report: ScanReport, exit_zero: bool) -> int:
    """1 for findings at or above --fail-on; else 2 when a lockfile could not be read; else 0."""
    from seawall.model import Status

    if exit_zero:
        return 0
    if report.blocking:
        return 1
    return 2 if any(f.status is Status.ERROR for f in report.findings) else 0


def scan_command(args: argparse.Namespace) -> int:
    from seawall.deps.engine import scan
    from seawall.scanners.history import run_command

    def work() -> ScanReport:
        return scan(options(args), source(args))

    return run_command(
        args, "deps", work, text="deps-text", exit_code=lambda report: exit_code(report, args.exit_zero)
    )


def update_command(args: argparse.Namespace) -> int:
    from seawall.cachedir import cache_dir
    from seawall.deps.osv.download import DEFAULT_DB_URL, ECOSYSTEMS, default_db, update
    from seawall.deps.osv.offline import OfflineDatabase

    wanted = args.ecosystem or list(ECOSYSTEMS)
    unknown = sorted(set(wanted) - set(ECOSYSTEMS))
    if unknown:
        raise UsageError(f"--ecosystem: unknown {', '.join(unknown)} (choose from {', '.join(ECOSYSTEMS)})")
    target = Path(args.db_dir) if args.db_dir else default_db(cache_dir())
    base = os.environ.get(ENV_DB_URL, "").strip() or DEFAULT_DB_URL
    done = update(base, target, wanted)
    db = OfflineDatabase(target, cache_dir())
    for ecosystem, size in done:
        db.lookup(ecosystem, [])
        print(f"{ecosystem}: {size / 1e6:.1f} MB, indexed")
    print(f"OSV database in {target}; scan with 'seawall deps scan --offline'")
    return 0
