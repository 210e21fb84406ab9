"""Prefilter engines: which rules can match a buffer. Hyperscan when available, pure Python otherwise.

Neither engine decides a finding: both hand their candidate rules to ``detect.scan_bytes``, so they
give identical findings provided neither drops a rule that matches. Hyperscan compiles every rule's own
pattern (exactly where it can, in prefilter mode, which over-approximates, where it cannot), so its
candidates are a superset of the true matches; the Python engine uses each rule's required keywords.
A line-scoped rule is found through its keywords (where they are tells Python where to look), each
keyword in the database once however many rules share it, and through a gate (``regexgate``: its
pattern, widened): it is a candidate only where both fire. The keywords are a database of their own,
and so are the gates, beside the one of the other rules' expressions (``_compile``): a worker that
shares a big file with others (``sharing``) asks for line-scoped rules in its own stretch of it only.

In a big buffer (``PLACE_LATER``), keywords are placed in two steps: which occur is asked of a third
database that reports each keyword once; then only the keywords of the line-scoped rules that are
candidates (their gate fired too) are placed, with a database of just those keywords. Keyword-dense
text (minified code, one-line records) names many keywords whose rules' gates never fire there: each
of their occurrences would cost a call into Python for nothing. A group whose candidate rules all have
heads written per keyword (``regexgate.keyword_heads``) is not placed at all: the heads' matches say
where its rules' matches may start (``HyperscanEngine._headed``).
"""

from __future__ import annotations

import functools
import hashlib
import os
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Sequence
from itertools import chain
from pathlib import Path

from seawall.cachedir import cache_dir, mark_used, prune, store
from seawall.errors import ScanError
from seawall.lazyre import lazy_compile
from seawall.secrets.detect import LONG_LINE, Spans, keyword_starts
from seawall.secrets.patternfacts import KEYWORD_OFFSETS
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    import re
    from collections.abc import Callable
    from typing import Any, Protocol

    # A lead's search in either case: ``(data, start, end)`` to its next occurrence there.
    LeadSearch = Callable[[bytes | memoryview, int, int], re.Match[bytes] | None]

    from seawall.secrets.keywordindex import KeywordIndex

ENGINES = ("auto", "hyperscan", "python")
# Bytes after which the Python engine finds keywords with one search for all (``keywordindex``) rather
# than one substring search each: building the index takes as long as searching about this much text
# a keyword at a time, so a pre-commit hook's few small files never pay for it.
INDEX_FROM = 64 * 1024


Candidates = tuple[list[Rule], Spans | None]
# Bytes from which a buffer's keywords are placed in two steps (see the module's docstring): below,
# one pass placing every keyword costs less than the second database scans.
PLACE_LATER = 1024 * 1024


if TYPE_CHECKING:  # protocols for the type checker only: defining one at run time imports typing

    class RuleMeta(Protocol):
        """What compiling a rule needs: a Rule, or a lazy reference to one."""

        @property
        def id(self) -> str: ...
        @property
        def pattern(self) -> str: ...
        @property
        def keywords(self) -> tuple[str, ...]: ...
        @property
        def ignore_case(self) -> bool: ...
        @property
        def line_scoped(self) -> bool: ...
        @property
        def requires(self) -> str: ...

    class Engine(Protocol):
        name: str
        rules: Sequence[Rule]

        def candidates(
            self, data: bytes, region: tuple[int, int] | None = None, path: str = "", whole: bool = True
        ) -> Candidates:
            """The rules that may match ``data`` and, for line-scoped rules, the lines where they may.
            With a ``region`` (a sharing worker's stretch), line-scoped rules may be looked for in the
            region alone: those that are candidates there, with their keywords' starts in it. ``path``,
            the file's name, tells which rules search nothing there (``Rule.searches_nothing_in``): an engine
            need not narrow their keywords. Without ``whole`` (a sharing worker but the first, which
            takes the rest), an engine may leave out the rules it does not find through their keywords
            (``sharing.by_position``)."""
            ...


class PythonEngine:
    name = "python"

    def __init__(self, rules: Sequence[Rule], index_from: int = INDEX_FROM) -> None:
        # A lazy rule set offers references (keywords and flags): only candidate rules are loaded.
        self.rules = rules
        self._meta: tuple[RuleMeta, ...] = tuple(getattr(rules, "refs", rules))
        # Each distinct keyword is looked for once per buffer, however many rules share it.
        self._keywords = sorted({k.encode() for rule in self._meta for k in rule.keywords})
        self._index: KeywordIndex | None = None
        self._index_from = index_from
        self._seen = 0

    def candidates(
        self, data: bytes, region: tuple[int, int] | None = None, path: str = "", whole: bool = True
    ) -> Candidates:
        # Every rule is found in the whole buffer, ``region`` and ``whole`` or not: the index of keywords
        # is one pass for all.
        lower = data.lower()
        self._seen += len(data)
        if self._index is None and self._seen >= self._index_from:
            from seawall.secrets.keywordindex import KeywordIndex

            self._index = KeywordIndex(self._keywords)
        if self._index is None:  # a few small buffers (a pre-commit hook's): a substring search each
            found: dict[str, list[int]] = {k.decode(): [] for k in self._keywords if k in lower}
        else:  # one pass for all keywords, their starts with them
            found = {k.decode(): places for k, places in self._index.occurrences(lower).items()}
            found.update((k.decode(), []) for k in self._index.short if k in lower)
        present = found.keys()
        chosen = [i for i, r in enumerate(self._meta) if not r.keywords or not present.isdisjoint(r.keywords)]
        spans: Spans = {}
        shared: dict[tuple[str, ...], list[int]] = {}
        big = len(data) > LONG_LINE  # rules that are not line-scoped are searched near their keywords too
        if big:
            from seawall.secrets.longline import held_by_keywords
        for i in chosen:
            rule = self._meta[i]
            if rule.line_scoped or (big and held_by_keywords(rule)):
                if rule.keywords not in shared:
                    shared[rule.keywords] = _starts(lower, found, [k for k in rule.keywords if k in present])
                spans[rule.id] = shared[rule.keywords]
        return [self.rules[i] for i in chosen], spans


def _starts(lower: bytes, found: dict[str, list[int]], keywords: list[str]) -> list[int]:
    """Where any of ``keywords`` (all present) starts, in order: as the index found them, or by
    substring searches for those it did not place (no index, or a keyword shorter than it takes)."""
    lists = [found[k] for k in keywords if found[k]]
    searched = [k for k in keywords if not found[k]]
    if not searched and len(lists) == 1:
        return lists[0]
    return sorted({*chain.from_iterable(lists), *keyword_starts(lower, searched)})


