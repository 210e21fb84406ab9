"""Scan a repository's history: every blob reachable from every ref, once each, and name the commit that
introduced each secret.

Decisions a user may want to know:

- A blob (file version) is read and scanned once, however many commits and paths share it; it is
  scanned under the first path it had (file-type context such as "code or configuration" comes from it).
- A finding is reported at every path its blob had, with the earliest commit (parents before children,
  then by date) whose tree has the secret at that path, that commit's author and author date. The same
  secret at the same path in later versions of the file is the same finding (same fingerprint: rule,
  secret hash, path; no commit), so a baseline made from the files matches history findings.
- ``--since REF`` walks every ref and HEAD but not REF's ancestry; ``--range A..B`` walks A..B. Both read
  only the blobs those commits introduce, so the work is proportional to the range.
- Submodules (gitlinks) and symbolic links are not followed; missing or corrupt objects, blobs over the
  size cap and binaries are reported in ``skipped`` as ``path@commit``; a shallow clone's missing history
  is noted there as ``<history>``. A failure of ``git log`` itself is an error (the run is incomplete).
"""

from __future__ import annotations

import dataclasses
import os
import threading
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from seawall import __version__
from seawall.model import ScanReport, Skipped
from seawall.secrets.engines import make_engine
from seawall.secrets.gitblobs import (
    GITLINK,
    SYMLINK,
    BlobReader,
    Change,
    Commit,
    HistoryWalk,
    Repository,
    open_repository,
    revisions,
    version_control,
)
from seawall.secrets.options import ScanOptions
from seawall.secrets.reading import BINARY_SUFFIXES, EXCLUDED, PathMatcher, decode_for_scan
from seawall.secrets.results import Hit, buffer_hits, build_findings, dedupe, rule_lookup, used_rules
from seawall.secrets.scanner import BATCH_BYTES, IN_PROCESS_BYTES, current_engine, engine_pool

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.secrets.engines import Engine

Place = tuple[str, int]  # (path, index of the introducing commit)
Item = tuple[str, str, bytes | None, str]  # (blob, path to scan it as, contents or None, why not)
Result = tuple[str, list[Hit], str]  # (blob, hits, why it was not scanned)


@dataclass(frozen=True, slots=True)
class HistoryOptions:
    include_stashes: bool = False
    since: str | None = None  # only blobs introduced by commits in since..(all refs / HEAD)
    rev_range: str | None = None  # only blobs introduced by commits in A..B


class _Index:
    """The walk, condensed: commits in order, and per blob the paths it had with the commit that first
    put it at each."""

    def __init__(self, exclude: PathMatcher) -> None:
        self.exclude = exclude
        self.commits: list[Commit] = []
        self.blobs: dict[str, list[Place]] = {}
        self.skipped: list[Skipped] = []
        self.excluded: dict[str, Skipped] = {}  # by path: once, however many versions it had
        self._seen: set[tuple[str, str]] = set()
        self._unfollowed: set[str] = set()

    def add(self, item: Commit | Change) -> None:
        if isinstance(item, Commit):
            self.commits.append(item)
            return
        if self.exclude and self.exclude.matches(item.path):
            if item.path not in self.excluded:
                self.excluded[item.path] = Skipped(item.path, EXCLUDED)
            return
        if item.mode in (GITLINK, SYMLINK):
            self._unfollowed_entry(item)
            return
        key = (item.blob, item.path)
        if key not in self._seen:
            self._seen.add(key)
            self.blobs.setdefault(item.blob, []).append((item.path, item.commit))

    def _unfollowed_entry(self, item: Change) -> None:
        if item.path in self._unfollowed:
            return
        self._unfollowed.add(item.path)
        what = "submodule" if item.mode == GITLINK else "symbolic link"
        self.skipped.append(Skipped(self.label((item.path, item.commit)), f"{what} (not followed)"))

    def label(self, place: Place) -> str:
        return f"{place[0]}@{self.commits[place[1]].oid}"


def _scan_path(places: list[Place]) -> str | None:
    """The path to scan a blob as: its first one that is not binary by extension (None: all are)."""
    for path, _ in places:
        if os.path.splitext(path)[1].lower() not in BINARY_SUFFIXES:
            return path
    return None


def _scan_items(engine: Engine, batch: list[Item]) -> list[Result]:
    results: list[Result] = []
    for oid, path, raw, reason in batch:
        data, why = decode_for_scan(raw) if raw is not None else (None, reason)
        results.append((oid, [] if data is None else buffer_hits(engine, data, path), why))
    return results


def _worker(batch: list[Item]) -> list[Result]:
    return _scan_items(current_engine(), batch)


