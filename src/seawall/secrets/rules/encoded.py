"""Passwords stored base64-encoded (which hides nothing): FileZilla's ``<Pass encoding="base64">``, npm's
``_auth`` (``user:password``) and ``_password``, Yarn's ``npmAuthIdent``, Windows answer files'
``<PlainText>false</PlainText>`` passwords, and Jenkins Configuration as Code's ``${decodeBase64:...}``.
Each value is decoded and reported only if it decodes to a plausible password; placeholders
(``changeme``) are not secrets.
"""

from __future__ import annotations

import re

from seawall.model import Confidence
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._structured import b64_bytes, b64_text, password_ok
from seawall.secrets.rules.base import Candidate


def _user_password_ok(pair: str) -> bool:
    user, sep, password = pair.partition(":")
    return bool(sep) and password != user and password_ok(password)


def _filezilla_ok(c: Candidate) -> bool:
    if re.search(r"(?i)encoding=[\"']base64[\"'][ \t]*>" + re.escape(c.secret), c.line_text):
        decoded = b64_text(c.secret)
        return decoded is not None and "\n" not in decoded and password_ok(decoded)
    return password_ok(c.secret)  # FileZilla before 3.26 stored the password as it is


def _npm_ok(c: Candidate) -> bool:
    decoded = b64_text(c.secret)
    if decoded is None or "\n" in decoded:
        return False
    if re.search(r"_auth[ \t]*=[ \t]*[\"']?" + re.escape(c.secret), c.line_text):
        return _user_password_ok(decoded)  # _auth is base64 of user:password
    return password_ok(decoded)


def _yarn_ident_ok(c: Candidate) -> bool:
    if ":" in c.secret:
        return _user_password_ok(c.secret)
    decoded = b64_text(c.secret)
    return decoded is not None and _user_password_ok(decoded)


def _decoded_ok(c: Candidate) -> bool:
    """A value kept base64-encoded: its text a password or token, or a key's random bytes."""
    decoded = b64_text(c.secret)
    if decoded is not None:
        return "\n" not in decoded.strip() and password_ok(decoded.strip())
    raw = b64_bytes(c.secret)
    return raw is not None and len(raw) >= 16 and len(set(raw)) >= 12


def _answer_file_ok(c: Candidate) -> bool:
    """A Windows answer file (unattend.xml, autounattend.xml) keeps a password in the clear
    (``<PlainText>true</PlainText>``) or as base64 of its UTF-16 text followed by the element's name
    (``AdministratorPassword``, ``Password``): decoded, the name taken off, what is left is the password."""
    if c.secret == "*SENSITIVE*DATA*DELETED*":  # what Windows Setup leaves in place of the password
        return False
    raw = b64_bytes(c.secret)
    if raw is not None and len(raw) % 2 == 0:
        try:
            text = raw.decode("utf-16-le")
        except UnicodeDecodeError:
            text = ""
        for suffix in ("AdministratorPassword", "Password"):
            if text.endswith(suffix):
                return password_ok(text.removesuffix(suffix))
    return password_ok(c.secret)


_B64 = r"[A-Za-z0-9+/]{4,400}={0,2}(?![A-Za-z0-9+/=])"

