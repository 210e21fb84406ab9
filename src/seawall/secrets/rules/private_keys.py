"""Private keys: PEM blocks (PKCS#1 RSA, DSA, EC, PKCS#8 plain and encrypted, OpenSSH), PGP private key
blocks, SSH.com (SSH2) keys, PuTTY .ppk files and age secret keys.

A match runs from the BEGIN line to the matching END line (the whole block is the secret) and is accepted
only if its body decodes to a plausible amount of key material, so headers with empty, elided or fake
bodies do not fire. Blocks embedded in code or JSON as one line with literal ``\\n`` escapes are handled
too. Public keys and certificates never match: only PRIVATE labels are listed.
"""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.keyblocks import (
    openvpn_static_ok,
    openvpn_tls_crypt_v2_ok,
    pgp_block_ok,
    ppk_ok,
    private_pem_ok,
    ssh2_block_ok,
)
from seawall.secrets.rules.base import Rule, token_rule

_REFS = (
    "https://www.rfc-editor.org/rfc/rfc7468",
    "https://docs.github.com/en/code-security/secret-scanning/working-with-secret-scanning-and-push-protection",
)
_REMEDIATION = (
    "Treat the key as compromised: generate a new key pair, replace the public key wherever it is trusted "
    "(authorized_keys, servers, certificates - revoke any certificate issued for it), then remove the old "
    "one. Keep private keys out of repositories: load them from a secrets manager (Vault, AWS Secrets "
    "Manager, Azure Key Vault, GCP Secret Manager) or a CI secret file at runtime, and purge the history."
)

# Body of a PEM block as it sits in a file or in code: base64, RFC 1421 headers (Proc-Type, DEK-Info),
# whitespace, escapes (\n), string quotes and the operators that join literals (+ & . ,), comment
# markers. Never five dashes: a body cannot run into the next block, so each BEGIN costs at most the
# distance to the next one (linear on files full of headers without bodies).
_PEM_BODY = "(?:[A-Za-z0-9+/=:,._ \\t\\r\\n\\\\\"'`;&#*>|()@]|-(?!----)){40,20000}?"


def _pem_rule(
    rule_id: str,
    title: str,
    label: str,
    examples: tuple[str, ...],
    *,
    severity: Severity = Severity.CRITICAL,
    extra_counter: tuple[str, ...] = (),
    lookbehind: str = "",
) -> Rule:
    escaped = label.replace(" ", "[ ]")
    # A literal first (the regex engine then searches for it quickly); lookbehinds come after it.
    pattern = rf"(?P<secret>-----BEGIN[ ]{escaped}-----{lookbehind}{_PEM_BODY}-----END[ ]{escaped}-----)"
    return token_rule(
        rule_id,
        title,
        pattern,
        (f"-----begin {label.lower()}-----",),
        description=f"A PEM-encoded {title.lower()} ('-----BEGIN {label}-----' block) committed with the code.",
        examples=examples,
        counter_examples=(
            f"-----BEGIN {label}-----\n...\n-----END {label}-----",
            f'key = "-----BEGIN {label}-----\\n-----END {label}-----\\n"',
            "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEm5kYzZp8JtN3u1tA0Yq2rLwXs4oFvB9h"
            "\nKk3nS7eQdP0aUcVyW2gR6iHmT8xZoLbNfE1jCsD4qIuV9YwGtAr5Og==\n-----END PUBLIC KEY-----",
            "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUMh2p8HhQk6s1cX3jQm1fR0vLx9kwCgYIKoZIzj0EAwIwFzEV"
            "\nMBMGA1UEAwwMdGVzdC1yb290LWNhMB4XDTI0MDEwMTAwMDAwMFoXDTM0MDEwMTAwMDAwMFow\n-----END CERTIFICATE-----",
            "ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAABAQC7Vnm3SgrXv0DWgnO8h3aqbT5xJ6YrZpd1Tq9MfKLcWo2sHe4 deploy@ci",
            # Elided or stand-in bodies, in the wrappings real keys come in.
            f'String key = "-----BEGIN {label}-----\\n" +\n    "MIIE...\\n" +\n    "-----END {label}-----";',
            f"var key = `-----BEGIN {label}-----\n<key here>\n-----END {label}-----`",
            f"-----BEGIN {label}-----\nMIIE{'x' * 60}\n{'x' * 64}\n-----END {label}-----",
            f'"private_key_pem": "-----BEGIN {label}-----\\nYOUR_KEY_HERE_PASTE_IT_FROM_THE_VAULT\\n-----END {label}-----\\n"',
            *extra_counter,
        ),
        remediation=_REMEDIATION,
        references=_REFS,
        severity=severity,
        validator=private_pem_ok,
        placeholder_filter=False,
    )