def _batches(reader: BlobReader, todo: dict[str, str]) -> Iterator[list[Item]]:
    batch: list[Item] = []
    size = 0
    for oid, raw, reason in reader.contents(list(todo)):
        batch.append((oid, todo[oid], raw, reason))
        size += len(raw) if raw is not None else 0
        if size >= BATCH_BYTES or len(batch) >= 64:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def _pooled(batches: Iterator[list[Item]], engine: Engine, workers: int) -> Iterator[list[Result]]:
    """Batches scanned by worker processes while the pool's feeder thread reads the next ones; at most a
    few batches per worker are in memory at once."""
    slots = threading.Semaphore(workers * 4)
    stopped = threading.Event()

    def feed() -> Iterator[list[Item]]:
        for batch in batches:
            slots.acquire()
            if stopped.is_set():
                return
            yield batch

    with engine_pool(engine, workers) as pool:
        try:
            for result in pool.imap_unordered(_worker, feed()):
                slots.release()
                yield result
        finally:
            stopped.set()
            slots.release(workers * 4 + 1)


@dataclass(slots=True)
class _Tally:
    hits: dict[str, list[Hit]] = dataclasses.field(default_factory=dict)
    blobs: int = 0
    bytes: int = 0


def _select(reader: BlobReader, index: _Index, max_size: int) -> tuple[dict[str, str], int]:
    """The blobs to read (blob -> path to scan it as) and their total size; the rest go to skipped."""
    oids = list(index.blobs)
    todo: dict[str, str] = {}
    total = 0
    for oid, (size, reason) in zip(oids, reader.sizes(oids), strict=True):
        places = index.blobs[oid]
        path = _scan_path(places)
        if size is None or path is None or size > max_size:
            if path is None:
                reason = "binary file (by extension)"
            elif size is not None:
                reason = f"larger than the size cap ({size} > {max_size} bytes)"
            index.skipped.append(Skipped(index.label(places[0]), reason))
            continue
        todo[oid] = path
        total += size
    return todo, total


def _read_and_scan(repo: Repository, index: _Index, options: ScanOptions, engine: Engine) -> _Tally:
    tally = _Tally()
    lookup = rule_lookup(options.rules)
    workers = options.jobs or os.cpu_count() or 1
    with BlobReader(repo.path) as reader:
        todo, total = _select(reader, index, options.max_file_size)
        batches = _batches(reader, todo)
        if workers <= 1 or total < IN_PROCESS_BYTES:
            results: Iterable[list[Result]] = (_scan_items(engine, batch) for batch in batches)
        else:
            results = _pooled(batches, engine, workers)
        for batch in results:
            for oid, hits, reason in batch:
                if reason:
                    index.skipped.append(Skipped(index.label(index.blobs[oid][0]), reason))
                    continue
                tally.blobs += 1
                if hits:
                    tally.hits[oid] = dedupe(hits, {h.rule_id: lookup(h.rule_id) for h in hits})
        tally.bytes = total
    return tally


def attribute(found: dict[str, list[Hit]], index: _Index) -> list[Hit]:
    """Each blob's hits at each of its paths, kept only from the earliest commit that has that secret at
    that path (a later version of the file with the same secret is the same finding)."""
    placed: list[tuple[int, str, Hit]] = []
    earliest: dict[tuple[str, str, str], int] = {}
    for oid, hits in found.items():
        for path, commit in index.blobs[oid]:
            for hit in hits:
                key = (hit.rule_id, hit.secret, path)
                earliest[key] = min(earliest.get(key, commit), commit)
                placed.append((commit, path, hit))
    out: list[Hit] = []
    for commit, path, hit in placed:
        if earliest[hit.rule_id, hit.secret, path] != commit:
            continue
        c = index.commits[commit]
        out.append(dataclasses.replace(hit, path=path, commit=c.oid, author=c.author, date=c.date))
    return out


def scan_history(options: ScanOptions, history: HistoryOptions) -> ScanReport:
    started = time.perf_counter()
    repo = open_repository(options.roots[0] if options.roots else ".")
    revs = revisions(
        repo, include_stashes=history.include_stashes, since=history.since, rev_range=history.rev_range
    )
    index = _Index(PathMatcher(options.exclude))
    index.skipped.extend(
        Skipped("<history>", f"shallow clone: history before {oid} is not available") for oid in repo.shallow
    )
    walk = HistoryWalk(repo, revs)
    for item in walk:
        index.add(item)
    listed = time.perf_counter()
    engine = make_engine(options.engine, options.rules)
    ready = time.perf_counter()
    tally = _read_and_scan(repo, index, options, engine) if index.blobs else _Tally()
    finished = time.perf_counter()
    findings = build_findings(attribute(tally.hits, index), options.rules, options.policy)
    return ScanReport(
        tool_version=__version__,
        command="secrets scan --history",
        roots=options.roots,
        findings=findings,
        rules=used_rules(findings, options.rules),
        skipped=tuple(index.skipped),
        ignored=tuple(sorted(index.excluded.values(), key=lambda s: s.path)),
        errors=(walk.error,) if walk.error else (),
        timings=(
            ("list", round(listed - started, 4)),
            ("engine", round(ready - listed, 4)),
            ("scan", round(finished - ready, 4)),
            ("total", round(time.perf_counter() - started, 4)),
        ),
        stats=(
            ("commits_scanned", len(index.commits)),
            ("blobs_scanned", tally.blobs),
            ("bytes_scanned", tally.bytes),
            ("excluded_by_exclude", len(index.excluded)),
        ),
        fail_on=options.fail_on,
        version_control=version_control(repo),
    )
