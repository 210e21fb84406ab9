"""Private-key material as it sits in files and code. Pure functions, used by the key rules' validators.

A PEM block (RFC 7468, with RFC 1421 headers) is found in many wrappings: a plain file, indented in a
YAML block scalar, one line with literal ``\\n`` escapes (code strings, JSON, Terraform state), split
into string literals joined by ``+``, ``&``, ``.`` or adjacency (Java, C#, Go, Python, VB, PHP), or
commented out. The body is read back the way the language would: the text inside the string literals,
escapes turned into line breaks, indentation and comment markers dropped. Then every line must be
base64 (the alphabet, padding only at the very end) or a header before the first base64 line, and the
whole must decode to key material of the right shape. Nothing is stripped from the ends of base64
lines: ``+`` and ``/`` are base64 characters, and a line may start or end with them.
"""

from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass

# A PEM frame; the body never holds five dashes, so it cannot run into another block.
_FRAME = re.compile(r"-----BEGIN ([A-Z0-9 ]{1,40})-----((?:[^-]|-(?!----)){0,40000}?)-----END \1-----")
_QUOTE = re.compile(r"[\"'`]")
# Line breaks as they appear in a block: real, escaped once or more (\n, \\n, \r\n), or XML entities.
_BREAK = re.compile(r"(?:\\+r)?\\+n|\\+r|\r\n|\r|\n|&#(?:10|13|x0*[aAdD]);")
# Comment markers that may start each line of a commented-out key. `//` needs a space after it
# (a base64 line can start with `//`); the others are not base64 characters.
_COMMENT = re.compile(r"^(?:#+|;+|\*+|>+|--+|//+(?=\s)|REM(?=\s))\s*")
_HEADER = re.compile(r"[A-Za-z][A-Za-z0-9-]{1,40}:")
_BASE64_LINE = re.compile(r"[A-Za-z0-9+/]+={0,2}")
# Stand-ins typed by hand: runs of one character (not "A": zero bytes are common in keys), words.
# Only words of six letters or more: in a random body of 3,000 base64 characters a five-letter word
# turns up about once in 10,000 keys (case-insensitively), a six-letter one about once in 300,000.
_RUN = re.compile(r"([B-Za-z0-9+/])\1{7}")
_WORDS = re.compile(
    r"abcdefgh|bcdefghi|12345678|example|sample|placeholder|redacted|yourkey|keyhere|insert|replaceme|"
    r"changeme",
    re.IGNORECASE,
)
_MIN_KEY_BYTES = 32
OPENSSH_MAGIC = b"openssh-key-v1\0"


@dataclass(frozen=True, slots=True)
class PemBlock:
    label: str
    headers: tuple[str, ...]
    body: str  # the base64 text, joined
    data: bytes


def string_contents(text: str) -> list[str]:
    """The parts of ``text`` inside string literals, for a block that starts inside one.

    A block quoted in code starts inside a string (its BEGIN line is in the literal); each quote then
    closes or opens a literal. Text without quotes (a file, a YAML scalar, a raw or triple-quoted
    string, one escaped line) is returned whole.
    """
    if _QUOTE.search(text) is None:
        return [text]
    pieces: list[str] = []
    inside, delimiter, start = True, "", 0
    for quote in _QUOTE.finditer(text):
        char, at = quote.group(), quote.start()
        if inside and (not delimiter or char == delimiter):
            pieces.append(text[start:at])
            inside = False
        elif not inside:
            delimiter, inside, start = char, True, at + 1
    if inside:
        pieces.append(text[start:])
    return pieces


def body_lines(text: str) -> list[str]:
    """The lines of a block body, unwrapped from strings, escapes, indentation and comments."""
    lines = []
    for piece in string_contents(text):
        for raw in _BREAK.split(piece):
            line = _COMMENT.sub("", raw.strip()).rstrip("\\").strip()
            if line:
                lines.append(line)
    return lines


def _decode(lines: list[str]) -> tuple[tuple[str, ...], str, bytes] | None:
    headers: list[str] = []
    body: list[str] = []
    padded = False
    for line in lines:
        if not body and _HEADER.match(line):
            headers.append(line)
            continue
        if padded or not _BASE64_LINE.fullmatch(line):
            return None  # not base64 (elided "MIIE...", "<key here>", prose), or data after padding
        padded = line.endswith("=")
        body.append(line)
    text = "".join(body)
    try:
        data = base64.b64decode(text + "=" * (-len(text) % 4), validate=True)
    except (binascii.Error, ValueError):
        return None
    return tuple(headers), text, data


