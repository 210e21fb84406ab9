"""Credentials for the Workspace audit, through google-auth: a service-account key with domain-wide
delegation impersonating a super admin (``--credentials FILE --subject admin@domain``; the token request
goes to the key file's ``token_uri``), or Application Default Credentials. Only the scopes below are asked.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from seawall.errors import CloudError, EndpointError, UsageError
from seawall.workspace.api import Client, ReadOnlyHttp, base_urls

_AUTH = "https://www.googleapis.com/auth/"
# Every scope is read-only but one: listing users' OAuth grants (Directory tokens.list) needs
# admin.directory.user.security, which Google offers in no .readonly variant. seawall only GETs with it.
SCOPES = tuple(
    _AUTH + s
    for s in (
        "admin.directory.user.readonly",
        "admin.directory.orgunit.readonly",
        "admin.directory.domain.readonly",
        "admin.directory.group.readonly",
        "admin.directory.rolemanagement.readonly",
        "admin.directory.user.security",
        "admin.reports.audit.readonly",
        "cloud-identity.policies.readonly",
        "cloud-identity.devices.readonly",
    )
)


def load_credentials(credentials_file: str | None, subject: str | None) -> Any:
    """google-auth credentials with ``SCOPES``: the key file's (impersonating ``subject``) or ADC."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    if credentials_file:
        if not subject:
            raise UsageError(
                "--credentials needs --subject: the super admin the service account impersonates",
                hint="seawall workspace audit --credentials key.json --subject admin@example.com",
            )
        return _service_account(Path(credentials_file), subject)
    try:
        credentials, _project = google.auth.default(scopes=SCOPES)
    except DefaultCredentialsError as exc:
        raise CloudError(
            f"no Google credentials: {exc}",
            hint="pass --credentials KEY.json --subject admin@yourdomain (README: domain-wide delegation)",
        ) from None
    if subject and hasattr(credentials, "with_subject"):
        credentials = credentials.with_subject(subject)
    return credentials


def _service_account(path: Path, subject: str) -> Any:
    from google.oauth2 import service_account

    try:
        return service_account.Credentials.from_service_account_file(  # type: ignore[no-untyped-call]
            str(path), scopes=SCOPES, subject=subject
        )
    except OSError as exc:
        raise UsageError(
            f"--credentials {path}: {exc.strerror}", hint="name the service account's key file"
        ) from None
    except (ValueError, KeyError) as exc:
        raise UsageError(
            f"--credentials {path}: not a service-account key file ({exc})",
            hint="download a JSON key of the service account (IAM & Admin > Service accounts > Keys)",
        ) from None


def connect(
    credentials: Any, environ: Mapping[str, str], *, pool_size: int = 32, backoff: float | None = None
) -> Client:
    """A client over one connection pool, guarded read-only; the token is fetched on first use."""
    import urllib3
    from google.auth.transport.urllib3 import Request

    token_uri = getattr(credentials, "_token_uri", None) or getattr(credentials, "token_uri", None)
    pool = urllib3.PoolManager(maxsize=pool_size, retries=False)
    http = ReadOnlyHttp(pool, frozenset({str(token_uri)}) if token_uri else frozenset())
    request = Request(http)  # type: ignore[no-untyped-call]
    lock = threading.Lock()

    def token(force: bool) -> str:
        with lock:
            if force or not credentials.valid:
                _refresh(credentials, request)
            return str(credentials.token)

    kwargs = {} if backoff is None else {"backoff": backoff}
    return Client(http, token, base_urls(environ), **kwargs)


def _refresh(credentials: Any, request: Any) -> None:
    from google.auth.exceptions import RefreshError, TransportError

    try:
        credentials.refresh(request)
    except RefreshError as exc:
        raise CloudError(
            f"Google refused the credentials: {_first_line(exc)}",
            hint="check the key, the --subject (a super admin) and that the client id is authorised for "
            "domain-wide delegation with the scopes in the README",
        ) from None
    except TransportError as exc:
        raise EndpointError(f"cannot reach the token endpoint: {_first_line(exc)}") from None


def _first_line(exc: Exception) -> str:
    text = " ".join(str(exc).split())
    return text[:300]
