"""Work per rule on adversarial inputs made from its own examples (``tests/secrets/adversarial.py``).

Near-matches repeated to SIZE bytes, runs of the example's own characters after a keyword, its lines
indented deeper. Prints the total, and the rules that take longest with their MB/s: a rule far below
the others is one whose attempts do more than read their text once.

    python benchmarks/adversarial.py [--size-kb 50] [--top 15]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests package holds the inputs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-kb", type=int, default=50)
    parser.add_argument("--top", type=int, default=15)
    args = parser.parse_args()

    from seawall.secrets.detect import scan_bytes
    from seawall.secrets.rules import builtin_rules
    from tests.secrets.adversarial import inputs

    timings: list[tuple[float, int, str]] = []
    for rule in builtin_rules():
        data = list(inputs(rule, args.size_kb * 1000))
        started = time.perf_counter()
        for line in data:
            for _ in scan_bytes(line, [rule], rule.example_path or "adversarial.txt"):
                pass
        timings.append((time.perf_counter() - started, sum(map(len, data)), rule.id))
    timings.sort(reverse=True)
    total = sum(t for t, _, _ in timings)
    size = sum(n for _, n, _ in timings)
    rate = size / total / 1e6
    print(f"{len(timings)} rules, {size / 1e6:.1f} MB of inputs, {total:.1f} s, {rate:.2f} MB/s")
    for seconds, nbytes, rule_id in timings[: args.top]:
        print(f"  {rule_id:40} {seconds:7.3f} s {nbytes / seconds / 1e6:8.2f} MB/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