def parse_pem(text: str) -> PemBlock | None:
    """The first PEM block in ``text`` whose body decodes, with its label and headers."""
    for frame in _FRAME.finditer(text):
        decoded = _decode(body_lines(frame.group(2)))
        if decoded is not None:
            return PemBlock(frame.group(1), *decoded)
    return None


def looks_stand_in(body: str) -> bool:
    """A body typed by hand rather than generated (``xxxxxxxx``, ``YOURKEYHERE``)."""
    return _RUN.search(body) is not None or _WORDS.search(body) is not None


def is_private_label(label: str) -> bool:
    return label.endswith("PRIVATE KEY")


def key_material_ok(pem: PemBlock) -> bool:
    """The block holds key material of the shape its label promises, not a stand-in."""
    if len(pem.data) < _MIN_KEY_BYTES or looks_stand_in(pem.body):
        return False
    if pem.label == "OPENSSH PRIVATE KEY":
        return pem.data.startswith(OPENSSH_MAGIC)
    if any("ENCRYPTED" in h for h in pem.headers if h.lower().startswith("proc-type:")):
        return True  # RFC 1421 encryption: the body is ciphertext, not DER
    return pem.data[0] == 0x30  # a DER SEQUENCE: PKCS#1, SEC1, PKCS#8, DSA


def private_pem_ok(text: str) -> bool:
    """``text`` (a matched block, in whatever wrapping) holds a real private key."""
    pem = parse_pem(text)
    return pem is not None and is_private_label(pem.label) and key_material_ok(pem)


def _b64_prefix(text: str, altchars: bytes = b"+/") -> bytes | None:
    """Decode a base64 value up to its padding (a match may run on into text that follows it)."""
    core = "".join(text.split()).split("=", 1)[0]
    if len(core) % 4 == 1:
        core = core[:-1]  # a value cut short: decode its whole bytes
    try:
        return base64.b64decode(core + "=" * (-len(core) % 4), altchars=altchars, validate=True)
    except (binascii.Error, ValueError):
        return None


BASE64_PEM_PREFIX = "LS0tLS1CRUdJTi"  # base64 of "-----BEGIN"
_LEADING_FRAME = re.compile(r"-----BEGIN ([A-Z0-9 ]{1,40})-----")


def wrapped_pem_label(value: str) -> str | None:
    """The label of the PEM block a base64 value decodes to (``CERTIFICATE``, ``RSA PRIVATE KEY``)."""
    if not value.startswith(BASE64_PEM_PREFIX):
        return None
    raw = _b64_prefix(value[:80])
    frame = _LEADING_FRAME.match(raw.decode("latin-1")) if raw is not None else None
    return frame.group(1) if frame else None


def wrapped_private_pem_ok(value: str) -> bool:
    """A base64 value (Kubernetes ``tls.key``, kubeconfig ``client-key-data``) that decodes to text
    holding a real private key block (possibly after a certificate)."""
    raw = _b64_prefix(value)
    if raw is None:
        return False
    text = raw.decode("latin-1")
    return any(_private_frame_ok(frame.group(1), frame.group()) for frame in _FRAME.finditer(text))


def _der_length(data: bytes, at: int) -> tuple[int, int] | None:
    """The length of the DER element whose length octets start at ``at``, and where its content starts."""
    if at >= len(data):
        return None
    first = data[at]
    if first < 0x80:
        return first, at + 1
    count = first & 0x7F
    if not 1 <= count <= 3 or at + 1 + count > len(data):
        return None
    return int.from_bytes(data[at + 1 : at + 1 + count], "big"), at + 1 + count


def der_private_key_ok(value: str) -> bool:
    """Base64 of a DER private key without its PEM frame (Keycloak's realm export ``privateKey``, a
    Java ``PKCS8EncodedKeySpec``'s input): one SEQUENCE filling the whole value, opening with a version
    INTEGER 0 or 1 (PKCS#1 and PKCS#8 say 0, SEC1's EC keys 1). A public key (SubjectPublicKeyInfo) and
    a certificate open with a SEQUENCE instead."""
    import base64
    import binascii

    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    if len(raw) < 40 or raw[0] != 0x30:
        return False
    outer = _der_length(raw, 1)
    if outer is None or outer[1] + outer[0] != len(raw):
        return False
    start = outer[1]
    return raw[start : start + 2] == b"\x02\x01" and raw[start + 2 : start + 3] in (b"\x00", b"\x01")


