"""Formatters: each takes the immutable report and a text stream, and only formats."""

from __future__ import annotations

import contextlib
import io
import os
from collections.abc import Callable
from pathlib import Path

from seawall.errors import OutputError
from seawall.model import ScanReport

FORMATS = ("text", "json", "sarif", "csv")

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import TextIO

    Formatter = Callable[[ScanReport, TextIO], None]


def formatter(name: str, *, color: bool = False) -> Formatter:
    if name == "json":
        from seawall.outputs.json import write_json

        return write_json
    if name == "sarif":
        from seawall.outputs.sarif import write_sarif

        return write_sarif
    if name == "csv":
        from seawall.outputs.csv import write_csv

        return write_csv
    if name == "text":
        from seawall.outputs.text import TextFormatter

        return TextFormatter(color=color)
    if name == "deps-text":
        from seawall.outputs.deps_text import DepsTextFormatter

        return DepsTextFormatter(color=color)
    if name == "audit-text":
        from seawall.outputs.audit import AuditTextFormatter

        return AuditTextFormatter(color=color)
    if name == "workspace-text":
        from seawall.outputs.workspace import WorkspaceTextFormatter

        return WorkspaceTextFormatter(color=color)
    raise OutputError(f"unknown format {name!r} (choose from {', '.join(FORMATS)})")


def emit(report: ScanReport, name: str, output: str | None, *, no_color: bool, text: str = "text") -> None:
    """Write ``report`` in format ``name`` to ``output``, or to standard output (in colour on a terminal
    unless ``no_color`` or NO_COLOR). ``text`` names the command's own text formatter."""
    import sys

    chosen = text if name == "text" else name
    if output:
        write_atomically(Path(output), lambda stream: formatter(chosen)(report, stream))
        return
    color = sys.stdout.isatty() and not no_color and "NO_COLOR" not in os.environ
    formatter(chosen, color=color)(report, sys.stdout)


def check_writable(path: Path, flag: str = "--output") -> None:
    """Fail before any work is done when a report cannot be written to ``path``: its folder is missing,
    is a file, or cannot be written in, or ``path`` is itself a folder. Devices (``/dev/null``) pass."""
    if path.is_dir():
        raise OutputError(f"{flag} {path}: is a folder", hint="name a file, for example in that folder")
    if path.exists() and not path.is_file():
        return  # a device, FIFO or terminal: written through
    folder = path.parent
    if not folder.is_dir():
        raise OutputError(
            f"{flag} {path}: {_missing(folder)}", hint="create the folder first, or write elsewhere"
        )
    if not os.access(folder, os.W_OK | os.X_OK):
        raise OutputError(f"{flag} {path}: cannot write in the folder {folder}", hint="write elsewhere")


def _missing(folder: Path) -> str:
    """Why ``folder`` is not a folder: it is a file, or it (or a folder above it) does not exist."""
    for above in (folder, *folder.parents):
        if above.exists():
            if above.is_dir():
                break
            return f"{above} is a file, not a folder"
    return f"the folder {folder} does not exist"


def write_atomically(path: Path, render: Callable[[TextIO], None]) -> None:
    """Render into a temporary file beside ``path`` and move it into place: no half-written reports."""
    buffer = io.StringIO()
    render(buffer)
    if path.exists() and not path.is_file():
        # A device, FIFO or terminal (``--output /dev/null``, ``/dev/stdout``): write to it; replacing
        # it with a regular file would break the system (as root, /dev/null itself).
        _write_through(path, buffer.getvalue())
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        import tempfile  # only when writing a file: the hook prints to the terminal

        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(buffer.getvalue())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None


def _write_through(path: Path, text: str) -> None:
    try:
        with open(path, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror}") from None
