"""Git plumbing for history scans: which blobs each commit introduces, and their contents.

Two long-lived git processes, however large the history:

- ``git log --all --reverse --date-order --root -c --raw -z``: every commit, parents before children,
  with the blobs it introduces (a merge lists only the paths that differ from every parent, so a blob is
  attributed to the commit that made it, on whichever branch that was);
- ``git cat-file --batch-command``: object sizes first (``info``), so that blobs over the size cap are
  never decompressed, then the contents of the rest, streamed.

Paths stay bytes until shown (``-z`` everywhere, ``core.quotePath=false``); a missing or corrupt object is
reported by the caller and the scan goes on.
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Self
from urllib.parse import urlsplit, urlunsplit

from seawall.errors import ScanError, UsageError
from seawall.model import VersionControl
from seawall.secrets.reading import display_path

GIT_CONFIG = (
    "-c",
    "core.quotePath=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "core.precomposeUnicode=false",
)
LOG_ARGS = (
    "log",
    "--reverse",
    "--date-order",
    "--root",
    "-c",
    "--raw",
    "--no-abbrev",
    "--no-renames",
    "--no-color",
    "--no-ext-diff",
    "--no-textconv",
    "-z",
    "--format=%x01%H%x00%an <%ae>%x00%aI",
)
GITLINK = "160000"
SYMLINK = "120000"
_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Repository:
    """Where to run git (``-C``), the repository's git folder, and a shallow clone's boundary commits."""

    path: Path
    git_dir: Path
    shallow: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Commit:
    oid: str
    author: str  # "name <email>"
    date: str  # author date, strict ISO 8601


@dataclass(frozen=True, slots=True)
class Change:
    """A blob at a path in the tree of ``commit`` (an index into the walk's commits) that none of its
    parents has there."""

    commit: int
    path: str
    mode: str
    blob: str


def run_git(repo: Path, args: Sequence[str]) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", *GIT_CONFIG, "-C", str(repo), *args], capture_output=True, check=False)
    except OSError as exc:
        raise ScanError(f"cannot run git: {exc}", hint="install git and put it on PATH") from None


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return lines[-1] if lines else "no message"


def open_repository(root: str) -> Repository:
    """The repository at or above ``root`` (a work tree or a bare repository)."""
    path = Path(root or ".")
    if not path.exists():
        raise UsageError(f"no such file or folder: {root}")
    if not path.is_dir():
        path = path.parent
    proc = run_git(path, ["rev-parse", "--absolute-git-dir", "--is-shallow-repository"])
    if proc.returncode != 0:
        raise UsageError(
            f"--history needs a git repository, and {root} is not in one",
            hint="run it inside a repository (or scan files without --history)",
        )
    git_dir, shallow = os.fsdecode(proc.stdout).splitlines()[:2]
    boundary: tuple[str, ...] = ()
    if shallow == "true":
        boundary = tuple(Path(git_dir, "shallow").read_text(encoding="ascii").split())
    return Repository(path, Path(git_dir), boundary)


def _resolve(repo: Repository, spec: str, flag: str, shown: str) -> list[str]:
    """``spec`` as commit hashes (``^`` marks the excluded side), or a usage error naming the flag."""
    if spec.startswith("-") or not spec.strip():
        raise UsageError(f"{flag} takes a revision, not {shown!r}")
    proc = run_git(repo.path, ["rev-parse", "--revs-only", "--end-of-options", spec, "--"])
    revs = [line for line in os.fsdecode(proc.stdout).split() if re.fullmatch(r"\^?[0-9a-f]{40,64}", line)]
    if proc.returncode != 0 or not revs:
        raise UsageError(f"{flag} {shown}: unknown revision ({_last_line(proc.stderr)})")
    return revs


def stashes(repo: Repository) -> list[str]:
    if run_git(repo.path, ["rev-parse", "-q", "--verify", "refs/stash"]).returncode != 0:
        return []
    proc = run_git(repo.path, ["log", "-g", "--format=%H", "refs/stash", "--"])
    if proc.returncode != 0:
        raise ScanError(f"cannot list the stashes: {_last_line(proc.stderr)}")
    return os.fsdecode(proc.stdout).split()


def revisions(
    repo: Repository, *, include_stashes: bool, since: str | None, rev_range: str | None
) -> list[str]:
    """What ``git log`` walks: every ref and HEAD (not the stash unless asked), minus ``since``'s
    ancestry; or only ``rev_range``."""
    if rev_range is not None:
        if ".." not in rev_range:
            raise UsageError(f"--range takes A..B, not {rev_range!r}")
        return _resolve(repo, rev_range, "--range", rev_range)
    revs = ["--exclude=refs/stash", "--all"]
    if include_stashes:
        revs.extend(stashes(repo))
    if since is not None:
        revs.extend(f"^{oid.lstrip('^')}" for oid in _resolve(repo, f"{since}^{{commit}}", "--since", since))
    return revs


def _tokens(stream: IO[bytes]) -> Iterator[bytes]:
    rest = b""
    while chunk := stream.read(_CHUNK):
        parts = (rest + chunk).split(b"\0")
        rest = parts.pop()
        yield from parts
    if rest:
        yield rest


def _change(meta: bytes, path: bytes, commit: int) -> Change | None:
    """A ``--raw`` record: ``:old new oldsha newsha S`` or, for a merge with n parents, n colons, n+1
    modes, n+1 hashes and the statuses. The last mode and hash are the commit's own."""
    parents = len(meta) - len(meta.lstrip(b":"))
    fields = meta[parents:].split()
    if len(fields) < 2 * parents + 3:
        raise ScanError(f"unexpected git log output: {meta[:200]!r}")
    blob = fields[2 * parents + 1].decode("ascii")
    if not blob.strip("0"):
        return None  # deleted here
    return Change(commit, display_path(os.fsdecode(path)), fields[parents].decode("ascii"), blob)


def parse_log(tokens: Iterator[bytes]) -> Iterator[Commit | Change]:
    """Commits in walk order, each followed by the changes that introduce blobs."""
    commit = -1
    for token in tokens:
        head = token.lstrip(b"\n")
        if head.startswith(b"\x01"):
            author, date = next(tokens, b""), next(tokens, b"")
            commit += 1
            yield Commit(head[1:].decode("ascii"), author.decode("utf-8", "replace"), date.decode("ascii"))
        elif head.startswith(b":"):
            change = _change(head, next(tokens, b""), commit)
            if change is not None:
                yield change


class HistoryWalk:
    """Iterate to stream the walk; afterwards ``error`` says why git stopped early ("" if it did not)."""

    def __init__(self, repo: Repository, revs: Sequence[str]) -> None:
        self.repo = repo
        self.revs = list(revs)
        self.error = ""

    def __iter__(self) -> Iterator[Commit | Change]:
        with tempfile.TemporaryFile() as errors:
            args = ["git", *GIT_CONFIG, "-C", str(self.repo.path), *LOG_ARGS, *self.revs, "--"]
            with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=errors) as proc:
                assert proc.stdout is not None  # noqa: S101 (Popen with PIPE)
                yield from parse_log(_tokens(proc.stdout))
            if proc.returncode != 0:
                errors.seek(0)
                self.error = f"git log stopped: {_last_line(errors.read())}"


