"""Where the rules' keywords occur in a big buffer, found in one pass: the pure-Python engine's prefilter.

Without Hyperscan, which rules can match a buffer is told by their keywords. Looking for each of
several hundred keywords with its own substring search reads the buffer once per keyword that is absent
(most are: provider prefixes, file-format markers), which on a megabyte is most of a scan's time. Here
the keywords are one regular expression shaped as their trie (``pass(?:w(?:or)?d|phrase)?|...``): one
search finds, from a position, the next place where any keyword starts, and the longest keyword that
starts there. Searching again one byte after each start finds every start, overlapping ones included; a
keyword starts at a place exactly when it is a prefix of the longest one found there. So the keywords
present, and where each starts, are exactly what a substring search per keyword gives.

Keywords shorter than ``MIN_LENGTH`` (single letters and digits, ``${``, ``-u``) start almost everywhere
in text: they are left to ``bytes.find``, which finds them at once, and the trie would stop at each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from itertools import chain

from seawall.lazyre import cached_compile

MIN_LENGTH = 3

# A trie of byte strings: each node maps a byte to the node below it; ``_END`` marks a keyword's end.
_END = -1
_Trie = dict[int, "_Trie"]


class KeywordIndex:
    """Keyword occurrences in a (lowercased) buffer, for a fixed set of lowercase keywords."""

    def __init__(self, keywords: Iterable[bytes]) -> None:
        unique = sorted(set(keywords))
        self.short = tuple(k for k in unique if len(k) < MIN_LENGTH)
        long = [k for k in unique if len(k) >= MIN_LENGTH]
        # For each keyword, every keyword that is a prefix of it (itself included): where it is the
        # longest keyword starting at a place, those start there too.
        known = set(long)
        self._prefixes = {
            k: tuple(k[:n] for n in range(MIN_LENGTH, len(k) + 1) if k[:n] in known) for k in long
        }
        self._search = cached_compile(_trie_pattern(long)).search if long else None

    def occurrences(self, lower: bytes) -> dict[bytes, list[int]]:
        """Each keyword of at least ``MIN_LENGTH`` bytes present in ``lower``, with its starts in order."""
        search = self._search
        if search is None:
            return {}
        by_longest: dict[bytes, list[int]] = {}
        found = search(lower)
        while found is not None:
            start = found.start()
            by_longest.setdefault(found.group(), []).append(start)
            found = search(lower, start + 1)
        # A keyword's starts: those of every longest keyword it is a prefix of, merged in order (each
        # place has one longest keyword, so none repeats).
        sources: dict[bytes, list[list[int]]] = {}
        for longest, places in by_longest.items():
            for keyword in self._prefixes[longest]:
                sources.setdefault(keyword, []).append(places)
        return {
            k: lists[0] if len(lists) == 1 else sorted(chain.from_iterable(lists))
            for k, lists in sources.items()
        }


def _trie_pattern(keywords: list[bytes]) -> bytes:
    """A regular expression matching exactly ``keywords``, the longest one where several start."""
    trie: _Trie = {}
    for keyword in keywords:
        node = trie
        for byte in keyword:
            node = node.setdefault(byte, {})
        node[_END] = {}
    return _branches(trie)


def _branches(node: _Trie) -> bytes:
    # Greedy: the longer continuation is tried first, so the match is the longest keyword.
    alternatives = [
        re.escape(bytes([byte])) + _branches(below) for byte, below in sorted(node.items()) if byte != _END
    ]
    if not alternatives:
        return b""
    body = alternatives[0] if len(alternatives) == 1 else b"(?:" + b"|".join(alternatives) + b")"
    return b"(?:" + body + b")?" if _END in node else body
