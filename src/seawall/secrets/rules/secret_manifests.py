"""Kubernetes Secret manifests: ``data:`` values are base64 (an encoding, not encryption), so each is
decoded and judged by what it holds (a password under a password-like key, a token, a URL or config
with a password, ``.dockerconfigjson`` registry credentials); ``stringData:`` values are judged as
they are. YAML (one or many documents) and JSON (``kubectl get secret -o json``, Lists) are read.
Private keys (``tls.key``, ``ssh-privatekey``) are the private-key rules' to report.
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterator
from typing import Any

from seawall.model import Confidence, Severity
from seawall.secrets.context import name_is_secret
from seawall.secrets.rules._structured import (
    b64_bytes,
    b64_text,
    load_json,
    password_ok,
    secret_name,
    string_values,
    token_ok,
)
from seawall.secrets.rules.base import Extracted, Rule

_KIND = r"kind[\"']?[ \t]*:[ \t]*[\"']?Secret\b"
_KIND_LINE = re.compile(rb"(?m)^[ \t]*(?:-[ \t]+)?kind[ \t]*:[ \t]*[\"']?Secret[\"']?[ \t]*(?:#[^\n]*)?\r?$")
_DOCUMENT = re.compile(rb"(?m)^---[^\n]*$")
_BLOCK = re.compile(
    rb"(?m)^(?P<indent>[ \t]*)(?:-[ \t]+)?(?P<block>data|stringData)[ \t]*:[ \t]*(?:#[^\n]*)?\r?$"
)
_ENTRY = re.compile(
    rb"(?P<indent>[ \t]*)(?P<key>\"[^\"\n]{1,253}\"|'[^'\n]{1,253}'|[^\s:#\"'][^:\n]{0,252}?)[ \t]*:(?:[ \t]+|$)"
)
_NOT_SECRET_KEY = re.compile(
    r"(?i)(?:^|[_\-.])(?:user(?:name)?|login|host(?:name)?|port|database|db(?:name)?|server|region|bucket|"
    r"namespace|e?mail|schema|vhost|cluster|domain|issuer|audience|tenant|account|project|sender|from|to|"
    r"protocol|scheme|mode|level|timeout|enabled)$"
)
_URL_PASSWORD = re.compile(r"://(?P<user>[^\s:/@]{0,100}):(?P<pw>[^\s:/@]{1,200})@")
# A connection string's password (ADO.NET, ODBC, JDBC's Microsoft driver): ``...;Password=...;``.
_CONNECTION_PASSWORD = re.compile(
    r"(?i)(?:^|;)[ \t]*(?:password|pwd)[ \t]*=[ \t]*(?P<pw>[^;\s][^;\n]{0,199})"
)
_CONFIG_LINE = re.compile(
    r"(?im)^[ \t]*(?:export[ \t]+)?(?P<name>[\w.\-]{0,60}(?:passw(?:or)?d|secret|token|api[_\-]?key|pwd))"
    r"[ \t]*[=:][ \t]*[\"']?(?P<value>[^\s\"']{4,200})"
)
_DOCKER_CONFIG = frozenset({".dockerconfigjson", ".dockercfg"})


def _docker_config_secret(text: str) -> bool:
    """``.dockerconfigjson``: a registry entry with a password or a ``user:password`` auth."""
    try:
        config = json.loads(text)
    except ValueError:
        return False
    auths = config.get("auths", config) if isinstance(config, dict) else {}
    for entry in auths.values() if isinstance(auths, dict) else ():
        if not isinstance(entry, dict):
            continue
        password = entry.get("password")
        if isinstance(password, str) and password_ok(password):
            return True
        pair = b64_text(entry["auth"]) if isinstance(entry.get("auth"), str) else None
        user, _, secret = (pair or "").partition(":")
        if secret and secret != user and password_ok(secret):
            return True
    return False


def _text_secret(key: str, text: str) -> bool:
    """Whether a Secret's value (decoded, for ``data:``) is a credential."""
    if key in _DOCKER_CONFIG:
        return _docker_config_secret(text)
    if "-----BEGIN" in text:
        return False  # key material: the private-key rules report it
    url = _URL_PASSWORD.search(text)
    if url is not None:
        return url.group("pw") != url.group("user") and password_ok(url.group("pw"))
    connection = _CONNECTION_PASSWORD.search(text) if ";" in text else None
    if connection is not None:
        return password_ok(connection.group("pw").rstrip())
    if "\n" in text:
        lines = _CONFIG_LINE.finditer(text)
        return any(name_is_secret(m.group("name")) and password_ok(m.group("value")) for m in lines)
    if secret_name(key):
        return password_ok(text)
    if _NOT_SECRET_KEY.search(key) or not name_is_secret(key):
        return False
    return token_ok(text)