RULES = (
    generic_rule(
        "filezilla-password",
        "FileZilla saved password (sitemanager.xml, recentservers.xml)",
        r"<pass(?:[ \t]+encoding=[\"']base64[\"'])?[ \t]*>(?P<q>)(?P<secret>[^<>\s]{4,400})</pass>",
        ("<pass",),
        _filezilla_ok,
        examples=(
            '      <Pass encoding="base64">VHIwdWI0ZG9yJjN4</Pass>',
            "      <Pass>Tr0ub4dor&amp;3x</Pass>",
        ),
        counter_examples=(
            '      <Pass encoding="base64">Y2hhbmdlbWU=</Pass>',  # "changeme"
            '      <Pass encoding="crypt" pubkey="AAAA">c29tZXRoaW5nIGVuY3J5cHRlZA==</Pass>',
            '      <Pass encoding="base64">//79/g==</Pass>',  # not text
        ),
        confidence=Confidence.HIGH,
    ),
    generic_rule(
        "npm-auth-password",
        "npm registry credentials in .npmrc (_auth or _password, base64)",
        r"(?:^|[\s:])(?:_auth[ \t]*=[ \t]*[\"']?(?P<secret>" + _B64 + r")"
        r"|_password[ \t]*=[ \t]*[\"']?(?P<secret2>" + _B64 + r"))",
        ("_auth", "_password"),
        _npm_ok,
        examples=(
            "_auth = ZGVwbG95OlRyMHViNGRvciYzeA==",
            "//npm.acme.io/repository/npm-private/:_password=VHIwdWI0ZG9yJjN4",
        ),
        counter_examples=(
            "_auth = dXNlcjpwYXNzd29yZA==",  # user:password
            "//npm.acme.io/:_password=${NPM_PASSWORD}",
            "//npm.acme.io/:_password=Y2hhbmdlbWU=",  # changeme
        ),
        confidence=Confidence.HIGH,
    ),
    generic_rule(
        "yarn-npm-auth-ident",
        "npm registry credentials in .yarnrc.yml (npmAuthIdent)",
        r"npmauthident[\"']?[ \t]*:[ \t]*[\"']?(?P<secret>[^\s\"'#]{4,400})",
        ("npmauthident",),
        _yarn_ident_ok,
        examples=(
            'npmAuthIdent: "deploy:Tr0ub4dor&3x"',
            "    npmAuthIdent: ZGVwbG95OlRyMHViNGRvciYzeA==",
        ),
        counter_examples=('npmAuthIdent: "${NPM_AUTH_IDENT}"', 'npmAuthIdent: "user:password"'),
        confidence=Confidence.HIGH,
    ),
    generic_rule(
        "windows-answer-file-password",
        "Password in a Windows answer file (unattend.xml), in the clear or base64 (PlainText false)",
        r"<(?P<name>AdministratorPassword|Password)>\s{0,80}<Value>(?P<q>)(?P<secret>[^<>\s]{4,400})</Value>"
        r"\s{0,80}<PlainText>(?:true|false)</PlainText>",
        ("<plaintext>",),
        _answer_file_ok,
        examples=(
            "<AdministratorPassword>\n  <Value>UABhAHMAcwB3ADAAcgBkACEAMQAyADMAQQBkAG0AaQBuAGkAcwB0AHIAYQB0AG8AcgBQAGEAcwBz"
            "AHcAbwByAGQA</Value>\n  <PlainText>false</PlainText>\n</AdministratorPassword>",
            "<Password>\n  <Value>Tr0ub4dor&amp;3x</Value>\n  <PlainText>true</PlainText>\n</Password>",
        ),
        counter_examples=(
            # "AdministratorPassword" alone: the password is empty
            "<AdministratorPassword>\n  <Value>QQBkAG0AaQBuAGkAcwB0AHIAYQB0AG8AcgBQAGEAcwBzAHcAbwByAGQA</Value>\n"
            "  <PlainText>false</PlainText>\n</AdministratorPassword>",
            "<Password>\n  <Value>*SENSITIVE*DATA*DELETED*</Value>\n  <PlainText>true</PlainText>\n</Password>",
        ),
        line_scoped=False,
        confidence=Confidence.HIGH,
        example_path="sources/unattend.xml",
    ),
    generic_rule(
        "jenkins-casc-decoded-secret",
        "Secret written base64-encoded in Jenkins Configuration as Code (${decodeBase64:...})",
        # JCasC decodes it when it loads the file: what is written is the secret, encoded.
        r"\$\{decodeBase64:(?P<secret>[A-Za-z0-9+/]{8,2000}={0,2})\}",
        ("${decodebase64:",),
        _decoded_ok,
        examples=(
            '          - usernamePassword:\n              id: nexus\n              password: "${decodeBase64:WnE4dk4za0xwMFJ0WHc1WQ==}"',
        ),
        counter_examples=(
            'password: "${decodeBase64:${NEXUS_PASSWORD_B64}}"',
            'password: "${decodeBase64:Y2hhbmdlbWU=}"',
        ),
        example_path="jenkins/casc/jenkins.yaml",
    ),
)
