"""Private keys made at run time by openssl, ssh-keygen and puttygen are all found, in every form they
take in a repository; their public halves, certificates and stand-ins never are. Both engines agree.

The keys are new on every run: base64 bodies whose lines start or end with "+" or "/" (which an
earlier body check stripped, missing 15% of keys) turn up in every run, and the test checks they did.
"""

from __future__ import annotations

import base64
import binascii
import functools
import os
import re
import sysconfig
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import pytest

from seawall.secrets.engines import hyperscan_available
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan
from tests.secrets import keyforms
from tests.secrets.keygen import Key, generate, missing_tools

RULES = builtin_rules()
ENGINES = [
    "python",
    pytest.param("hyperscan", marks=pytest.mark.skipif(not hyperscan_available(), reason="no hyperscan")),
]
CERTDATA = Path(sysconfig.get_path("stdlib")) / "test" / "certdata"

# openssl, ssh-keygen and puttygen: .ci/run installs any that is missing, so in CI (CI=true) a missing
# tool fails the tests instead of skipping them; on a developer's machine they are skipped, saying why.
_MISSING = missing_tools("openssl", "ssh-keygen", "puttygen")
pytestmark = pytest.mark.skipif(
    bool(_MISSING) and not os.environ.get("CI"),
    reason=f"needs {', '.join(_MISSING)} (apt-get install openssl openssh-client putty-tools)",
)

_RULE_OF = {
    "-----BEGIN PRIVATE KEY-----": "private-key-pkcs8",
    "-----BEGIN RSA PRIVATE KEY-----": "private-key-rsa",
    "-----BEGIN EC PRIVATE KEY-----": "private-key-ec",
    "-----BEGIN DSA PRIVATE KEY-----": "private-key-dsa",
    "-----BEGIN OPENSSH PRIVATE KEY-----": "private-key-openssh",
    "-----BEGIN ENCRYPTED PRIVATE KEY-----": "private-key-pkcs8-encrypted",
    "---- BEGIN SSH2 ENCRYPTED PRIVATE KEY ----": "private-key-ssh2-encrypted",
}


def rule_of(key: Key) -> str:
    head = key.text.splitlines()[0]
    return "private-key-putty" if head.startswith("PuTTY-User-Key-File-") else _RULE_OF[head]


def is_pem(key: Key) -> bool:
    return key.text.startswith("-----BEGIN ")


JWK_RULE = frozenset({"private-key-jwk"})


def jwk_of(key: Key) -> dict[str, str] | None:
    """The JWK of an unencrypted openssl key (DSA has no JWK form)."""
    plain = key.name.startswith("openssl-") and "aes256" not in key.name and "dsa" not in key.name
    return keyforms.to_jwk(key.text) if plain else None


@dataclass(frozen=True)
class Corpus:
    root: Path
    expected: dict[str, frozenset[str]]  # file (relative) -> the rules that may report it, once


@pytest.fixture(scope="module")
def keys(tmp_path_factory: pytest.TempPathFactory) -> list[Key]:
    return generate(tmp_path_factory.mktemp("keys"))


def _write(root: Path, name: str, text: str) -> str:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, newline="")
    return name


@pytest.fixture(scope="module")
def positives(keys: list[Key], tmp_path_factory: pytest.TempPathFactory) -> Corpus:
    root = tmp_path_factory.mktemp("positives")
    expected: dict[str, frozenset[str]] = {}
    for key in keys:
        own = frozenset({rule_of(key)})
        for form, (suffix, write, rules) in keyforms.PEM_FORMS.items():
            if is_pem(key) or form in keyforms.TEXT_FORMS:
                text = (
                    keyforms.terraform_state(key.text, key.public) if form == "tfstate" else write(key.text)
                )
                expected[_write(root, f"{form}/{key.name}{suffix}", text)] = rules or own
        jwk = jwk_of(key)
        if jwk is not None:
            for form, (suffix, dump) in keyforms.JWK_FORMS.items():
                expected[_write(root, f"jwk-{form}/{key.name}{suffix}", dump(jwk))] = JWK_RULE
    return Corpus(root, expected)