def _private_frame_ok(label: str, block: str) -> bool:
    """A PEM private key, or an OpenPGP one (``gpg --export-secret-keys --armor | base64``: CI signing
    keys kept as one base64 variable)."""
    if label == "PGP PRIVATE KEY BLOCK":
        return pgp_block_ok(block)
    return is_private_label(label) and private_pem_ok(block)


def _decoded_len(text: str) -> int:
    """Bytes of key material in a base64 body; 0 when it does not decode or is a stand-in."""
    body = "".join(text.split())
    if looks_stand_in(body):
        return 0
    try:
        return len(base64.b64decode(body + "=" * (-len(body) % 4), validate=True))
    except (binascii.Error, ValueError):
        return 0


def _plain_lines(block: str) -> list[str]:
    return [ln.strip() for ln in _BREAK.split(block)]


def pgp_block_ok(block: str) -> bool:
    """ASCII-armored PGP: drop armor headers and the CRC24 line (``=abcd``), decode the rest."""
    lines = _plain_lines(block)
    body = [
        ln
        for ln in lines[1:-1]
        if ln and ":" not in ln and not (ln.startswith("=") and len(ln) == 5) and not ln.startswith("-----")
    ]
    return _decoded_len("".join(body)) >= 64


def ssh2_block_ok(block: str) -> bool:
    """SSH.com / RFC 4716 style: ``---- BEGIN ... ----`` framing, ``Header: value`` lines (continued with
    a trailing backslash), then base64."""
    body: list[str] = []
    continued = False
    for ln in _plain_lines(block):
        if continued or ":" in ln:
            continued = ln.endswith("\\")
            continue
        if ln and not ln.startswith("----"):
            body.append(ln)
    return _decoded_len("".join(body)) >= 64


# An OpenVPN key block (its labels are not PEM's: mixed case, hyphens), and a static key's line.
_OPENVPN_FRAME = re.compile(
    r"-----BEGIN OpenVPN ([\w -]{1,40})-----((?:[^-]|-(?!----)){0,40000}?)-----END OpenVPN \1-----"
)
_HEX_LINE = re.compile(r"[0-9A-Fa-f]{32}")


def _openvpn_body(block: str) -> list[str]:
    """The body lines of the OpenVPN key block in ``block``, unwrapped as a PEM body is."""
    frame = _OPENVPN_FRAME.search(block)
    return body_lines(frame.group(2)) if frame is not None else []


def openvpn_static_ok(block: str) -> bool:
    """An OpenVPN static key (``openvpn --genkey secret``, for tls-auth, tls-crypt or ``--secret``): 2048
    bits, 16 lines of 32 hex digits, in whatever wrapping the block sits."""
    lines = _openvpn_body(block)
    body = "".join(lines).lower()
    if len(lines) != 16 or not all(_HEX_LINE.fullmatch(line) for line in lines):
        return False
    return not looks_stand_in(body) and len(set(body)) >= 12


def openvpn_tls_crypt_v2_ok(block: str) -> bool:
    """An OpenVPN tls-crypt-v2 server or client key: base64 between its markers, decoding to key
    material (a server key is 128 bytes, a client key more). ``+`` and ``/`` may start or end a line."""
    decoded = _decode(_openvpn_body(block))
    return decoded is not None and len(decoded[2]) >= 64 and not looks_stand_in(decoded[1])


_PPK_PRIVATE = re.compile(r"Private-Lines: *(\d+)")


def ppk_ok(block: str) -> bool:
    """PuTTY key file: the ``Private-Lines: N`` section decodes to key material (>= 32 bytes)."""
    lines = _plain_lines(block)
    for i, ln in enumerate(lines):
        m = _PPK_PRIVATE.match(ln)
        if m:
            return _decoded_len("".join(lines[i + 1 : i + 1 + int(m.group(1))])) >= 32
    return False


_JWK_D = re.compile(r"[A-Za-z0-9_-]+")


def jwk_symmetric_ok(value: str) -> bool:
    """A symmetric JWK's key (``k`` of ``kty: oct``): base64url of at least 16 bytes (AES-128 and up,
    HMAC keys)."""
    if not _JWK_D.fullmatch(value) or looks_stand_in(value):
        return False
    raw = _b64_prefix(value, b"-_")
    return raw is not None and len(raw) >= 16


def jwk_private_ok(value: str) -> bool:
    """A JWK private member (``d``): base64url of at least 32 bytes (Ed25519, X25519, P-256 and up)."""
    if not _JWK_D.fullmatch(value) or looks_stand_in(value):
        return False
    raw = _b64_prefix(value, b"-_")
    return raw is not None and len(raw) >= _MIN_KEY_BYTES
