"""Regular expressions compiled on first use, and kept compiled on disk between runs.

Start-up time is most of a pre-commit scan, and compiling patterns is a large part of it: Python's
``re`` takes about half a millisecond for one of the generic rules' patterns, and a hook that runs on
every commit compiles the same ones each time. ``cached_compile`` keeps what the compiler produces (the
pattern program, its flags and its groups) in seawall's cache folder, one small file per pattern, and
rebuilds the pattern object from it in microseconds. A file is used only when it names exactly this
pattern, these flags and this Python build; CPython checks the program when it is loaded (an invalid
one raises, it never runs). Anything missing, stale or unreadable falls back to ``re.compile``, and
interpreters other than CPython always do.

The folder is kept bounded: a file used is touched at most once a day (one ``fstat`` per load), and a
process that saves a file (a new pattern: a first run, a new seawall or Python) first drops the files
unused for ``MAX_AGE`` seconds, then the least recently used beyond ``MAX_FILES``. A run that only
loads never lists the folder.
"""

from __future__ import annotations

import importlib
import marshal
import os
import re
import sys
import time

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from collections.abc import Callable
    from typing import Any, AnyStr

# CPython's regex compiler, in two steps: ``re._compiler`` and ``re._parser`` make the program, ``_sre``
# builds a pattern object from it. Private modules without type stubs, hence loaded by name.
try:
    _sre: Any = importlib.import_module("_sre")
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
except ImportError:  # pragma: no cover - not CPython
    _sre = _compiler = _parser = None

# What must match for a cached program to be used: the interpreter's build and its regex engine.
_BUILD = (
    f"{sys.implementation.name}\0{sys.version}\0{getattr(_sre, 'MAGIC', '')}\0{getattr(_sre, 'CODESIZE', '')}"
)
_ENABLED = sys.implementation.name == "cpython" and hasattr(_sre, "compile") and hasattr(_compiler, "_code")
# Errors a damaged or foreign cache file can raise on loading: each means "compile it again".
_UNUSABLE = (OSError, EOFError, ValueError, TypeError, RuntimeError, IndexError, KeyError, OverflowError)

# The folder's bounds: one file per pattern (a few KB each), several hundred patterns per seawall version.
MAX_FILES = 4000  # beyond this, the least recently used are dropped down to three quarters of it
MAX_AGE = 60 * 24 * 3600  # seconds: a file unused for 60 days is dropped
_pruned: list[str] = []  # the folders this process has pruned (at most once each)