@functools.cache  # each corpus is scanned once per engine, however many tests look at it
def _found(root: Path, engine: str) -> dict[str, list[tuple[str, int, int]]]:
    report = scan(ScanOptions(roots=(str(root),), rules=RULES, engine=engine, jobs=1))
    found: dict[str, list[tuple[str, int, int]]] = defaultdict(list)
    for f in report.findings:
        assert f.location is not None
        path = Path(f.location.path)  # relative to the scanned folder
        relative = (path.relative_to(root) if path.is_absolute() else path).as_posix()
        found[relative].append((f.rule_id, f.location.line, f.location.end_line or f.location.line))
    return dict(found)


@pytest.mark.parametrize("engine", ENGINES)
def test_every_generated_key_is_found_once_in_every_form(positives: Corpus, engine: str) -> None:
    found = _found(positives.root, engine)
    missed = sorted(name for name in positives.expected if name not in found)
    assert not missed, f"{len(missed)} of {len(positives.expected)} missed, e.g. {missed[:10]}"
    wrong = {
        name: found[name]
        for name, rules in positives.expected.items()
        if len(found[name]) != 1 or found[name][0][0] not in rules
    }
    assert not wrong, f"reported more than once or by another rule: {dict(list(wrong.items())[:10])}"
    assert set(found) == set(positives.expected), "findings in files that hold no key"
    # The whole block is the secret: from its first line to its last.
    spans = {name: hits[0][1:] for name, hits in found.items() if name.startswith("plain/")}
    lines = {name: (1, len((positives.root / name).read_text().splitlines())) for name in spans}
    assert spans == lines


def test_the_generated_keys_cover_every_kind_and_the_base64_edge_cases(
    keys: list[Key], positives: Corpus
) -> None:
    """The recall test is only as good as its keys: many, of every kind, with "+"/"/" at line ends."""
    assert len(keys) >= 140
    by_rule = Counter(rule_of(k) for k in keys)
    assert set(by_rule) == {*_RULE_OF.values(), "private-key-putty"}, by_rule
    assert sum("Proc-Type: 4,ENCRYPTED" in k.text for k in keys) >= 7, "legacy-encrypted keys"
    assert sum("Encryption: aes256-cbc" in k.text for k in keys) >= 3, "encrypted PuTTY keys"
    lines = [ln for k in keys if is_pem(k) for ln in k.text.splitlines()[1:-1] if ":" not in ln]
    edges = [ln for ln in lines if ln[:1] in "+/" or ln.rstrip("=")[-1:] in "+/"]
    assert len(edges) >= 20, f"only {len(edges)} body lines start or end with + or /"
    assert len(positives.expected) >= 1500


@pytest.mark.parametrize("engine", ENGINES)
def test_a_bundle_of_every_key_in_one_file_reports_each_block(
    keys: list[Key], tmp_path: Path, engine: str
) -> None:
    pem = [k for k in keys if is_pem(k)]
    (tmp_path / "bundle.pem").write_text("\n".join(k.text for k in pem))
    found = _found(tmp_path, engine)["bundle.pem"]
    starts = [i + 1 for i, ln in enumerate("\n".join(k.text for k in pem).splitlines()) if "-----BEGIN" in ln]
    assert sorted(line for _rule, line, _end in found) == starts


def _stand_ins(key: Key) -> list[str]:
    """The key's frame around what is not a key: elided, described, typed by hand, truncated to a line."""
    lines = key.text.splitlines()
    head, tail = lines[0], lines[-1]
    return [
        f"{head}\nMIIE...\n{tail}\n",
        f"{head}\n<paste the private key here>\n{tail}\n",
        f"{head}\n{'x' * 64}\n{'x' * 64}\n{'x' * 40}\n{tail}\n",
        f"{head}\n{lines[1][:20]}...{lines[-2][-8:]}\n{tail}\n",
    ]


