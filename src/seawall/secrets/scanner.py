"""Scan files for secrets: list them, spread them over processes, confirm, suppress, report."""

from __future__ import annotations

import contextlib
import dataclasses
import os
import sys
import time
from collections.abc import Callable, Iterator, Sequence

from seawall import __version__
from seawall.model import ScanReport, Skipped
from seawall.secrets.engines import make_engine
from seawall.secrets.files import FileJob, Listing, collect_roots
from seawall.secrets.options import ScanOptions as ScanOptions  # re-exported: callers of scan() build one
from seawall.secrets.reading import EXCLUDED, IGNORED, PathMatcher, decode_for_scan, read_file
from seawall.secrets.results import Hit, buffer_hits, build_findings, used_rules

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from multiprocessing.pool import Pool

    from seawall.secrets.engines import Engine

IN_PROCESS_BYTES = 4 * 1024 * 1024  # below this, starting workers costs more than it saves
BATCH_BYTES = 1024 * 1024
# A file is shared between workers (``sharing``), one share per this many bytes of it, as many shares as
# there are workers at most: each share runs the engine over the whole file, so a share must be big
# enough to be worth it (with 16 workers, a 2 MiB file takes two of them, not sixteen).
SHARE_BYTES = 1024 * 1024


ProgressFn = Callable[[int, int], None]

_engine: Engine | None = None  # set in the parent before workers fork; each worker inherits it


def _scan_one(engine: Engine, job: FileJob) -> tuple[list[Hit], str]:
    data, reason = read_file(job.path)
    if data is None:
        return [], reason
    return buffer_hits(engine, data, job.display), ""


def _stdin_hits(engine: Engine, data: bytes) -> list[Hit]:
    """Standard input as text, or, when it is a unified diff, the lines it adds, reported at their
    new files' paths and lines (removed and context lines are not part of the change)."""
    from seawall.secrets import unidiff

    if not unidiff.is_diff(data):
        return buffer_hits(engine, data, "<stdin>")
    hits: list[Hit] = []
    for added in unidiff.added_lines(data):
        for hit in buffer_hits(engine, added.data, added.path):
            line, end_line = added.line_of(hit.line), added.line_of(hit.end_line)
            hits.append(dataclasses.replace(hit, line=line, end_line=end_line, commit=added.commit))
    return hits


def current_engine() -> Engine:
    """The engine of the scan in progress, in the parent or in a forked worker."""
    if _engine is None:
        raise RuntimeError("scan worker started without an engine")
    return _engine


@contextlib.contextmanager
def engine_pool(engine: Engine, workers: int) -> Iterator[Pool]:
    """Worker processes forked after ``engine`` is set, so that each inherits it (no pickling)."""
    global _engine
    _engine = engine
    import multiprocessing

    pool = multiprocessing.get_context("fork").Pool(workers)
    try:
        yield pool
    except BaseException:  # SIGTERM (Terminated), an error, a consumer that stopped early: end them now
        pool.terminate()
        raise
    # Every result is in: the workers are told to finish, and end on their own. Terminating them
    # instead (what ``with Pool()`` does) signals each one, and a worker left waiting for the task
    # queue's lock once outlived its SIGTERM, and the scan waited for it for ever.
    pool.close()
    pool.join()


# A worker's task: files to scan whole, or one file and which share of it (part, parts).
Task = tuple[list[FileJob], int, int]
Batch = tuple[list[Hit], list[Skipped], int]  # hits, skips, and how many files that completes


@dataclasses.dataclass(frozen=True, slots=True, eq=False)
class _Done:
    """A task's result: hits of whole files, or one share's hits tagged for ``sharing.merge``."""

    task: Task
    hits: list[Hit]
    tagged: list[tuple[int, Hit]]
    skipped: list[Skipped]


def _scan_batch(batch: list[FileJob]) -> Batch:
    engine = current_engine()
    hits: list[Hit] = []
    skipped: list[Skipped] = []
    for job in batch:
        found, reason = _scan_one(engine, job)
        if reason:
            skipped.append(Skipped(job.display, reason))
        hits.extend(found)
    return hits, skipped, len(batch)


def _scan_task(task: Task) -> _Done:
    batch, part, parts = task
    if parts == 1:
        hits, skipped, _ = _scan_batch(batch)
        return _Done(task, hits, [], skipped)
    from seawall.secrets.sharing import share_hits

    job = batch[0]
    data, reason = read_file(job.path)
    if data is None:  # every share finds it unreadable: the first says so
        return _Done(task, [], [], [Skipped(job.display, reason)] if part == 0 else [])
    return _Done(task, [], share_hits(current_engine(), data, job.display, part, parts), [])


