"""The demo's simulator process: moto's server, which ends with the seawall that started it (even when
that seawall is killed outright), so no simulator is left running under PID 1.

``python -m seawall.aws.simulator PARENT_PID [moto.server arguments]``
"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> None:
    from seawall.processes import die_with_parent

    die_with_parent(int(argv[0]))
    from moto.server import main as serve

    serve(argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