@pytest.fixture(scope="module")
def negatives(keys: list[Key], tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("negatives")
    import subprocess

    for key in keys:
        texts = [key.public] if key.public else []
        if is_pem(key) and key.name.endswith("-0"):  # one key of each kind is enough for stand-ins
            texts += _stand_ins(key)
        if re.fullmatch(r"openssl-(rsa1024-pkcs8|ec-prime256v1-sec1|ed25519)-[01]", key.name):
            pem = root / "src" / f"{key.name}.pem"
            pem.parent.mkdir(parents=True, exist_ok=True)
            pem.write_text(key.text)
            req = ["openssl", "req", "-x509", "-new", "-key", str(pem), "-subj", "/CN=test", "-days", "1"]
            texts.append(subprocess.run(req, check=True, capture_output=True, text=True).stdout)
            pem.unlink()
        for i, text in enumerate(texts):
            for form, (suffix, write, _rules) in keyforms.PEM_FORMS.items():
                _write(root, f"{form}/{key.name}-{i}{suffix}", write(text))
        jwk = jwk_of(key)
        if jwk is not None:
            for form, (suffix, dump) in keyforms.JWK_FORMS.items():
                _write(root, f"jwk-{form}/{key.name}{suffix}", dump(keyforms.public_jwk(jwk)))
    return root


@pytest.mark.parametrize("engine", ENGINES)
def test_public_keys_certificates_and_stand_ins_never_fire(negatives: Path, engine: str) -> None:
    files = sum(1 for p in negatives.rglob("*") if p.is_file())
    assert files >= 2000
    found = _found(negatives, engine)
    assert not found, f"{len(found)} of {files} files reported, e.g. {dict(list(found.items())[:5])}"


@pytest.mark.skipif(not hyperscan_available(), reason="the hyperscan package is not installed")
def test_both_engines_report_the_same_findings(positives: Corpus, negatives: Path) -> None:
    assert _found(positives.root, "hyperscan") == _found(positives.root, "python")
    assert _found(negatives, "hyperscan") == _found(negatives, "python")


# Python's own test certificates and keys (test/certdata), when the interpreter ships its tests.
_BLOCK = re.compile(r"-----BEGIN ([A-Z ]*PRIVATE KEY)-----\n(.*?)-----END \1-----", re.S)


def _real_blocks(text: str) -> list[int]:
    """Start lines of the private-key blocks whose body is base64 (badkey.pem's prose is not)."""
    lines = []
    for block in _BLOCK.finditer(text):
        body = "".join(ln for ln in block.group(2).splitlines() if ln and ":" not in ln)
        try:
            base64.b64decode(body, validate=True)
        except (binascii.Error, ValueError):
            continue
        lines.append(text.count("\n", 0, block.start()) + 1)
    return lines


@pytest.mark.skipif(not CERTDATA.is_dir(), reason=f"{CERTDATA} is not installed (Python's test suite)")
@pytest.mark.parametrize("engine", ENGINES)
def test_every_key_in_pythons_certdata_is_found(engine: str) -> None:
    expected = {p.name: _real_blocks(p.read_text()) for p in sorted(CERTDATA.glob("*.pem"))}
    expected = {name: lines for name, lines in expected.items() if lines}
    assert sum(len(v) for v in expected.values()) >= 14, expected
    found = _found(CERTDATA, engine)
    got = {
        name: sorted(line for _rule, line, _end in hits)
        for name, hits in found.items()
        if name.endswith(".pem")
    }
    assert got == expected


# A public key whose body holds "pwd" just before its padding, as a one-line JSON value: the generic
# rules once read "...xpwdw=" as a name and an assignment, and "=\n-----END" as its password.
_PUBLIC_PWD = (
    '"public_key_pem": "-----BEGIN PUBLIC KEY-----'
    "\\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAERyeYBxU//WQeODiF/h6QqIsjDFel"
    '\\nyGJ6tnmp1BJPwPO/RK8jpFTfaZhmAErlOLYqPpwJtGT3/57lh+ErGxpwdw==\\n-----END PUBLIC KEY-----\\n"\n'
)


@pytest.mark.parametrize("wrap", ["{}", "{{\n  {}}}\n", "value = {}"])
def test_words_inside_a_key_body_are_not_generic_secrets(wrap: str) -> None:
    from seawall.secrets.detect import scan_bytes

    assert [m.rule.id for m in scan_bytes(wrap.format(_PUBLIC_PWD).encode(), RULES, "state.tfstate")] == []