def _tasks(jobs: Sequence[FileJob], workers: int) -> Iterator[Task]:
    """Files in batches of about ``BATCH_BYTES``; a file of two ``SHARE_BYTES`` or more is one task
    per share of it."""
    batch: list[FileJob] = []
    size = 0
    for job in jobs:
        parts = min(workers, job.size // SHARE_BYTES)
        if parts > 1:
            yield from (([job], part, parts) for part in range(parts))
            continue
        batch.append(job)
        size += job.size
        if size >= BATCH_BYTES or len(batch) >= 64:
            yield batch, 0, 1
            batch, size = [], 0
    if batch:
        yield batch, 0, 1


def _run(engine: Engine, jobs: Sequence[FileJob], workers: int) -> Iterator[Batch]:
    global _engine
    _engine = engine
    total_bytes = sum(j.size for j in jobs)
    if workers <= 1 or total_bytes < IN_PROCESS_BYTES or sys.platform == "win32":
        for batch, _, _ in _tasks(jobs, 1):
            yield _scan_batch(batch)
        return
    # Largest files first so that no worker is left with a big one at the end.
    ordered = sorted(jobs, key=lambda j: -j.size)
    shares: dict[str, list[_Done]] = {}
    with engine_pool(engine, workers) as pool:
        for done in pool.imap_unordered(_scan_task, _tasks(ordered, workers)):
            batch, _, parts = done.task
            if parts == 1:
                yield done.hits, done.skipped, len(batch)
                continue
            got = shares.setdefault(batch[0].display, [])
            got.append(done)
            if len(got) == parts:  # the file is done when every share is back
                yield _joined(shares.pop(batch[0].display))


def _joined(shares: list[_Done]) -> Batch:
    """One file's shares as one worker would have scanned it."""
    from seawall.secrets.sharing import merge

    shares.sort(key=lambda done: done.task[1])
    return merge(done.tagged for done in shares), [s for done in shares for s in done.skipped], 1


def _list(options: ScanOptions) -> Listing:
    listing = collect_roots(
        [r for r in options.roots if r != "-"],
        gitignore=options.gitignore,
        exclude=PathMatcher(options.exclude),
        max_size=options.max_file_size,
    )
    # The same file reached twice (as a file and inside a folder) is scanned once. One root reaches no
    # file twice (no link is followed inside a folder), and resolving each path cost a tenth of a
    # standard-library scan.
    if len(listing.jobs) > 1 and len({r for r in options.roots if r != "-"}) > 1:
        unique: dict[str, FileJob] = {}
        for job in listing.jobs:
            unique.setdefault(os.path.realpath(job.path), job)
        listing.jobs = list(unique.values())
    return listing


def _unread_named(jobs: Sequence[FileJob], skipped: list[Skipped]) -> tuple[list[Skipped], list[str]]:
    """A file named on the command line that could not be read is an error, not a skip."""
    named = {j.display for j in jobs if j.named}
    errors = [
        f"cannot read file {s.path}: {s.reason.removeprefix('unreadable: ')}"
        for s in skipped
        if s.path in named and s.reason.startswith("unreadable")
    ]
    if not errors:
        return skipped, []
    return [s for s in skipped if not (s.path in named and s.reason.startswith("unreadable"))], errors


def scan(
    options: ScanOptions, *, stdin: Callable[[], bytes] | None = None, progress: ProgressFn | None = None
) -> ScanReport:
    started = time.perf_counter()
    listing = _list(options)
    jobs, skipped = listing.jobs, listing.skipped
    listed = time.perf_counter()
    engine = make_engine(options.engine, options.rules)
    ready = time.perf_counter()
    hits: list[Hit] = []
    if "-" in options.roots and stdin is not None:
        data, reason = decode_for_scan(stdin())
        if data is None:
            skipped.append(Skipped("<stdin>", reason))
        else:
            hits.extend(_stdin_hits(engine, data))
    workers = options.jobs or os.cpu_count() or 1
    done = 0
    for batch_hits, batch_skipped, count in _run(engine, jobs, workers):
        hits.extend(batch_hits)
        skipped.extend(batch_skipped)
        done += count
        if progress is not None:
            progress(done, len(jobs))
    finished = time.perf_counter()
    skipped, unread = _unread_named(jobs, skipped)
    findings = build_findings(hits, options.rules, options.policy)
    listed_paths = {j.display for j in jobs}
    scanned = len(jobs) - sum(1 for s in skipped if s.path in listed_paths)
    return ScanReport(
        tool_version=__version__,
        command="secrets scan",
        roots=options.roots,
        findings=findings,
        rules=used_rules(findings, options.rules),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        errors=(*listing.errors, *unread),
        ignored=tuple(sorted(listing.ignored, key=lambda s: s.path)),
        links=tuple(listing.links),
        timings=(
            ("list", round(listed - started, 4)),
            ("engine", round(ready - listed, 4)),
            ("scan", round(finished - ready, 4)),
            ("total", round(time.perf_counter() - started, 4)),
        ),
        stats=(
            ("files_scanned", scanned),
            ("bytes_scanned", sum(j.size for j in jobs)),
            ("ignored_by_gitignore", sum(1 for i in listing.ignored if i.reason == IGNORED)),
            ("excluded_by_exclude", sum(1 for i in listing.ignored if i.reason == EXCLUDED)),
        ),
        fail_on=options.fail_on,
    )