_PK8_A = (
    "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgGCwWClcex45J7y8UL85xpqJ5rSgsJ",
    "5ZTGglFvuaOlxhySnmT555RiCGVIMkFUkgjnQyXn3oyKX4835FBjzn8tYRGpd/f0",
    "nGk4VnmAEMiyQVtcYPa1N+UQoZNKeMVKAlh83ECIf7BPZPExFSg46Q==",
)
# Lines that start and end with "+" and "/": base64 characters, part of the key.
_RSA_EDGE = (
    "MIIEpAIBAAKCAQEAeDv2HMeduHKiM5dWFYXX5C4MarvY/RvNTdyPbG1lmX+L+1/K",
    "+PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA/2O76UMFxFkM/R5Kjp1vRt+/",
    "/1fjORS/6ilI8ihN5KXSc7Tvo/hBKqFYY/kv5ZJr3J1TWDtkwtDDb+xHKas1VOq+",
    "+g6YYZYn9ZhyiA4uoRgnatmUdjAWtGSU8po+799NksnRH9ucAUsdMlHUvTCQCyE+",
    "yRHSgXCa6UegI3l8QPMboKDRJ6Jnsm2kDv0=",
)
_RSA = (
    "MIIEpAIBAAKCAQEAeDv2HMeduHKiM5dWFYXX5C4MarvY/RvNTdyPbG1lmX+L+1/K",
    "nZErZiBxGdmPi6MfSLdwJn0Yc2LRX7dF3q4WjBoFT2CtqmBwazoSdH8oqqf9gICr",
    "yRHSgXCa6UegI3l8QPMboKDRJ6Jnsm2kDv0=",
)
_EC = (
    "MHcCAQEEINIzZK5Mt5XFiteK7mQ/QqGrQzUmreAKdlWnWVJFqQDngO0/I0ivrx6v",
    "R1M+je5H71R5HkIm/dnTgFtOIIyw7wDLmnX19lTJYAAx6yXWViWm+mkD33ek9432",
    "Kw==",
)
_DSA = (
    "MIIBuwIBAAKBgQDrb1VahEWs/PHtiXlOxiK8O4VklXbY775RKjSVTnR/PbYuh1Zg",
    "XQGeroAhVQEach7OKAZmcvDtdrHoV0qbkHzfPRPlzFNrepRacR5l1Bymbq1Lfa8S",
    "Mz5AEFHuqxIBwLDdQ8+0kP+RO8+cPd4DyA==",
)
_ENC = (
    "MIIFFjBABgkqhkiG9w0BBQ2m2npuZXPFqu+f3YCZrdiKxc6yKc3bWZi5H/uo9bYx",
    "hXrFJEGQcPDe+sumDdfHvShTFpMID9ObgDoY+EmfqKhn1ksklQ5BgRKDidTW41/C",
    "gUnh4KjYhowEzhSlQNcNOGFiDEM/dHZ/PmkUuytwqA==",
)
_OSSH = (
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtz",
    "c2gtZWQyNTUxOeRsAejrFs6Uoq6LzCbZNy/Q+x8+uyXH0/3NzpqHN/m5PQkdLuOa",
    "I0ciqnl+RsyDq7Hnwa72v6t/6Jn8n37S1u4hm2cQ27cpP5nKZ/8rvgLs4YlZtRP1",
    "Q0Cw/OqlMGGs+dWvCoPXHhWiRlfAZcTZ",
)


