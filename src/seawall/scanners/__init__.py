"""The seam every scanner plugs into: what it is called, its CLI command, how ``seawall check`` runs it,
how its runs are recorded in the history and become programme evidence, and its report section.

- ``spec``: the ``Scanner`` record a scanner declares, and the ``Outcome`` of one of its runs.
- ``registry``: the one list of scanners.
- ``history``: recording a run and its evidence (every command that records goes through it).
- ``check``: ``seawall check``: run every enabled scanner, record, gather the report's data.

Imports flow ``cli`` -> ``scanners`` -> a scanner's package, ``programme``, ``store``; nothing here
imports the CLI. See docs/scanners.md for adding a scanner.
"""