def _data_secret(key: str, value: str) -> bool:
    text = b64_text(value)
    if text is not None:
        return _text_secret(key, text)
    raw = b64_bytes(value)  # random key bytes under a secret-like name
    return raw is not None and len(raw) >= 16 and secret_name(key) and len(set(raw)) >= 12


def _unquote(raw: bytes) -> tuple[str, int, int]:
    """A YAML scalar's text and the offsets of its content within ``raw`` (a block scalar is skipped)."""
    value = re.split(rb"[ \t]+#", raw, maxsplit=1)[0].rstrip()
    if value[:1] in (b'"', b"'") and len(value) >= 2 and value[-1:] == value[:1]:
        return value[1:-1].decode("utf-8", "replace"), 1, len(value) - 1
    if value[:1] in (b"|", b">", b"&", b"*", b"!"):
        return "", 0, 0
    return value.decode("utf-8", "replace"), 0, len(value)


def _block_entries(data: bytes, pos: int, end: int, indent: int) -> Iterator[tuple[str, int, int]]:
    """(key, value start, value end) of the entries of a ``data:``/``stringData:`` block."""
    child = -1
    while pos < end:
        line_end = data.find(b"\n", pos, end)
        line_end = end if line_end == -1 else line_end
        line = data[pos:line_end]
        stripped = line.strip()
        width = len(line) - len(line.lstrip(b" \t"))
        if stripped and not stripped.startswith(b"#"):
            if width <= indent:
                return
            m = _ENTRY.match(line)
            if child == -1:
                child = width
            if m is not None and width == child:
                key = m.group("key").strip(b"\"'").decode("utf-8", "replace")
                text, start, stop = _unquote(line[m.end() :])
                if text:
                    yield key, pos + m.end() + start, pos + m.end() + stop
        pos = line_end + 1


def _yaml_secrets(data: bytes) -> Iterator[Extracted]:
    bounds = [0, *(m.start() for m in _DOCUMENT.finditer(data)), len(data)]
    for doc_start, doc_end in itertools.pairwise(bounds):
        if not _KIND_LINE.search(data, doc_start, doc_end):
            continue
        for block in _BLOCK.finditer(data, doc_start, doc_end):
            indent = len(block.group("indent"))
            encoded = block.group("block") == b"data"
            for key, start, end in _block_entries(data, block.end() + 1, doc_end, indent):
                value = data[start:end].decode("utf-8", "replace")
                if _data_secret(key, value) if encoded else _text_secret(key, value):
                    yield Extracted(start, end, key)


def _secret_objects(value: Any) -> Iterator[dict[str, Any]]:
    if isinstance(value, dict):
        if value.get("kind") == "Secret":
            yield value
        yield from _secret_objects(value.get("items"))
    elif isinstance(value, list):
        for item in value:
            yield from _secret_objects(item)


