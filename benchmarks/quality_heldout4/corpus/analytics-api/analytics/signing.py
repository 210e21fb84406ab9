"""Signs de-identified export manifests (Ed25519)."""

from cryptography.hazmat.primitives.serialization import load_pem_private_key

_MANIFEST_KEY = b"""-----BEGIN PRIVATE KEY-----
MC4CAQAwBQYDK2VwBCIEIPdQCN8VFQOYLjeoTwHZf99ekiEK5kJH0oy6S6Ig4SCQ
-----END PRIVATE KEY-----
"""

SIGNER = load_pem_private_key(_MANIFEST_KEY, password=None)
