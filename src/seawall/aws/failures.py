"""Turning what went wrong into ERROR or UNKNOWN, with a reason a person can act on."""

from __future__ import annotations

from seawall.aws.collectors.base import error_code
from seawall.aws.inventory import Unavailable
from seawall.errors import ReadOnlyViolation
from seawall.model import Status

DENIED = frozenset(
    {
        "AccessDenied",
        "AccessDeniedException",
        "UnauthorizedOperation",
        "AuthorizationError",
        "AuthorizationErrorException",
        "UnauthorizedAccess",
        "Forbidden",
    }
)
NOT_ENABLED = frozenset(
    {
        "OptInRequired",
        "InvalidClientTokenId",
        "UnrecognizedClientException",
        "AuthFailure",
        "SubscriptionRequiredException",
    }
)
THROTTLED = frozenset(
    {"Throttling", "ThrottlingException", "RequestLimitExceeded", "TooManyRequestsException", "SlowDown"}
)
UNSUPPORTED = frozenset(
    {
        "NotImplemented",
        "InvalidAction",
        "UnsupportedOperation",
        "UnknownOperationException",
        "InternalFailure",
    }
)


def classify(exc: BaseException, what: str) -> Unavailable:
    """``what`` names the piece, e.g. "ec2 in eu-west-1"."""
    if isinstance(exc, ReadOnlyViolation):
        return Unavailable(f"{what}: {exc}", Status.ERROR)
    code = error_code(exc)
    if code in DENIED:
        return Unavailable(
            f"{what}: access denied ({code}); grant the audit role SecurityAudit", Status.ERROR
        )
    if code in NOT_ENABLED:
        return Unavailable(
            f"{what}: region not enabled for this account or credentials refused ({code})", Status.UNKNOWN
        )
    if code in THROTTLED:
        return Unavailable(
            f"{what}: throttled after retries ({code}); run again or lower --jobs", Status.ERROR
        )
    if code in UNSUPPORTED or _is_not_implemented(exc) or _no_such_operation(code, exc):
        return Unavailable(
            f"{what}: the service does not support this call here ({code or 'not implemented'})",
            Status.UNKNOWN,
        )
    if code:
        return Unavailable(f"{what}: {code}: {_message(exc)}", Status.ERROR)
    name = type(exc).__name__
    if name == "ResponseParserError":
        return Unavailable(f"{what}: the endpoint's reply is not the AWS API's ({name})", Status.ERROR)
    if name in {
        "EndpointConnectionError",
        "ConnectTimeoutError",
        "ReadTimeoutError",
        "ConnectionClosedError",
    }:
        return Unavailable(f"{what}: unreachable or timed out ({name})", Status.ERROR)
    return Unavailable(f"{what}: {name}: {' '.join(str(exc).split())}", Status.ERROR)


def _is_not_implemented(exc: BaseException) -> bool:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
        return status in {501} or "not yet implemented" in str(exc).lower()
    return isinstance(exc, NotImplementedError)


def _no_such_operation(code: str, exc: BaseException) -> bool:
    """A bare HTTP 404 with a web page for a message: the endpoint (a simulator, a proxy) has no such
    operation. AWS APIs name their not-found errors (NoSuchBucket, ResourceNotFoundException, ...)."""
    return code == "404" and "<" in _message(exc)


def _message(exc: BaseException) -> str:
    response = getattr(exc, "response", None)
    if isinstance(response, dict):
        return str(response.get("Error", {}).get("Message", "")) or str(exc)
    return str(exc)
