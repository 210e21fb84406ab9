"""Patterns compiled from seawall's on-disk cache are the patterns ``re.compile`` makes, and a cache
file that is missing, damaged or made for something else is never used."""

from __future__ import annotations

import os
import re
import time
from pathlib import Path
from typing import AnyStr

import pytest

from seawall import lazyre
from seawall.lazyre import LazyPattern, cached_compile, lazy_compile
from seawall.secrets.rules import builtin_rules


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    return tmp_path / "seawall" / "re"


def _same(a: re.Pattern[str] | re.Pattern[bytes], b: re.Pattern[str] | re.Pattern[bytes]) -> None:
    # Pattern equality compares the pattern, the flags and the compiled program itself.
    assert a == b
    assert (a.groups, a.groupindex, a.flags) == (b.groups, b.groupindex, b.flags)


def test_every_rule_pattern_from_the_cache_is_the_one_re_compiles(cache: Path) -> None:
    rules = builtin_rules()
    for rule in rules:
        flags = re.MULTILINE | (re.IGNORECASE if rule.ignore_case else 0)
        _same(cached_compile(rule.pattern.encode(), flags), re.compile(rule.pattern.encode(), flags))
    for rule in rules:  # now each one from its file
        flags = re.MULTILINE | (re.IGNORECASE if rule.ignore_case else 0)
        assert Path(lazyre._path(rule.pattern.encode(), flags)).parent == cache
        assert Path(lazyre._path(rule.pattern.encode(), flags)).is_file()
        _same(cached_compile(rule.pattern.encode(), flags), re.compile(rule.pattern.encode(), flags))


@pytest.mark.parametrize(
    ("pattern", "flags", "text"),
    [
        (r"(?P<name>\w+)=(?P<value>[^;]*)", 0, "user=alice; token=abc"),
        (r"caf\u00e9|\bK\b", re.IGNORECASE, "CAF\u00c9 k"),  # Unicode case folding
        (r"[a-z]+", re.ASCII | re.IGNORECASE, "ABC d\u00e9f"),
        (rb"^\s*#.*$", re.MULTILINE, b"a\n  # comment\nb"),
        (r"(?x) a  b  # verbose", 0, "ab"),
        (r"(a)(?:b)(?P<c>c)?\1", 0, "aba"),
    ],
)
def test_a_cached_pattern_matches_as_re_compile_does(
    cache: Path, pattern: str, flags: int, text: str
) -> None:
    first = cached_compile(pattern, flags)
    again = cached_compile(pattern, flags)
    plain = re.compile(pattern, flags)
    _same(again, plain)
    _same(first, plain)
    assert [m.groups() for m in again.finditer(text)] == [m.groups() for m in plain.finditer(text)]


def _only_file(cache: Path) -> Path:
    (name,) = os.listdir(cache)
    return cache / name


