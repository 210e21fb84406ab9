"""The parts that make a large audit or inventory cheaper must not change what it reads: relaxed garbage
collection restores the thresholds it found, clients of one endpoint share one HTTP session (and still
answer for their own account), the inventory's S3 listing leaves out only the two settings it never
uses, and the simulator's memoized lookups give moto's own answers (each built once however many ask),
and a simulator started early is the one the demo uses."""

from __future__ import annotations

import gc
import threading
import time
import urllib.request
from collections.abc import Iterator
from typing import Any

import pytest

from seawall.aws.collectors.s3 import NOT_READ, collect_s3
from seawall.aws.gcpause import RELAXED, relaxed_gc
from seawall.aws.session import AccountClients, Connector, Credentials
from seawall.model import Status
from tests.aws.conftest import ACCOUNT, admin


@pytest.fixture
def thresholds() -> Iterator[tuple[int, int, int]]:
    before = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield (700, 10, 10)
    gc.set_threshold(*before)


def test_relaxed_gc_raises_the_thresholds_and_restores_them(thresholds: tuple[int, int, int]) -> None:
    with relaxed_gc():
        assert gc.get_threshold() == RELAXED
        with relaxed_gc():  # nested: still relaxed, and leaving the inner one does not restore
            assert gc.get_threshold() == RELAXED
        assert gc.get_threshold() == RELAXED
    assert gc.get_threshold() == thresholds


def test_relaxed_gc_is_shared_by_concurrent_users(thresholds: tuple[int, int, int]) -> None:
    inside, leave = threading.Event(), threading.Event()

    def other() -> None:
        with relaxed_gc():
            inside.set()
            leave.wait(10)

    thread = threading.Thread(target=other)
    thread.start()
    inside.wait(10)
    with relaxed_gc():
        pass
    assert gc.get_threshold() == RELAXED  # the other user is still inside
    leave.set()
    thread.join(10)
    assert gc.get_threshold() == thresholds


def test_relaxed_gc_restores_after_an_error(thresholds: tuple[int, int, int]) -> None:
    with pytest.raises(RuntimeError), relaxed_gc():
        raise RuntimeError("collector crashed")
    assert gc.get_threshold() == thresholds


def test_clients_of_one_endpoint_share_an_http_session() -> None:
    connector = Connector()
    connector.use_credentials("111111111111", Credentials("AKIAONE", "one", None))
    connector.use_credentials("222222222222", Credentials("AKIATWO", "two", None))
    first = connector.client("111111111111", "eu-west-1", "ec2")
    second = connector.client("222222222222", "eu-west-1", "ec2")
    elsewhere = connector.client("111111111111", "us-west-2", "ec2")
    assert first._endpoint.http_session is second._endpoint.http_session
    assert first._endpoint.http_session is not elsewhere._endpoint.http_session
    # each still signs with its own account's credentials
    assert first._request_signer._credentials.access_key == "AKIAONE"
    assert second._request_signer._credentials.access_key == "AKIATWO"


@pytest.mark.usefixtures("aws")
def test_a_shared_session_answers_each_client_in_its_region() -> None:
    admin("ec2", "eu-west-1").create_volume(AvailabilityZone="eu-west-1a", Size=8)
    connector = Connector()
    connector.use_credentials(ACCOUNT, None)
    here = connector.client(ACCOUNT, "eu-west-1", "ec2").describe_volumes()["Volumes"]
    there = connector.client(ACCOUNT, "us-west-2", "ec2").describe_volumes()["Volumes"]
    assert len(here) == 1
    assert there == []


@pytest.mark.usefixtures("aws")
def test_the_inventory_s3_listing_skips_only_logging_and_lifecycle() -> None:
    s3 = admin("s3")
    s3.create_bucket(Bucket="plain")
    s3.create_bucket(Bucket="kept")
    s3.put_bucket_versioning(Bucket="kept", VersioningConfiguration={"Status": "Enabled"})
    rule = {"ID": "expire", "Status": "Enabled", "Filter": {"Prefix": ""}, "Expiration": {"Days": 30}}
    s3.put_bucket_lifecycle_configuration(Bucket="kept", LifecycleConfiguration={"Rules": [rule]})
    connector = Connector()
    connector.use_credentials(ACCOUNT, None)
    clients = AccountClients(connector, ACCOUNT, "us-east-1")
    full = {b.name: b for b in collect_s3(clients).buckets}
    calls = sum(connector.calls.values())
    lean = {b.name: b for b in collect_s3(clients, housekeeping=False).buckets}
    assert [r.id for r in full["kept"].lifecycle] == ["expire"]  # type: ignore[union-attr]
    assert lean["kept"].logging_target is NOT_READ
    assert lean["kept"].lifecycle is NOT_READ
    assert NOT_READ.status is Status.SKIPPED
    assert lean["kept"].versioning == "Enabled"
    assert (lean["kept"].policy, lean["kept"].grants) == (full["kept"].policy, full["kept"].grants)
    assert sum(connector.calls.values()) - calls == calls - 2 * 2  # two calls fewer per bucket