class BlobReader:
    """One ``git cat-file --batch-command`` process for every object of the scan."""

    def __init__(self, repo: Path) -> None:
        self._errors = tempfile.TemporaryFile()  # noqa: SIM115 (closed in close())
        args = ["git", *GIT_CONFIG, "-C", str(repo), "cat-file", "--batch-command", "--buffer"]
        self._proc = subprocess.Popen(
            args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self._errors
        )
        self._writer: threading.Thread | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._writer is not None:
            self._writer.join()
        if self._proc.stdin is not None and not self._proc.stdin.closed:
            self._proc.stdin.close()
        self._proc.kill()
        self._proc.wait()
        if self._proc.stdout is not None:
            self._proc.stdout.close()
        self._errors.close()

    def _send(self, command: str, oids: Iterable[str]) -> None:
        """Write the commands from a thread (git answers while we write), then ``flush``."""
        if self._writer is not None:
            self._writer.join()
        payload = "".join(f"{command} {oid}\n" for oid in oids).encode("ascii") + b"flush\n"

        def write() -> None:
            stdin = self._proc.stdin
            if stdin is None:
                return
            try:
                stdin.write(payload)
                stdin.flush()
            except BrokenPipeError:
                return  # git stopped: the reader reports it

        self._writer = threading.Thread(target=write, daemon=True)
        self._writer.start()

    def _header(self, oid: str) -> tuple[int | None, str]:
        """The size of the next object in the answer, or None and why it cannot be read."""
        assert self._proc.stdout is not None  # noqa: S101 (Popen with PIPE)
        line = self._proc.stdout.readline()
        if not line:
            self._errors.seek(0)
            return None, f"unreadable: git cat-file stopped ({_last_line(self._errors.read())})"
        fields = line.split()
        if len(fields) == 3 and fields[1] == b"blob":
            return int(fields[2]), ""
        if len(fields) == 2 and fields[1] == b"missing":
            return None, "object missing or corrupt in the repository"
        return None, f"unexpected object ({line.decode('ascii', 'replace').strip()})"

    def sizes(self, oids: Sequence[str]) -> list[tuple[int | None, str]]:
        """Per object, in order: its size, or None and the reason it cannot be read."""
        self._send("info", oids)
        return [self._header(oid) for oid in oids]

    def contents(self, oids: Sequence[str]) -> Iterator[tuple[str, bytes | None, str]]:
        """Per object, in order: its bytes, or None and the reason."""
        assert self._proc.stdout is not None  # noqa: S101 (Popen with PIPE)
        self._send("contents", oids)
        for oid in oids:
            size, reason = self._header(oid)
            if size is None:
                yield oid, None, reason
                continue
            data = self._proc.stdout.read(size + 1)[:size]
            if len(data) < size:
                yield oid, None, "unreadable: git cat-file stopped mid-object"
                continue
            yield oid, data, ""


