"""Scan what a commit would record: the staged (index) version of each changed file, and report only the
findings on lines the commit adds or changes.

One git process, however large the repository: ``git diff --cached`` with the whole file as context,
which gives which files, which lines are new, and the staged content itself (every context and added
line). Only a file git shows no text for (binary to git, such as UTF-16) is read from the index by a
second process, ``git cat-file --batch``. Nothing is listed or walked, and the working tree is never
read, so a file staged and then edited is scanned as staged.

Decisions a user may want to know:

- Paths are relative to the repository's top folder (as git shows them), wherever the scan starts.
- A renamed or copied file counts only its changed lines; a line moved within or between files shows as
  deleted and added, so a secret that moves is reported again (it is in the commit's added lines).
- A file git treats as binary is scanned only if it decodes as text (UTF-16 or UTF-32 with a byte order
  mark, or text marked ``-diff``); git gives no line numbers for it, so all its lines count as changed.
- Before the first commit the index is compared with the empty tree: every staged line is new.
- Git's hook environment is honoured (``GIT_INDEX_FILE``), so ``git commit -a`` scans what it commits.
"""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from seawall import __version__
from seawall.errors import ScanError, UsageError
from seawall.lazyre import lazy_compile
from seawall.model import ScanReport, Skipped
from seawall.secrets.engines import make_engine
from seawall.secrets.options import ScanOptions
from seawall.secrets.reading import BINARY_SUFFIXES, EXCLUDED, PathMatcher, decode_for_scan, display_path
from seawall.secrets.results import Hit, buffer_hits, build_findings, used_rules

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from seawall.secrets.engines import Engine