def hyperscan_available() -> bool:
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return False
    return True


class HyperscanEngine:
    name = "hyperscan"

    def __init__(self, rules: Sequence[Rule], cache: Path | None = None) -> None:
        import hyperscan as hs

        self._hs = hs
        # A lazy rule set offers references (patterns and flags) so that rules load only when needed.
        self.rules = rules
        meta: Sequence[RuleMeta] = getattr(rules, "refs", rules)
        layout = _load_or_compile(hs, meta, cache, getattr(rules, "signature", None))
        self._dbs, self._groups, self._gates = layout
        self._first_keyword, self._fans = _fans(meta, self._groups, self._gates)
        self._keywords = _distinct_keywords(meta)
        self._scratches: list[tuple[Any, Any] | None] = []
        self._some: dict[frozenset[int], tuple[Any, Any]] = {}  # databases of some keywords, by their ids
        self._heads: dict[tuple[bytes, ...], tuple[Any, Any] | None] = {}  # rules' heads (``_located``)
        self._facts: dict[str, Facts] = {}  # what narrowing a rule's keywords needs (``located_facts``)
        self._folder = cache or cache_dir()
        self._pid = -1
        self._views: bool | None = None  # whether the package scans memory views (``_region``)

    def _scanners(self) -> list[tuple[Any, Any] | None]:
        """Each database with scratch space of this process's own (a forked worker needs its own)."""
        if self._pid != os.getpid():
            self._scratches = [None if db is None else (db, self._hs.Scratch(db)) for db in self._dbs]
            self._some = {}
            self._heads = {}
            self._pid = os.getpid()
        return self._scratches

    def candidates(
        self, data: bytes, region: tuple[int, int] | None = None, path: str = "", whole: bool = True
    ) -> Candidates:
        scanners = self._scanners()
        lines: bytes | memoryview
        one = scanners[5]
        if region is None and len(data) < min(ONE_PASS, PLACE_LATER) and one is not None:
            # A small buffer (a file of a folder): the rules, their gates and keywords in one pass.
            lines, offset, big = data, 0, False
            hits: defaultdict[int, list[int]] = defaultdict(list)  # an entry only for what was found
            one[0].scan(data, match_event_handler=_collect, context=hits, scratch=one[1])
        else:
            # The expressions' pass over the whole buffer, once per file: a sharing worker but the first
            # asks for line-scoped rules alone.
            hits = self._with_widened(data, scanners) if whole else defaultdict(list)
            # The line-scoped rules are looked for in the region alone (a sharing worker's stretch, a
            # view of the buffer, not a copy): their keywords and gates, with the keywords' starts
            # moved back to the buffer's offsets.
            lines = data if region is None else self._region(data, region)
            offset = 0 if region is None else region[0]
            big = len(lines) >= PLACE_LATER and scanners[4] is not None
            self._line_scoped(lines, hits, big, scanners)
        chosen: list[int] = []
        for g in hits:
            if g < len(self._groups):  # a group of rules that are not line-scoped (above: gates, keywords)
                chosen.extend(self._gated(g, hits))
        # The line-scoped groups one of whose keywords occurs, each with its rules whose gate fired and
        # those keywords' ids.
        scoped: list[tuple[list[int], list[int]]] = []
        for g, keyword_ids in self._present_groups(hits).items():
            members = self._gated(g, hits)
            if big:  # where their keywords are costs a pass: not for rules that report nothing here
                members = [i for i in members if not self.rules[i].searches_nothing_in(path)]
            if members:
                scoped.append((members, keyword_ids))
        for members, _ in scoped:
            chosen.extend(members)
        spans = self._spans(lines, offset, scoped) if big else self._spans_of(hits, offset, scoped)
        return [self.rules[i] for i in sorted(chosen)], spans

    def _region(self, data: bytes, region: tuple[int, int]) -> bytes | memoryview:
        """A sharing worker's stretch of the buffer: a view, not a copy, where the hyperscan package
        scans views (0.8 and later; 0.7, the last built for Linux on ARM, asks for bytes)."""
        view = memoryview(data)[region[0] : region[1]]
        return view if self._scans_views() else bytes(view)

    def _scans_views(self) -> bool:
        if self._views is None:
            self._views = True
            probe = next((scanner for scanner in self._scanners() if scanner is not None), None)
            try:
                if probe is not None:
                    db, scratch = probe
                    db.scan(
                        memoryview(b" "),
                        match_event_handler=_collect,
                        context=defaultdict(list),
                        scratch=scratch,
                    )
            except TypeError:
                self._views = False
        return self._views

    def _spans(
        self, lines: bytes | memoryview, offset: int, scoped: list[tuple[list[int], list[int]]]
    ) -> Spans:
        """Where the keywords of the chosen line-scoped rules start in a big buffer: placed, and narrowed
        (``_located``), but for a group whose rules all have heads written per keyword, placed by those
        heads alone (``_headed``)."""
        headed = [self._placed_by_heads(members) for members, _ in scoped]
        needed = {k for (_, ids), alone in zip(scoped, headed, strict=True) if not alone for k in ids}
        places = self._place(lines, needed)
        spans: Spans = {}
        for (members, keyword_ids), alone in zip(scoped, headed, strict=True):
            if alone:
                for i in members:
                    spans[self.rules[i].id] = [start + offset for start in self._headed(lines, self.rules[i])]
                continue
            # Rules keep sharing one list of the group's starts (moved once) unless narrowed.
            starts, moved = _group_starts(places, keyword_ids, offset)
            for i in members:
                rule = self.rules[i]
                mine = self._located(lines, rule, starts)
                spans[rule.id] = moved if mine is starts else [start + offset for start in mine]
        return spans

    def _spans_of(
        self, hits: dict[int, list[int]], offset: int, scoped: list[tuple[list[int], list[int]]]
    ) -> Spans:
        """Where the keywords of the chosen line-scoped rules start, as the keywords' pass found them;
        the rules of a group share one list of its starts."""
        spans: Spans = {}
        for members, keyword_ids in scoped:
            _, moved = _group_starts(hits, keyword_ids, offset)
            for i in members:
                spans[self.rules[i].id] = moved
        return spans

    def _with_widened(
        self, data: bytes, scanners: list[tuple[Any, Any] | None]
    ) -> defaultdict[int, list[int]]:
        """What the rules' expressions (and gates) that are not line-scoped find in the whole buffer,
        the widened ones asked only where their keywords occur."""
        expressions, keyed = scanners[0], scanners[1]
        hits: defaultdict[int, list[int]] = defaultdict(list)  # an entry only for what was found
        if expressions is not None:
            expressions[0].scan(data, match_event_handler=_collect, context=hits, scratch=expressions[1])
        # The widened expressions' keywords are in that database, under ids of their own.
        words = [g for g in hits if g >= KEYED_WORDS]
        for g in words:
            del hits[g]
        if keyed is not None and words:
            keyed[0].scan(data, match_event_handler=_collect, context=hits, scratch=keyed[1])
        return hits

    @staticmethod
    def _line_scoped(
        lines: bytes | memoryview,
        hits: defaultdict[int, list[int]],
        big: bool,
        scanners: list[tuple[Any, Any] | None],
    ) -> None:
        """Which keywords occur in ``lines`` (each once, in a big buffer) or where each occurs, and
        then, where one does (a line-scoped rule needs one), which gates fire."""
        _, _, gates, keywords, present, _ = scanners
        scanner = present if big else keywords
        found = len(hits)
        if scanner is not None:
            scanner[0].scan(lines, match_event_handler=_collect, context=hits, scratch=scanner[1])
        if gates is not None and len(hits) > found:
            gates[0].scan(lines, match_event_handler=_collect, context=hits, scratch=gates[1])

    def _located(self, data: bytes | memoryview, rule: Rule, starts: list[int]) -> list[int]:
        """The keyword occurrences of a line-scoped rule that a match of the rule may hold: those near
        where the head of its pattern matches (``regexgate.head``). Every match starts where its head
        does and holds a keyword at most ``lead`` characters from its start; Hyperscan reports the
        leftmost start of the head's matches ending at each place, and the engine may report a longer
        keyword's start, ``slack`` characters earlier, for a shorter one that ends with it. All of
        ``starts`` when the head is unknown, or matches more often than there are keywords; and
        when the keywords are sparse (``LOCATE_EVERY``; ``KEYWORD_HEADS_CHEAPER`` times sparser for a
        rule whose head is written once per keyword, ``regexgate.keyword_heads``; ``SMALL_HEAD_EVERY``
        for a head whose database is small, ``SMALL_HEAD``)."""
        size = len(data)
        if len(starts) * max(LOCATE_EVERY * KEYWORD_HEADS_CHEAPER, SMALL_HEAD_EVERY) < size:
            return starts
        led, heads, leads, slack = self._facts_of(rule)
        if led is None or heads is None:
            return starts
        dense = (
            len(starts) * (LOCATE_EVERY if leads is None else LOCATE_EVERY * KEYWORD_HEADS_CHEAPER) >= size
        )
        if not dense and len(starts) * SMALL_HEAD_EVERY < size:
            return starts
        scanner = self._head(heads)
        if scanner is None or not (dense or _small(scanner[0])):
            return starts
        reports: list[Report] = []
        try:
            scanner[0].scan(data, match_event_handler=_report, context=(reports, starts), scratch=scanner[1])
        except self._hs.ScanTerminated:  # the head matches at too many keywords: no narrowing
            return starts
        return covered(starts, reports, slack, led)

    def _facts_of(self, rule: Rule) -> Facts:
        facts = self._facts.get(rule.id)
        if facts is None:
            facts = self._facts[rule.id] = located_facts(rule, self._folder)
        return facts

    def _placed_by_heads(self, members: list[int]) -> bool:
        """Whether a group's rules all have heads written per keyword (their databases are loaded
        only then)."""
        rules = [self.rules[i] for i in members]
        if not all(self._facts_of(rule)[2] is not None for rule in rules):
            return False
        return all(self._keyword_heads(rule) is not None for rule in rules)

    def _keyword_heads(self, rule: Rule) -> tuple[Any, Any] | None:
        """The database of a rule's heads written per keyword, with scratch space; None for a rule
        without (``regexgate.keyword_heads``)."""
        _, heads, leads, _ = self._facts_of(rule)
        return None if heads is None or leads is None else self._head(heads)

    def _headed(self, data: bytes | memoryview, rule: Rule) -> list[int]:
        """Where a match of a rule with heads written per keyword (``_keyword_heads``) may start, without
        placing its keywords: every match starts with one of the keywords' name characters (its
        *lead*) where the lead's head matches. Hyperscan reports the leftmost start of each head's
        matches that end at a place, which is an occurrence of its lead; the same lead again
        inside the head's match (``token_token=``) may start a match too, and is looked for there, as
        each match is reported (one call from Hyperscan, not a second pass over tens of thousands of
        reports on one-line JSON records)."""
        scanner = self._keyword_heads(rule)
        _, _, leads, _ = self._facts_of(rule)
        if scanner is None or leads is None:
            raise AssertionError("a rule without keyword heads")  # pragma: no cover (``_placed_by_heads``)
        found: list[int] = []
        searches = _lead_searches(leads)
        scanner[0].scan(data, match_event_handler=_led, context=(found, searches, data), scratch=scanner[1])
        found.sort()  # nearly in order already: Hyperscan reports matches as they end
        return list(dict.fromkeys(found))  # each once (half the time of a set's, sorted again)

    def _head(self, expressions: tuple[bytes, ...]) -> tuple[Any, Any] | None:
        """The database of a rule's head (or of its heads, one per keyword), from the cache folder or
        compiled and kept there, with this process's scratch space; None when Hyperscan cannot report
        where it starts."""
        if expressions not in self._heads:
            db = _head_database(self._hs, expressions, self._folder)
            self._heads[expressions] = None if db is None else (db, self._hs.Scratch(db))
        return self._heads[expressions]

    def _gated(self, group: int, hits: dict[int, list[int]]) -> list[int]:
        """The group's rules whose gate fired (a rule without a gate needs none)."""
        gates = self._gates
        return [i for i in self._groups[group] if i not in gates or gates[i] in hits]

    def _present_groups(self, hits: dict[int, list[int]]) -> dict[int, list[int]]:
        """The line-scoped groups one of whose keywords occurs, with those keywords' ids."""
        present: dict[int, list[int]] = {}
        for g in hits:
            if g >= self._first_keyword:
                for group in self._fans[g]:
                    present.setdefault(group, []).append(g)
        return present

    def _place(self, data: bytes | memoryview, needed: set[int]) -> defaultdict[int, list[int]]:
        """Where the ``needed`` keywords start, with a database of just those keywords (compiled once
        per process for each such set)."""
        places: defaultdict[int, list[int]] = defaultdict(list)
        if needed:
            db, scratch = self._some_keywords(frozenset(needed))
            db.scan(data, match_event_handler=_collect, context=places, scratch=scratch)
        return places

    def _some_keywords(self, ids: frozenset[int]) -> tuple[Any, Any]:
        found = self._some.get(ids)
        if found is None:
            if len(self._some) >= _MAX_SOME:
                self._some.clear()
            every = self._hs.HS_FLAG_CASELESS | self._hs.HS_FLAG_SOM_LEFTMOST
            entries: list[tuple[bytes, int] | None] = [None] * (max(ids) + 1)
            for k in ids:
                entries[k] = (_escape(self._keywords[k - self._first_keyword]), every)
            db = _database(self._hs, entries)
            found = self._some[ids] = (db, self._hs.Scratch(db))
        return found


