"""``yarn.lock``: yarn 1's own format (``# yarn lockfile v1``) and yarn Berry's YAML (``__metadata``).
Both list each resolved version once, under the ranges that resolved to it; neither says what is direct
or for development."""

from __future__ import annotations

import re

from seawall.deps.packages import Ecosystem, MalformedLockfile, Package, Parsed

_LOCAL = ("@workspace:", "@link:", "@portal:", "@file:", "@exec:")
_PLAIN = re.compile(r"^[0-9A-Za-z][0-9A-Za-z.+_-]*$")
_VERSION = re.compile(r'^\s+version:?\s+"?([^"\s]+)"?\s*$')


def parse_yarn_lock(text: str, path: str) -> Parsed:
    out: list[Package] = []
    header: tuple[str, int] | None = None
    berry = "__metadata:" in text
    if not berry and "yarn lockfile v1" not in text[:200] and text.strip():
        raise MalformedLockfile("neither a yarn v1 lockfile (header) nor a Berry one (__metadata)", 1)
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if not line[0].isspace():
            if not line.rstrip().endswith(":"):
                raise MalformedLockfile(f"an entry that does not end with ':': {line[:60]!r}", number)
            header = (line.rstrip()[:-1], number)
            continue
        found = _VERSION.match(line)
        if found and header is not None and line.startswith("  ") and not line.startswith("   "):
            if not _PLAIN.match(found[1]):
                raise MalformedLockfile(f"a version that is not one: {found[1][:60]!r}", number)
            package = _package(header[0], found[1], path, header[1])
            if package is not None:
                out.append(package)
            header = None
    return Parsed(tuple(out))


def _package(specifiers: str, version: str, path: str, line: int) -> Package | None:
    first = specifiers.split(",")[0].strip().strip('"')
    if first == "__metadata" or any(tag in first for tag in _LOCAL) or version == "0.0.0-use.local":
        return None
    at = first.find("@", 1)  # a scoped name starts with '@'
    name = first[:at] if at > 0 else first
    return Package(Ecosystem.NPM, name, version, path, line)
