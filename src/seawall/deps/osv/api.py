"""The online OSV API: ``POST /v1/querybatch`` says which advisories name each package version (ids
and ``modified``), ``GET /v1/vulns/{id}`` gives each record, cached on disk and fetched again only when
the batch answer says it was modified since. Base URL: ``SEAWALL_OSV_API_URL``."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import quote

from seawall.deps.osv.records import Advisory, from_json, name_key
from seawall.deps.packages import Package
from seawall.errors import EndpointError

DEFAULT_API = "https://api.osv.dev"
BATCH = 1000  # the API's limit of queries per batch
TIMEOUT = 30.0
_SAFE_ID = re.compile(r"^[A-Za-z0-9._:-]+$")


def request_json(url: str, body: dict[str, Any] | None = None, timeout: float = TIMEOUT) -> Any:
    """GET (or POST ``body``) and decode JSON; any failure is an EndpointError naming what came back."""
    import urllib.error
    import urllib.request

    from seawall.errors import describe_reply

    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})  # noqa: S310
    try:
        with urllib.request.urlopen(req, timeout=timeout) as reply:  # noqa: S310 (a configured https URL)
            raw = reply.read()
            status, kind = reply.status, reply.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raw = exc.read()
        raise EndpointError(
            f"OSV API {url}: {describe_reply(exc.code, exc.headers.get('Content-Type', ''), raw)}"
        ) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise EndpointError(f"OSV API {url} could not be reached: {reason}") from None
    try:
        return json.loads(raw)
    except json.JSONDecodeError:
        raise EndpointError(f"OSV API {url}: {describe_reply(status, kind, raw)}") from None


class OnlineSource:
    def __init__(self, base: str, cache: Path) -> None:
        self.base = base.rstrip("/")
        self.cache = cache / "osv-api"
        self.description = f"OSV API {self.base}"
        self.fetched = 0  # records fetched (not served from the cache) by this run

    def advisories(self, packages: Sequence[Package]) -> dict[tuple[str, str], list[Advisory]]:
        unique = sorted({(p.ecosystem.value, p.name, p.version) for p in packages})
        ids: dict[tuple[str, str], dict[str, str]] = {}
        for start in range(0, len(unique), BATCH):
            chunk = unique[start : start + BATCH]
            for (ecosystem, name, _v), vulns in zip(chunk, self._batch(chunk), strict=True):
                ids.setdefault((ecosystem, name_key(ecosystem, name)), {}).update(vulns)
        wanted = {i: m for found in ids.values() for i, m in found.items()}
        records = self._records(wanted)
        return {key: [records[i] for i in sorted(found) if i in records] for key, found in ids.items()}

    def gaps(self) -> list[str]:
        return []

    def signature(self) -> str:
        return ""  # the API's answers change without notice: nothing is kept between runs

    def asked(self, ecosystems: list[str]) -> None:
        return

    def _batch(self, chunk: list[tuple[str, str, str]]) -> list[dict[str, str]]:
        queries = [{"package": {"ecosystem": e, "name": n}, "version": v} for e, n, v in chunk]
        out: list[dict[str, str]] = [{} for _ in chunk]
        pending = list(range(len(chunk)))
        tokens: dict[int, str] = {}
        while pending:
            body = [dict(queries[i], **({"page_token": tokens[i]} if i in tokens else {})) for i in pending]
            reply = request_json(f"{self.base}/v1/querybatch", {"queries": body})
            results = reply.get("results") if isinstance(reply, dict) else None
            if not isinstance(results, list) or len(results) != len(pending):
                raise EndpointError(
                    f"OSV API {self.base}/v1/querybatch: an answer without one result per query"
                )
            again = []
            for i, result in zip(pending, results, strict=True):
                for vuln in (result or {}).get("vulns") or []:
                    out[i][str(vuln["id"])] = str(vuln.get("modified", ""))
                if (result or {}).get("next_page_token"):
                    tokens[i] = str(result["next_page_token"])
                    again.append(i)
            pending = again
        return out

    def _records(self, wanted: dict[str, str]) -> dict[str, Advisory]:
        with ThreadPoolExecutor(max_workers=8) as pool:
            pairs = list(pool.map(lambda item: (item[0], self._record(*item)), sorted(wanted.items())))
        return {i: a for i, a in pairs if a is not None and not a.withdrawn}

    def _record(self, vuln_id: str, modified: str) -> Advisory | None:
        if not _SAFE_ID.match(vuln_id):
            return None
        cached = self.cache / f"{vuln_id}.json"
        record: dict[str, Any] | None = None
        if cached.is_file():
            try:
                record = json.loads(cached.read_bytes())
            except (OSError, json.JSONDecodeError):
                record = None
        if record is None or (modified and str(record.get("modified", "")) < modified):
            record = request_json(f"{self.base}/v1/vulns/{quote(vuln_id)}")
            if not isinstance(record, dict) or "id" not in record:
                raise EndpointError(f"OSV API {self.base}/v1/vulns/{vuln_id}: not an OSV record")
            from seawall.cachedir import store

            store(cached, json.dumps(record).encode())
            self.fetched += 1
        return from_json(record)
