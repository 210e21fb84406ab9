"""A report file holds either the old content or the complete new content, never half of either."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

import pytest

from seawall.errors import OutputError
from seawall.outputs import write_atomically

OLD = "old report\n"


def writer(text: str) -> Callable[[TextIO], None]:
    def render(stream: TextIO) -> None:
        stream.write(text)

    return render


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "report.json"
    path.parent.mkdir()
    path.write_text(OLD, encoding="utf-8")
    return path


def test_the_new_content_replaces_the_old(target: Path) -> None:
    write_atomically(target, writer("new report\n" * 1000))
    assert target.read_text(encoding="utf-8") == "new report\n" * 1000
    assert os.listdir(target.parent) == ["report.json"]


def test_a_new_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "fresh.sarif"
    write_atomically(path, writer("{}\n"))
    assert path.read_text(encoding="utf-8") == "{}\n"


def test_a_relative_path_is_written_in_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    write_atomically(Path("report.txt"), writer("ok\n"))
    assert (tmp_path / "report.txt").read_text(encoding="utf-8") == "ok\n"


def test_a_render_that_fails_half_way_leaves_the_old_file_and_no_temp_file(target: Path) -> None:
    def render(stream: TextIO) -> None:
        stream.write("half a rep")
        raise RuntimeError("formatter crashed")

    with pytest.raises(RuntimeError, match="formatter crashed"):
        write_atomically(target, render)
    assert target.read_text(encoding="utf-8") == OLD
    assert os.listdir(target.parent) == ["report.json"]


def test_a_failed_move_leaves_the_old_file_and_no_temp_file(
    target: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def refuse(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=r"cannot write .*report\.json: No space left on device"):
        write_atomically(target, writer("new\n"))
    assert target.read_text(encoding="utf-8") == OLD
    assert os.listdir(target.parent) == ["report.json"]


def test_a_missing_folder_is_an_output_error_naming_the_file(tmp_path: Path) -> None:
    path = tmp_path / "no such folder" / "report.json"
    with pytest.raises(OutputError, match=r"no such folder/report\.json"):
        write_atomically(path, writer("x"))
    assert not path.parent.exists()


def test_a_device_is_written_to_not_replaced(tmp_path: Path) -> None:
    """``--output /dev/null`` must leave /dev/null a device (as root, os.replace would swap it out)."""
    import stat
    import threading

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text()))
    reader.start()

    def render(stream: TextIO) -> None:
        stream.write("report\n")

    write_atomically(fifo, render)
    reader.join(timeout=10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO is still a FIFO"
    assert received == ["report\n"]
    assert [p.name for p in tmp_path.iterdir()] == ["pipe"], "no temporary file left behind"
