"""`seawall aws inventory`: wiring only. Scope flags as `aws audit`, a read-only listing, a report out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from seawall.errors import UsageError

if TYPE_CHECKING:
    from seawall.aws.assets.engine import InventoryReport
    from seawall.aws.assets.model import Settings


def add_inventory_command(aws_commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    from seawall.aws.cli import add_scope_flags
    from seawall.scanners.flags import add_output_flags
    from seawall.scanners.spec import lazy

    p = aws_commands.add_parser(
        "inventory",
        help="list what the organization owns, where, what is exposed or unused, and the data map",
        description="List every account's resources in every enabled region (read-only; from the Config "
        "aggregator when there is one, always completed and checked by direct listing) and flag resources "
        "in regions nobody uses, internet-facing endpoints, public data, unused resources with their "
        "monthly cost, and resources with no owner tag. --data-map lists the data stores instead.",
    )
    add_scope_flags(p)
    add_inventory_flags(p)
    out = p.add_argument_group("output")
    add_output_flags(out, failing="flags fail", color=False)
    out.add_argument("--data-map", action="store_true", help="list the data stores, unclassified first")
    p.set_defaults(handler=lazy("seawall.aws.assets.cli", "inventory_command"))


def add_inventory_flags(p: argparse.ArgumentParser) -> None:
    group = p.add_argument_group("inventory")
    group.add_argument("--owner-tag", default="owner", metavar="KEY", help="the owner tag (default: owner)")
    group.add_argument(
        "--classification-tag",
        default="data-classification",
        metavar="KEY",
        help="the data classification tag (default: data-classification)",
    )
    group.add_argument(
        "--regions-in-use",
        metavar="REGION,...",
        help="the regions the organization uses (default: inferred from where its resources are)",
    )
    group.add_argument(
        "--unused-days", type=int, default=90, metavar="N", help="roles, keys, snapshots unused for N days"
    )
    group.add_argument("--no-aggregator", action="store_true", help="do not read the Config aggregator")


def settings_from(args: argparse.Namespace) -> Settings:
    from seawall.aws.assets.model import Settings
    from seawall.aws.cli import _split
    from seawall.aws.regions import check_regions

    if args.unused_days < 1:
        raise UsageError("--unused-days must be at least 1")
    for flag, key in (("--owner-tag", args.owner_tag), ("--classification-tag", args.classification_tag)):
        if not key.strip():
            raise UsageError(f"{flag} names no tag key")
    in_use = _split(args.regions_in_use, "--regions-in-use")
    check_regions(in_use, "--regions-in-use")
    return Settings(args.owner_tag.strip(), args.classification_tag.strip(), args.unused_days, in_use)


def inventory(args: argparse.Namespace) -> InventoryReport:
    """The inventory the flags ask for (the demo organization started and stopped here)."""
    from seawall.aws.assets.engine import run_inventory
    from seawall.aws.cli import fail_on, target_request, validate

    validate(args)
    settings = settings_from(args)
    with target_request(args) as request:
        return run_inventory(
            request,  # type: ignore[arg-type]
            settings,
            profile=args.profile,
            fail_on=fail_on(args),
            aggregator=not args.no_aggregator,
        )


def inventory_command(args: argparse.Namespace) -> int:
    from seawall.outputs import write_atomically
    from seawall.outputs.inventory import writer

    if args.output:
        from seawall.outputs import check_writable

        check_writable(Path(args.output))
    report = inventory(args)
    write = writer(args.format, data_map=args.data_map)
    if args.output:
        write_atomically(Path(args.output), lambda stream: write(report, stream))
    else:
        write(report, sys.stdout)
    return 1 if report.findings.blocking and not args.exit_zero else 0
