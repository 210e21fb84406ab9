"""The history store's errors: each names the database file and says what to do about it."""

from __future__ import annotations

from seawall.errors import SeawallError


class StoreError(SeawallError):
    """The history database cannot be opened, read or written."""

    hint = "use --db PATH or SEAWALL_DB to keep the history elsewhere, or --no-record to skip it"


class NewerSchemaError(StoreError):
    """The history database was written by a newer seawall, whose schema this one does not know."""

    hint = "upgrade seawall, or use --db PATH or SEAWALL_DB to keep this version's history elsewhere"
