"""The OSV export layout read offline: ``DIR/<Ecosystem>/all.zip`` (or loose ``*.json`` records in
``DIR/<Ecosystem>/``). Each ecosystem is indexed once into SQLite in the cache, by package name, and
re-indexed only when its zip changes; a scan reads the records of the packages it has, nothing else."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from seawall.deps.osv.records import Advisory, from_json, name_key
from seawall.deps.packages import Ecosystem
from seawall.errors import ScanError

INDEX_VERSION = "2"
_BATCH = 900  # SQLite's default limit on variables is 999


class OfflineDatabase:
    """Advisories of one offline database folder; ``missing`` lists the ecosystems it has no data for."""

    def __init__(self, root: Path, cache: Path) -> None:
        if not root.is_dir():
            raise ScanError(
                f"no OSV database at {root}: not a folder",
                hint="name a folder laid out as <Ecosystem>/all.zip, or run 'seawall deps db update'",
            )
        self.root = root
        self.cache = cache / "osv-index" / hashlib.sha256(str(root.resolve()).encode()).hexdigest()[:16]
        self.present = [e.value for e in Ecosystem if (root / e.value).is_dir()]
        if not self.present:
            raise ScanError(
                f"no OSV database at {root}: no <Ecosystem>/all.zip inside",
                hint="the layout is that of the OSV export: PyPI/all.zip, npm/all.zip, ...",
            )
        self.built: list[str] = []  # ecosystems (re)indexed by this run

    def signature(self) -> str:
        """The database as a whole: its folder and each ecosystem's zip (size, modification time)."""
        parts = [str(self.root.resolve())] + [f"{e}={_signature(self.root / e)}" for e in self.present]
        return "|".join(parts)

    def lookup(self, ecosystem: str, names: Iterable[str]) -> dict[str, list[Advisory]]:
        """Advisories by name key, for the given package names of one ecosystem."""
        if ecosystem not in self.present:
            return {}
        keys = sorted({name_key(ecosystem, n) for n in names})
        out: dict[str, list[Advisory]] = {}
        with contextlib.closing(self._open(ecosystem)) as db:
            for i in range(0, len(keys), _BATCH):
                chunk = keys[i : i + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = db.execute(f"SELECT name, record FROM entry WHERE name IN ({marks})", chunk)  # noqa: S608
                for name, record in rows:
                    out.setdefault(name, []).append(from_json(json.loads(record)))
        return out

    def _open(self, ecosystem: str) -> sqlite3.Connection:
        path = self.cache / f"{ecosystem}.sqlite3"
        signature = _signature(self.root / ecosystem)
        if path.is_file():
            db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                row = db.execute("SELECT value FROM meta WHERE key = 'signature'").fetchone()
            except sqlite3.DatabaseError:
                row = None
            if row is not None and row[0] == signature:
                return db
            db.close()
        self._build(ecosystem, path, signature)
        return sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def _build(self, ecosystem: str, path: Path, signature: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.unlink(missing_ok=True)
        db = sqlite3.connect(tmp)
        try:
            db.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
            db.execute("CREATE TABLE entry (name TEXT, record TEXT)")
            db.executemany("INSERT INTO entry VALUES (?, ?)", _entries(self.root / ecosystem, ecosystem))
            db.execute("CREATE INDEX entry_name ON entry (name)")
            db.execute("INSERT INTO meta VALUES ('signature', ?)", (signature,))
            db.commit()
        finally:
            db.close()
        tmp.replace(path)
        self.built.append(ecosystem)


def _signature(folder: Path) -> str:
    """What the index was built from: the zip's size and modification time (or the loose records')."""
    zipped = folder / "all.zip"
    files = [zipped] if zipped.is_file() else sorted(folder.glob("*.json"))
    parts = [INDEX_VERSION]
    for f in files:
        st = f.stat()
        parts.append(f"{f.name}:{st.st_size}:{st.st_mtime_ns}")
    return "|".join(parts)


def _records(folder: Path) -> Iterator[tuple[str, bytes]]:
    zipped = folder / "all.zip"
    if not zipped.is_file():
        for f in sorted(folder.glob("*.json")):
            yield f.name, f.read_bytes()
        return
    try:
        with zipfile.ZipFile(zipped) as archive:
            for info in archive.infolist():
                if info.filename.endswith(".json"):
                    yield info.filename, archive.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise ScanError(
            f"unreadable OSV database {zipped}: {exc}", hint="run 'seawall deps db update'"
        ) from exc


def _entries(folder: Path, ecosystem: str) -> Iterator[tuple[str, str]]:
    """(name key, compact record) for every package of ``ecosystem`` each record affects; withdrawn
    records are left out here, once."""
    for filename, blob in _records(folder):
        try:
            record: dict[str, Any] = json.loads(blob)
        except json.JSONDecodeError as exc:
            raise ScanError(f"unreadable OSV record {folder / filename}: {exc}") from exc
        if record.get("withdrawn") or "id" not in record:
            continue
        compact = json.dumps(_slim(record), separators=(",", ":"))
        names = set()
        for entry in record.get("affected") or []:
            package = entry.get("package") or {}
            if str(package.get("ecosystem", "")).split(":", 1)[0] == ecosystem and package.get("name"):
                names.add(name_key(ecosystem, str(package["name"])))
        for name in names:
            yield name, compact


def _slim(record: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "aliases", "summary", "modified", "severity", "affected", "references", "withdrawn")
    out = {k: record[k] for k in keep if k in record}
    specific = record.get("database_specific")
    if isinstance(specific, dict):
        out["database_specific"] = {k: specific[k] for k in ("severity", "informational") if k in specific}
    for entry in out.get("affected", []):
        for drop in ("ecosystem_specific", "database_specific"):
            entry.pop(drop, None)
    if not out.get("summary") and record.get("details"):
        first = str(record["details"]).strip().split("\n", 1)[0]
        out["summary"] = " ".join(first.replace("`", "").split())[:200]  # plain text, not Markdown
    return out
