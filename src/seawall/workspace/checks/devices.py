"""Devices (evidence for the operations domain): each mobile and endpoint device's encryption and
compromised state, as the Cloud Identity Devices API reports them; UNKNOWN where it cannot say."""

from __future__ import annotations

from collections.abc import Iterator

from seawall.model import Severity, Status
from seawall.workspace.checks.base import DEVICE, TENANT, Check, Result, missing
from seawall.workspace.inventory import Tenant

DEVICES = "Devices > Mobile and endpoints > Devices"


def encrypted(tenant: Tenant) -> Iterator[Result]:
    devices = tenant.devices
    if isinstance(devices, tuple):
        if not devices:
            yield Result(
                Status.UNKNOWN, TENANT, "tenant", "no device is registered: endpoint management may be off"
            )
        for d in devices:
            if d.encryption == "ENCRYPTED":
                yield Result(Status.PASS, DEVICE, d.label, "storage encrypted")
            elif d.encryption == "NOT_ENCRYPTED":
                yield Result(
                    Status.FAIL, DEVICE, d.label, "storage NOT encrypted: a lost device is a data breach"
                )
            else:
                yield Result(Status.UNKNOWN, DEVICE, d.label, f"encryption state {d.encryption}")
        return
    yield missing(devices, TENANT, "tenant")


def uncompromised(tenant: Tenant) -> Iterator[Result]:
    devices = tenant.devices
    if isinstance(devices, tuple):
        for d in devices:
            if d.compromised == "UNCOMPROMISED":
                yield Result(
                    Status.PASS, DEVICE, d.label, f"not compromised ({d.os_version or 'OS version unknown'})"
                )
            elif d.compromised == "COMPROMISED":
                yield Result(
                    Status.FAIL,
                    DEVICE,
                    d.label,
                    f"reported compromised (rooted or jailbroken; {d.os_version})",
                )
            else:
                yield Result(Status.UNKNOWN, DEVICE, d.label, f"compromised state {d.compromised}")
        return
    yield missing(devices, TENANT, "tenant")


CHECKS = (
    Check(
        "workspace.device-encrypted",
        "Every device that reaches company data is encrypted",
        "devices",
        Severity.HIGH,
        "A lost or stolen unencrypted laptop or phone hands its data to whoever finds it.",
        DEVICES,
        encrypted,
    ),
    Check(
        "workspace.device-uncompromised",
        "No device is rooted, jailbroken or otherwise compromised",
        "devices",
        Severity.HIGH,
        "A compromised device's protections cannot be trusted.",
        DEVICES,
        uncompromised,
    ),
)
