"""What a rule's pattern says that takes a parse to find, worked out once per rule set and kept with its
Hyperscan database (``engines``): where the first keyword of a match starts at the latest
(``regexlead.keyword_offset``). Each worker process of each scan would otherwise parse the same
patterns again: about 10 ms for the generic rules that a folder of code meets, in every worker."""

from __future__ import annotations

# (pattern, ignore_case, keywords) -> the offset, or None where the analysis finds no bound.
KEYWORD_OFFSETS: dict[tuple[str, bool, tuple[str, ...]], int | None] = {}
