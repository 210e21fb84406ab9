"""SIGTERM while the main thread is inside Python's import machinery: raised there, ``Terminated`` can be
swallowed after the global import lock was taken (a module lock's weakref callback), and ``seawall
check``, whose scanners import in several threads, then hangs instead of ending."""

from __future__ import annotations

import signal
import sys
import time
import types
from types import FrameType

import pytest

from seawall.cli import main
from seawall.processes import EXIT_TERMINATED, Terminated, sigterm_ends_cleanly
from seawall.secrets import hookargs


def _here() -> FrameType:
    return sys._getframe()


def frame_in_import_machinery() -> FrameType:
    """A real frame whose code says it is importlib's, as the handler sees one there."""
    code = _here.__code__.replace(co_filename="<frozen importlib._bootstrap>")
    frame = types.FunctionType(code, {"sys": sys})()
    assert isinstance(frame, FrameType)
    assert frame.f_code.co_filename == "<frozen importlib._bootstrap>"
    return frame


def test_sigterm_inside_the_import_machinery_ends_seawall_just_after() -> None:
    with sigterm_ends_cleanly():
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        handler(signal.SIGTERM, frame_in_import_machinery())  # returns: not raised inside importlib
        with pytest.raises(Terminated):
            deadline = time.monotonic() + 30.0  # a bound on the wait, not a speed assertion
            while time.monotonic() < deadline:
                time.sleep(0.01)


def test_sigterm_elsewhere_ends_seawall_at_once() -> None:
    with sigterm_ends_cleanly():
        handler = signal.getsignal(signal.SIGTERM)
        assert callable(handler)
        with pytest.raises(Terminated):
            handler(signal.SIGTERM, sys._getframe())


def test_sigterm_wrapped_by_set_name_still_ends_as_terminated(monkeypatch: pytest.MonkeyPatch) -> None:
    """SIGTERM landing in a dataclass field's __set_name__ (a module importing) reaches the command line
    as a RuntimeError on Python 3.11: it still ends as SIGTERM, not as a traceback with exit 1."""

    def handler(args: object) -> int:
        class Raises:
            def __set_name__(self, owner: type, name: str) -> None:
                raise Terminated

        class Owner:
            field = Raises()

        return 0

    monkeypatch.setattr(hookargs, "scan_command", handler)
    assert main(["secrets", "scan", "--staged"]) == EXIT_TERMINATED
