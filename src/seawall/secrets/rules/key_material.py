"""Private keys carried in another encoding: PEM blocks wrapped in base64 (Kubernetes Secrets'
``tls.key`` and ``ssh-privatekey``, kubeconfig ``client-key-data``, Helm values, CI variables) and JSON
Web Keys with their private member ``d`` (RSA, EC and OKP keys as JOSE libraries write them).

Both are decoded before they are reported: a base64 value counts only if it decodes to a real private
key block (a certificate or a public key does not), and a ``d`` counts only inside a JWK object, one
with a ``kty``, and only if it decodes to at least 32 bytes.
"""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.keyblocks import (
    der_private_key_ok,
    jwk_private_ok,
    jwk_symmetric_ok,
    wrapped_private_pem_ok,
)
from seawall.secrets.rules.base import Rule, token_rule

_REMEDIATION = (
    "Treat the key as compromised: generate a new key pair, replace the public key wherever it is trusted "
    "(JWKS endpoints, authorized_keys, certificates - revoke any certificate issued for it), then remove "
    "the old one. Encoding is not protection: load keys from a secrets manager or a sealed/external "
    "secret at runtime, and purge the history."
)

# base64("-----BEGIN") (not inside a longer base64 string), then more base64, on one line or wrapped
# onto indented lines that hold only base64 (the `base64` tool wraps at 76 columns). Each line is looked
# at once: linear. The literal comes first so that the regex engine searches for it quickly.
_WRAPPED_LINE = r"\r?\n[ \t]{0,40}(?=[A-Za-z0-9+/]{1,120}={0,2}[ \t]*\r?$)"
_BASE64_PEM = rf"(?P<secret>LS0tLS1CRUdJTi(?<![A-Za-z0-9+/]LS0tLS1CRUdJTi)(?:[A-Za-z0-9+/]|{_WRAPPED_LINE}){{60,40000}}={{0,2}})"

# A quote, escaped or not, or none (JavaScript object literals and YAML leave keys unquoted).
_Q = r"(?:\\?[\"'])?"
# What follows "kty" is spelled out (a quote, blanks or the colon) so that the keywords can say it: in a
# bundle "kty" is mostly a piece of ``sdkType``, and each one made the rules search 12 KB around it.
_KTY_COLON = r"kty(?:\\?[\"'][ \t]*:|[ \t]+:|:)"
_KTY_KEYWORDS = ('kty"', "kty'", "kty\\", "kty ", "kty\t", "kty:")
_KTY = rf"{_Q}{_KTY_COLON}[ \t]*{_Q}(?:RSA|EC|OKP){_Q}"
_D = rf"(?<![\w-]){_Q}d{_Q}[ \t]*:[ \t]*{_Q}"
_VALUE = r"[A-Za-z0-9_-]{43,1400}(?![A-Za-z0-9_-])"
# Within one JSON object: ``d`` after ``kty``, or before it (sorted keys put "d" first; RSA's "dp" and
# "dq" come between, some 3,000 characters for an 8192-bit key). The gap crosses no brace, no other
# ``d`` key and no other ``kty`` key (inside a value, as in "...xkty...", they are letters like any
# other): each attempt stops where the next one starts, so the work is linear even on a minified file
# full of "d" members. The four kinds of gap character exclude each other (a letter after a word
# character, or not): with two ways to read one letter, a failed attempt would retry 2^n readings.
_GAP_CHAR = r"(?:[^{}dk]|(?<=[\w-])[dk]|(?<![\w-])d(?!(?:\\?[\"'])?[ \t]*:)|(?<![\w-])k(?!ty))"
_SAME_OBJECT = rf"{_GAP_CHAR}{{0,6000}}?"
# Every match starts with a quote, a backslash, "k" or "d": said first, it lets the engine skip ahead.
_JWK = rf"(?=[\\\"'kd])(?:{_KTY}{_SAME_OBJECT}{_D}(?P<secret>{_VALUE})|{_D}(?P<secret2>{_VALUE}){_SAME_OBJECT}{_KTY})"

