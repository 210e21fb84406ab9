"""The built-in rules without importing them: a manifest of what the engines need (id, pattern,
keywords, flags), cached on disk, and rule modules imported only when one of their rules is a
candidate. Start-up is most of a pre-commit scan, and importing every rule module is most of that."""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from seawall import __version__
from seawall.cachedir import cache_dir, store
from seawall.secrets.rules import builtin_rules, module_of
from seawall.secrets.rules.base import Rule

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (start-up time)
if TYPE_CHECKING:
    from typing import overload

_PACKAGE = "seawall.secrets.rules"


@dataclass(frozen=True, slots=True, eq=False)  # never compared: no __eq__, __hash__ to make at start
class RuleRef:
    """What a prefilter engine needs of a rule, without the rule's module."""

    id: str
    module: str
    pattern: str
    keywords: tuple[str, ...]
    ignore_case: bool
    line_scoped: bool
    requires: str = ""


def _signature() -> str:
    """Changes whenever a rule module (or seawall) changes."""
    from seawall.secrets import rules

    digest = hashlib.sha256(__version__.encode())
    for folder in rules.__path__:
        for name in sorted(os.listdir(folder)):
            if name.endswith((".py", ".pyc")):
                st = os.stat(os.path.join(folder, name))
                digest.update(f"{name}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return digest.hexdigest()[:32]


def _build() -> tuple[RuleRef, ...]:
    return tuple(
        RuleRef(r.id, module_of(r.id), r.pattern, r.keywords, r.ignore_case, r.line_scoped, r.requires)
        for r in builtin_rules()
    )


def manifest() -> tuple[tuple[RuleRef, ...], str]:
    """The built-in rules' references and the signature that names this version of them."""
    signature = _signature()
    path = cache_dir() / f"rules-{signature}.marshal"
    try:
        # marshal, not json: it loads several times faster, and json would be imported for this alone.
        rows = marshal.loads(path.read_bytes())  # noqa: S302 (seawall's own cache, as trusted as its .pyc)
        refs = tuple(RuleRef(r[0], r[1], r[2], tuple(r[3]), bool(r[4]), bool(r[5]), str(r[6])) for r in rows)
    except (OSError, EOFError, ValueError, TypeError, IndexError):
        refs = _build()
        rows = [
            (r.id, r.module, r.pattern, r.keywords, r.ignore_case, r.line_scoped, r.requires) for r in refs
        ]
        store(path, marshal.dumps(rows))
    return refs, signature


_LOADED: dict[str, dict[str, Rule]] = {}


def load(ref: RuleRef) -> Rule:
    """The rule itself, importing its module on first use."""
    rules = _LOADED.get(ref.module)
    if rules is None:
        # An import statement's machinery, not importlib.import_module: ``python -X importtime`` (how
        # the hook's start-up is measured) shows only what goes through it.
        module = __import__(f"{_PACKAGE}.{ref.module}", fromlist=["RULES"])
        rules = {r.id: r for r in getattr(module, "RULES", ())}
        _LOADED[ref.module] = rules
    return rules[ref.id]


class RuleSet(Sequence[Rule]):
    """Built-in rules by reference plus extra (custom) rules, as one sequence that loads on access."""

    def __init__(self, refs: Sequence[RuleRef], extra: Sequence[Rule], signature: str) -> None:
        self.refs: tuple[RuleRef | Rule, ...] = (*refs, *extra)
        self._extra = {r.id: r for r in extra}
        self._index = {r.id: i for i, r in enumerate(self.refs)}
        custom = "".join(f"{r.id}\0{r.pattern}\0{r.keywords}\0{r.ignore_case}\n" for r in extra)
        self.signature = hashlib.sha256(f"{signature}\0{custom}".encode()).hexdigest()[:32]

    def __len__(self) -> int:
        return len(self.refs)

    if TYPE_CHECKING:  # the overloads are the type checker's only (typing is not imported at run time)

        @overload
        def __getitem__(self, index: int) -> Rule: ...

        @overload
        def __getitem__(self, index: slice) -> Sequence[Rule]: ...

    def __getitem__(self, index: int | slice) -> Rule | Sequence[Rule]:
        if isinstance(index, slice):
            return tuple(self._resolve(r) for r in self.refs[index])
        return self._resolve(self.refs[index])

    def __iter__(self) -> Iterator[Rule]:
        return (self._resolve(r) for r in self.refs)

    def ids(self) -> list[str]:
        return [r.id for r in self.refs]

    def by_id(self, rule_id: str) -> Rule:
        return self._resolve(self.refs[self._index[rule_id]])

    @staticmethod
    def _resolve(ref: RuleRef | Rule) -> Rule:
        return ref if isinstance(ref, Rule) else load(ref)