_PPK = (
    "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: deploy@build-01\nPublic-Lines: 3\n"
    "AAAAB3NzaC1yc2EAAAABJV1W0FTtQio7UwvThCCWhPPEU8//LazWres6bCc2dAAF\n"
    "EshFHWAehwNxuG+yF6WYHS/kTfRpUFnWPTxtmLatj5sH1Fo75iBIskqoHl1MzKug\n"
    "eT2WjMebPRQRQJaEYNcRYauB+SRL6sOp/MIaZELo\nPrivate-Lines: 3\n"
    "AAABAQAOHzgZmTsOHh4Aw5aunv+Sj7nBnIMHQzQ/lvAM2KOIRtTDhMF16o1BV9HT\n"
    "BD6ZW5UC8/nEWNnhWA5H5OM0lIJ+1aAl8CnAoo+ilXM2UaonXllLd+ygAp7Sddbw\n"
    "ta7hXS+1hlU6cGeoZlq2mpp4yg==\nPrivate-MAC: 5d2e8a41f0b3c6d79e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70"
)


def _block(label: str, body: tuple[str, ...], sep: str = "\n", headers: str = "") -> str:
    return f"-----BEGIN {label}-----{sep}{headers}{sep.join(body)}{sep}-----END {label}-----"


def _concatenated(label: str, body: tuple[str, ...]) -> str:
    """Java / C# style: one string literal per line, joined with +."""
    lines = (f"-----BEGIN {label}-----", *body, f"-----END {label}-----")
    return "String pem =\n" + " +\n".join(f'    "{line}\\n"' for line in lines) + ";"


# Made by ``openvpn --genkey secret`` and ``openvpn --genkey tls-crypt-v2-server`` (OpenVPN 2.6).
_OVPN_STATIC = (
    "740992e165f296801d5f22c4386d66e9",
    "f41ab7e4cf84829708aee09925d2447f",
    "32f3166126715502ed176056ca716613",
    "74153e82108e951ca5a1061a606a26ce",
    "512ebfb6ec0dfc09ad4a7dc30872090a",
    "72723399a1229f1bd65dd89c1479aa13",
    "e90d25b548fb78428094aade03616d83",
    "8cd24917a76e43d3e9cf25f12c6383a0",
    "b1c233f6974939601dccfadecc665be5",
    "06ff7e597de6aba81b65d754d6fd5e3e",
    "6a5c827b9eb7ed65d72bcd92069eabe4",
    "29b98a65db59cfd019ef7977f2df6b39",
    "0aaae61a6b15eaa48d7a2d4676bf676f",
    "3d4c26b8d1ef684864abe8ec2cb80015",
    "af020b64dfadd7734fc39695cf4fb983",
    "d0cbafa23e6313435eae6b929c863a9e",
)
_OVPN_V2_SERVER = (
    "0bhuJiaR9pFpSiBcoHrlzg/IR3ld+jBsMe/nhRFraxwqUQmMugTRUjOUTx2S1A22",
    "vh3lFmUEOX+BrA45ONnkW8LTxzBJzvURKhipme1t8JMqj2wWiKTnGuuREPGI5VDB",
    "jVGyP82z1mu/KzH9U+iQR8A5wAJjdd5+xOjhrZqs2Kk=",
)
_OVPN_REMEDIATION = (
    "Generate a new key (`openvpn --genkey secret ta.key`, or new tls-crypt-v2 server and client keys), "
    "deploy it to the server and every client, and keep it out of the repository (a secrets store, or the "
    "configuration management's vault)."
)
_OVPN_REFS = ("https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/",)

