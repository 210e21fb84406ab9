"""Sessions and clients: one guarded boto3 session, credentials per account, one client per
(account, region, service), API calls counted per service.

Clients are made from one session so that botocore's service models load once; creating a client is
not thread-safe in botocore, so creation takes a lock while the clients themselves are used from many
threads. Retries are adaptive (client-side rate limiting on throttling) and the connection pool is sized
to the audit's concurrency.

An organization over every region needs hundreds of clients, and botocore builds a new client class
(one method per operation, several hundred for EC2) for every one of them. ``share_client_classes``
keeps one class and one service model per (session, service, API version): the classes hold only the
operation methods and the models are read-only descriptions, so sharing them is safe, and it removes
most of the cost of making a client; so is the memo of event names translated through botocore's
aliases. Clients of one endpoint URL share one HTTP session (its connections), so a thousand clients do
not open a thousand connections.
"""

from __future__ import annotations

import os
import re
import threading
from collections import Counter
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from seawall import __version__
from seawall.aws import guard
from seawall.aws.replies import LastReply, not_the_api
from seawall.errors import CloudError, EndpointError

AUDIT_SESSION_NAME = "seawall-audit"
_ACCOUNT_HOST = re.compile(r"^\d{12}\.(?P<rest>.+)$")
_AWS_DOMAINS = (".amazonaws.com", ".amazonaws.com.cn", ".api.aws")


@dataclass(frozen=True, slots=True)
class Credentials:
    access_key: str
    secret_key: str
    token: str | None


class Connector:
    """Everything that talks to AWS goes through here."""

    def __init__(self, *, profile: str | None = None, pool_size: int = 32, timeout: float = 20.0) -> None:
        import boto3
        from botocore.config import Config
        from botocore.exceptions import ProfileNotFound

        self.profile = profile
        try:
            self.session = boto3.Session(profile_name=profile)
        except ProfileNotFound as exc:
            raise CloudError(str(exc), hint="list profiles with 'aws configure list-profiles'") from None
        guard.install(self.session)
        share_client_classes()
        events = self.session.events
        events.register("before-call.*.*", self._count, unique_id="seawall-count")
        self.last_reply = LastReply()
        events.register("before-parse.*.*", self.last_reply.remember, unique_id="seawall-last-reply")
        events.register("before-send.s3-control.*", local_s3control, unique_id="seawall-s3control")
        self.config = Config(
            max_pool_connections=pool_size,
            retries={"mode": "adaptive", "max_attempts": _max_attempts()},
            connect_timeout=5,
            read_timeout=timeout,
            user_agent_extra=f"seawall/{__version__}",
        )
        self.default_region = self.session.region_name or "us-east-1"
        self._lock = threading.Lock()
        self._clients: dict[tuple[str, str, str], Any] = {}
        self._http: dict[str, Any] = {}  # endpoint URL -> the HTTP session its clients share
        self._credentials: dict[str, Credentials | None] = {}
        self.calls: Counter[str] = Counter()

    def _count(self, model: Any, **_: Any) -> None:
        self.calls[model.service_model.service_name] += 1  # Counter += is atomic enough under the GIL

    def endpoint_error(self, exc: BaseException, client: Any) -> EndpointError | None:
        """``exc`` told as an ``EndpointError`` when the endpoint is unreachable or did not answer as
        the AWS API does (a proxy's page, an empty 403...); None for AWS's own errors."""
        return not_the_api(exc, self.last_reply.reply, str(client.meta.endpoint_url))

    def use_credentials(self, account_id: str, credentials: Credentials | None) -> None:
        """None: the session's own credentials (the caller's account)."""
        self._credentials[account_id] = credentials

    def client(self, account_id: str, region: str, service: str) -> Any:
        key = (account_id, region, service)
        client = self._clients.get(key)
        if client is not None:
            return client
        with self._lock:
            client = self._clients.get(key)
            if client is None:
                client = self._share_connections(self._make(account_id, region, service))
                self._clients[key] = client
        return client

    def _share_connections(self, client: Any) -> Any:
        """Clients of one endpoint (the same service and region in several accounts, or every client of
        a simulator) send through one HTTP session: its connections are reused instead of each client
        opening its own, and there are fewer pools to close at exit. A connection carries no credentials
        (each request is signed), and every client of this connector has the same HTTP settings."""
        endpoint = getattr(client, "_endpoint", None)
        if endpoint is None or not hasattr(endpoint, "http_session"):
            return client
        shared = self._http.setdefault(str(client.meta.endpoint_url), endpoint.http_session)
        if shared is not endpoint.http_session:
            endpoint.http_session.close()
            endpoint.http_session = shared
        return client

    def _make(self, account_id: str, region: str, service: str) -> Any:
        creds = self._credentials.get(account_id)
        if creds is None:
            return self.session.client(service, region_name=region, config=self.config)
        return self.session.client(
            service,
            region_name=region,
            config=self.config,
            aws_access_key_id=creds.access_key,
            aws_secret_access_key=creds.secret_key,
            aws_session_token=creds.token,
        )

    def assume(self, role_arn: str) -> Credentials:
        sts = self.client("", self.default_region, "sts")
        answer = sts.assume_role(RoleArn=role_arn, RoleSessionName=AUDIT_SESSION_NAME, DurationSeconds=3600)
        c = answer["Credentials"]
        return Credentials(c["AccessKeyId"], c["SecretAccessKey"], c.get("SessionToken"))