def test_the_simulators_memoized_lookups_give_motos_answers() -> None:
    from moto.core import responses, utils
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app
    from moto.s3.responses import S3Response

    from seawall.aws import simulator

    hosts = [
        "ec2.eu-west-1.amazonaws.com",
        "s3.amazonaws.com",
        "kms.ap-south-2.amazonaws.com",
        "moto_api",
        None,
    ]
    before_names = set(utils.method_names_from_class(S3Response))
    original = DomainDispatcherApplication.get_backend_for_host
    app = DomainDispatcherApplication(create_backend_app)
    before = [original(app, h) for h in hosts]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(responses, "method_names_from_class", utils.method_names_from_class)
        patch.setattr(DomainDispatcherApplication, "get_backend_for_host", original)
        simulator.quicken()
        assert DomainDispatcherApplication.get_backend_for_host is not original
        assert [app.get_backend_for_host(h) for h in hosts] == before
        assert [app.get_backend_for_host(h) for h in hosts] == before  # from the memo
        memoized = getattr(responses, "method_names_from_class")  # noqa: B009 - not exported
        assert memoized is not utils.method_names_from_class
        assert set(memoized(S3Response)) == before_names
        assert memoized(S3Response) is memoized(S3Response)
    assert before[0] == "ec2"


def test_the_simulator_builds_each_services_router_and_model_once_however_many_ask_at_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """moto caches a service's model and URL router without a lock: the thirty requests of a collector
    that arrive together would each build their own. Each builder here is slowed so that all eight askers
    arrive while the first is still building."""
    from moto.core import routing, utils

    from seawall.aws import simulator

    built: list[tuple[str, str, str]] = []
    real_router, real_load = routing.ServiceOperationRouter._get_router, utils._load_service_model

    def slow_router(self: Any, protocol: str) -> Any:
        built.append(("router", self._service_model.service_name, protocol))
        time.sleep(0.2)
        return real_router(self, protocol)

    def slow_load(service: str, model: str) -> Any:
        built.append(("model", service, model))
        time.sleep(0.2)
        return real_load(service, model)

    monkeypatch.setattr(routing.ServiceOperationRouter, "_get_router", slow_router)
    monkeypatch.setattr(utils, "_load_service_model", slow_load)
    simulator._build_once()
    model = utils.get_service_model("lambda")
    barrier = threading.Barrier(8, timeout=60)
    routers: list[Any] = []
    models: list[Any] = []

    def ask() -> None:
        barrier.wait()
        routers.append(routing.ServiceOperationRouter(model)._get_router("rest-json"))
        models.append(utils._load_service_model("lambda", "service-2"))

    askers = [threading.Thread(target=ask) for _ in range(8)]
    for thread in askers:
        thread.start()
    for thread in askers:
        thread.join(60)
    assert sorted(built) == [("model", "lambda", "service-2"), ("router", "lambda", "rest-json")]
    assert len(routers) == len(models) == 8
    assert all(r is routers[0] for r in routers) and all(m is models[0] for m in models)
    assert routers[0].match  # moto's own router, as moto would have built it


def test_a_simulator_started_early_is_the_one_the_demo_takes_and_is_stopped_when_nobody_does() -> None:
    from seawall.aws import demo

    with demo.started_early():
        early = demo._Early.waiting
        assert early is not None
        with demo.started_early():  # the inventory's start, after the audit's: no second simulator
            assert demo._Early.waiting is early
        with demo.simulator() as endpoint:
            assert endpoint == early[1]
            assert demo._Early.waiting is None  # taken
            with urllib.request.urlopen(f"{endpoint}/moto-api/", timeout=10) as answer:  # noqa: S310
                assert answer.status == 200
        assert early[0].poll() is not None  # its taker stopped it
    with demo.started_early():
        untaken = demo._Early.waiting
        assert untaken is not None
    assert untaken[0].wait(10) is not None and demo._Early.waiting is None


def test_a_command_runs_whole_with_the_collector_relaxed_and_restores_it(
    thresholds: tuple[int, int, int], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Restored as soon as the collection ended, the thresholds set off a full collection over a heap
    that is still all alive (the clients, the answers, the report being built): the command line keeps
    the pause until the command has written its output."""
    import seawall.secrets.cli
    from seawall.cli import main

    seen: list[tuple[int, int, int]] = []

    def command(args: object) -> int:
        seen.append(gc.get_threshold())
        return 0

    monkeypatch.setattr(seawall.secrets.cli, "rules_command", command)
    assert main(["secrets", "rules"]) == 0
    assert seen == [RELAXED]
    assert gc.get_threshold() == thresholds


def test_clients_share_the_memo_of_aliased_event_names_and_translate_as_botocore_does() -> None:
    from botocore.hooks import EventAliaser, HierarchicalEmitter
    from botocore.utils import EVENT_ALIASES

    connector = Connector()
    connector.use_credentials("111111111111", Credentials("AKIAONE", "one", None))
    first = connector.client("111111111111", "eu-west-1", "elbv2").meta.events
    second = connector.client("111111111111", "us-west-2", "apigateway").meta.events
    assert first._alias_name_cache is second._alias_name_cache
    fresh: Any = EventAliaser(HierarchicalEmitter(), dict(EVENT_ALIASES))  # botocore's own, memo of its own
    names = [
        "before-call.elbv2.DescribeLoadBalancers",
        "before-parameter-build.apigateway.GetRestApis",
        *(f"needs-retry.{old}.Operation" for old in EVENT_ALIASES if "." not in old),
        *(f"before-call.{old}.Operation" for old in EVENT_ALIASES if "." in old),
    ]
    assert [second._alias_event_name(n) for n in names] == [fresh._alias_event_name(n) for n in names]
    assert [first._alias_event_name(n) for n in names] == [fresh._alias_event_name(n) for n in names]
