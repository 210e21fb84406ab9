"""What a path on disk is, in words: why a scan does not read it, or what a named link leads to.

Only regular files are read. A FIFO or a device is never opened (opening a FIFO blocks until a writer
comes; ``/dev/zero`` never ends). Inside a scanned folder no symbolic link is followed, to a file or to a
folder: its target is either inside the scan already or outside what was asked for, and a link to an
enclosing folder would loop. A link named on the command line is followed, and its target named.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass

from seawall.secrets.reading import display_path

_KINDS = (
    (stat.S_ISFIFO, "FIFO (named pipe), not opened"),
    (stat.S_ISCHR, "character device, not opened"),
    (stat.S_ISBLK, "block device, not opened"),
    (stat.S_ISSOCK, "socket, not opened"),
    (stat.S_ISDIR, "folder"),
)


def kind_reason(mode: int) -> str:
    """Why a file of this mode is not read ("" for a regular file)."""
    if stat.S_ISREG(mode):
        return ""
    for test, reason in _KINDS:
        if test(mode):
            return reason
    return "not a regular file, not opened"


def _target(path: str) -> str:
    try:
        return display_path(os.readlink(path))
    except OSError:
        return "?"


def _encloses(folder: str, link: str) -> bool:
    """Whether the folder ``folder`` (a link's resolved target) holds the link itself."""
    here = os.path.realpath(os.path.dirname(os.path.abspath(link)))
    return here == folder or here.startswith(folder.rstrip(os.sep) + os.sep)


def link_reason(path: str) -> str:
    """Why a symbolic link inside a scanned folder is not followed, naming its target."""
    target = _target(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return f"broken symbolic link to {target}"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return f"symbolic link loop (through {target})"
        return f"symbolic link to {target}: {exc.strerror}"
    if stat.S_ISDIR(st.st_mode) and _encloses(os.path.realpath(path), path):
        return f"symbolic link loop: {target} is a folder that holds the link"
    return f"symbolic link to {target} (not followed)"


@dataclass(frozen=True, slots=True)
class NamedPath:
    """A path named on the command line, classified without reading it.

    ``kind`` is "file", "folder", "skip" (not readable as text: ``reason`` says why) or "error" (it should
    be readable and is not: ``reason`` is the error). ``target`` is set when the path is a symbolic link.
    """

    kind: str
    reason: str = ""
    target: str | None = None


def classify(given: str) -> NamedPath | None:
    """What ``given`` is, following one level of symbolic link; None when it does not exist."""
    try:
        st = os.lstat(given)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return NamedPath("error", f"cannot read {display_path(given)}: {exc.strerror}")
    target = None
    if stat.S_ISLNK(st.st_mode):
        target = _target(given)
        try:
            st = os.stat(given)
        except FileNotFoundError:
            return NamedPath("skip", f"broken symbolic link to {target}", target)
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return NamedPath("skip", f"symbolic link loop (through {target})", target)
            return NamedPath("error", f"cannot read {display_path(given)}: {exc.strerror}", target)
    if stat.S_ISDIR(st.st_mode):
        return _openable(given, "folder", target)
    reason = kind_reason(st.st_mode)
    if reason:
        via = f"symbolic link to {target}: " if target is not None else ""
        return NamedPath("skip", via + reason, target)
    return _openable(given, "file", target)


def _openable(given: str, kind: str, target: str | None) -> NamedPath:
    """A named file or folder that cannot be opened is an error, not an empty scan."""
    try:
        if kind == "folder":
            with os.scandir(given):
                pass
        else:
            os.close(os.open(given, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0)))
    except OSError as exc:
        what = "folder" if kind == "folder" else "file"
        return NamedPath("error", f"cannot read {what} {display_path(given)}: {exc.strerror}", target)
    return NamedPath(kind, "", target)
