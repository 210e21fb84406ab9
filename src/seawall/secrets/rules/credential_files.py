"""Files whose name says what they hold and whose format says where the password is, with no keyword
beside it: PPP ``chap-secrets``/``pap-secrets`` (client, server, secret, addresses), PgBouncer's
``userlist.txt`` (``"user" "password"``), Postfix's ``sasl_passwd`` (``[relay]:587 user:password``),
stunnel's PSK secrets (``identity:key``), chrony's and ntpd's keys (``ID TYPE KEY``), Ansible vault
password files (``.vault_pass``: the whole file is the password), rclone's remotes (``rclone.conf``:
``key = ...`` of a B2 remote, ``pass = ...`` obscured, which ``rclone reveal`` turns back), and Symfony's
secrets vault decryption key (``config/secrets/prod/prod.decrypt.private.php``). Hashed entries (PgBouncer's ``md5...``/``SCRAM-SHA-256$...``) are not passwords."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator

from seawall.lazyre import lazy_compile
from seawall.model import Confidence, Severity
from seawall.secrets.context import is_passphrase, is_stand_in, plausible_value
from seawall.secrets.rules.base import Extracted, Extractor, Rule

_ANY = tuple("abcdefghijklmnopqrstuvwxyz0123456789")  # the file's name, not a word in it, selects it
# One whitespace-separated field, quoted (PPP allows quotes) or bare.
_FIELD = lazy_compile(rb'"(?P<q>[^"\r\n]*)"|(?P<u>[^\s"]+)')
_USERLIST = lazy_compile(rb'(?m)^[ \t]*"[^"\r\n]{1,200}"[ \t]+"(?P<pw>[^"\r\n]{1,500})"[ \t]*\r?$')
# Postfix's SASL password map: a relay (``[host]:port`` or ``host``), blanks, then ``user:password``.
_SASL_LINE = lazy_compile(
    rb"(?m)^[ \t]*\[?[\w.\-]{1,253}\]?(?::\d{1,5})?[ \t]+[^\s:]{1,200}:(?P<pw>\S{1,500})[ \t]*\r?$"
)
_SASL_FILE = lazy_compile(r"^(?:smtp_)?sasl_passwd$")
# stunnel's PSKsecrets file: ``IDENTITY:KEY``, the key at least 16 characters (stunnel refuses shorter).
_PSK_LINE = lazy_compile(rb"(?m)^[ \t]*[^\s:#][^\s:]{0,127}:(?P<pw>[^\s:]{16,256})[ \t]*\r?$")
_PSK_FILE = lazy_compile(r"(?i)^(?:stunnel[_\-.]?)?psk(?:[_\-.]?secrets?)?(?:\.txt|\.conf)?$")
# chrony's and ntpd's symmetric keys (``chrony.keys``, ``ntp.keys``): ``ID TYPE KEY``, the key in ASCII
# or, after ``HEX:``, in hex (chrony's ``keygen`` writes ``1 SHA1 HEX:...``).
_NTP_KEY_LINE = lazy_compile(
    rb"(?m)^[ \t]*\d{1,10}[ \t]+[A-Za-z0-9\-]{1,12}[ \t]+(?:HEX:|ASCII:)?(?P<pw>[^\s#]{4,256})[ \t]*(?:#[^\n]*)?\r?$"
)
_NTP_KEYS_FILE = lazy_compile(r"^(?:chrony|ntpd?)\.keys$")
# rclone's remotes: INI sections whose options name their credentials by the backend's own words
# (``rclone config`` writes them; ``pass`` and ``password`` obscured, reversible by ``rclone reveal``), and
# an OAuth backend's ``token`` JSON, whose refresh token outlives its access token.
_RCLONE_LINE = lazy_compile(
    rb"(?m)^[ \t]*(?:pass|password|password2|key|secret_access_key|account_key|client_secret|app_secret|"
    rb"key_file_pass|api_key|sas_url|session_token)[ \t]*=[ \t]*(?P<pw>[^\s#;]{4,2000})[ \t]*\r?$"
)
_RCLONE_TOKEN = lazy_compile(
    rb'(?m)^[ \t]*token[ \t]*=[ \t]*\{[^\n]{0,2000}?"refresh_token"[ \t]*:[ \t]*"(?P<pw>[^"\s]{8,1000})"'
)
_RCLONE_FILE = lazy_compile(r"^rclone\.conf$")
# Symfony's vault: ``<?php return "\x8f\xd2...";`` (a sodium key, escaped) in ``<env>.decrypt.private.php``.
_SYMFONY_KEY = lazy_compile(
    rb"""return[ \t]+(?P<q>["'])(?P<pw>(?:\\x[0-9a-fA-F]{2}|[^"'\\\n]){16,400})(?P=q)"""
)
_SYMFONY_FILE = lazy_compile(r"^[\w\-]{1,40}\.decrypt\.private\.php$")
_VAULT_FILE = lazy_compile(r"(?i)^\.?(?:ansible[_\-.])?vault[_\-.]?pass(?:word)?(?:[_\-.]file)?(?:\.txt)?$")


def _password_ok(value: str) -> bool:
    if is_stand_in(value):
        return False
    return plausible_value(value, strict=False) or is_passphrase(value)


def _basename(path: str) -> str:
    return os.path.basename(path.replace("\\", "/"))


def _ppp_named(name: str) -> bool:
    return name in ("chap-secrets", "pap-secrets")


def _userlist_named(name: str) -> bool:
    return name == "userlist.txt"


def _sasl_named(name: str) -> bool:
    return _SASL_FILE.match(name) is not None


def _psk_named(name: str) -> bool:
    return _PSK_FILE.match(name) is not None


def _ntp_keys_named(name: str) -> bool:
    return _NTP_KEYS_FILE.match(name) is not None


def _rclone_named(name: str) -> bool:
    return _RCLONE_FILE.match(name) is not None


def _symfony_key_named(name: str) -> bool:
    return _SYMFONY_FILE.match(name) is not None


def _vault_file_named(name: str) -> bool:
    return _VAULT_FILE.match(name) is not None


def _ppp_secrets(data: bytes, path: str) -> Iterator[Extracted]:
    if not _ppp_named(_basename(path)):
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


def _passwords(data: bytes, lines: re.Pattern[bytes], name: str) -> Iterator[Extracted]:
    """The ``pw`` group of each of ``lines``' matches that could be a password, stored under ``name``."""
    for m in lines.finditer(data):
        if _password_ok(m.group("pw").decode("utf-8", "replace")):
            yield Extracted(m.start("pw"), m.end("pw"), name)


def _pgbouncer_userlist(data: bytes, path: str) -> Iterator[Extracted]:
    return _passwords(data, _USERLIST, "userlist.txt") if _userlist_named(_basename(path)) else iter(())


def _sasl_passwd(data: bytes, path: str) -> Iterator[Extracted]:
    return _passwords(data, _SASL_LINE, "sasl_passwd") if _sasl_named(_basename(path)) else iter(())


def _psk_secrets(data: bytes, path: str) -> Iterator[Extracted]:
    return _passwords(data, _PSK_LINE, "psk") if _psk_named(_basename(path)) else iter(())


def _ntp_keys(data: bytes, path: str) -> Iterator[Extracted]:
    return _passwords(data, _NTP_KEY_LINE, "ntp key") if _ntp_keys_named(_basename(path)) else iter(())


def _rclone_secrets(data: bytes, path: str) -> Iterator[Extracted]:
    if not _rclone_named(_basename(path)):
        return iter(())
    found = [*_passwords(data, _RCLONE_LINE, "rclone"), *_passwords(data, _RCLONE_TOKEN, "rclone token")]
    return iter(sorted(found, key=lambda e: e.start))


def _symfony_decrypt_key(data: bytes, path: str) -> Iterator[Extracted]:
    if not _symfony_key_named(_basename(path)):
        return
    for m in _SYMFONY_KEY.finditer(data):
        yield Extracted(m.start("pw"), m.end("pw"), _basename(path))


def _vault_password_file(data: bytes, path: str) -> Iterator[Extracted]:
    if len(data) > 256 or not _vault_file_named(_basename(path)) or data.startswith(b"#!"):
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
    named: Callable[[str], bool],
    path: str,
    examples: tuple[str, ...],
    counter_examples: tuple[str, ...],
) -> Rule:
    """A rule for the files whose name ``named`` accepts: any other file is not searched with it (its
    keywords are any letter or digit, so the engines choose it for every file)."""
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
        never_in=lambda file: not named(_basename(file)),
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
        _ppp_named,
        "etc/ppp/chap-secrets",
        ('# client server secret IP addresses\n"branch-vpn" * "At5dh%d%48=Nsblj" *\n',),
        ('# client server secret IP addresses\nwarehouse pptpd "" *\n',),
    ),
    _rule(
        "pgbouncer-userlist-password",
        "Password in a PgBouncer userlist.txt",
        "A clear-text password in PgBouncer's auth_file (userlist.txt): a database role's password.",
        _pgbouncer_userlist,
        _userlist_named,
        "etc/pgbouncer/userlist.txt",
        ('"billing_app" "e0kTNX%7YppB^ZTTxNKUYoos"\n',),
        (
            '"reporting" "md5d2b1f5f0a7a8e4c3b9f0e1d2c3b4a5f6"\n',
            '"reporting" "SCRAM-SHA-256$4096:c2FsdA==$c3RvcmVk:c2VydmVy"\n',
        ),
    ),
    _rule(
        "postfix-sasl-password",
        "Password in Postfix's sasl_passwd map",
        "The password Postfix relays mail with (smtp_sasl_password_maps): an SMTP relay account's.",
        _sasl_passwd,
        _sasl_named,
        "etc/postfix/sasl_passwd",
        (
            "[smtp.sendgrid.net]:587 apikey:SG.k2Lm9Xq7Wv3Zr8Tn.Bq9TzW2mXk7pLr4vHs6Jd1Fg0Cy5Ne3Ua8Ro2Ki4Pw\n",
            "[email-smtp.eu-west-1.amazonaws.com]:587 AKIAZQ7MXK2P4WR9LT3N:Bq9TzW2mXk7pLr4vHs6Jd1Fg0Cy5Ne3Ua\n",
            "mail.example.net ops@example.net:Vt6!Lq2mZx9w\n",
        ),
        ("# [smtp.example.com]:587 user:password\n", "[smtp.example.com]:587 relayuser:changeme\n"),
    ),
    _rule(
        "stunnel-psk",
        "Pre-shared key in a stunnel PSK secrets file",
        "A TLS-PSK key of stunnel (PSKsecrets): whoever holds it can join the tunnel as that identity.",
        _psk_secrets,
        _psk_named,
        "etc/stunnel/psk.txt",
        ("edge-gw-01:9f2c7a1e4b8d3f6a0c5e9b2d7f1a4c8e\n",),
        ("# identity:key\nedge-gw-01:shortkey\n", "edge-gw-01:<your pre-shared key here>\n"),
    ),
    _rule(
        "ntp-symmetric-key",
        "Symmetric key in chrony's or ntpd's keys file",
        "A key NTP clients and servers authenticate time with (chrony.keys, ntp.keys): whoever holds it can "
        "serve the hosts a time of their choosing.",
        _ntp_keys,
        _ntp_keys_named,
        "etc/chrony/chrony.keys",
        (
            "# chronyc keygen 1 SHA1 160\n1 SHA1 HEX:6BB3E314D1167812A1D5C0361882A30A37441B2C\n2 MD5 Vt6!Lq2mZx9w\n",
        ),
        ("# ID TYPE KEY\n# 1 SHA1 HEX:<key>\n", "1 MD5 changeme\n"),
    ),
    _rule(
        "rclone-remote-credential",
        "Credential of an rclone remote",
        "A remote's password, key or token in rclone.conf (obscured passwords are reversible with "
        "`rclone reveal`): whoever has the file has the storage behind the remote.",
        _rclone_secrets,
        _rclone_named,
        ".config/rclone/rclone.conf",
        (
            "[b2-archive]\ntype = b2\naccount = ff34cf2e40b1\nkey = K005YZVywRWHfKnhjNHt7nKIRfLvFGB\n",
            "[partner]\ntype = sftp\nhost = sftp.example.com\nuser = acme\npass = MRQGc5NDP2-aXoEq5gQiVZ5G9LUUFkB6\n",
            '[gdrive]\ntype = drive\ntoken = {"access_token":"ya29.x","token_type":"Bearer",'
            '"refresh_token":"1//0gHx7pQ2vLm9Wz4RtKq8vW3mZp2Lx7","expiry":"2026-01-01T00:00:00Z"}\n',
        ),
        ("[b2-archive]\ntype = b2\naccount = ff34cf2e40b1\nkey = changeme\n", "[local]\ntype = local\n"),
    ),
    _rule(
        "symfony-vault-decryption-key",
        "Symfony secrets vault decryption key",
        "The private key of Symfony's secrets vault (config/secrets/<env>/<env>.decrypt.private.php): it "
        "decrypts every secret the vault keeps for that environment, so it must never be committed.",
        _symfony_decrypt_key,
        _symfony_key_named,
        "config/secrets/prod/prod.decrypt.private.php",
        (
            '<?php return "\\x8f\\xd2\\x1a\\x07\\xc3\\x5e\\x90\\x44\\x2b\\xe1\\x6d\\x7f\\x13\\xa8\\x0c\\x59'
            '\\xb6\\x3e\\xf2\\x81\\x4d\\x27\\x9a\\xc5\\x60\\x1e\\xd8\\x75\\x0b\\xe9\\x32\\x46";\n',
        ),
        ("<?php return [];\n", "<?php\n\n// decryption key deployed from the secrets store\n"),
    ),
    _rule(
        "ansible-vault-password-file",
        "Ansible vault password file",
        "A vault password file (.vault_pass): the password that decrypts every ansible-vault secret.",
        _vault_password_file,
        _vault_file_named,
        ".vault_pass",
        ("basket-horse-kettle-canyon-correct\n", "Xk9#mQ2vLpz7Wn2R\n"),
        ("changeme\n", "#!/bin/sh\nvault kv get -field=password secret/ansible\n"),
    ),
)