DIFF_ARGS = (
    "diff",
    "--cached",
    "--raw",
    "-p",
    "-z",
    f"-U{2**31 - 1}",  # the whole file as context: the diff carries the staged content
    "-M",
    "-C",
    "--no-abbrev",
    "--full-index",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "--no-relative",
    "--ignore-submodules=all",
    "--diff-filter=ACMR",
)
_HUNK = lazy_compile(rb"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.MULTILINE)
_INDEX = lazy_compile(rb"^index [0-9a-f]+\.\.([0-9a-f]+)", re.MULTILINE)
_BINARY = lazy_compile(rb"^(?:Binary files |GIT binary patch)", re.MULTILINE)
_SYMLINK_MODE = "120000"

Lines = tuple[tuple[int, int], ...]  # inclusive (first, last) line ranges


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class StagedFile:
    """One staged change: the index blob, the lines it adds (None: every line, git gave none) and its
    content as the diff gave it (None: git gave no text, read the blob)."""

    path: str
    mode: str
    blob: str
    status: str
    added: Lines | None
    content: bytes | None = None

    def changes(self, hit: Hit) -> bool:
        if self.added is None:
            return True
        return any(first <= hit.end_line and hit.line <= last for first, last in self.added)


def _run_git(cwd: Path, args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(cwd), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ScanError(f"cannot run git: {exc}", hint="install git and put it on PATH") from None


def _start(root: str) -> Path:
    path = Path(root or ".")
    if not path.exists():
        raise UsageError(f"no such file or folder: {root}")
    return path if path.is_dir() else path.parent


def _fail(cwd: Path, proc: subprocess.CompletedProcess[bytes]) -> ScanError | UsageError:
    """Why ``git diff --cached`` failed: outside a repository is a usage error, the rest a scan error."""
    check = _run_git(cwd, ["rev-parse", "--is-inside-work-tree"])
    if check.returncode != 0 or check.stdout.strip() != b"true":
        return UsageError(
            f"--staged needs a git work tree, and {cwd} is not in one",
            hint="run it inside a repository (or scan files without --staged)",
        )
    message = proc.stderr.decode("utf-8", "replace").strip().splitlines()
    return ScanError(f"git diff --cached failed: {message[-1] if message else proc.returncode}")


def staged_changes(cwd: Path) -> list[StagedFile]:
    """The files the next commit adds, copies, modifies or renames, with their added lines."""
    proc = _run_git(cwd, DIFF_ARGS)
    if proc.returncode != 0:
        raise _fail(cwd, proc)
    return parse_diff(proc.stdout)


def parse_diff(out: bytes) -> list[StagedFile]:
    """Parse ``git diff --raw -p -z``: NUL-separated raw records, then one patch section per record."""
    records, pos = _raw_records(out)
    sections = _sections(out[pos:])
    if len(sections) != len(records):
        raise ScanError(f"unexpected git diff output: {len(records)} files but {len(sections)} patches")
    staged = []
    for (meta, path), section in zip(records, sections, strict=True):
        _, mode, _, blob, status = meta.split(" ", 4)
        index = _INDEX.search(section)
        if index is not None and index.group(1).decode() != blob:
            raise ScanError(f"unexpected git diff output: blob mismatch for {display_path(path)}")
        content, added_lines = _new_side(section)
        added: Lines | None = added_lines
        if not added and _is_binary(section):
            added, content = None, None
        staged.append(StagedFile(display_path(path), mode, blob, status[:1], added, content))
    return staged


def _raw_records(out: bytes) -> tuple[list[tuple[str, str]], int]:
    """("srcmode dstmode srcblob dstblob status", new path) per record, and where the patches begin."""
    records = []
    pos = 0
    while out.startswith(b":", pos):
        end = out.index(b"\0", pos)
        meta = out[pos + 1 : end].decode("ascii")
        pos = end + 1
        paths = 2 if meta.rsplit(" ", 1)[-1][:1] in ("R", "C") else 1
        for _ in range(paths):
            end = out.index(b"\0", pos)
            path = out[pos:end]
            pos = end + 1
        records.append((meta, os.fsdecode(path)))
    if out.startswith(b"\0", pos):
        pos += 1
    return records, pos


def _sections(patch: bytes) -> list[bytes]:
    if not patch:
        return []
    if not patch.startswith(b"diff --git "):
        raise ScanError("unexpected git diff output: no patch header")
    return patch.split(b"\ndiff --git ")


def _new_side(section: bytes) -> tuple[bytes | None, Lines]:
    """The staged file rebuilt from its diff (context and added lines, in order) and the ranges of
    added lines. With the whole file as context there is one hunk, or none (no change of content)."""
    hunk = _HUNK.search(section)
    if hunk is None:
        return None, ()
    if hunk.group().startswith(b"@@ -0,0 "):
        return _all_added(section[hunk.end() :].partition(b"\n")[2], int(hunk.group(2) or 1))
    body = section[hunk.end() :].split(b"\n")[1:]
    out: list[bytes] = []
    ranges: list[tuple[int, int]] = []
    number = int(hunk.group(1)) or 1
    last = b""
    for line in body:
        kind = line[:1]
        if kind == b"\\":  # "\ No newline at end of file": the line before it ended the file
            if last in (b" ", b"+") and out:
                out[-1] = out[-1].removesuffix(b"\n")
            continue
        if kind == b"+":
            if ranges and ranges[-1][1] == number - 1:
                ranges[-1] = (ranges[-1][0], number)
            else:
                ranges.append((number, number))
        if kind in (b" ", b"+"):
            out.append(line[1:] + b"\n")
            number += 1
        last = kind
    return b"".join(out), tuple(ranges)


def _all_added(body: bytes, count: int) -> tuple[bytes, Lines]:
    """A new file: every line is added, so the content is the body without its ``+`` marks (at the
    speed of a byte replacement: an initial commit can stage a whole project)."""
    body = body.removesuffix(b"\n")
    last = body.rfind(b"\n") + 1
    if body[last : last + 1] == b"\\":  # "\ No newline at end of file" after the last line
        body = body[: max(0, last - 1)]
    else:
        body += b"\n"
    content = (b"\n" + body).replace(b"\n+", b"\n")[1:]
    return content, ((1, count),) if count else ()


def _is_binary(section: bytes) -> bool:
    return _BINARY.search(section) is not None


def _reason_not_to_read(item: StagedFile, exclude: PathMatcher) -> str | None:
    """Why a staged file is not scanned ("" when it is; ``EXCLUDED`` when --exclude leaves it out),
    None when there is nothing in it to scan."""
    if item.added == ():
        return None  # a pure rename, copy or mode change, or an empty file: no new line
    if exclude and exclude.matches(item.path):
        return EXCLUDED
    if item.mode == _SYMLINK_MODE:
        return "symbolic link (not followed)"
    if os.path.splitext(item.path)[1].lower() in BINARY_SUFFIXES:
        return "binary file (by extension)"
    return ""


def read_blobs(cwd: Path, blobs: Sequence[str], max_size: int) -> Iterator[tuple[bytes | None, str]]:
    """Each blob's bytes in order, or None and why not, through the history scan's batch reader:
    sizes first, so a blob over the cap is never read."""
    if not blobs:
        return
    from seawall.secrets.gitblobs import BlobReader

    with BlobReader(cwd) as reader:
        pairs = list(zip(blobs, reader.sizes(blobs), strict=True))
        wanted = [oid for oid, (size, _) in pairs if size is not None and size <= max_size]
        contents = {oid: (data, why) for oid, data, why in reader.contents(wanted)}
        for oid, (size, why) in pairs:
            if size is None:
                yield None, why
            elif size > max_size:
                yield None, f"larger than the size cap ({size} > {max_size} bytes)"
            else:
                yield contents[oid]


def _contents(cwd: Path, items: Sequence[StagedFile], max_size: int) -> list[tuple[bytes | None, str]]:
    """Each file's staged bytes, from the diff, or from the index for those git showed no text of."""
    unread = [i.blob for i in items if i.content is None]
    blobs = iter(read_blobs(cwd, unread, max_size) if unread else ())
    out: list[tuple[bytes | None, str]] = []
    for item in items:
        if item.content is None:
            out.append(next(blobs))
        elif len(item.content) > max_size:
            out.append((None, f"larger than the size cap ({len(item.content)} > {max_size} bytes)"))
        else:
            out.append((item.content, ""))
    return out


class _LazyEngine:
    """The pattern engine, built on first use: a commit with nothing to scan never loads it."""

    def __init__(self, options: ScanOptions, size: int) -> None:
        self.options = options
        self.size = size
        self._engine: Engine | None = None

    def get(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.options.engine, self.options.rules, self.size)
        return self._engine


def scan_staged(options: ScanOptions) -> ScanReport:
    """Findings on the lines the next commit adds or changes, in the staged content."""
    started = time.perf_counter()
    cwd = _start(options.roots[0] if options.roots else ".")
    skipped: list[Skipped] = []
    excluded: list[Skipped] = []
    exclude = PathMatcher(options.exclude)
    todo = []
    for item in staged_changes(cwd):
        reason = _reason_not_to_read(item, exclude)
        if reason == EXCLUDED:
            excluded.append(Skipped(item.path, reason))
        elif reason:
            skipped.append(Skipped(item.path, reason))
        elif reason == "":
            todo.append(item)
    listed = time.perf_counter()
    contents = _contents(cwd, todo, options.max_file_size)
    engine = _LazyEngine(options, sum(len(raw) for raw, _ in contents if raw is not None))
    hits: list[Hit] = []
    scanned = size = 0
    for item, (raw, why) in zip(todo, contents, strict=True):
        data, why = decode_for_scan(raw) if raw is not None else (None, why)
        if data is None:
            skipped.append(Skipped(item.path, why))
            continue
        scanned += 1
        size += len(data)
        hits.extend(h for h in buffer_hits(engine.get(), data, item.path) if item.changes(h))
    finished = time.perf_counter()
    findings = build_findings(hits, options.rules, options.policy)
    return ScanReport(
        tool_version=__version__,
        command="secrets scan --staged",
        roots=options.roots,
        findings=findings,
        rules=used_rules(findings, options.rules),
        skipped=tuple(sorted(skipped, key=lambda s: s.path)),
        ignored=tuple(sorted(excluded, key=lambda s: s.path)),
        timings=(("list", round(listed - started, 4)), ("scan", round(finished - listed, 4))),
        stats=(("files_scanned", scanned), ("bytes_scanned", size), ("excluded_by_exclude", len(excluded))),
        fail_on=options.fail_on,
    )