RULES = (
    _pem_rule(
        "private-key-rsa",
        "RSA private key",
        "RSA PRIVATE KEY",
        (
            _block("RSA PRIVATE KEY", _RSA),
            'const key = "' + _block("RSA PRIVATE KEY", _RSA, sep="\\n") + '\\n";',
            _block("RSA PRIVATE KEY", _RSA_EDGE),
            _concatenated("RSA PRIVATE KEY", _RSA_EDGE),
            # Terraform state (tls_private_key): one JSON string with \n escapes.
            '"private_key_pem": "' + _block("RSA PRIVATE KEY", _RSA_EDGE, sep="\\n") + '\\n",',
            "# " + _block("RSA PRIVATE KEY", _RSA_EDGE, sep="\n# "),
            # Legacy OpenSSL encryption headers are part of the block.
            _block(
                "RSA PRIVATE KEY",
                _RSA,
                headers="Proc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,3F17A9E2B04C5D6E8F9A0B1C2D3E4F50\n\n",
            ),
        ),
    ),
    _pem_rule(
        "private-key-dsa",
        "DSA private key",
        "DSA PRIVATE KEY",
        (_block("DSA PRIVATE KEY", _DSA), "ssh_key: |\n  " + _block("DSA PRIVATE KEY", _DSA, sep="\n  ")),
    ),
    _pem_rule(
        "private-key-ec",
        "EC private key",
        "EC PRIVATE KEY",
        (
            _block("EC PRIVATE KEY", _EC),
            'TLS_KEY="' + _block("EC PRIVATE KEY", _EC, sep="\\n") + '"',
            "const key = `" + _block("EC PRIVATE KEY", _EC) + "`",  # a Go raw string
        ),
    ),
    _pem_rule(
        "private-key-openssh",
        "OpenSSH private key",
        "OPENSSH PRIVATE KEY",
        (
            _block("OPENSSH PRIVATE KEY", _OSSH),
            'DEPLOY_KEY: "' + _block("OPENSSH PRIVATE KEY", _OSSH, sep="\\n") + '\\n"',
            '"private_key_openssh": "' + _block("OPENSSH PRIVATE KEY", _OSSH, sep="\\n") + '\\n",',
        ),
    ),
    _pem_rule(
        "private-key-pkcs8",
        "PKCS#8 private key",
        "PRIVATE KEY",
        (
            _block("PRIVATE KEY", _PK8_A),
            'private_key = "' + _block("PRIVATE KEY", _PK8_A, sep="\\n") + '\\n"',
            # Python: adjacent literals inside parentheses.
            "KEY = (\n"
            + "".join(
                f'    b"{ln}\\n"\n'
                for ln in ("-----BEGIN PRIVATE KEY-----", *_PK8_A, "-----END PRIVATE KEY-----")
            )
            + ")",
        ),
        # Google service-account JSON files are reported by google-service-account-private-key.
        lookbehind=r'(?<!"private_key": "-----BEGIN PRIVATE KEY-----)(?<!"private_key":"-----BEGIN PRIVATE KEY-----)',
        extra_counter=(
            '"private_key": "' + _block("PRIVATE KEY", _PK8_A, sep="\\n") + '\\n",',
            _block("PRIVATE KEY", ("TUlJRXZRSUJBREFOQmdrcWhraUc5dzBCQVFFRkFBU0NCS2N3Z2dTakFnRUFBb0lC!",)),
        ),
    ),
    _pem_rule(
        "private-key-pkcs8-encrypted",
        "Encrypted PKCS#8 private key",
        "ENCRYPTED PRIVATE KEY",
        (
            _block("ENCRYPTED PRIVATE KEY", _ENC),
            'signing_key = """' + _block("ENCRYPTED PRIVATE KEY", _ENC) + '"""',
        ),
        severity=Severity.HIGH,
    ),
    token_rule(
        "private-key-pgp",
        "PGP private key block",
        # The armor never holds five dashes: a body cannot run into the next block (linear).
        r"(?P<secret>-----BEGIN[ ]PGP[ ]PRIVATE[ ]KEY[ ]BLOCK-----(?:[^-]|-(?!----)){64,60000}?"
        r"-----END[ ]PGP[ ]PRIVATE[ ]KEY[ ]BLOCK-----)",
        ("-----begin pgp private key block-----",),
        description="An ASCII-armored OpenPGP secret key (GnuPG export) committed with the code.",
        examples=(
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\nVersion: GnuPG v2.0.22\n\n"
            "lQPGBN3FKFIVEEMoPPHWkVWFzGrLUZFa0WepKLtionFglqplCqToPUda1xeYPsQs\n"
            "wikqq2sVpLz7SJuYY5rN7tjnL9n6gPEHENDzVZK5H4Zd5CllSQX5xN17E94lVIm9\n"
            "Dmi99zv2thdCuqw1zsKzXU6q\n=Xq2T\n-----END PGP PRIVATE KEY BLOCK-----",
            'GPG_SIGNING_KEY="-----BEGIN PGP PRIVATE KEY BLOCK-----\\n\\nlQPGBN3FKFIVEEMoPPHWkVWFzGrLUZFa0Wep'
            "KLtionFglqplCqToPUda1xeYPsQs\\nwikqq2sVpLz7SJuYY5rN7tjnL9n6gPEHENDzVZK5H4Zd5CllSQX5xN17E94lVIm9\\n"
            'Dmi99zv2thdCuqw1zsKzXU6q\\n=Xq2T\\n-----END PGP PRIVATE KEY BLOCK-----"',
        ),
        counter_examples=(
            "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\n[paste your exported key here, then save]\n\n"
            "-----END PGP PRIVATE KEY BLOCK-----",
            "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nmQINBGRk2l8BEADJ7sK0xXr9d3UqVzL2pWbNf4oE6hYgMtS1aCi5Rj8uQn0Ve3y"
            "\nKwTm7HbF2sLdPz9Ao4cXq1RiUjN6gYeV0tBwMk3S\n=Ab12\n-----END PGP PUBLIC KEY BLOCK-----",
        ),
        remediation=(
            "Revoke the key (`gpg --gen-revoke`, publish the revocation certificate to keyservers and "
            "wherever the public key is trusted), create a new key, and keep signing keys in a hardware "
            "token or a CI secret rather than the repository."
        ),
        references=(
            "https://www.rfc-editor.org/rfc/rfc4880#section-6.2",
            "https://www.gnupg.org/gph/en/manual/c14.html",
        ),
        severity=Severity.CRITICAL,
        validator=pgp_block_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-ssh2-encrypted",
        "SSH.com (SSH2) encrypted private key",
        r"(?P<secret>----[ ]BEGIN[ ]SSH2[ ]ENCRYPTED[ ]PRIVATE[ ]KEY[ ]----(?:[^-]|-(?!---)){64,20000}?"
        r"----[ ]END[ ]SSH2[ ]ENCRYPTED[ ]PRIVATE[ ]KEY[ ]----)",
        ("---- begin ssh2 encrypted private key ----",),
        description="A private key in the SSH Communications Security (SSH2 / Tectia) format.",
        examples=(
            '---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\nComment: "rsa-key-20240611"\n'
            "P2/56wAAA3sARoHSzQwiqrtIOWoj/fPxRQ1UUXsNWezqGrOjaktM37SIwL7jLxAR\n"
            "mP5IRTGaby1mdi7QbFUHL5nUNg/iWZa/3Agyt/v6knEaVRMk5v1cmil/JAzwP0ji\n"
            "y+MlzYoxNXOX7VpYiI5SQQQIv6GRhw==\n---- END SSH2 ENCRYPTED PRIVATE KEY ----",
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n"
            "P2/56wAAA3sARoHSzQwiqrtIOWoj/fPxRQ1UUXsNWezqGrOjaktM37SIwL7jLxAR\n"
            "mP5IRTGaby1mdi7QbFUHL5nUNg/iWZa/3Agyt/v6knEaVRMk5v1cmil/JAzwP0ji\n"
            "---- END SSH2 ENCRYPTED PRIVATE KEY ----",
        ),
        counter_examples=(
            "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----\n(key material goes here, see the admin guide)\n"
            "---- END SSH2 ENCRYPTED PRIVATE KEY ----",
            '---- BEGIN SSH2 PUBLIC KEY ----\nComment: "rsa-key-20240611"\nAAAAB3NzaC1yc2EAAAABJQAAAQEAkB1v'
            "Qd7m3LpZ0xK2sR9fT4yW6hN8jC5uE1oA\n---- END SSH2 PUBLIC KEY ----",
        ),
        remediation=_REMEDIATION,
        references=("https://www.rfc-editor.org/rfc/rfc4716",),
        severity=Severity.HIGH,
        validator=ssh2_block_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-putty",
        "PuTTY private key file (.ppk)",
        # Lines end in real or escaped (\n) line breaks; in YAML they are indented. The body never
        # holds another file's header: each attempt stops where the next starts (linear).
        r"(?P<secret>PuTTY-User-Key-File-[23]:[ ][^\r\n\\]{3,80}(?:\r?\n|(?:\\r)?\\n)"
        r"(?:[^P]|P(?!uTTY-User-Key-File-)){20,12000}?"
        r"(?:\r?\n|(?:\\r)?\\n)[ \t]*Private-MAC:[ ]*[0-9a-fA-F]{40,64})",
        ("putty-user-key-file-",),
        description="A PuTTY .ppk private key file (the Private-Lines section holds the private key).",
        examples=(
            _PPK,
            # In code or JSON as one line with \n escapes, and indented in a YAML block scalar.
            'PPK = "' + _PPK.replace("\n", "\\n") + '\\n"',
            "putty_key: |\n  " + _PPK.replace("\n", "\n  ") + "\n",
            "PuTTY-User-Key-File-2: ssh-rsa\r\nEncryption: none\r\nComment: imported-openssh-key\r\nPublic-Lines: 1\r\n"
            "AAAAB3NzaC1yc2EAAAABJV1W0FTtQio7UwvThCCWhPPEU8//LazWres6bCc2dAAF\r\nPrivate-Lines: 2\r\n"
            "AAABAQAOHzgZmTsOHh4Aw5aunv+Sj7nBnIMHQzQ/lvAM2KOIRtTDhMF16o1BV9HT\r\n"
            "BD6ZW5UC8/nEWNnhWA5H5OM0lIJ+1aAl8CnAoo+ilXM2UaonXllLd+ygAp7Sddbw\r\n"
            "Private-MAC: 0f1e2d3c4b5a69788796a5b4c3d2e1f001122334",
        ),
        counter_examples=(
            "PuTTY-User-Key-File-3: ssh-rsa\nEncryption: none\nComment: docs\nPublic-Lines: 1\nAAAAB3Nza\n"
            "Private-Lines: 1\n(omitted)\nPrivate-MAC: 5d2e8a41f0b3c6d79e1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f70",
            "The file starts with a PuTTY-User-Key-File-3 header line.",
        ),
        remediation=_REMEDIATION,
        references=("https://the.earth.li/~sgtatham/putty/0.78/htmldoc/AppendixC.html",),
        severity=Severity.CRITICAL,
        validator=ppk_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-openvpn-static",
        "OpenVPN static key (tls-auth, tls-crypt, static-key mode)",
        r"(?P<secret>-----BEGIN[ ]OpenVPN[ ]Static[ ]key[ ]V1-----(?:[^-]|-(?!----)){500,20000}?"
        r"-----END[ ]OpenVPN[ ]Static[ ]key[ ]V1-----)",
        ("-----begin openvpn static key v1-----",),
        description=(
            "An OpenVPN static key: it authenticates or encrypts the control channel (tls-auth, tls-crypt), "
            "or all traffic in static-key mode."
        ),
        examples=(
            "#\n# 2048 bit OpenVPN static key\n#\n" + _block("OpenVPN Static key V1", _OVPN_STATIC),
            "<tls-crypt>\n" + _block("OpenVPN Static key V1", _OVPN_STATIC) + "\n</tls-crypt>",
            '"tls_auth_key": "' + _block("OpenVPN Static key V1", _OVPN_STATIC, sep="\\n") + '"',
        ),
        counter_examples=(
            "-----BEGIN OpenVPN Static key V1-----\n"
            + "\n".join(["0" * 32] * 16)
            + "\n-----END OpenVPN Static key V1-----",
            "-----BEGIN OpenVPN Static key V1-----\n<paste the output of openvpn --genkey here>\n"
            + "." * 500
            + "\n-----END OpenVPN Static key V1-----",
        ),
        remediation=_OVPN_REMEDIATION,
        references=_OVPN_REFS,
        severity=Severity.CRITICAL,
        validator=openvpn_static_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-openvpn-tls-crypt-v2",
        "OpenVPN tls-crypt-v2 server or client key",
        r"(?P<secret>-----BEGIN[ ]OpenVPN[ ]tls-crypt-v2[ ](?P<kind>server|client)[ ]key-----"
        r"(?:[^-]|-(?!----)){64,20000}?-----END[ ]OpenVPN[ ]tls-crypt-v2[ ](?P=kind)[ ]key-----)",
        ("-----begin openvpn tls-crypt-v2",),
        description=(
            "An OpenVPN tls-crypt-v2 key: the server key wraps every client key, a client key lets its "
            "holder reach the server's TLS handshake."
        ),
        examples=(_block("OpenVPN tls-crypt-v2 server key", _OVPN_V2_SERVER),),
        counter_examples=(
            "-----BEGIN OpenVPN tls-crypt-v2 client key-----\n"
            + "\n".join(["x" * 64] * 3)
            + "\n-----END OpenVPN tls-crypt-v2 client key-----",
            "-----BEGIN OpenVPN tls-crypt-v2 server key-----\nYOUR_SERVER_KEY_HERE_PASTE_IT_FROM_THE_VAULT_PLEASE_"
            "THANKS_AND_MORE\n-----END OpenVPN tls-crypt-v2 server key-----",
        ),
        remediation=_OVPN_REMEDIATION,
        references=_OVPN_REFS,
        severity=Severity.CRITICAL,
        validator=openvpn_tls_crypt_v2_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-age",
        "age secret key",
        r"(?<![A-Za-z0-9])(?P<secret>AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})(?![A-Za-z0-9])",
        ("age-secret-key-1",),
        description="An age (age-encryption.org) X25519 identity; it decrypts every file encrypted to it.",
        examples=(
            "AGE-SECRET-KEY-16JVLWGJ2VY48CE498PNVP4MU6HXE8UZT5X065QKHNA26X6LY8QPARG3S66",
            "# created: 2025-02-11T10:04:31Z\n# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p"
            "\nSOPS_AGE_KEY=AGE-SECRET-KEY-16JVLWGJ2VY48CE498PNVP4MU6HXE8UZT5X065QKHNA26X6LY8QPARG3S66",
        ),
        counter_examples=(
            "# public key: age1ql3z7hjy54pw3hyww5ayyfg7zqgvc7w3j2elw8zmrj2kg5sfn9aqmcac8p",
            "SOPS_AGE_KEY=AGE-SECRET-KEY-16JVLWGJ2VY48CE498PNVP4MU6HXE8UZT5X065QKHNA26X6LY8QPARG3S",  # too short
            "SOPS_AGE_KEY=AGE-SECRET-KEY-1BJVLWGJ2VY48CE498PNVP4MU6HXE8UZT5X065QKHNA26X6LY8QPARG3S66",  # B invalid
        ),
        remediation=(
            "Generate a new identity with `age-keygen`, re-encrypt (e.g. `sops updatekeys`) every file that "
            "was encrypted to the old recipient, and keep the key file outside the repository."
        ),
        references=("https://age-encryption.org/v1", "https://github.com/FiloSottile/age"),
        severity=Severity.CRITICAL,
    ),
)
