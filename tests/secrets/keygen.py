"""Private keys made at run time by the real tools (openssl, ssh-keygen, puttygen), many at once.

Every call makes new keys, so over the runs every base64 edge case turns up (lines that start or end
with ``+`` or ``/``, padding, short last lines); each run already holds some. Sizes are small where the
size changes nothing but the time (RSA 1024 for most RSA keys, two 4096-bit ones).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

PASSPHRASE = "correct horse battery staple"


@dataclass(frozen=True, slots=True)
class Key:
    name: str
    text: str  # the private key file, as the tool wrote it
    public: str  # the matching public key or certificate, as the tool wrote it ("" if none)


@dataclass(frozen=True, slots=True)
class Spec:
    name: str
    commands: tuple[tuple[str, ...], ...]  # {out}, {pub}, {params}, {pw}, {empty} are filled in
    public: tuple[str, ...] = ()  # the command that writes {pub}, if the tool has not


def _openssl_specs() -> Iterator[Spec]:
    for bits, count in ((1024, 16), (2048, 3), (3072, 1), (4096, 1)):
        for i in range(count):
            genpkey = ("openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", f"rsa_keygen_bits:{bits}")
            yield Spec(f"openssl-rsa{bits}-pkcs8-{i}", ((*genpkey, "-out", "{out}"),), _PUBOUT)
            genrsa = ("openssl", "genrsa", "-traditional", "-out", "{out}", str(bits))
            yield Spec(f"openssl-rsa{bits}-pkcs1-{i}", (genrsa,), _PUBOUT)
    for curve in ("prime256v1", "secp384r1", "secp521r1"):
        for i in range(4):
            sec1 = ("openssl", "ecparam", "-name", curve, "-genkey", "-noout", "-out", "{out}")
            yield Spec(f"openssl-ec-{curve}-sec1-{i}", (sec1,), _PUBOUT)
            pkcs8 = ("openssl", "genpkey", "-algorithm", "EC", "-pkeyopt", f"ec_paramgen_curve:{curve}")
            yield Spec(f"openssl-ec-{curve}-pkcs8-{i}", ((*pkcs8, "-out", "{out}"),), _PUBOUT)
    for algorithm, count in (("ED25519", 6), ("ED448", 3), ("X25519", 3), ("X448", 2)):
        for i in range(count):
            command = ("openssl", "genpkey", "-algorithm", algorithm, "-out", "{out}")
            yield Spec(f"openssl-{algorithm.lower()}-{i}", (command,), _PUBOUT)
    for i in range(2):
        dsa = ("openssl", "genpkey", "-paramfile", "{params}", "-out")
        yield Spec(f"openssl-dsa-pkcs8-{i}", ((*dsa, "{out}"),), _PUBOUT)
        legacy = ("openssl", "pkey", "-in", "{out}.p8", "-traditional", "-out", "{out}")
        yield Spec(f"openssl-dsa-traditional-{i}", ((*dsa, "{out}.p8"), legacy), _PUBOUT)
    yield from _encrypted_openssl_specs()


def _encrypted_openssl_specs() -> Iterator[Spec]:
    pkcs8 = ("-aes256", "-pass", "pass:{pw}", "-out", "{out}")
    for algorithm, options, count in (
        ("RSA", ("-pkeyopt", "rsa_keygen_bits:1024"), 4),
        ("EC", ("-pkeyopt", "ec_paramgen_curve:P-256"), 3),
        ("ED25519", (), 2),
    ):
        for i in range(count):
            command = ("openssl", "genpkey", "-algorithm", algorithm, *options, *pkcs8)
            yield Spec(f"openssl-{algorithm.lower()}-pkcs8-aes256-{i}", (command,))
    # Legacy OpenSSL encryption: "Proc-Type: 4,ENCRYPTED" and "DEK-Info" headers in the block.
    for i in range(4):
        command = ("openssl", "genrsa", "-aes256", "-traditional", "-passout", "pass:{pw}", "-out", "{out}")
        yield Spec(f"openssl-rsa-legacy-aes256-{i}", ((*command, "1024"),))
    for i in range(3):
        make = ("openssl", "ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "{out}.plain")
        encrypt = ("openssl", "ec", "-in", "{out}.plain", "-aes256", "-passout", "pass:{pw}", "-out", "{out}")
        yield Spec(f"openssl-ec-legacy-aes256-{i}", (make, encrypt))


_PUBOUT = ("openssl", "pkey", "-in", "{out}", "-pubout", "-out", "{pub}")


def _ssh_specs() -> Iterator[Spec]:
    kinds = (
        [("rsa", "1024")] * 2 + [("ecdsa", "256"), ("ecdsa", "384"), ("ecdsa", "521")] + [("ed25519", "")] * 3
    )
    for i, (kind, bits) in enumerate(kinds):
        size = ("-b", bits) if bits else ()
        for fmt in ("openssh", "pem"):
            if fmt == "pem" and kind == "ed25519":
                continue  # ed25519 keys have only the OpenSSH format
            for secret in ("", "{pw}"):
                options = ("-m", "PEM") if fmt == "pem" else ("-a", "2")
                command = (
                    "ssh-keygen",
                    "-q",
                    "-t",
                    kind,
                    *size,
                    *options,
                    "-N",
                    secret,
                    "-C",
                    "t@ci",
                    "-f",
                    "{out}",
                )
                tag = "pass" if secret else "nopass"
                yield Spec(f"ssh-{kind}{bits}-{fmt}-{tag}-{i}", (command,))


def _putty_specs() -> Iterator[Spec]:
    kinds = (
        [("rsa", "1024")] * 3 + [("ecdsa", "256"), ("ecdsa", "384"), ("ecdsa", "521")] + [("ed25519", "")] * 3
    )
    fast = ("--ppk-param", "memory=256,passes=1")
    for i, (kind, bits) in enumerate(kinds):
        size = ("-b", bits) if bits else ()
        base = ("puttygen", "-q", "-t", kind, *size, "-o", "{out}", "-O", "private")
        yield Spec(f"putty-{kind}{bits}-{i}", ((*base, "--new-passphrase", "{empty}"),))
        if i % 3 == 0:
            yield Spec(f"putty-{kind}{bits}-pass-{i}", ((*base, "--new-passphrase", "{pwfile}", *fast),))
            yield Spec(
                f"putty-{kind}{bits}-v2-{i}",
                ((*base, "--new-passphrase", "{empty}", "--ppk-param", "version=2"),),
            )
    for i, passphrase in enumerate(("{empty}", "{pwfile}")):
        make = ("puttygen", "-q", "-t", "rsa", "-b", "1024", "-o", "{out}.ppk", "-O", "private")
        make_plain = (*make, "--new-passphrase", "{empty}")
        export = (
            "puttygen",
            "{out}.ppk",
            "-O",
            "private-sshcom",
            "-o",
            "{out}",
            "--new-passphrase",
            passphrase,
        )
        yield Spec(f"putty-sshcom-rsa-{i}", (make_plain, export))


def missing_tools(*tools: str) -> list[str]:
    return [tool for tool in tools if shutil.which(tool) is None]


def _fill(part: str, folder: Path, name: str) -> str:
    return part.format(
        out=folder / name,
        pub=folder / f"{name}.pub",
        params=folder / "dsa-params.pem",
        pw=PASSPHRASE,
        pwfile=folder / "passphrase.txt",
        empty=folder / "empty.txt",
    )


def _make(folder: Path, spec: Spec) -> Key:
    for command in (*spec.commands, *((spec.public,) if spec.public else ())):
        argv = [_fill(part, folder, spec.name) for part in command]
        subprocess.run(argv, check=True, capture_output=True, timeout=120)
    pub = folder / f"{spec.name}.pub"
    return Key(spec.name, (folder / spec.name).read_text(), pub.read_text() if pub.exists() else "")


def generate(folder: Path, *, putty: bool = True, jobs: int = 4) -> list[Key]:
    """Every key of every kind, made in ``folder`` (which must exist), ``jobs`` tools at a time."""
    (folder / "passphrase.txt").write_text(PASSPHRASE + "\n")
    (folder / "empty.txt").write_text("")
    params = ("openssl", "genpkey", "-genparam", "-algorithm", "DSA", "-pkeyopt", "dsa_paramgen_bits:1024")
    subprocess.run([*params, "-out", str(folder / "dsa-params.pem")], check=True, capture_output=True)
    specs = [*_openssl_specs(), *_ssh_specs(), *(_putty_specs() if putty else ())]
    # The slow ones first, so that they do not finish last on their own.
    specs.sort(key=lambda s: not any(b in s.name for b in ("4096", "3072", "2048")))
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return list(pool.map(lambda spec: _make(folder, spec), specs))
