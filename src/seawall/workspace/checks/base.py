"""What a Workspace check is, what it says, and how settings are read per org unit.

A check is a pure function of the :class:`Tenant`; it yields one :class:`Result` per user, org unit (or
group, for group-scoped policies), domain, device, app or the tenant, with PASS, FAIL, ERROR or UNKNOWN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from seawall.model import Severity, Status
from seawall.workspace.inventory import OrgUnit, Policy, Tenant, Unavailable

SCUBA = "CISA-SCuBA"  # CISA SCuBA Google Workspace baseline policy id, e.g. GWS.COMMONCONTROLS.1.1
USER, ORG_UNIT, GROUP, DOMAIN, TENANT, DEVICE, APP = (
    "user",
    "orgunit",
    "group",
    "domain",
    "tenant",
    "device",
    "app",
)


@dataclass(frozen=True, slots=True)
class Result:
    status: Status
    kind: str  # USER, ORG_UNIT, GROUP, DOMAIN, TENANT, DEVICE or APP
    resource: str  # the user's email, the org unit path, the domain, "tenant", ...
    reason: str


Evaluate = Callable[[Tenant], Iterable[Result]]


@dataclass(frozen=True, slots=True)
class Check:
    id: str  # stable: workspace.<what>
    title: str  # what good looks like
    area: str  # identity, sharing, mail, apps, backup, devices
    severity: Severity
    rationale: str
    console: str  # where to fix it in the Admin console
    evaluate: Evaluate = field(repr=False)
    scuba: tuple[str, ...] = ()
    references: tuple[str, ...] = ()

    @property
    def compliance(self) -> tuple[str, ...]:
        return tuple(f"{SCUBA}:{s}" for s in self.scuba)


def missing(piece: Unavailable, kind: str, resource: str) -> Result:
    return Result(piece.status, kind, resource, piece.reason)


# -- settings per org unit -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Effective:
    """A setting's value for an org unit or group, and where it comes from."""

    value: Mapping[str, Any]
    source: str  # "set here", "inherited from /Parent", "Google's default", "group policy"


def units_by_id(units: Iterable[OrgUnit]) -> dict[str, OrgUnit]:
    return {u.id: u for u in units}


def effective(
    policies: Iterable[Policy], setting: str, unit: OrgUnit, units: Mapping[str, OrgUnit]
) -> Effective | None:
    """The value ``unit`` gets: its own administrator-set policy, else its nearest ancestor's, else
    Google's default (a SYSTEM policy). Group-scoped policies are judged on their own."""
    mine = [p for p in policies if p.setting == setting and not p.group]
    by_unit: dict[str, Policy] = {}
    for p in sorted(mine, key=lambda p: p.sort_order):
        if p.admin:
            by_unit[p.org_unit] = p
    seen: set[str] = set()
    current: OrgUnit | None = unit
    while current is not None and current.id not in seen:
        seen.add(current.id)
        found = by_unit.get(current.id)
        if found is not None:
            where = "set here" if current.id == unit.id else f"inherited from {current.path}"
            return Effective(found.value, where)
        current = units.get(current.parent_id) if current.parent_id else None
    default = next((p for p in mine if not p.admin), None)
    return Effective(default.value, "Google's default") if default is not None else None


Judge = Callable[[Mapping[str, Any], Tenant], tuple[bool, str] | None]  # (ok, what it is) or None: not set


def setting_results(tenant: Tenant, setting: str, judge: Judge) -> Iterator[Result]:
    """One result per org unit (inheriting ones included) and one per group-scoped policy."""
    units, policies = tenant.org_units, tenant.policies
    if isinstance(units, Unavailable):
        yield missing(units, TENANT, "tenant")
        return
    if isinstance(policies, Unavailable):
        yield missing(policies, TENANT, "tenant")
        return
    index = units_by_id(units)
    for unit in units:
        found = effective(policies, setting, unit, index)
        yield _judged(tenant, judge, found, ORG_UNIT, unit.path, setting)
    groups = tenant.groups if not isinstance(tenant.groups, Unavailable) else {}
    for p in sorted((p for p in policies if p.group and p.setting == setting), key=lambda p: p.group):
        name = groups.get(p.group, f"groups/{p.group}")
        yield _judged(tenant, judge, Effective(p.value, "group policy"), GROUP, name, setting)


def _judged(
    tenant: Tenant, judge: Judge, found: Effective | None, kind: str, resource: str, setting: str
) -> Result:
    if found is None:
        return Result(
            Status.UNKNOWN, kind, resource, f"the Policy API returned no {setting} setting here or above"
        )
    try:
        verdict = judge(found.value, tenant)
    except (TypeError, ValueError) as exc:
        return Result(Status.ERROR, kind, resource, f"{setting} has an unexpected value: {exc}")
    if verdict is None:
        return Result(Status.UNKNOWN, kind, resource, f"{setting} does not say ({found.source})")
    ok, what = verdict
    return Result(Status.PASS if ok else Status.FAIL, kind, resource, f"{what} ({found.source})")


def seconds(value: object) -> float:
    """A protobuf Duration as JSON ("43200s", "1.5s") in seconds."""
    if isinstance(value, int | float):
        return float(value)
    if not isinstance(value, str) or not value.endswith("s"):
        raise ValueError(f"not a duration: {value!r}")
    return float(value[:-1])


def flag(value: Mapping[str, Any], key: str) -> bool | None:
    found = value.get(key)
    if found is None:
        return None
    if not isinstance(found, bool):
        raise TypeError(f"{key} is not a boolean: {found!r}")
    return found


def when_off(key: str, label: str) -> Judge:
    """A judge for a switch that must be off."""

    def judge(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
        on = flag(value, key)
        return None if on is None else (not on, f"{label} is {'on' if on else 'off'}")

    return judge


def when_on(*keys_and_labels: tuple[str, str]) -> Judge:
    """A judge for switches that must all be on."""

    def judge(value: Mapping[str, Any], _tenant: Tenant) -> tuple[bool, str] | None:
        states = [(label, flag(value, key)) for key, label in keys_and_labels]
        if all(on is None for _, on in states):
            return None
        off = [label for label, on in states if not on]
        return (not off, "all on" if not off else "off: " + ", ".join(off))

    return judge