@pytest.mark.parametrize(
    "damage",
    [
        b"",  # empty
        b"\x00garbage",  # not marshal data
        None,  # truncated
        "flipped",  # a valid file whose program is invalid: CPython refuses it, it never runs
    ],
)
def test_a_damaged_cache_file_is_compiled_again(cache: Path, damage: bytes | str | None) -> None:
    cached_compile(r"(?P<k>key)=(?P<v>\w{3,})", 0)
    path = _only_file(cache)
    blob = path.read_bytes()
    if damage is None:
        path.write_bytes(blob[: len(blob) // 2])
    elif damage == "flipped":
        import marshal

        saved = list(marshal.loads(blob))  # noqa: S302 (the test's own file)
        saved[4] = [99999, *saved[4][1:]]  # the program's first opcode
        path.write_bytes(marshal.dumps(tuple(saved)))
    else:
        assert isinstance(damage, bytes)
        path.write_bytes(damage)
    _same(cached_compile(r"(?P<k>key)=(?P<v>\w{3,})", 0), re.compile(r"(?P<k>key)=(?P<v>\w{3,})"))
    assert cached_compile(r"(?P<k>key)=(?P<v>\w{3,})", 0).match("key=abc") is not None


def test_a_cache_file_made_for_another_pattern_or_build_is_not_used(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cached_compile(r"a+", 0)
    other = _only_file(cache).read_bytes()
    # Another pattern's file under this pattern's name (a collision, or a copied folder).
    target = lazyre._path(r"b+", 0)
    Path(target).write_bytes(other)
    assert cached_compile(r"b+", 0).fullmatch("bbb") is not None
    assert cached_compile(r"b+", 0).fullmatch("aaa") is None
    # The same pattern, written by another Python build: compiled again.
    monkeypatch.setattr(lazyre, "_BUILD", "another build")
    Path(lazyre._path(r"a+", 0)).write_bytes(other)
    _same(cached_compile(r"a+", 0), re.compile(r"a+"))


def test_a_bad_pattern_raises_as_re_compile_does(cache: Path) -> None:
    with pytest.raises(re.error):
        cached_compile(r"(unclosed", 0)
    assert not cache.exists() or os.listdir(cache) == []


def test_an_unwritable_cache_still_compiles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    assert cached_compile(r"x+y", 0).fullmatch("xxy") is not None


def test_a_lazy_pattern_compiles_on_first_use_through_the_cache(cache: Path) -> None:
    lazy = LazyPattern(r"(?i)secret_\d+")
    assert not cache.exists()
    assert lazy.search("a SECRET_42 here") is not None
    assert lazy.pattern == r"(?i)secret_\d+"
    assert len(os.listdir(cache)) == 1


def test_a_program_that_is_not_what_re_compiles_is_never_cached(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a CPython whose private compiler differs from the one this module copies, the program it
    computes is not the one re.compile makes: the pattern is re.compile's, and nothing is saved."""
    real = lazyre._program

    def different(pattern: str | bytes, flags: int) -> tuple[object, ...]:
        program = list(real(pattern, flags))
        program[1] = [*program[1][:-1], 0, program[1][-1]]  # one more instruction: another program
        return tuple(program)

    monkeypatch.setattr(lazyre, "_program", different)
    compiled = cached_compile(r"(?P<key>ab+c)\d", 0)
    _same(compiled, re.compile(r"(?P<key>ab+c)\d"))
    assert not cache.exists() or list(cache.iterdir()) == []

    def broken(pattern: str | bytes, flags: int) -> tuple[object, ...]:
        raise TypeError("compile() takes 5 arguments")  # a changed signature

    monkeypatch.setattr(lazyre, "_program", broken)
    _same(cached_compile(r"x+y", 0), re.compile(r"x+y"))
    assert not cache.exists() or list(cache.iterdir()) == []


def _acts_alike(made: re.Pattern[AnyStr], real: re.Pattern[AnyStr], text: AnyStr) -> None:
    assert [m.groups() for m in made.finditer(text)] == [m.groups() for m in real.finditer(text)]
    found, expected = made.search(text), real.search(text)
    assert found is not None and expected is not None and found.span() == expected.span()
    assert made.findall(text) == real.findall(text)
    assert (made.pattern, made.flags, made.groups, made.groupindex) == (
        real.pattern,
        real.flags,
        real.groups,
        real.groupindex,
    )


def test_a_lazily_compiled_pattern_is_made_on_first_use_and_acts_as_re_compile(cache: Path) -> None:
    text_pattern = lazy_compile(r"(?P<name>[a-z]+)_(\d+)", re.IGNORECASE)
    bytes_pattern = lazy_compile(rb"(?m)^key=(?P<v>[^\n]*)$")
    assert not cache.exists()  # nothing compiled, nothing loaded, until it is used
    _acts_alike(text_pattern, re.compile(r"(?P<name>[a-z]+)_(\d+)", re.IGNORECASE), "x ABC_12 def_3")
    assert len(os.listdir(cache)) == 1
    _acts_alike(bytes_pattern, re.compile(rb"(?m)^key=(?P<v>[^\n]*)$"), b"a\nkey=one\nkey=two\n")
    assert len(os.listdir(cache)) == 2


def test_a_lazily_compiled_pattern_that_does_not_compile_fails_on_first_use(cache: Path) -> None:
    made = lazy_compile(r"(unclosed")
    with pytest.raises(re.error):
        made.search("anything")


def test_a_lazily_compiled_pattern_survives_pickling_and_copying(cache: Path) -> None:
    """As a compiled pattern does (a worker started by pickling its arguments gets a working one)."""
    import copy
    import pickle

    unused = lazy_compile(r"ab+c")
    used = lazy_compile(rb"x(y+)z")
    assert used.search(b"xyyz") is not None
    for made in (unused, used):
        for twin in (pickle.loads(pickle.dumps(made)), copy.deepcopy(made), copy.copy(made)):  # noqa: S301
            assert twin.pattern == made.pattern and twin.flags == made.flags
    assert pickle.loads(pickle.dumps(unused)).search("xabbbc").span() == (1, 6)  # noqa: S301
    assert pickle.loads(pickle.dumps(used)).match(b"xyyyz").group(1) == b"yyy"  # noqa: S301


# -- the folder stays bounded ----------------------------------------------------------------------------


def _files(cache: Path, *patterns: str) -> list[Path]:
    """The cache files of ``patterns`` (compiled through the cache first)."""
    for pattern in patterns:
        cached_compile(pattern, 0)
    return [Path(lazyre._path(p, 0)) for p in patterns]


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.fixture
def fresh_process(monkeypatch: pytest.MonkeyPatch) -> None:
    """As in a new process: no folder pruned yet."""
    monkeypatch.setattr(lazyre, "_pruned", [])


def test_files_unused_for_the_longest_age_are_dropped_and_compiled_again(cache: Path) -> None:
    stale, used = _files(cache, r"stale\d+", r"used\d+")
    _age(stale, lazyre.MAX_AGE + 60)
    _age(used, lazyre.MAX_AGE - 3600)
    assert lazyre.prune(str(cache)) == 1
    assert not stale.exists() and used.exists()
    _same(cached_compile(r"stale\d+", 0), re.compile(r"stale\d+"))
    assert stale.exists()  # saved again when next compiled


def test_beyond_the_most_files_the_least_recently_used_go_first(
    cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(lazyre, "MAX_FILES", 8)
    paths = _files(cache, *(f"p{i}x+" for i in range(10)))
    for i, path in enumerate(paths):
        _age(path, 1000 - i)  # p0 the least recently used, p9 the most
    assert lazyre.prune(str(cache)) == 4
    assert sorted(os.listdir(cache)) == sorted(p.name for p in paths[4:])  # three quarters of 8 kept
    assert lazyre.prune(str(cache)) == 0  # within the bounds: nothing more goes


def test_loading_a_file_marks_it_used_so_a_prune_keeps_it(cache: Path) -> None:
    (path,) = _files(cache, r"daily\s+use")
    _age(path, lazyre.MAX_AGE + 60)
    assert cached_compile(r"daily\s+use", 0).search("daily  use")
    assert time.time() - path.stat().st_mtime < 3600
    assert lazyre.prune(str(cache)) == 0 and path.exists()


def test_a_recently_used_file_is_not_touched_again(cache: Path) -> None:
    (path,) = _files(cache, r"hourly\s+use")
    _age(path, 3600)
    before = path.stat().st_mtime
    cached_compile(r"hourly\s+use", 0)
    assert path.stat().st_mtime == before  # one fstat per load, a write at most once a day


@pytest.mark.usefixtures("fresh_process")
def test_saving_a_new_pattern_prunes_the_folder_once_per_process(cache: Path) -> None:
    first, second = _files(cache, r"first\w", r"second\w")
    _age(first, lazyre.MAX_AGE + 60)
    _age(second, lazyre.MAX_AGE + 60)
    lazyre._pruned.clear()  # the files above were saved by "another process"
    cached_compile(r"third\w", 0)  # a new pattern: saved, after the folder is pruned
    assert not first.exists() and not second.exists()
    (fourth,) = _files(cache, r"fourth\w")
    _age(fourth, lazyre.MAX_AGE + 60)
    cached_compile(r"fifth\w", 0)  # saved again by this process: no second listing
    assert fourth.exists()


@pytest.mark.usefixtures("fresh_process")
def test_a_run_that_only_loads_never_prunes(cache: Path) -> None:
    kept, stale = _files(cache, r"kept\d", r"stale\d")
    assert kept.exists()
    _age(stale, lazyre.MAX_AGE + 60)
    lazyre._pruned.clear()
    cached_compile(r"kept\d", 0)  # from its file
    assert stale.exists()


def test_leftovers_of_interrupted_writes_are_dropped_after_an_hour(cache: Path) -> None:
    (path,) = _files(cache, r"kept\w")
    leftover, writing = cache / f"{path.name}.123.tmp", cache / f"{path.name}.456.tmp"
    leftover.write_bytes(b"half a file")
    writing.write_bytes(b"being written")
    _age(leftover, 7200)
    assert lazyre.prune(str(cache)) == 1
    assert not leftover.exists() and writing.exists() and path.exists()


def test_a_missing_folder_has_nothing_to_prune(tmp_path: Path) -> None:
    assert lazyre.prune(str(tmp_path / "nowhere")) == 0
