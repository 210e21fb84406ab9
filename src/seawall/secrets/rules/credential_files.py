"""Files whose name says what they hold and whose format says where the password is, with no keyword
beside it: PPP ``chap-secrets``/``pap-secrets`` (client, server, secret, addresses), PgBouncer's
``userlist.txt`` (``"user" "password"``), and Ansible vault password files (``.vault_pass``: the whole
file is the password). Hashed entries (PgBouncer's ``md5...``/``SCRAM-SHA-256$...``) are not passwords."""

from __future__ import annotations

import os
from collections.abc import Iterator

from seawall.lazyre import lazy_compile
from seawall.model import Confidence, Severity
from seawall.secrets.context import is_passphrase, is_stand_in, plausible_value
from seawall.secrets.rules.base import Extracted, Extractor, Rule

_ANY = tuple("abcdefghijklmnopqrstuvwxyz0123456789")  # the file's name, not a word in it, selects it
# One whitespace-separated field, quoted (PPP allows quotes) or bare.
_FIELD = lazy_compile(rb'"(?P<q>[^"\r\n]*)"|(?P<u>[^\s"]+)')
_USERLIST = lazy_compile(rb'(?m)^[ \t]*"[^"\r\n]{1,200}"[ \t]+"(?P<pw>[^"\r\n]{1,500})"[ \t]*\r?$')
_VAULT_FILE = lazy_compile(r"(?i)^\.?(?:ansible[_\-.])?vault[_\-.]?pass(?:word)?(?:[_\-.]file)?(?:\.txt)?$")


def _password_ok(value: str) -> bool:
    if is_stand_in(value):
        return False
    return plausible_value(value, strict=False) or is_passphrase(value)


def _basename(path: str) -> str:
    return os.path.basename(path.replace("\\", "/"))


def _ppp_secrets(data: bytes, path: str) -> Iterator[Extracted]:
    if _basename(path) not in ("chap-secrets", "pap-secrets"):
        return
    pos = 0
    for line in data.splitlines(keepends=True):
        start = pos
        pos += len(line)
        if line.lstrip().startswith(b"#"):
            continue
        fields = list(_FIELD.finditer(line))
        if len(fields) < 3:
            continue
        group = "q" if fields[2].group("q") is not None else "u"
        a, b = fields[2].span(group)
        if _password_ok(line[a:b].decode("utf-8", "replace")):
            yield Extracted(start + a, start + b, _basename(path))


def _pgbouncer_userlist(data: bytes, path: str) -> Iterator[Extracted]:
    if _basename(path) != "userlist.txt":
        return
    for m in _USERLIST.finditer(data):
        if _password_ok(m.group("pw").decode("utf-8", "replace")):
            yield Extracted(m.start("pw"), m.end("pw"), "userlist.txt")


def _vault_password_file(data: bytes, path: str) -> Iterator[Extracted]:
    if len(data) > 256 or not _VAULT_FILE.match(_basename(path)) or data.startswith(b"#!"):
        return
    text = data.strip()
    if not text or b"\n" in text:
        return
    if _password_ok(text.decode("utf-8", "replace")):
        start = data.index(text)
        yield Extracted(start, start + len(text), _basename(path))


_ROTATE = (
    "Change the password where it is used (the PPP peer, the database role, the Ansible vault: rekey it "
    "with `ansible-vault rekey`), remove the file from the repository and its history, and keep it out "
    "of source control (.gitignore); deploy it from a secrets store."
)


def _rule(
    id: str,
    title: str,
    description: str,
    extract: Extractor,
    path: str,
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...],
) -> Rule:
    return Rule(
        id=id,
        title=title,
        description=description,
        severity=Severity.HIGH,
        pattern=r"\S",
        keywords=_ANY,
        remediation=_ROTATE,
        references=("https://cwe.mitre.org/data/definitions/798.html",),
        examples=examples,
        counter_examples=counter_examples,
        extract=extract,
        generic=True,
        confidence=Confidence.HIGH,
        example_path=path,
        compliance=("CWE-798", "CWE-259"),
    )


RULES = (
    _rule(
        "ppp-chap-secret",
        "Password in a PPP chap-secrets or pap-secrets file",
        "The third field of a PPP secrets file: the password a peer authenticates with.",
        _ppp_secrets,
        "etc/ppp/chap-secrets",
        ('# client server secret IP addresses\n"branch-vpn" * "At5dh%d%48=Nsblj" *\n',),
        ('# client server secret IP addresses\nwarehouse pptpd "" *\n',),
    ),
    _rule(
        "pgbouncer-userlist-password",
        "Password in a PgBouncer userlist.txt",
        "A clear-text password in PgBouncer's auth_file (userlist.txt): a database role's password.",
        _pgbouncer_userlist,
        "etc/pgbouncer/userlist.txt",
        ('"billing_app" "e0kTNX%7YppB^ZTTxNKUYoos"\n',),
        (
            '"reporting" "md5d2b1f5f0a7a8e4c3b9f0e1d2c3b4a5f6"\n',
            '"reporting" "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"\n',
        ),
    ),
    _rule(
        "ansible-vault-password-file",
        "Ansible vault password file",
        "A vault password file (.vault_pass): the password that decrypts every ansible-vault secret.",
        _vault_password_file,
        ".vault_pass",
        ("basket-horse-kettle-canyon-correct\n", "Xk9#mQ2vLpz7Wn2R\n"),
        ("changeme\n", "#!/bin/sh\nvault kv get -field=password secret/ansible\n"),
    ),
)
