"""One big file scanned by several workers at once, each taking a share of its work.

Workers share a folder file by file; one big file (a minified bundle, a one-line JSON export, a dump)
would keep a single worker busy while the others wait. Its work is shared out instead:

- the line-scoped rules, which on keyword-dense text do most of the work, are shared by position: each
  worker asks the engine for them in its own stretch of the file (``OVERLAP`` wider on either side),
  tries the keyword occurrences there and reports the secrets that start in its stretch;
- every other rule is found in the whole file, by the first worker alone, which takes them all: its
  stretch is shorter by what that pass over the whole file costs (``_WHOLE_BYTES``). When every worker
  made that pass, each paid it in full (11 ms of a worker's 110 on 8 MB of keyword-dense minified
  code, 5.5 of 13 on a base64 blob).

Findings are the same as one worker's, in the same order: the parent puts each worker's hits back in
rule order (``merge``). A worker also tries the occurrences in the ``OVERLAP`` bytes before its
stretch, so that of two keywords naming the same secret (``api_key_token = ...``), the one a single
worker would try first is tried first here too; and those in the ``OVERLAP`` bytes after it, where a
keyword may stand after the start of the secret's match (a setter's ``with_password(``, a name's last
part). No line-scoped match is longer than ``OVERLAP``: the engine's look at a stretch sees whole every
match that starts in it. And every line-scoped rule found through its keywords is a pattern rule (none
reads the file itself with an ``extract``, whose findings could lie far from the keywords of a stretch).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from seawall.secrets.detect import Spans, Windows, scan_bytes
from seawall.secrets.results import Hit
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False
if TYPE_CHECKING:
    from seawall.secrets.engines import Engine

# Bytes a keyword may stand before the secret it names (a name, separators and a quote); a worker also
# tries the occurrences this far before its stretch.
OVERLAP = 64 * 1024
# What the first worker's pass over the whole file (the rules that are not shared by position) costs
# per byte, in the units of ``_work`` (a byte of plain text): where two workers of 8 MB files finish
# closest (minified bundles, one-line JSON records, base64 blobs; 0.35 and 0.65 left them further
# apart).
_WHOLE_BYTES = 0.5


@dataclass(frozen=True, slots=True, eq=False)
class Share:
    """One worker's part of a file: whole rules (by their index among the engine's candidates), and
    for the rules shared by position, the keyword occurrences it tries and where its secrets start."""

    rules: tuple[int, ...]
    spans: Spans
    windows: Windows


def by_position(rule: Rule) -> bool:
    """Whether a rule is shared by position (found through its keywords), not taken whole by the
    first worker."""
    return rule.line_scoped and bool(rule.keywords) and rule.extract is None


def _positions(rule: Rule, spans: Spans | None) -> list[int] | None:
    """The keyword occurrences of a rule shared by position, None for a rule that goes whole."""
    if not by_position(rule) or spans is None:
        return None
    return spans.get(rule.id)


def stretches(data: bytes, parts: int) -> list[tuple[int, int]]:
    """Each worker's stretch of a file: where the secrets it reports start. The workers hold about
    the same work, as samples of the file tell it (``_work``): a bundle's libraries differ in how
    often credential words occur, and where they are dense a byte costs several times more (102 minified
    npm files joined: 7,787 keyword places in the first half, 523 in the second). The first worker's
    pass over the whole file counts as work before its stretch (``_WHOLE_BYTES``). Every worker draws
    the same stretches from the same bytes."""
    size = len(data)
    block, blocks = _work(data)
    first = size * _WHOLE_BYTES
    total = sum(blocks) + first
    borders = [0]
    done = first
    for k, cost in enumerate(blocks):
        while len(borders) < parts and done + cost >= total * len(borders) / parts:
            into = (total * len(borders) / parts - done) / cost if cost else 0.0
            borders.append(min(size, max(borders[-1], k * block + round(into * block))))
        done += cost
    borders += [size] * (parts - len(borders))
    return [(borders[k], size + 1 if k == parts - 1 else borders[k + 1]) for k in range(parts)]


# The file is weighed in this many blocks, each by a sample of this many bytes at its start: the words
# the generic rules' keywords are made of, each occurrence weighing as many bytes as its tries cost
# (measured on joined npm bundles: a keyword place costs about what 400 to 500 bytes of plain minified
# code do).
_BLOCKS = 64
_SAMPLE = 4096
_WORDS = (b"pass", b"pwd", b"token", b"secret", b"key", b"auth", b"credential")
_WORD_BYTES = 400


def _work(data: bytes) -> tuple[int, list[float]]:
    """The blocks' length, and each one's estimated work in bytes of plain text (its length, and its
    words' weight)."""
    size = len(data)
    block = max(1, -(-size // _BLOCKS))
    costs = []
    for start in range(0, size, block):
        sample = data[start : start + min(block, _SAMPLE)].lower()
        words = sum(sample.count(word) for word in _WORDS)
        length = min(block, size - start)
        costs.append(length * (1.0 + words * _WORD_BYTES / len(sample)))
    return block, costs or [0.0]


def plan(rules: Sequence[Rule], spans: Spans | None, bounds: list[tuple[int, int]]) -> list[Share]:
    """How workers share a file's candidate rules, one per stretch (``bounds``). The rules that go
    whole go to the first worker, which finds them in the whole file; a worker's rules shared by
    position are those it found in its own stretch (the others' entries are what it found there,
    unused)."""
    parts = len(bounds)
    chosen: list[list[int]] = [[] for _ in range(parts)]
    shared_spans: list[Spans] = [{} for _ in range(parts)]
    windows: list[Windows] = [{} for _ in range(parts)]
    for index, rule in enumerate(rules):
        starts = _positions(rule, spans)
        if starts is None:
            chosen[0].append(index)
            if spans is not None and rule.id in spans:
                shared_spans[0][rule.id] = spans[rule.id]
            continue
        for k, (low, high) in enumerate(bounds):
            mine = _slice(starts, low - OVERLAP, high + OVERLAP)
            if not mine:
                continue
            chosen[k].append(index)
            shared_spans[k][rule.id] = mine
            windows[k][rule.id] = (low, high)
    return [Share(tuple(sorted(chosen[k])), shared_spans[k], windows[k]) for k in range(parts)]


def _slice(starts: list[int], low: int, high: int) -> list[int]:
    return starts[bisect.bisect_left(starts, low) : bisect.bisect_left(starts, high)]


def share_hits(engine: Engine, data: bytes, display: str, part: int, parts: int) -> list[tuple[int, Hit]]:
    """The hits of worker ``part`` of ``parts`` in one file, each with its rule's place in the rule set
    (for ``merge``)."""
    bounds = stretches(data, parts)
    low, high = bounds[part]
    region = (max(0, low - OVERLAP), min(len(data), high + OVERLAP))
    rules, spans = engine.candidates(data, region, display, whole=part == 0)
    # Rules that search nothing in such a file take no share (every worker leaves out the same ones).
    rules = [rule for rule in rules if not rule.searches_nothing_in(display)]
    if not rules:
        return []
    mine = plan(rules, spans, bounds)[part]
    picked = [rules[i] for i in mine.rules]
    rank = {ref.id: n for n, ref in enumerate(getattr(engine.rules, "refs", engine.rules))}
    return [
        (rank[m.rule.id], Hit.from_match(display, m))
        for m in scan_bytes(data, picked, display, mine.spans, mine.windows)
    ]


def merge(parts: Iterable[list[tuple[int, Hit]]]) -> list[Hit]:
    """The workers' hits (given in part order) in the order one worker would have found them: rule by
    rule, and within a rule shared by position, stretch by stretch."""
    tagged = [item for part in parts for item in part]
    tagged.sort(key=lambda item: item[0])  # stable: each part's hits of a rule stay in their order
    return [hit for _, hit in tagged]