# A symmetric JWK (``kty: oct``, HMAC and AES keys) holds its secret in ``k``, in the same object.
_KTY_OCT = rf"{_Q}{_KTY_COLON}[ \t]*{_Q}oct{_Q}"
_K = rf"(?<![\w-]){_Q}k{_Q}[ \t]*:[ \t]*{_Q}"
_K_VALUE = r"[A-Za-z0-9_-]{22,1400}(?![A-Za-z0-9_-])"
_JWK_OCT = (
    rf"(?=[\\\"'k])(?:{_KTY_OCT}{_SAME_OBJECT}{_K}(?P<secret>{_K_VALUE})"
    rf"|{_K}(?P<secret2>{_K_VALUE}){_SAME_OBJECT}{_KTY_OCT})"
)
_OCT_K = "GawgguFyGrWKav7AX4VKUg9xJQa3TeSlK4SNNK7Rf2U"
# The private member with its value, which every match holds (``Rule.requires``; quotes loosened).
_D_MEMBER = r"d\\?[\"']?[ \t]*:[ \t]*\\?[\"']?[A-Za-z0-9_-]{43}"
_K_MEMBER = r"k\\?[\"']?[ \t]*:[ \t]*\\?[\"']?[A-Za-z0-9_-]{22}"

_RSA_PEM_B64 = (
    "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFcEFJQkFBS0NBUUVBZUR2MkhNZWR1SEtpTTVkV0ZZWFg1QzRNYXJ2"
    "WS9Sdk5UZHlQYkcxbG1YK0wrMS9LCm5aRXJaaUJ4R2RtUGk2TWZTTGR3Sm4wWWMyTFJYN2RGM3E0V2pCb0ZUMkN0cW1Cd2F6b1Nk"
    "SDhvcXFmOWdJQ3IKeVJIU2dYQ2E2VWVnSTNsOFFQTWJvS0RSSjZKbnNtMmtEdjA9Ci0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0t"
    "LS0tCg=="
)
_OPENSSH_PEM_B64 = (
    "LS0tLS1CRUdJTiBPUEVOU1NIIFBSSVZBVEUgS0VZLS0tLS0KYjNCbGJuTnphQzFyWlhrdGRqRUFBQUFBQkc1dmJtVUFBQUFFYm05"
    "dVpRQUFBQUFBQUFBQkFBQUFNd0FBQUF0egpjMmd0WldReU5UVXhPZVJzQWVqckZzNlVvcTZMekNiWk55L1EreDgrdXlYSDAvM056"
    "cHFITi9tNVBRa2RMdU9hCkkwY2lxbmwrUnN5RHE3SG53YTcydjZ0LzZKbjhuMzdTMXU0aG0yY1EyN2NwUDVuS1ovOHJ2Z0xzNFls"
    "WnRSUDEKUTBDdy9PcWxNR0dzK2RXdkNvUFhIaFdpUmxmQVpjVFoKLS0tLS1FTkQgT1BFTlNTSCBQUklWQVRFIEtFWS0tLS0tCg=="
)
# Base64 of what is not a key: an elided body ("MIIE..."), a certificate.
_ELIDED_PEM_B64 = (
    "LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFLi4uCi0tLS0tRU5EIFJTQSBQUklWQVRFIEtFWS0tLS0tCgoKCgoKCgo="
)
_CERT_PEM_B64 = (
    "LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUJzekNDQVZtZ0F3SUJBZ0lVTWgycDhIaFFrNnMxY1gzalFtMWZSMHZMeDlr"
    "d0NnWUlLb1pJemowRUF3SXdGekVWCk1CTUdBMVVFQXd3TWRHVnpkQzF5YjI5MExXTmhNQjRYRFRJME1ERXdNVEF3TURBd01Gb1hE"
    "VE0wTURFd01UQXdNREF3TUZvdwotLS0tLUVORCBDRVJUSUZJQ0FURS0tLS0tCg=="
)

_EC_D = "8mvf3gG2f1wdTU0CGRjIjp6ynhIT6Sy1dP9xVHLaQls"
_OKP_D = "nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"
_RSA_D = (
    "X4cTteJY_gn4FYPsXB8rdXix5vwsg1FLN5E3EaG6RJoVH-HLLKD9M7dx5oo7GURknchnrRweUkC7hT5fJLM0WbFAKNLWY2vv7B6N"
    "hDzUD6bCjQ9kYp3thd7Vn_8rtr8_nsfPMrm5dDr33Mp-L3q8zoxwj5mZ4s5w7K0d3bN4DPbD6aDhKP7RHs04g_LfeiyC44H3FTM"
)