# Databases of some keywords kept at most (each is compiled in a few milliseconds).
_MAX_SOME = 32
# In a big buffer, a line-scoped rule with a keyword every this many bytes or fewer has its keywords
# narrowed to those its pattern's head matches around (``_located``): a pass of Hyperscan over the
# buffer that reports where each match starts costs 6 to 10 ms per MB, about what attempts from Python
# at each keyword this far apart do now that a failed attempt costs half a microsecond (one-line JSON
# records, a keyword every 83 bytes: the pass cost 38 ms of a worker's 4 MB and saved 10).
LOCATE_EVERY = 64
# Heads written once per keyword (``regexgate.keyword_heads``) cost Hyperscan less than the keywords'
# own places (6 against 10 ms per 4 MB of minified code, where the rule's head cost 15): they narrow
# keywords this many times sparser.
KEYWORD_HEADS_CHEAPER = 16
# Narrowing stops (and keeps every keyword) once the head has matched at more than a quarter of the
# keywords before the place it reached, asked every ``_CHECK_EVERY`` matches: each match costs a call
# into Python and a place to keep, more than the attempts it would save (one-line JSON records, where
# every other keyword is assigned a quoted value: 98 -> 105 ms a worker with the whole pass).
NARROWED_AT_MOST = 4
_CHECK_EVERY = 256
# A head whose database is this small (a name's ending and what follows it: ``generic-key-named-
# assignment``'s ``...key =``, ``generic-url-query-secret``'s ``?token=``) costs Hyperscan a few tenths
# of a millisecond per MB, not 6 to 10: it narrows keywords as sparse as one every ``SMALL_HEAD_EVERY``
# bytes (firebase-auth.js, a ``key`` every 1,400 bytes: 3,153 attempts of 3.1 ms narrowed to 112 in 0.7
# ms). The generic fallback's head, a walk of up to 150 steps, makes a database of 227 KB and a pass
# of 40 ms per 4 MB.
SMALL_HEAD = 32 * 1024
SMALL_HEAD_EVERY = 4096


