"""A symbolic link a file scan followed because it was named on the command line."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class FollowedLink:
    """A symbolic link named on the command line: scanned as its target, reported under its own name."""

    path: str
    target: str