def cached_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``re.compile(pattern, flags)``, from the on-disk cache when it holds this pattern."""
    if not _ENABLED or flags & re.DEBUG:
        return re.compile(pattern, flags)
    flags = int(flags)  # a plain int: ``re.RegexFlag`` values cannot be marshalled
    path = _path(pattern, flags)
    found = _load(path, pattern, flags)
    if found is not None:
        return found
    standard = re.compile(pattern, flags)  # raises re.error on a bad pattern, as it must
    try:
        program = _program(pattern, flags)
        rebuilt = _sre.compile(pattern, *program)
    except Exception:  # noqa: BLE001 - another CPython's private compiler: never cache, never fail
        return standard
    # Pattern equality compares the pattern, the flags and the compiled program itself: a program that is
    # not exactly the one re.compile made (a CPython whose private compiler differs) is never saved.
    if rebuilt == standard and (rebuilt.groups, rebuilt.groupindex) == (standard.groups, standard.groupindex):
        _save(path, pattern, flags, program)
    return standard


def _path(pattern: str | bytes, flags: int) -> str:
    import hashlib

    from seawall.cachedir import cache_dir

    text = pattern if isinstance(pattern, bytes) else pattern.encode("utf-8", "surrogatepass")
    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{_BUILD}\0{type(pattern).__name__}\0{int(flags)}\0".encode())
    digest.update(text)
    return os.path.join(cache_dir(), "re", digest.hexdigest())


def _load(path: str, pattern: AnyStr, flags: int) -> re.Pattern[AnyStr] | None:
    try:
        with open(path, "rb") as file:
            saved = marshal.loads(file.read())  # noqa: S302 (seawall's own cache, as trusted as its .pyc)
            used = os.fstat(file.fileno()).st_mtime
        build, same_pattern, same_flags, *program = saved
        if build != _BUILD or type(same_pattern) is not type(pattern) or same_pattern != pattern:
            return None
        if same_flags != flags:
            return None
        compiled: re.Pattern[AnyStr] = _sre.compile(pattern, *program)
    except _UNUSABLE:
        return None
    from seawall.cachedir import mark_used

    mark_used(path, used)
    return compiled


def _program(pattern: str | bytes, flags: int) -> tuple[Any, ...]:
    """What ``re.compile`` hands to ``_sre.compile`` for this pattern and flags (as ``re._compiler``
    computes it), all plain ints, strings, lists, dicts and tuples."""
    tree = _parser.parse(pattern, flags)
    code = [int(op) for op in _compiler._code(tree, flags)]
    groupindex = dict(tree.state.groupdict)
    indexgroup: list[str | None] = [None] * tree.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return (int(flags | tree.state.flags), code, tree.state.groups - 1, groupindex, tuple(indexgroup))


def _save(path: str, pattern: str | bytes, flags: int, program: tuple[Any, ...]) -> None:
    from pathlib import Path

    from seawall.cachedir import store

    folder = os.path.dirname(path)
    if folder not in _pruned:
        _pruned.append(folder)
        prune(folder)
    store(Path(path), marshal.dumps((_BUILD, pattern, flags, *program)))


def prune(folder: str, now: float | None = None) -> int:
    """Drops the cache files unused for ``MAX_AGE`` seconds (and leftovers of interrupted writes), then
    the least recently used beyond ``MAX_FILES``, down to three quarters of it; how many it dropped."""
    from seawall.cachedir import remove

    now = time.time() if now is None else now
    try:
        with os.scandir(folder) as found:
            entries = [(e.stat().st_mtime, e.path) for e in found if e.is_file()]
    except OSError:
        return 0  # no folder yet, or unreadable (or a file went while listed): prune another time
    entries.sort()
    old = [p for used, p in entries if now - used > MAX_AGE or (p.endswith(".tmp") and now - used > 3600)]
    kept = len(entries) - len(old)
    if kept > MAX_FILES:
        drop = set(old)
        old += [p for _, p in entries if p not in drop][: kept - MAX_FILES * 3 // 4]
    return remove(old)


class LazyPattern:
    """A stand-in for ``re.compile(pattern, flags)`` with the methods seawall uses, compiled on first
    use (through the on-disk cache). From then on ``search``, ``match`` and ``fullmatch`` are the
    compiled pattern's own: a check of a keyword-dense file asks tens of thousands of them, and a
    method of this class in between was a fifth of their cost."""

    __slots__ = ("_compiled", "_flags", "_pattern", "fullmatch", "match", "search")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None
        self.search: Callable[[str], re.Match[str] | None] = lambda text: self.compiled.search(text)
        self.match: Callable[[str], re.Match[str] | None] = lambda text: self.compiled.match(text)
        self.fullmatch: Callable[[str], re.Match[str] | None] = lambda text: self.compiled.fullmatch(text)

    @property
    def pattern(self) -> str:
        return self._pattern

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            compiled = self._compiled = cached_compile(self._pattern, self._flags)
            self.search, self.match, self.fullmatch = compiled.search, compiled.match, compiled.fullmatch
        return self._compiled


def lazy_compile(pattern: AnyStr, flags: int = 0) -> re.Pattern[AnyStr]:
    """``cached_compile(pattern, flags)``, made on first use: for a module's patterns, which then cost
    nothing when the module is imported and nothing at all in a run that never uses them (the
    pre-commit hook imports rule helpers whose patterns a commit of ordinary code never needs).

    What it returns answers every attribute of the compiled pattern (``search``, ``finditer``,
    ``pattern``, ``groups``...); it is not an ``re.Pattern`` instance, so it is for calling methods on, not
    for passing to ``re``'s module functions. A pattern that does not compile raises ``re.error`` on its
    first use."""
    deferred: Any = DeferredPattern(pattern, flags)
    return deferred  # type: ignore[no-any-return]


class DeferredPattern:
    """What ``lazy_compile`` returns: the compiled pattern's stand-in until its first use."""

    def __init__(self, pattern: str | bytes, flags: int) -> None:
        self._source: tuple[Any, int] = (pattern, flags)

    def __getattr__(self, name: str) -> Any:
        # Called only for what the instance does not hold yet: each attribute of the compiled pattern is
        # kept on the instance once asked for, so later calls are plain attribute look-ups. Protocol
        # names (``__setstate__``, asked of an instance being unpickled, before it has ``_source``) are
        # the class's business, not the pattern's.
        if name.startswith("__") or name == "_source":
            raise AttributeError(name)
        value = getattr(cached_compile(*self._source), name)
        setattr(self, name, value)
        return value

    def __repr__(self) -> str:
        pattern, flags = self._source
        return f"lazy_compile({pattern!r}, {flags})"
