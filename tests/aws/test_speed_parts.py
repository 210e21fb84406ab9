"""The parts that make a large audit or inventory cheaper must not change what it reads: relaxed garbage
collection restores the thresholds it found, clients of one endpoint share one HTTP session (and still
answer for their own account), the inventory's S3 listing leaves out only the two settings it never
uses, and the simulator's memoized lookups give moto's own answers."""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator

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