def _der_example(body: bytes, version: bytes = b"\x02\x01\x00") -> str:
    """Base64 of a DER SEQUENCE of ``version`` (INTEGER 0) and ``body`` as an INTEGER: the shape a DER
    private key has (the tests use real keys made by openssl)."""
    import base64

    integer = b"\x02\x82" + len(body).to_bytes(2, "big") + body
    content = version + integer
    return base64.b64encode(b"\x30\x82" + len(content).to_bytes(2, "big") + content).decode()


_DER_KEY = _der_example(bytes((i * 73 + 41) % 251 for i in range(257)))
# A certificate's (or a public key's) shape: a SEQUENCE that opens with a SEQUENCE, not a version.
_DER_CERT = _der_example(bytes(range(200)), version=b"\x30\x03\x02\x01\x00")

RULES: tuple[Rule, ...] = (
    token_rule(
        "private-key-base64-pem",
        "Base64-encoded private key (PEM)",
        _BASE64_PEM,
        ("ls0tls1crudjti",),
        description=(
            "A PEM private key encoded in base64, as Kubernetes Secrets (tls.key, ssh-privatekey), kubeconfig "
            "files (client-key-data), Helm values and CI variables carry it. The value decodes to the key."
        ),
        examples=(
            "apiVersion: v1\nkind: Secret\ntype: kubernetes.io/tls\ndata:\n  tls.key: " + _RSA_PEM_B64 + "\n",
            "  ssh-privatekey: " + _OPENSSH_PEM_B64,
            '{"data": {"tls.key": "' + _RSA_PEM_B64 + '"}}',
            "DEPLOY_KEY_B64=" + _OPENSSH_PEM_B64,
            # Wrapped at 76 columns (the base64 tool's default) in a YAML block scalar.
            "  key: |\n"
            + "".join(f"    {_RSA_PEM_B64[i : i + 76]}\n" for i in range(0, len(_RSA_PEM_B64), 76)),
        ),
        counter_examples=(
            "  tls.crt: " + _CERT_PEM_B64,
            "  tls.key: " + _ELIDED_PEM_B64,
            "  tls.key: LS0tLS1CRUdJTi...",
            "  tls.key: {{ .Values.tlsKey | b64enc }}",
        ),
        remediation=_REMEDIATION,
        references=(
            "https://kubernetes.io/docs/concepts/configuration/secret/#tls-secrets",
            "https://kubernetes.io/docs/concepts/configuration/secret/#ssh-authentication-secrets",
            "https://www.rfc-editor.org/rfc/rfc7468",
        ),
        severity=Severity.CRITICAL,
        validator=wrapped_private_pem_ok,
        placeholder_filter=False,
    ),
    token_rule(
        "private-key-jwk",
        "JSON Web Key with its private part",
        _JWK,
        _KTY_KEYWORDS,
        description=(
            "A JSON Web Key (RFC 7517) holding the private member 'd' of an RSA, EC or OKP (Ed25519, X25519) "
            "key: whoever has it signs tokens or decrypts data as the key's owner."
        ),
        examples=(
            '{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", '
            '"y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "d": "' + _EC_D + '"}',
            # Sorted keys (Python's json.dumps(sort_keys=True), jwcrypto): "d" comes before "kty".
            '{\n  "crv": "Ed25519",\n  "d": "' + _OKP_D + '",\n  "kty": "OKP",\n  '
            '"x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"\n}',
            'const jwk = { kty: "RSA", n: "0vx7agoebGcQSuu", e: "AQAB", d: "' + _RSA_D + '" };',
            "keys:\n  - kty: OKP\n    crv: X25519\n    d: " + _OKP_D + "\n",
            # "kty" and "d" inside other members' values are not keys.
            '{"d": "' + _RSA_D + '", "dp": "Xkty9d_2rd", "e": "AQAB", "kty": "RSA", "n": "0kty:d"}',
            'JWK="{\\"kty\\":\\"EC\\",\\"crv\\":\\"P-256\\",\\"d\\":\\"' + _EC_D + '\\"}"',
        ),
        counter_examples=(
            # Public JWKs and JWKS documents have no "d".
            '{"keys": [{"kty": "EC", "crv": "P-256", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU", '
            '"y": "x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0", "kid": "1"}]}',
            # A "d" outside any JWK object (no kty in the same object).
            '{"kty": "EC", "x": "f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU"}, {"d": "' + _EC_D + '"}',
            '{"d": "' + _EC_D + '", "type": "point"}',
            '{"kty": "EC", "crv": "P-256", "d": "<private key, base64url>"}',
            '{"kty": "RSA", "d": "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}',
        ),
        remediation=_REMEDIATION,
        references=(
            "https://www.rfc-editor.org/rfc/rfc7517",
            "https://www.rfc-editor.org/rfc/rfc7518#section-6",
        ),
        severity=Severity.CRITICAL,
        validator=jwk_private_ok,
        min_entropy=3.5,
        placeholder_filter=False,
        requires=_D_MEMBER,
    ),
    token_rule(
        "symmetric-key-jwk",
        "JSON Web Key with a symmetric key (kty oct)",
        _JWK_OCT,
        _KTY_KEYWORDS,
        description=(
            "A symmetric JSON Web Key (RFC 7518 'oct': HMAC or AES) with its key 'k': whoever has it signs "
            "tokens the service accepts, or decrypts what it encrypted."
        ),
        examples=(
            '{"keys": [{"kty": "oct", "kid": "hmac-1", "alg": "HS256", "k": "' + _OCT_K + '"}]}',
            # Sorted keys put "k" before "kty"; YAML and JavaScript leave keys unquoted.
            '{\n  "alg": "A128KW",\n  "k": "GawgguFyGrWKav7AX4VKUg",\n  "kty": "oct"\n}',
            "jwks:\n  - kty: oct\n    use: sig\n    k: " + _OCT_K + "\n",
            'const key = { kty: "oct", k: "' + _OCT_K + '", alg: "HS512" };',
        ),
        counter_examples=(
            '{"kty": "oct", "kid": "hmac-1", "alg": "HS256"}',  # no key material
            '{"kty": "oct", "k": "<base64url key>"}',
            '{"kty": "RSA", "k": "' + _OCT_K + '"}',  # not a symmetric key
            '{"kty": "oct"}, {"k": "' + _OCT_K + '"}',  # another object
            '{"kty": "oct", "k": "AAAAAAAAAAAAAAAAAAAAAA"}',
        ),
        remediation=_REMEDIATION,
        references=("https://www.rfc-editor.org/rfc/rfc7518#section-6.4",),
        severity=Severity.CRITICAL,
        validator=jwk_symmetric_ok,
        min_entropy=3.0,
        placeholder_filter=False,
        requires=_K_MEMBER,
    ),
    token_rule(
        "private-key-der-base64",
        "Private key in base64 DER, without its PEM frame (Keycloak realm export, Java key specs)",
        # ``"privateKey" : [ "MIIEow..." ]`` in a Keycloak realm export's key providers, a
        # ``private_key=MII...`` property read by ``PKCS8EncodedKeySpec``.
        r"private[_\-.]?key\\?[\"']?[ \t]*[:=][ \t]*(?:\[\s{0,40})?\\?[\"']?(?P<secret>M[A-Za-z0-9+/]{50,6000}={0,2})"
        r"(?![A-Za-z0-9+/=])",
        ("privatekey", "private_key", "private-key", "private.key"),
        description=(
            "A private key written as base64 of its DER encoding (PKCS#1, PKCS#8 or SEC1), as Keycloak "
            "exports a realm's keys and as Java code feeds PKCS8EncodedKeySpec: the value decodes to the key."
        ),
        examples=('"config" : { "privateKey" : [ "' + _DER_KEY + '" ], "priority" : [ "100" ] }',),
        counter_examples=(
            '"config" : { "certificate" : [ "' + _DER_CERT + '" ] }',
            '"privateKey" : [ "' + _DER_CERT + '" ]',
            '"privateKey" : [ "${KEYCLOAK_RSA_KEY}" ]',
        ),
        remediation=_REMEDIATION,
        references=("https://www.rfc-editor.org/rfc/rfc5208", "https://www.rfc-editor.org/rfc/rfc8017"),
        severity=Severity.CRITICAL,
        validator=der_private_key_ok,
        ignore_case=True,
        placeholder_filter=False,
    ),
)
