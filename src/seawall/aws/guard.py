"""The read-only guard: a botocore hook that refuses, before anything is sent, every operation that is
not on the read-only allowlist. seawall audits; it never changes a customer's cloud.

The hook runs on ``before-parameter-build``, the first event of every API call, so a refused call is
neither signed nor sent. Tests prove it with a write through a guarded session.
"""

from __future__ import annotations

from typing import Any

from seawall.errors import ReadOnlyViolation

READ_PREFIXES = ("Describe", "Get", "List", "BatchGet", "Head", "Lookup", "Search")
# Operations that read although their names do not say so.
READ_OPERATIONS = frozenset(
    {
        "GenerateCredentialReport",  # IAM: builds the credential report that GetCredentialReport reads
        "AssumeRole",  # STS: temporary credentials for the audit role in a member account
    }
)


def is_read_only(operation: str) -> bool:
    return operation in READ_OPERATIONS or operation.startswith(READ_PREFIXES)


def refuse_writes(model: Any, **_: Any) -> None:
    """botocore ``before-parameter-build`` handler: raise on any operation off the allowlist."""
    name = str(model.name)
    if not is_read_only(name):
        service = model.service_model.service_name
        raise ReadOnlyViolation(
            f"refused {service}:{name}: seawall only reads (this call was not sent)",
            hint="this is a bug in seawall; please report it",
        )


def install(session: Any) -> None:
    """Guard every client that ``session`` (a botocore or boto3 session) creates from now on."""
    events = session.events if hasattr(session, "events") else session.get_component("event_emitter")
    events.register_first("before-parameter-build.*.*", refuse_writes, unique_id="seawall-read-only")
