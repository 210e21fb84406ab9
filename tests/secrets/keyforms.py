"""The forms a key takes in a repository: each function writes a key file's text the way a language or
a tool embeds it (code strings, configuration, Terraform state, Kubernetes objects, JWK)."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

Form = Callable[[str], str]


def plain(text: str) -> str:
    return text


def crlf(text: str) -> str:
    return text.replace("\n", "\r\n")


def python_line(text: str) -> str:
    return f"SIGNING_KEY = {json.dumps(text)}\n"


def js_single_quoted(text: str) -> str:
    return "const key = '" + text.replace("\n", "\\n") + "';\nmodule.exports = { key };\n"


def json_value(text: str) -> str:
    return json.dumps({"name": "deploy", "signing_key": text, "enabled": True}, indent=2) + "\n"


def yaml_block(text: str) -> str:
    body = "".join(f"      {line}\n" for line in text.splitlines())
    return f"app:\n  tls:\n    enabled: true\n    key: |\n{body}  replicas: 2\n"


def java_concat(text: str) -> str:
    lines = " +\n".join(f'        "{line}\\n"' for line in text.splitlines())
    return f"class Keys {{\n    static final String PEM =\n{lines};\n}}\n"


def csharp_concat(text: str) -> str:
    lines = " + Environment.NewLine +\n".join(f'        "{line}"' for line in text.splitlines())
    return f"class Keys\n{{\n    const string Pem =\n{lines};\n}}\n"


def go_raw_string(text: str) -> str:
    return f"package keys\n\nconst signingKey = `{text}`\n"


def terraform_state(text: str, public: str = "") -> str:
    """A tls_private_key resource in a Terraform state file (JSON, one line per value)."""
    openssh = "OPENSSH PRIVATE KEY" in text.splitlines()[0]
    attributes = {
        "algorithm": "ED25519" if openssh else "RSA",
        "id": "b2f1c7d0e98a4a5f1c2e3d4b5a69788796a5b4c3",
        "private_key_openssh" if openssh else "private_key_pem": text,
        "public_key_openssh" if openssh else "public_key_pem": public,
    }
    resource = {
        "mode": "managed",
        "type": "tls_private_key",
        "name": "deploy",
        "instances": [{"attributes": attributes}],
    }
    state = {"version": 4, "terraform_version": "1.7.5", "serial": 3, "resources": [resource]}
    return json.dumps(state, indent=2) + "\n"


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def kubernetes_secret(text: str) -> str:
    head = text.splitlines()[0]
    field = "ssh-privatekey" if "OPENSSH" in head else "tls.key"
    if "PRIVATE" not in head:  # public halves go in the public fields
        field = "tls.crt" if "-----BEGIN" in head else "ssh-publickey"
    return (
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: deploy-key\n  namespace: ci\n"
        f"type: Opaque\ndata:\n  {field}: {_b64(text)}\n"
    )


def kubeconfig(text: str) -> str:
    field = "client-key-data" if "PRIVATE" in text.splitlines()[0] else "client-certificate-data"
    return (
        "apiVersion: v1\nkind: Config\nusers:\n- name: ci-admin\n  user:\n"
        f"    {field}: {_b64(text)}\ncurrent-context: ci\n"
    )


def base64_wrapped(text: str) -> str:
    """Base64 wrapped at 76 columns, as the base64 tool writes it, in a YAML block scalar."""
    value = _b64(text)
    lines = "".join(f"    {value[i : i + 76]}\n" for i in range(0, len(value), 76))
    return f"secrets:\n  deploy_key_b64: |\n{lines}  other: value\n"


# Every form, the file suffix it gets, and the rules that may report it (None: the key's own rule).
PEM_FORMS: dict[str, tuple[str, Form, frozenset[str] | None]] = {
    "plain": (".pem", plain, None),
    "crlf": (".key", crlf, None),
    "python": (".py", python_line, None),
    "js": (".js", js_single_quoted, None),
    "json": (".json", json_value, None),
    "yaml": (".yaml", yaml_block, None),
    "java": (".java", java_concat, None),
    "csharp": (".cs", csharp_concat, None),
    "go": (".go", go_raw_string, None),
    "tfstate": (".tfstate", terraform_state, None),
    "k8s-secret": (".yaml", kubernetes_secret, frozenset({"private-key-base64-pem"})),
    "kubeconfig": (
        ".yaml",
        kubeconfig,
        frozenset({"private-key-base64-pem", "kubernetes-kubeconfig-client-key"}),
    ),
    "base64-wrapped": (".yaml", base64_wrapped, frozenset({"private-key-base64-pem"})),
}
# PuTTY and SSH.com files are not PEM: no base64 wrapping or string concatenation in the wild.
TEXT_FORMS = ("plain", "crlf", "python", "js", "json", "yaml")


def _jwk_literal(jwk: dict[str, Any]) -> str:
    """A JavaScript object literal: unquoted keys, single-quoted values."""
    return "{ " + ", ".join(f"{k}: '{v}'" for k, v in jwk.items()) + " }"


def _jwk_yaml(jwk: dict[str, Any]) -> str:
    return "keys:\n" + "".join(
        f"  {'-' if i == 0 else ' '} {k}: {v}\n" for i, (k, v) in enumerate(jwk.items())
    )


JWK_FORMS: dict[str, tuple[str, Callable[[dict[str, Any]], str]]] = {
    "json": (".json", lambda jwk: json.dumps(jwk, indent=2) + "\n"),
    # Sorted keys (json.dumps(sort_keys=True), jwcrypto): "d" comes before "kty".
    "sorted": (".json", lambda jwk: json.dumps(jwk, sort_keys=True, separators=(",", ":")) + "\n"),
    "jwks": (".json", lambda jwk: json.dumps({"keys": [jwk]}, indent=2, sort_keys=True) + "\n"),
    "js": (".js", lambda jwk: f"export const privateJwk = {_jwk_literal(jwk)};\n"),
    "yaml": (".yaml", _jwk_yaml),
    "escaped": (".json", lambda jwk: json.dumps({"env": {"JWK": json.dumps(jwk)}}, indent=2) + "\n"),
    "python": (".py", lambda jwk: f"JWK = {jwk!r}\n"),
}


def _b64url(value: int | bytes, size: int = 0) -> str:
    raw = value if isinstance(value, bytes) else value.to_bytes(size or (value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


_CURVES = {"secp256r1": "P-256", "secp384r1": "P-384", "secp521r1": "P-521"}


def to_jwk(text: str) -> dict[str, str] | None:
    """The JWK (RFC 7517/7518/8037) of an unencrypted PEM private key; None for DSA (no JWK form)."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, rsa, x448, x25519

    key = serialization.load_pem_private_key(text.encode(), password=None)
    if isinstance(key, rsa.RSAPrivateKey):
        n = key.private_numbers()
        return {
            "kty": "RSA",
            "n": _b64url(n.public_numbers.n),
            "e": _b64url(n.public_numbers.e),
            "d": _b64url(n.d),
            "p": _b64url(n.p),
            "q": _b64url(n.q),
            "dp": _b64url(n.dmp1),
            "dq": _b64url(n.dmq1),
            "qi": _b64url(n.iqmp),
        }
    if isinstance(key, ec.EllipticCurvePrivateKey):
        size = (key.curve.key_size + 7) // 8
        point = key.public_key().public_numbers()
        return {
            "kty": "EC",
            "crv": _CURVES[key.curve.name],
            "x": _b64url(point.x, size),
            "y": _b64url(point.y, size),
            "d": _b64url(key.private_numbers().private_value, size),
        }
    okp = {
        ed25519.Ed25519PrivateKey: "Ed25519",
        ed448.Ed448PrivateKey: "Ed448",
        x25519.X25519PrivateKey: "X25519",
        x448.X448PrivateKey: "X448",
    }
    for kind, curve in okp.items():
        if isinstance(key, kind):
            raw = serialization.Encoding.Raw
            private = key.private_bytes(raw, serialization.PrivateFormat.Raw, serialization.NoEncryption())
            public = key.public_key().public_bytes(raw, serialization.PublicFormat.Raw)
            return {"kty": "OKP", "crv": curve, "x": _b64url(public), "d": _b64url(private)}
    return None


PRIVATE_MEMBERS = ("d", "p", "q", "dp", "dq", "qi")


def public_jwk(jwk: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in jwk.items() if k not in PRIVATE_MEMBERS}