def _small(database: Any) -> bool:
    """Whether a head's database is small (``SMALL_HEAD``); a package without its size says not."""
    measure = getattr(database, "size", None)
    return measure is not None and int(measure()) <= SMALL_HEAD


def _group_starts(
    places: dict[int, list[int]], keyword_ids: list[int], offset: int
) -> tuple[list[int], list[int]]:
    """Where a group's keywords start (``places``, by keyword id), each once, in order; and the same
    moved by ``offset`` to the buffer's offsets (the same list when there is nothing to move)."""
    starts = sorted(set(chain.from_iterable(places.get(k, ()) for k in keyword_ids)))
    return starts, [start + offset for start in starts] if offset else starts


def _led(k: int, start: int, end: int, _flags: int, into: tuple[list[int], _LeadSearches, Any]) -> None:
    """Each match of the head of lead ``k``: where it starts, and where the lead occurs again in it."""
    found, searches, data = into
    found.append(start)
    search = searches[k]
    again = search(data, start + 1, end)
    while again is not None:
        at = again.start()
        found.append(at)
        again = search(data, at + 1, end)


class _LeadSearches(dict[int, "LeadSearch"]):
    """Each lead's search, in either case (as ``bytes.lower`` folds: ASCII letters only), by the lead's
    place, compiled when a head of that lead first matches: the generic rules have a hundred leads
    and a file meets a few (compiling them all cost each worker of a big file 2 ms)."""

    def __init__(self, leads: tuple[bytes, ...]) -> None:
        super().__init__()
        self._leads = leads

    def __missing__(self, k: int) -> LeadSearch:
        import re

        search = self[k] = re.compile(re.escape(self._leads[k]), re.IGNORECASE).search
        return search


@functools.lru_cache(maxsize=64)
def _lead_searches(leads: tuple[bytes, ...]) -> _LeadSearches:
    return _LeadSearches(leads)


def _report(_id: int, start: int, end: int, _flags: int, into: tuple[list[Report], list[int]]) -> bool:
    """Each match of a head with where it starts; stop when they are too many for the keywords they
    would narrow (``NARROWED_AT_MOST``)."""
    reports, starts = into
    reports.append((start, end))
    if len(reports) % _CHECK_EVERY:
        return False
    return len(reports) * NARROWED_AT_MOST > bisect_right(starts, end)


Report = tuple[int, int]  # where a head's match starts and ends


def covered(starts: list[int], reports: list[Report], before: int, after: int) -> list[int]:
    """The ``starts`` (sorted) within ``before`` characters before a report's start or ``after``
    characters after its end, in order."""
    found: list[int] = []
    low = high = -1
    for start, end in sorted(reports):
        if start - before > high:
            if high >= 0:
                found += starts[bisect_left(starts, low) : bisect_right(starts, high)]
            low = start - before
        high = max(high, end + after)
    if high >= 0:
        found += starts[bisect_left(starts, low) : bisect_right(starts, high)]
    return found


def _head_database(hs: Any, expressions: tuple[bytes, ...], folder: Path) -> Any:
    """A database of heads reporting where each match starts, from ``folder`` or compiled and stored
    there (an empty file: Hyperscan cannot compile it so); None when it cannot be."""
    flags = hs.HS_FLAG_MULTILINE | hs.HS_FLAG_ALLOWEMPTY | hs.HS_FLAG_SOM_LEFTMOST
    digest = hashlib.sha256(
        b"head-v2\0%s\0%d\0%s" % (getattr(hs, "__version__", "").encode(), flags, b"\0".join(expressions))
    )
    path = folder / f"hs-head-{digest.hexdigest()[:32]}.db"
    try:
        blob = path.read_bytes()
    except OSError:
        blob = None
    if blob is not None:
        try:
            db = hs.loadb(blob, hs.HS_MODE_BLOCK) if blob else None
        except hs.error:
            pass  # unusable: compiled again below
        else:
            mark_used(path)
            return db
    try:
        db = _database(hs, [(expression, flags) for expression in expressions])
    except hs.error:
        store(path, b"")
        return None
    store(path, hs.dumpb(db))
    return db


