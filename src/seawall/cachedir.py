"""Where seawall keeps what it can rebuild: compiled pattern databases, the rule manifest.

The Hyperscan databases are kept bounded (``prune``): each version of the rules, or of the code that
writes them, compiles a database of its own (about 5 MB), and an upgrade or a rule set of a project's
own would otherwise leave the old ones for ever. Files in use are marked so (``mark_used``): a load
refreshes a file's time when it is more than a day old.
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable
from pathlib import Path

# What ``prune`` drops: the files nothing has used for this many seconds, and, of the rule sets'
# databases unused since yesterday, all but this many (the last used kept).
MAX_AGE = 30 * 24 * 3600
KEEP_DATABASES = 4
_TOUCH_AFTER = 24 * 3600  # seconds: how stale a used file's time may get before it is refreshed
_TMP_AGE = 3600  # seconds: a write left unfinished this long ago was interrupted
_PRUNED = ("hs-", "located-")  # the Hyperscan databases (rule sets' and heads') and the pattern facts
_LAYOUT = ".groups.json"  # beside a rule set's database: dropped with it, never on its own while it is kept


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "seawall"


def store(path: Path, blob: bytes) -> None:
    """Write a cache file atomically; a cache that cannot be written is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        tmp.replace(path)
    except OSError:
        return


def mark_used(path: str | Path, used: float | None = None) -> None:
    """Marks a cache file as used now (what the prunes go by), when its time (``used``, if the caller read
    it already) is more than a day old: at most one ``stat`` a load. A file that cannot be marked is still
    used."""
    try:
        if time.time() - (os.stat(path).st_mtime if used is None else used) > _TOUCH_AFTER:
            os.utime(path)
    except OSError:
        return


def prune(folder: Path, now: float | None = None) -> int:
    """Drops from the cache folder the Hyperscan databases and pattern facts unused for ``MAX_AGE``
    seconds; of the rule sets' databases unused for a day, all but the ``KEEP_DATABASES`` used last (each
    with its layout); and what interrupted writes left. How many files it dropped."""
    now = time.time() if now is None else now
    try:
        with os.scandir(folder) as found:
            entries = {e.name: e.stat().st_mtime for e in found if e.is_file() and e.name.startswith(_PRUNED)}
    except OSError:
        return 0  # no folder yet, or unreadable (or a file went while listed): prune another time
    drop = {
        name
        for name, used in entries.items()
        if not name.endswith(_LAYOUT)
        and (now - used > MAX_AGE if not name.endswith(".tmp") else now - used > _TMP_AGE)
    }
    # Rule sets' databases unused since yesterday, last used first: a database in use today is never
    # one too many (a time refreshed once a day cannot order those).
    idle = sorted(
        (used, name)
        for name, used in entries.items()
        if _rule_set_database(name) and name not in drop and now - used > _TOUCH_AFTER
    )
    drop.update(name for _, name in idle[: max(0, len(idle) - KEEP_DATABASES)])
    kept = {name.removesuffix(".db") for name in entries if name.endswith(".db") and name not in drop}
    drop.update(n for n in entries if n.endswith(_LAYOUT) and n.removesuffix(_LAYOUT) not in kept)
    return remove(folder / name for name in drop)


def remove(paths: Iterable[str | Path]) -> int:
    """Removes cache files: how many it removed. One gone already (another process pruned it), or not
    ours to remove, is passed over."""
    removed = 0
    for path in paths:
        try:
            os.unlink(path)
            removed += 1
        except OSError:
            continue
    return removed


def _rule_set_database(name: str) -> bool:
    """``hs-`` and 32 hexadecimal digits (``engines._cache_key``), maybe ``-probed``, then ``.db``."""
    if not (name.startswith("hs-") and name.endswith(".db")):
        return False
    key = name[3:-3].removesuffix("-probed")
    return len(key) == 32 and all(ch in "0123456789abcdef" for ch in key)
