"""Per-class recall (true secrets) and false positives (hard negatives) from a quality run's JSON.

Usage::

    python benchmarks/quality/run.py --corpus benchmarks/quality_heldout2/corpus \\
        --labels benchmarks/quality_heldout2/labels.csv --show-errors --json /tmp/heldout2.json
    python benchmarks/quality_heldout2/by_class.py /tmp/heldout2.json [--detail]

A label's class is the part of its ``kind`` before the first dot (``key.go_raw_string`` is in
``key``); ``--detail`` breaks the classes down by full kind.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections import Counter
from pathlib import Path

HERE = Path(__file__).resolve().parent


def label_kinds(path: Path) -> tuple[Counter[str], dict[tuple[str, int], str]]:
    """Count of true secrets per kind, and the kind of every labelled line."""
    totals: Counter[str] = Counter()
    kinds: dict[tuple[str, int], str] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["secret"] == "1":
                totals[row["kind"]] += 1
            kinds[(row["path"], int(row["line"]))] = row["kind"]
    return totals, kinds


def kind_of(item: str) -> str:
    """The kind at the end of a run.py error entry (``path:line kind``)."""
    return item.rsplit(" ", 1)[1]


def group(kind: str, detail: bool) -> str:
    return kind if detail else kind.split(".", 1)[0]


def report(result: dict[str, object], totals: Counter[str], detail: bool) -> list[str]:
    missed_raw = result.get("false_negatives", [])
    fps_raw = result.get("false_positives", [])
    assert isinstance(missed_raw, list)
    assert isinstance(fps_raw, list)
    missed: Counter[str] = Counter(group(kind_of(str(x)), detail) for x in missed_raw)
    fps: Counter[str] = Counter(group(kind_of(str(x)), detail) for x in fps_raw)
    classes: Counter[str] = Counter()
    for kind, n in totals.items():
        classes[group(kind, detail)] += n
    out = [f"== {result['tool']}: recall by class =="]
    for cls, n in sorted(classes.items()):
        found = n - missed[cls]
        out.append(f"  {cls:<36}{found:>4}/{n:<4}{found / n:>7.2f}")
    out.append(f"== {result['tool']}: false positives by class ==")
    out.extend(f"  {cls:<36}{n:>4}" for cls, n in sorted(fps.items()))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Per-class recall and false positives of a quality run.")
    parser.add_argument("results", type=Path, help="JSON written by run.py --json")
    parser.add_argument("--labels", type=Path, default=HERE / "labels.csv")
    parser.add_argument("--tool", action="append", help="only this tool (repeatable)")
    parser.add_argument("--detail", action="store_true", help="break classes down by full kind")
    args = parser.parse_args(argv)
    totals, _ = label_kinds(args.labels)
    data = json.loads(args.results.read_text(encoding="utf-8"))
    for result in data["results"]:
        if result.get("status") != "ok" or (args.tool and result["tool"] not in args.tool):
            continue
        print("\n".join(report(result, totals, args.detail)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