# What narrowing a rule's keywords needs (``_located``): its lead (``regexlead.lead``), its heads
# (``regexgate.keyword_heads`` or the one ``regexgate.head``), the name characters each keyword starts
# with when the heads are written per keyword (``regexgate.name_leads``; one per head, in order), and
# its keywords' slack (``regexlead.keyword_slack``).
Facts = tuple[int | None, tuple[bytes, ...] | None, tuple[bytes, ...] | None, int]


def located_facts(rule: RuleMeta, folder: Path) -> Facts:
    """A rule's ``Facts``, from ``folder`` or worked out and kept there. Working them out parses the
    pattern (about 10 ms in each worker of each scan of a big keyword-dense file, with the parser's
    imports); the file is named by the rule's pattern and the code that writes them."""
    digest = hashlib.sha256(
        f"located-v1\0{_writers()}\0{rule.pattern}\0{rule.ignore_case}\0{rule.keywords}".encode()
    )
    path = folder / f"located-{digest.hexdigest()[:32]}.json"
    import json

    try:
        led, heads, leads, slack = json.loads(path.read_bytes())
        if _facts_shaped(led, heads, leads, slack):
            mark_used(path)
            return led, _latin(heads), _latin(leads), slack
    except (OSError, ValueError, TypeError, UnicodeError):
        pass  # none kept, or unusable: worked out again below
    found = _work_out_facts(rule)
    led, expressions, names, slack = found
    texts = [None if part is None else [b.decode("latin-1") for b in part] for part in (expressions, names)]
    store(path, json.dumps([led, *texts, slack]).encode())
    return found


def _latin(texts: list[str] | None) -> tuple[bytes, ...] | None:
    return None if texts is None else tuple(text.encode("latin-1") for text in texts)


def _facts_shaped(led: object, heads: object, leads: object, slack: object) -> bool:
    """Whether values read from a facts file are ``Facts`` (written as JSON, bytes as Latin-1 text)."""
    if not (led is None or type(led) is int) or type(slack) is not int:
        return False
    if heads is None:
        return leads is None
    texts = (heads,) if leads is None else (heads, leads)
    if not all(isinstance(part, list) and part and all(isinstance(t, str) for t in part) for part in texts):
        return False
    return leads is None or len(leads) == len(heads)  # type: ignore[arg-type]


def _work_out_facts(rule: RuleMeta) -> Facts:
    from seawall.secrets.regexgate import head, keyword_heads, name_leads
    from seawall.secrets.regexlead import keyword_slack, lead

    led = lead(rule.pattern, rule.ignore_case, rule.keywords)
    slack = keyword_slack(rule.keywords)
    if led is None:
        return None, None, None, slack
    keyed = keyword_heads(rule.pattern, rule.ignore_case, rule.keywords) if led == 0 else None
    if keyed is not None:
        return led, keyed, name_leads(rule.keywords), slack
    one = head(rule.pattern, rule.ignore_case)
    return led, None if one is None else (one,), None, slack


def _fans(meta: Sequence[RuleMeta], groups: Groups, gates: Gates) -> tuple[int, dict[int, list[int]]]:
    """The id of the first keyword in the database, and for each keyword's id the line-scoped groups
    that hold it (the database holds each keyword once, however many rules share it)."""
    first = _first_keyword(groups, gates)
    ids = {keyword: first + n for n, keyword in enumerate(_distinct_keywords(meta))}
    fans: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        if _by_keywords(meta[members[0]]):
            for keyword in {k.lower() for k in meta[members[0]].keywords}:
                fans.setdefault(ids[keyword], []).append(g)
    return first, fans


def _distinct_keywords(rules: Sequence[RuleMeta]) -> list[str]:
    """The line-scoped rules' keywords, each once (Hyperscan finds them without regard to case)."""
    return sorted({k.lower() for rule in rules if _by_keywords(rule) for k in rule.keywords})


def _by_keywords(rule: RuleMeta) -> bool:
    """A line-scoped rule is found through its keywords (the lines to search are around them)."""
    return rule.line_scoped and bool(rule.keywords)


def _collect(group: int, start: int, end: int, flags: int, hits: defaultdict[int, list[int]]) -> None:
    hits[group].append(start)  # called for every keyword occurrence: no list made for nothing


# The id of a widened expression's keywords in the database of expressions: this plus its group's.
KEYED_WORDS = 1 << 24


_NEEDS_PREFILTER = lazy_compile(r"\(\?<?[=!]|\(\?P=|\\[1-9]")
_REPEAT = lazy_compile(r"\{(?:\d*,)?(\d+)\}")
_SLOW_REPEAT = 4000  # upper bounds above this (PEM blocks) take Hyperscan seconds to compile


def _long_repeat(pattern: str) -> bool:
    return any(int(bound) > _SLOW_REPEAT for bound in _REPEAT.findall(pattern))


def _expression(hs: Any, rule: RuleMeta) -> tuple[bytes, int]:
    """What Hyperscan compiles for a rule: always a superset of the rule's own matches.

    Line-scoped rules compile to their keywords, reported at every occurrence, so that the confirming
    regex runs only on those lines. Patterns with long bounded repeats (PEM blocks) also compile to
    their keywords: Hyperscan takes seconds over each. So do rules that say what every match holds
    (``Rule.requires``, a gate beside them): a name of many keywords that must start a line, as a
    YAML block scalar's does, kept Hyperscan checking every keyword of a minified bundle, where a
    block scalar's indicator and line break never occur. The rest compile as they are, in prefilter
    mode when they use what Hyperscan cannot do exactly (lookarounds, back-references).
    """
    if _by_keywords(rule):  # every occurrence, with where it starts
        return _keywords(rule), hs.HS_FLAG_CASELESS | hs.HS_FLAG_SOM_LEFTMOST
    if _long_repeat(rule.pattern) or (rule.requires and rule.keywords):
        return _keywords(rule), hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_CASELESS
    widened = _widened(rule)
    if widened is not None:
        return widened, _gate_flags(hs)
    flags = hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_MULTILINE
    if rule.ignore_case:
        flags |= hs.HS_FLAG_CASELESS
    pattern = consumed_boundaries(rule.pattern)
    if _NEEDS_PREFILTER.search(pattern):
        flags |= hs.HS_FLAG_PREFILTER
    return pattern.replace("(?P<", "(?<").encode(), flags


