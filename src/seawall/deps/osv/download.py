"""`seawall deps db update`: download each ecosystem's ``all.zip`` of the OSV export into the cache
(base URL ``SEAWALL_OSV_DB_URL``), check it is a zip of records, and index it."""

from __future__ import annotations

import os
import zipfile
from collections.abc import Sequence
from pathlib import Path

from seawall.deps.packages import Ecosystem
from seawall.errors import EndpointError

DEFAULT_DB_URL = "https://osv-vulnerabilities.storage.googleapis.com"
ECOSYSTEMS = tuple(e.value for e in Ecosystem)


def default_db(cache: Path) -> Path:
    return cache / "osv"


def update(base: str, target: Path, ecosystems: Sequence[str] = ECOSYSTEMS) -> list[tuple[str, int]]:
    """(ecosystem, bytes) downloaded; a failure leaves the previous copy in place."""
    import urllib.error
    import urllib.request
    from urllib.parse import quote

    done = []
    for ecosystem in ecosystems:
        url = f"{base.rstrip('/')}/{quote(ecosystem)}/all.zip"
        folder = target / ecosystem
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"all.zip.{os.getpid()}.tmp"
        try:
            with urllib.request.urlopen(url, timeout=120) as reply, tmp.open("wb") as out:  # noqa: S310
                while chunk := reply.read(1 << 20):
                    out.write(chunk)
        except (urllib.error.URLError, OSError) as exc:
            tmp.unlink(missing_ok=True)
            raise EndpointError(f"OSV database {url}: {getattr(exc, 'reason', exc)}") from None
        if not zipfile.is_zipfile(tmp):
            tmp.unlink(missing_ok=True)
            raise EndpointError(f"OSV database {url}: not a zip file")
        size = tmp.stat().st_size
        tmp.replace(folder / "all.zip")
        done.append((ecosystem, size))
    return done