def _json_secrets(data: bytes) -> Iterator[Extracted]:
    pairs: set[tuple[str, str]] = set()
    for secret in _secret_objects(load_json(data)):
        for block, judge in (("data", _data_secret), ("stringData", _text_secret)):
            entries = secret.get(block)
            if isinstance(entries, dict):
                pairs.update((k, v) for k, v in entries.items() if isinstance(v, str) and judge(k, v))
    if pairs:
        for key, value, start, end in string_values(data):
            if (key, value) in pairs:
                yield Extracted(start, end, key)


def _extract(data: bytes, path: str) -> Iterator[Extracted]:
    if not re.search(_KIND.encode(), data):
        return
    if data.lstrip()[:1] in (b"{", b"["):
        yield from _json_secrets(data)
    else:
        yield from _yaml_secrets(data)


_MANIFEST = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {name}\ntype: Opaque\n{body}"

RULES = (
    Rule(
        id="kubernetes-secret-data",
        title="Credential in a Kubernetes Secret manifest",
        description=(
            "A Kubernetes Secret's value (base64 under `data:`, which anyone can decode, or plain under "
            "`stringData:`) is a password, token, registry credential or connection string with a password."
        ),
        severity=Severity.HIGH,
        pattern=_KIND,
        keywords=("kind",),
        remediation=(
            "Rotate the credential, remove the manifest from the repository and its history, and deliver "
            "secrets from a secrets manager (External Secrets Operator, Sealed Secrets, SOPS, CSI driver) "
            "instead of committing Secret manifests."
        ),
        references=(
            "https://kubernetes.io/docs/concepts/configuration/secret/",
            "https://kubernetes.io/docs/concepts/security/secrets-good-practices/",
        ),
        examples=(
            _MANIFEST.format(
                name="db", body="data:\n  username: b3JkZXJz\n  DB_PASS: SHg0LXBROSF0UjJ2Vzd6Sw==\n"
            ),
            _MANIFEST.format(
                name="app",
                body="data:\n  DATABASE_URL: cG9zdGdyZXM6Ly9vcmRlcnM6SHg0LXBROSF0UjJ2Vzd6S0BkYi5pbnRlcm5hbDo1"
                "NDMyL29yZGVycw==\n",
            ),
            _MANIFEST.format(name="rabbit", body="stringData:\n  erlang-cookie: QCPNDSVUWABKVIRSEMMI\n"),
            _MANIFEST.format(
                name="edi",
                body="data:\n  EDI_CONNECTION: U2VydmVyPWVkaS1zcWw7RGF0YWJhc2U9ZWRpO1VzZXIgSWQ9ZWRpO1Bhc3N3"
                "b3JkPVc3cm1ucXZYbFlmNlRxUjkwdDs=\n",
            ),
            '{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "api"}, "data": '
            '{"api-token": "OWY4ZTdkNmM1YjRhMzkyODE3MDZmNWU0ZDNjMmIxYTA="}}',
        ),
        counter_examples=(
            _MANIFEST.format(name="db", body="data:\n  username: b3JkZXJz\n  password: Y2hhbmdlbWU=\n"),
            _MANIFEST.format(
                name="db", body="data:\n  password: {{ .Values.db.password | b64enc | quote }}\n"
            ),
            _MANIFEST.format(name="app", body="data:\n  DATABASE_HOST: ZGIuaW50ZXJuYWw=\n  PORT: NTQzMg==\n"),
            _MANIFEST.format(
                name="edi",
                body="data:\n  EDI_CONNECTION: U2VydmVyPWVkaS1zcWw7RGF0YWJhc2U9ZWRpO1VzZXIgSWQ9ZWRpO1Bhc3N3"
                "b3JkPSR7RURJX1BBU1NXT1JEfTs=\n",
            ),
            "apiVersion: v1\nkind: ConfigMap\ndata:\n  DB_PASS: SHg0LXBROSF0UjJ2Vzd6Sw==\n",
        ),
        extract=_extract,
        generic=True,
        confidence=Confidence.HIGH,
        tags=("kubernetes",),
    ),
)