# A lookaround of one character class (``[A-Za-z0-9]``, ``\w``) at the very start or end of a pattern,
# after any global flags: how token rules mark a token's edges (``(?<![A-Za-z0-9])AKIA...(?![A-Za-z0-9])``).
_CLASS = r"(\[\^?(?:\\.|[^\]\\])+\]|\\[wdsWDS])"
_LEADING_LOOK = lazy_compile(r"\A((?:\(\?[aiLmsux]+\))*)\(\?<([!=])" + _CLASS + r"\)")
_TRAILING_LOOK = lazy_compile(r"\(\?([!=])" + _CLASS + r"\)\Z")


def consumed_boundaries(pattern: str) -> str:
    """The pattern for a Hyperscan database that only says whether it matches: a character-class
    lookaround at its start or end (a token's edges) becomes the character it looks at, or the start or
    end of the buffer where a negative one allows it. It matches where the pattern does (one character
    wider), and the rest of it may then need no prefilter mode, where Hyperscan drops lookarounds: a
    token rule's prefilter fires on its prefix inside any longer word (``AKIA`` and 16 capitals in a
    base64 blob of a minified bundle), and the rule then searches the whole buffer in Python for nothing.
    """
    lead = _LEADING_LOOK.match(pattern)
    if lead is not None:
        flags, sign, chars = lead.groups()
        looked = chars if sign == "=" else f"(?:\\A|{_negated(chars)})"
        pattern = flags + looked + pattern[lead.end() :]
    trail = _TRAILING_LOOK.search(pattern)
    if trail is not None:
        sign, chars = trail.groups()
        looked = chars if sign == "=" else f"(?:{_negated(chars)}|\\z)"
        pattern = pattern[: trail.start()] + looked
    return pattern


def _negated(chars: str) -> str:
    """The complement of one character class, as ``_CLASS`` matches it."""
    if chars.startswith("\\"):
        return chars.swapcase()  # \w <-> \W, \d <-> \D, \s <-> \S
    if chars.startswith("[^"):
        return "[" + chars[2:]
    return "[^" + chars[1:]


def _widened(rule: RuleMeta) -> bytes | None:
    """A rule's gate (its pattern, widened) in place of the pattern when the pattern repeats a
    structure with long bounds inside (``regexgate.repeats_structure``): it marks the same buffers
    and more, and Hyperscan passes keyword-dense text in one sweep instead of tracking the structure."""
    from seawall.secrets.regexgate import gate, repeats_structure

    if not repeats_structure(rule.pattern, rule.ignore_case):
        return None
    return gate(rule.pattern, rule.ignore_case)


def _gate_flags(hs: Any) -> int:
    """In prefilter mode Hyperscan may report more than a gate matches, never less; one match is
    enough to know."""
    flags: int = hs.HS_FLAG_PREFILTER | hs.HS_FLAG_MULTILINE | hs.HS_FLAG_ALLOWEMPTY | hs.HS_FLAG_SINGLEMATCH
    return flags


def _compiles(hs: Any, expression: tuple[bytes, int]) -> bool:
    probe = hs.Database()
    try:
        probe.compile(expressions=[expression[0]], ids=[0], elements=1, flags=[expression[1]])
    except hs.error:
        return False
    return True


def _expressions(hs: Any, rules: Sequence[RuleMeta], *, probe: bool) -> list[tuple[bytes, int]]:
    compiled = [_expression(hs, rule) for rule in rules]
    if not probe:
        return compiled
    out = []
    for rule, expression in zip(rules, compiled, strict=True):
        if not _compiles(hs, expression):
            # Last resort: the rule's keywords, which every match contains.
            expression = _keywords(rule), hs.HS_FLAG_SINGLEMATCH | hs.HS_FLAG_CASELESS
        out.append(expression)
    return out


def _keywords(rule: RuleMeta) -> bytes:
    return b"|".join(_escape(k) for k in rule.keywords)


def _escape(keyword: str) -> bytes:
    return "".join(c if c.isalnum() else f"\\x{ord(c):02x}" for c in keyword).encode()


def _cache_key(hs: Any, rules: Sequence[RuleMeta], signature: str | None) -> str:
    digest = hashlib.sha256(f"gated-v12\0{getattr(hs, '__version__', '')}\0{_writers()}".encode())
    if signature is not None:  # names the rule set exactly, without reading every pattern
        digest.update(signature.encode())
        return digest.hexdigest()[:32]
    for rule in rules:
        digest.update(f"{rule.id}\0{rule.pattern}\0{rule.ignore_case}\0{rule.keywords}\n".encode())
    return digest.hexdigest()[:32]


def _writers() -> str:
    """What names the code that writes the database's expressions (this module and the gates'): a
    database written by another version of it is not reused."""
    here = Path(__file__)
    writers = ("regexgate.py", "regexlead.py", "regexshape.py")  # the last two: the offsets kept with it
    try:
        found = [os.stat(path) for path in (here, *(here.with_name(name) for name in writers))]
    except OSError:
        return ""
    return "".join(f"{st.st_size}:{st.st_mtime_ns}\0" for st in found)


Groups = list[list[int]]
Gates = dict[int, int]  # a gated rule's index -> its gate's id in the database
Layout = tuple[list[tuple[bytes, int] | None], Groups, Gates]


def _layout(hs: Any, rules: Sequence[RuleMeta], *, probe: bool) -> Layout:
    """What the database holds: one entry per group of rules that are not line-scoped (a line-scoped
    group's slot stays empty), then one per distinct gate, then each line-scoped rule's keyword once."""
    expressions, groups = _grouped(_expressions(hs, rules, probe=probe))
    index: dict[tuple[bytes, int], int] = {}
    gates: Gates = {}
    for rule_index, expression in _gate_expressions(hs, rules, probe=probe):
        gates[rule_index] = len(groups) + index.setdefault(expression, len(index))
    slots: list[tuple[bytes, int] | None] = [
        None if _by_keywords(rules[members[0]]) else expression
        for members, expression in zip(groups, expressions, strict=True)
    ]
    every = hs.HS_FLAG_CASELESS | hs.HS_FLAG_SOM_LEFTMOST  # every occurrence, with where it starts
    keywords = [(_escape(keyword), every) for keyword in _distinct_keywords(rules)]
    return [*slots, *index, *keywords], groups, gates


