"""The local history: runs, findings (fingerprints and redacted previews only), evidence, programme
changes and scores, in one SQLite database per project.

Importing this package loads neither sqlite3 nor platformdirs: ``Store`` (and sqlite3 with it) is loaded
on first use, platformdirs only when the default location is worked out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from seawall.store.errors import NewerSchemaError, StoreError
from seawall.store.paths import default_db_path, project_root, resolve_db_path
from seawall.store.records import KIND, Change, Run, StoredFinding

if TYPE_CHECKING:
    from seawall.store.db import Store

__all__ = [
    "KIND",
    "Change",
    "NewerSchemaError",
    "Run",
    "Store",
    "StoreError",
    "StoredFinding",
    "default_db_path",
    "project_root",
    "resolve_db_path",
]


def __getattr__(name: str) -> object:
    if name == "Store":
        from seawall.store.db import Store  # lazy: sqlite3 is loaded when a store is opened

        return Store
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
