"""Where advisories come from: the offline export or the online OSV API, behind one question: which
advisories name these packages?"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from seawall.deps.osv.records import Advisory
from seawall.deps.packages import Package

Key = tuple[str, str]  # (ecosystem, name key)


class Source(Protocol):
    description: str

    def advisories(self, packages: Sequence[Package]) -> dict[Key, list[Advisory]]:
        """Candidate advisories for each (ecosystem, name key); matching versions is the caller's."""
        ...

    def gaps(self) -> list[str]:
        """What this source could not answer for (ecosystems without data), as sentences."""
        ...

    def signature(self) -> str:
        """What the answers depend on, when they can be kept between runs ("" when they cannot)."""
        ...

    def asked(self, ecosystems: list[str]) -> None:
        """Ecosystems a scan answered from kept results (so ``gaps`` still names missing ones)."""
        ...


class OfflineSource:
    def __init__(self, root: str) -> None:
        from pathlib import Path

        from seawall.cachedir import cache_dir
        from seawall.deps.osv.offline import OfflineDatabase

        self.db = OfflineDatabase(Path(root), cache_dir())
        self.description = f"offline OSV database {root}"
        self._asked: set[str] = set()

    def advisories(self, packages: Sequence[Package]) -> dict[Key, list[Advisory]]:
        by_ecosystem: dict[str, set[str]] = {}
        for p in packages:
            by_ecosystem.setdefault(p.ecosystem.value, set()).add(p.name)
        out: dict[Key, list[Advisory]] = {}
        for ecosystem, names in sorted(by_ecosystem.items()):
            self._asked.add(ecosystem)
            for key, found in self.db.lookup(ecosystem, names).items():
                out[(ecosystem, key)] = found
        return out

    def signature(self) -> str:
        return self.db.signature()

    def asked(self, ecosystems: list[str]) -> None:
        self._asked.update(ecosystems)

    def gaps(self) -> list[str]:
        return [
            f"the offline database has no {e} advisories ({e}/all.zip): {e} packages were not checked"
            for e in sorted(self._asked - set(self.db.present))
        ]
