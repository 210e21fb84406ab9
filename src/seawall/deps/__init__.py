"""`seawall deps scan`: known-vulnerable dependencies in every lockfile, matched against OSV advisories.

Imports flow one way: ``lockfiles`` (parsers) and ``osv`` (advisory sources) know nothing of each other;
``match`` compares a package with an advisory; ``engine`` ties them into a :class:`seawall.model.ScanReport`.
"""