def _public_uri(url: str, base: Path) -> str:
    """A remote's address fit for a report: no user name or password, an absolute URI."""
    if "://" in url:
        parts = urlsplit(url)
        host = parts.hostname or ""
        netloc = f"{host}:{parts.port}" if parts.port else host
        return urlunsplit(parts._replace(netloc=netloc))
    scp = re.fullmatch(r"(?:[^@/]+@)?([^:/]+):(.+)", url)
    if scp is not None and not os.path.isabs(url):
        return f"ssh://{scp.group(1)}/{scp.group(2).lstrip('/')}"
    return (base / url).resolve().as_uri()


def version_control(repo: Repository) -> VersionControl:
    """The remote (``origin`` first), HEAD's commit and branch; the repository's own folder as a
    ``file:`` URI when there is no remote."""
    names = os.fsdecode(run_git(repo.path, ["remote"]).stdout).split()
    uri = repo.path.resolve().as_uri()
    if names:
        name = "origin" if "origin" in names else names[0]
        url = os.fsdecode(run_git(repo.path, ["remote", "get-url", name]).stdout).strip()
        if url:
            uri = _public_uri(url, repo.path)
    head = os.fsdecode(run_git(repo.path, ["rev-parse", "-q", "--verify", "HEAD"]).stdout).strip()
    branch = os.fsdecode(run_git(repo.path, ["symbolic-ref", "-q", "--short", "HEAD"]).stdout).strip()
    return VersionControl(uri, head or None, branch or None)
