"""Start the simulator in a process of its own (its own core, not this interpreter's) and a service-account
key for it. The process ends with the seawall that started it (``die_with_parent``), and is stopped on the
way out of :func:`running` in any case."""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from seawall.errors import CloudError
from seawall.processes import sigterm_deferred

CLIENT_EMAIL = "seawall-audit@northwind-security.iam.gserviceaccount.com"
START_TIMEOUT = 30.0


@dataclass(frozen=True, slots=True)
class Simulator:
    endpoint: str  # http://127.0.0.1:PORT, for SEAWALL_GOOGLE_API_ENDPOINT
    dns_server: str  # 127.0.0.1:PORT, for SEAWALL_DNS_SERVER
    key_file: str  # a service-account key whose token_uri is the simulator's

    @property
    def environ(self) -> dict[str, str]:
        return {"SEAWALL_GOOGLE_API_ENDPOINT": self.endpoint, "SEAWALL_DNS_SERVER": self.dns_server}


@dataclass(frozen=True, slots=True)
class ServiceAccount:
    private_pem: str
    public_pem: str
    client_email: str = CLIENT_EMAIL

    @property
    def public(self) -> dict[str, str]:
        return {"client_email": self.client_email, "public_key": self.public_pem}

    def key_file(self, token_uri: str) -> dict[str, str]:
        """A key file as the Cloud console downloads it (the fields google-auth reads)."""
        return {
            "type": "service_account",
            "project_id": "northwind-security",
            "private_key_id": "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c",
            "private_key": self.private_pem,
            "client_email": self.client_email,
            "client_id": "104857600000000000001",
            "auth_uri": "https://accounts.google.com/o/oauth2/auth",
            "token_uri": token_uri,
        }


def rsa_key(bits: int = 2048) -> Any:
    from cryptography.hazmat.primitives.asymmetric import rsa

    return rsa.generate_private_key(public_exponent=65537, key_size=bits)


def public_der(key: Any) -> bytes:
    from cryptography.hazmat.primitives import serialization

    return bytes(
        key.public_key().public_bytes(
            serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )


def service_account() -> ServiceAccount:
    from cryptography.hazmat.primitives import serialization

    key = rsa_key()
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    public = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return ServiceAccount(private.decode(), public.decode())


@contextlib.contextmanager
def running(world: dict[str, Any], account: ServiceAccount) -> Iterator[Simulator]:
    import os

    with tempfile.TemporaryDirectory(prefix="seawall-gws-") as tmp:
        world_file = Path(tmp) / "world.json"
        world_file.write_text(json.dumps(world), encoding="utf-8")
        with sigterm_deferred():  # never a started simulator that this process has not taken note of
            server = subprocess.Popen(
                [sys.executable, "-m", "seawall.workspace.simulator", str(os.getpid()), str(world_file)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        try:
            http_port, dns_port = _ready(server)
            endpoint = f"http://127.0.0.1:{http_port}"
            key_file = Path(tmp) / "service-account.json"
            key_file.write_text(json.dumps(account.key_file(f"{endpoint}/token")), encoding="utf-8")
            key_file.chmod(0o600)
            yield Simulator(endpoint, f"127.0.0.1:{dns_port}", str(key_file))
        finally:
            _stop(server)


def _ready(server: subprocess.Popen[str]) -> tuple[int, int]:
    """The ports from the simulator's READY line (it prints nothing else)."""
    import selectors

    selector = selectors.DefaultSelector()
    assert server.stdout is not None  # noqa: S101 - stdout=PIPE above
    selector.register(server.stdout, selectors.EVENT_READ)
    if not selector.select(START_TIMEOUT):
        raise CloudError(f"the Workspace simulator did not start within {START_TIMEOUT:.0f} s")
    line = server.stdout.readline().split()
    if len(line) != 3 or line[0] != "READY":
        code = server.poll()
        raise CloudError(f"the Workspace simulator failed to start (exit code {code})")
    return int(line[1]), int(line[2])


def _stop(server: subprocess.Popen[str]) -> None:
    """Terminate, then kill if it lingers or if seawall is interrupted again while waiting."""
    try:
        server.terminate()
        server.wait(timeout=10)
    except BaseException:
        server.kill()
        server.wait()
        if not isinstance(sys.exc_info()[1], subprocess.TimeoutExpired):
            raise
    finally:
        if server.stdout is not None:
            server.stdout.close()
