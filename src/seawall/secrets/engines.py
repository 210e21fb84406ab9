"""Prefilter engines: which rules can match a buffer. Hyperscan when available, pure Python otherwise.

Neither engine decides a finding: both hand their candidate rules to ``detect.scan_bytes``, so they
give identical findings provided neither drops a rule that matches. Hyperscan compiles every rule's own
pattern (exactly where it can, in prefilter mode, which over-approximates, where it cannot), so its
candidates are a superset of the true matches; the Python engine uses each rule's required keywords.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from seawall.errors import ScanError
from seawall.secrets.detect import prefilter_python
from seawall.secrets.rules.base import Rule

ENGINES = ("auto", "hyperscan", "python")


class Engine(Protocol):
    name: str

    def candidates(self, data: bytes) -> list[Rule]: ...


class PythonEngine:
    name = "python"

    def __init__(self, rules: Sequence[Rule]) -> None:
        self.rules = tuple(rules)

    def candidates(self, data: bytes) -> list[Rule]:
        return prefilter_python(data.lower(), self.rules)


def hyperscan_available() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


def cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "seawall"


class HyperscanEngine:
    name = "hyperscan"

    def __init__(self, rules: Sequence[Rule], cache: Path | None = None) -> None:
        import hyperscan as hs

        self._hs = hs
        self.rules = tuple(rules)
        self._db = _load_or_compile(hs, self.rules, cache)
        self._scratch: Any = None
        self._pid = -1

    def candidates(self, data: bytes) -> list[Rule]:
        if self._pid != os.getpid():  # a forked worker needs scratch space of its own
            self._scratch = self._hs.Scratch(self._db)
            self._pid = os.getpid()
        hits: set[int] = set()
        self._db.scan(data, match_event_handler=_collect, context=hits, scratch=self._scratch)
        return [self.rules[i] for i in sorted(hits)]


def _collect(rule_index: int, start: int, end: int, flags: int, hits: set[int]) -> None:
    hits.add(rule_index)


def _expression(hs: Any, rule: Rule) -> tuple[bytes, int]:
    """The rule's own pattern, exactly if Hyperscan supports it, else in prefilter mode."""
    base = hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_MULTILINE
    if rule.ignore_case:
        base |= hs.HS_FLAG_CASELESS
    pattern = rule.pattern.replace("(?P<", "(?<").encode()
    for flags in (base, base | hs.HS_FLAG_PREFILTER):
        probe = hs.Database()
        try:
            probe.compile(expressions=[pattern], ids=[0], elements=1, flags=[flags])
        except hs.error:
            continue
        return pattern, flags
    # Last resort: the rule's keywords, which every match contains.
    keywords = b"|".join(_escape(k) for k in rule.keywords)
    return keywords, hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_CASELESS


def _escape(keyword: str) -> bytes:
    return "".join(c if c.isalnum() else "\\x%02x" % ord(c) for c in keyword).encode()


def _cache_key(hs: Any, rules: Sequence[Rule]) -> str:
    digest = hashlib.sha256(str(getattr(hs, "__version__", "")).encode())
    for rule in rules:
        digest.update(f"{rule.id}\0{rule.pattern}\0{rule.ignore_case}\0{rule.keywords}\n".encode())
    return digest.hexdigest()[:32]


def _load_or_compile(hs: Any, rules: Sequence[Rule], cache: Path | None) -> Any:
    path = (cache or cache_dir()) / f"hs-{_cache_key(hs, rules)}.db"
    try:
        return hs.loadb(path.read_bytes(), hs.HS_MODE_BLOCK)
    except (OSError, hs.error):
        pass  # no usable cache: compile below
    compiled = [_expression(hs, rule) for rule in rules]
    db = hs.Database()
    try:
        db.compile(
            expressions=[c[0] for c in compiled],
            ids=list(range(len(rules))),
            elements=len(rules),
            flags=[c[1] for c in compiled],
        )
    except hs.error as exc:
        raise ScanError(f"Hyperscan could not compile the rule set: {exc}") from None
    _store(path, hs.dumpb(db))
    return db


def _store(path: Path, blob: bytes) -> None:
    """Write the compiled database atomically; a cache that cannot be written is not an error."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        tmp.replace(path)
    except OSError:
        return


def make_engine(kind: str, rules: Sequence[Rule]) -> Engine:
    if kind not in ENGINES:
        raise ScanError(f"unknown engine {kind!r} (choose from {', '.join(ENGINES)})")
    if kind == "python" or (kind == "auto" and not hyperscan_available()):
        return PythonEngine(rules)
    if not hyperscan_available():
        raise ScanError("the hyperscan engine was asked for but the 'hyperscan' package is not installed")
    return HyperscanEngine(rules)
