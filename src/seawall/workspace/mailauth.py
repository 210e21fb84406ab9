"""SPF, DKIM and DMARC records read as RFC 7208, RFC 6376 and RFC 7489 define them (pure functions)."""

from __future__ import annotations

import base64
import binascii

from seawall.workspace.inventory import Txt


def spf_records(txt: Txt) -> list[str]:
    """The SPF records among the TXT records: those whose version is exactly ``v=spf1``."""
    return [r for r in txt.records if r.strip().lower().split(" ", 1)[0] == "v=spf1"]


def spf_terms(record: str) -> list[str]:
    return record.strip().split()[1:]


def spf_all(record: str) -> str | None:
    """The qualifier of the ``all`` mechanism: '-', '~', '?', '+', or None without one."""
    for term in spf_terms(record):
        low = term.lower()
        if low in ("all", "+all", "-all", "~all", "?all"):
            return "+" if low == "all" else low[0]
    return None


def spf_redirect(record: str) -> str | None:
    """The ``redirect=`` modifier's domain; it applies only when the record has no ``all``."""
    if spf_all(record) is not None:
        return None
    for term in spf_terms(record):
        if term.lower().startswith("redirect="):
            return term.split("=", 1)[1].rstrip(".").lower() or None
    return None


def tags(record: str) -> dict[str, str]:
    """``k=v; k=v`` tags (DKIM, DMARC), keys lower-cased, values stripped."""
    out = {}
    for part in record.split(";"):
        key, sep, value = part.partition("=")
        if sep:
            out[key.strip().lower()] = "".join(value.split()) if key.strip().lower() == "p" else value.strip()
    return out


def dkim_records(txt: Txt) -> list[str]:
    """The DKIM key records: ``v=DKIM1`` (optional per RFC 6376) or a ``p=`` tag."""
    return [r for r in txt.records if "p" in tags(r) or r.strip().lower().startswith("v=dkim1")]


def dkim_key_bits(record: str) -> int:
    """The RSA modulus size of the record's ``p=`` key. Raises ValueError when it is not an RSA key."""
    found = tags(record)
    if found.get("k", "rsa").lower() != "rsa":
        raise ValueError(f"the key type is {found['k']}, not rsa")
    key = found.get("p", "")
    if not key:
        raise ValueError("the key is empty (revoked)")
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.hazmat.primitives.serialization import load_der_public_key

    try:
        public = load_der_public_key(base64.b64decode(key, validate=True))
    except (binascii.Error, ValueError) as exc:
        raise ValueError(f"the p= key does not decode: {exc}") from None
    if not isinstance(public, rsa.RSAPublicKey):
        raise ValueError("the p= key is not an RSA key")  # noqa: TRY004 - a bad record, not a bad call
    return int(public.key_size)


def dmarc_records(txt: Txt) -> list[str]:
    return [r for r in txt.records if r.strip().lower().replace(" ", "").startswith("v=dmarc1")]


def addresses(value: str) -> list[str]:
    """``mailto:`` addresses of an rua/ruf tag, lower-cased, size limits (``!10m``) dropped."""
    out = []
    for uri in value.split(","):
        uri = uri.strip()
        if uri.lower().startswith("mailto:"):
            out.append(uri[7:].split("!", 1)[0].lower())
    return out