def _gate_expressions(
    hs: Any, rules: Sequence[RuleMeta], *, probe: bool
) -> list[tuple[int, tuple[bytes, int]]]:
    """The gates of the line-scoped rules whose findings are matches of their pattern (a rule with an
    ``extract`` reads the file itself), each with the rule's index. In prefilter mode Hyperscan may
    report more than the expression matches, never less; one match is enough to know."""
    from seawall.secrets.regexgate import gate

    flags = _gate_flags(hs)
    out = []
    for rule_index, rule in enumerate(rules):
        if rule.requires and not rule.line_scoped:  # what every match holds (``Rule.requires``)
            caseless = hs.HS_FLAG_CASELESS if rule.ignore_case else 0
            out.append((rule_index, (rule.requires.encode(), flags | caseless)))
            continue
        if not rule.line_scoped or getattr(rule, "extract", None) is not None:
            continue
        expression = gate(rule.pattern, rule.ignore_case)
        if expression is None or (probe and not _compiles(hs, (expression, flags))):
            continue  # no gate: the rule runs wherever its keywords are
        out.append((rule_index, (expression, flags)))
    return out


def _grouped(expressions: list[tuple[bytes, int]]) -> tuple[list[tuple[bytes, int]], Groups]:
    """One database entry per distinct expression: rules that share their keywords (the generic
    ones) are then reported once per occurrence, not once per rule."""
    index: dict[tuple[bytes, int], int] = {}
    groups: Groups = []
    for rule_index, expression in enumerate(expressions):
        if expression not in index:
            index[expression] = len(groups)
            groups.append([])
        groups[index[expression]].append(rule_index)
    return list(index), groups


def _load_or_compile(
    hs: Any, rules: Sequence[RuleMeta], cache: Path | None, signature: str | None = None
) -> tuple[Databases, Groups, Gates]:
    folder = cache or cache_dir()
    key = _cache_key(hs, rules, signature)
    for probe in (False, True):
        path = folder / f"hs-{key}{'-probed' if probe else ''}.db"
        if path.exists():
            try:
                dbs = _read(hs, path)
            except (OSError, ValueError, hs.error):
                continue  # unusable cache: compile below
            mark_used(path)
            saved = _load_layout(path, rules)
            return dbs, *(saved if saved is not None else _layout(hs, rules, probe=probe)[1:])
    for probe in (False, True):
        # Second pass: some pattern is beyond Hyperscan even in prefilter mode; use its keywords.
        expressions, groups, gates = _layout(hs, rules, probe=probe)
        try:
            first = _first_keyword(groups, gates)
            line_gates = _line_gates(rules, gates)
            lighter = _long_line_gates(hs, rules, gates, line_gates, probe=probe)
            dbs = _compile(hs, expressions, first, line_gates, _keyed(rules, groups), lighter)
        except hs.error as exc:
            if probe:
                raise ScanError(f"Hyperscan could not compile the rule set: {exc}") from None
            continue
        path = folder / f"hs-{key}{'-probed' if probe else ''}.db"
        import json  # only for Hyperscan's cache: the pre-commit path never needs it

        store(path, _pack(hs, dbs))
        layout = {"groups": groups, "gates": sorted(gates.items()), "offsets": _offsets(rules)}
        store(path.with_suffix(".groups.json"), json.dumps(layout).encode())
        prune(folder)  # a new database: the old ones of other rule sets or versions may go
        return dbs, groups, gates
    raise AssertionError("unreachable")  # pragma: no cover


def _load_layout(db_path: Path, rules: Sequence[RuleMeta]) -> tuple[Groups, Gates] | None:
    """The rule groups and gates saved beside a database, if they fit this rule set (else recompute
    them); the rules' keyword offsets saved with them go to ``patternfacts``."""
    import json

    rule_count = len(rules)
    try:
        saved = json.loads(db_path.with_suffix(".groups.json").read_bytes())
        groups, gates = saved["groups"], {int(rule): int(gate) for rule, gate in saved["gates"]}
        members = sorted(i for group in groups for i in group)
        offsets = saved["offsets"]
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if members != list(range(rule_count)) or not all(0 <= rule < rule_count for rule in gates):
        return None
    if not all(gate >= len(groups) for gate in gates.values()) or len(offsets) != rule_count:
        return None
    for rule, offset in zip(rules, offsets, strict=True):
        if rule.keywords and (offset is None or isinstance(offset, int)):
            KEYWORD_OFFSETS[rule.pattern, rule.ignore_case, rule.keywords] = offset
    found: Groups = groups
    return found, gates


def _offsets(rules: Sequence[RuleMeta]) -> list[int | None]:
    """Where each rule's first keyword starts at the latest (``regexlead.keyword_offset``): worked out
    once with the database, not again in each worker of each scan."""
    from seawall.secrets.regexlead import keyword_offset

    return [keyword_offset(r.pattern, r.ignore_case, r.keywords) if r.keywords else None for r in rules]


# Databases: the expressions of the rules that are not line-scoped (with their ``requires``) but
# the widened ones, whose keywords it holds instead (one report each, ``KEYED_WORDS``); the widened ones
# (``_widened``); the gates of line-scoped rules (one report each at most); the keywords (every
# occurrence); and the keywords once more, one report each (a big buffer's first step, ``PLACE_LATER``).
# Hyperscan passes keyword-dense text (minified code, one-line JSON) in two thirds of the time with the
# keywords apart than with them beside the expressions, which it then confirms at every keyword; with
# the gates apart too, a worker sharing a big file (``sharing``) looks for line-scoped rules in its own
# stretch of it alone; and a widened expression (the sibling fields of a JSON object) kept Hyperscan
# tracking its structure along JSON records that never hold its keyword (``"value"``): a big buffer
# asks for it only where its keywords occur. A sixth holds the rules' expressions, the gates and the
# keywords (every occurrence) together: a small buffer's one pass (``ONE_PASS``).
Databases = tuple["Any", "Any", "Any", "Any", "Any", "Any"]  # any may be None (no expression of its kind)
_DATABASES = 6


def _first_keyword(groups: Groups, gates: Gates) -> int:
    """The id of the first keyword in the layout: the rules' groups come first, then the gates."""
    return len(groups) + len(set(gates.values()))