def _max_attempts() -> int:
    """Attempts per call: ``AWS_MAX_ATTEMPTS`` when set (the SDKs' own variable), else 6."""
    try:
        return max(1, int(os.environ.get("AWS_MAX_ATTEMPTS", "")))
    except ValueError:
        return 6


_SHARE_LOCK = threading.Lock()


def share_client_classes() -> None:
    """Make botocore reuse, per session, one service model and one client class per service and API
    version instead of rebuilding both for every client (idempotent, process-wide)."""
    from botocore.client import ClientCreator

    with _SHARE_LOCK:
        if getattr(ClientCreator, "seawall_shared", False):
            return
        load_model = ClientCreator._load_service_model  # type: ignore[attr-defined]
        make_class = ClientCreator._create_client_class  # type: ignore[attr-defined]
        # Keyed by the session's event emitter, which each entry also holds so its id is never reused.
        models: dict[tuple[int, str, str | None], tuple[Any, Any]] = {}
        classes: dict[tuple[int, str, str], tuple[Any, Any]] = {}

        def shared_model(creator: Any, service_name: str, api_version: str | None = None) -> Any:
            emitter = creator._event_emitter
            key = (id(emitter), service_name, api_version)
            hit = models.get(key)
            if hit is None:
                hit = models.setdefault(key, (emitter, load_model(creator, service_name, api_version)))
            return hit[1]

        def shared_class(creator: Any, service_name: str, service_model: Any) -> Any:
            emitter = creator._event_emitter
            key = (id(emitter), service_name, str(service_model.api_version))
            hit = classes.get(key)
            if hit is None:
                hit = classes.setdefault(key, (emitter, make_class(creator, service_name, service_model)))
            return hit[1]

        ClientCreator._load_service_model = shared_model  # type: ignore[attr-defined]
        ClientCreator._create_client_class = shared_class  # type: ignore[attr-defined]
        _share_event_aliases()
        ClientCreator.seawall_shared = True  # type: ignore[attr-defined]


def _share_event_aliases() -> None:
    """Every client copies its session's event emitter, and the copy's memo of event names translated
    through botocore's aliases starts empty: each new client translated again, alias by alias, every event
    name it registers or emits (a tenth of an inventory's CPU). The translation depends only on the name
    and the aliases, which a copy shares with its original: so does the memo now."""
    from botocore.hooks import EventAliaser

    copy_aliaser = EventAliaser.__copy__

    def shared_memo(self: Any) -> Any:
        copied = copy_aliaser(self)
        if getattr(copied, "_event_aliases", None) == getattr(self, "_event_aliases", None):
            copied._alias_name_cache = self._alias_name_cache
        return copied

    EventAliaser.__copy__ = shared_memo  # type: ignore[method-assign]


class AccountClients:
    """The ``Clients`` a collector gets: one (account, region)."""

    def __init__(self, connector: Connector, account_id: str, region: str) -> None:
        self._connector = connector
        self.account_id = account_id
        self.region = region

    def client(self, service: str) -> Any:
        return self._connector.client(self.account_id, self.region, service)


def local_s3control(request: Any, **_: Any) -> None:
    """S3 Control puts the account id in the host name (``<id>.s3-control...``). Against a local endpoint
    (``AWS_ENDPOINT_URL`` pointing at a simulator), that host does not resolve: send it to the endpoint
    itself; the account id still travels in the ``x-amz-account-id`` header."""
    parts = urlsplit(request.url)
    host = parts.hostname or ""
    match = _ACCOUNT_HOST.match(parts.netloc)
    if match is None or host.endswith(_AWS_DOMAINS):
        return
    request.url = urlunsplit(parts._replace(netloc=match["rest"]))