def _compile(
    hs: Any,
    expressions: list[tuple[bytes, int] | None],
    first_keyword: int,
    line_gates: set[int],
    keyed: dict[int, bytes],
    lighter: dict[int, tuple[bytes, int]] | None = None,
) -> Databases:
    """The databases (``Databases``) of the expressions before ``first_keyword`` but the ``line_gates``
    and the ``keyed`` ones (with the keyed ones' keywords, ``keyed``'s values), of those keyed ones, of
    the gates, of the expressions from ``first_keyword``, and of those reported once each; each
    expression with its place in the list as its id (empty places are ids with no expression:
    line-scoped groups, found through their keywords)."""
    head = expressions[:first_keyword]
    once = hs.HS_FLAG_CASELESS | hs.HS_FLAG_SINGLEMATCH
    rules = [None if i in line_gates or i in keyed else e for i, e in enumerate(head)]
    words = [(KEYED_WORDS + g, (found, once)) for g, found in keyed.items()]
    widened = [e if i in keyed else None for i, e in enumerate(head)]
    # A big buffer's gates (``regexgate.long_line_gate``): lighter ones where a gate has one.
    lighter = lighter or {}
    gates = [lighter.get(i, e) if i in line_gates else None for i, e in enumerate(head)]
    keywords: list[tuple[bytes, int] | None] = [None] * first_keyword
    keywords += expressions[first_keyword:]
    present = [None if e is None else (e[0], once) for e in keywords]
    # A small buffer's one pass: the rules' expressions (the widened ones too), the gates and the
    # keywords (every occurrence).
    small = [e if i in keyed or i in line_gates else rules[i] for i, e in enumerate(head)]
    small += keywords[first_keyword:]
    return (
        _database(hs, rules, words),
        _database(hs, widened),
        _database(hs, gates),
        _database(hs, keywords),
        _database(hs, present),
        _database(hs, small),
    )


def _keyed(rules: Sequence[RuleMeta], groups: Groups) -> dict[int, bytes]:
    """The groups whose expression is widened (``_widened``), each with its rules' keywords: a big
    buffer where none occurs cannot match it, and is not asked."""
    keyed: dict[int, bytes] = {}
    for g, members in enumerate(groups):
        first = rules[members[0]]
        words = sorted({k.lower() for i in members for k in rules[i].keywords})
        if first.line_scoped or not words or not all(rules[i].keywords for i in members):
            continue
        if first.requires:
            continue  # its keywords and what it requires say where it may match (``_expression``)
        if _widened(first) is not None:
            keyed[g] = b"|".join(_escape(k) for k in words)
    return keyed


def _long_line_gates(
    hs: Any, rules: Sequence[RuleMeta], gates: Gates, line_gates: set[int], *, probe: bool
) -> dict[int, tuple[bytes, int]]:
    """The gates of line-scoped rules that a big buffer asks in a lighter form
    (``regexgate.long_line_gate``), by the gate's id: one whose every rule has the same lighter form."""
    from seawall.secrets.regexgate import long_line_gate

    flags = _gate_flags(hs)
    forms: dict[int, set[bytes | None]] = {}
    for rule_index, gate_id in gates.items():
        if gate_id in line_gates:
            rule = rules[rule_index]
            forms.setdefault(gate_id, set()).add(long_line_gate(rule.pattern, rule.ignore_case))
    lighter = {}
    for gate_id, found in forms.items():
        (expression,) = found if len(found) == 1 else (None,)
        if expression is not None and (not probe or _compiles(hs, (expression, flags))):
            lighter[gate_id] = (expression, flags)
    return lighter


def _line_gates(rules: Sequence[RuleMeta], gates: Gates) -> set[int]:
    """The ids of the gates that only line-scoped rules have (a ``requires`` of another rule that
    happened to be the same expression stays with the rules' expressions)."""
    others = {gate for rule, gate in gates.items() if not rules[rule].line_scoped}
    return {gate for rule, gate in gates.items() if rules[rule].line_scoped} - others


_MAGIC = b"seawall-hs7\0"


def _pack(hs: Any, dbs: Databases) -> bytes:
    """The databases as one cache file (``_read``): a tag, then each one's length (0 for none) and
    bytes."""
    parts = [b"" if db is None else hs.dumpb(db) for db in dbs]
    return _MAGIC + b"".join(len(part).to_bytes(8, "little") + part for part in parts)


def _read(hs: Any, path: Path) -> Databases:
    """The databases of a cache file (``_pack``), each read from the file into bytes of its own (a
    slice of the whole file's bytes would copy it again); ValueError when it is not one whole."""
    found = []
    with path.open("rb") as file:
        if file.read(len(_MAGIC)) != _MAGIC:
            raise ValueError("not a seawall database file")
        for _ in range(_DATABASES):
            header = file.read(8)
            size = int.from_bytes(header, "little")
            part = file.read(size)
            if len(header) != 8 or len(part) != size:
                raise ValueError("truncated database file")
            found.append(hs.loadb(part, hs.HS_MODE_BLOCK) if size else None)
        if file.read(1):
            raise ValueError("trailing bytes in database file")
    return found[0], found[1], found[2], found[3], found[4], found[5]


def _database(
    hs: Any, expressions: list[tuple[bytes, int] | None], more: Sequence[tuple[int, tuple[bytes, int]]] = ()
) -> Any:
    """One database of the expressions given, each with its place as its id, and of ``more`` with the
    ids given (None where there are none)."""
    entries = [(i, e) for i, e in enumerate(expressions) if e is not None] + list(more)
    if not entries:
        return None
    db = hs.Database()
    db.compile(
        expressions=[e[0] for _, e in entries],
        ids=[i for i, _ in entries],
        elements=len(entries),
        flags=[e[1] for _, e in entries],
    )
    return db


# Below this many bytes, a buffer not shared between workers is scanned in one pass of one database
# (``_compile``'s last): each pass has a cost of its own, which a folder's small files pay many times.
ONE_PASS = 64 * 1024

# Below this many bytes in all, ``auto`` takes the Python engine: loading Hyperscan and its database
# costs more than it saves (a pre-commit scan of a few staged files). Both give the same findings.
SMALL_INPUT = 64 * 1024


def make_engine(kind: str, rules: Sequence[Rule], size_hint: int | None = None) -> Engine:
    if kind not in ENGINES:
        raise ScanError(f"unknown engine {kind!r} (choose from {', '.join(ENGINES)})")
    small = size_hint is not None and size_hint < SMALL_INPUT
    if kind == "python" or (kind == "auto" and (small or not hyperscan_available())):
        return PythonEngine(rules)
    if not hyperscan_available():
        raise ScanError("the hyperscan engine was asked for but the 'hyperscan' package is not installed")
    return HyperscanEngine(rules)
