"""One error hierarchy. The CLI maps each to a one-line message, a hint and exit code 2."""

from __future__ import annotations


class SeawallError(Exception):
    """Base of every error seawall raises on purpose."""

    hint: str = ""

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        if hint:
            self.hint = hint


class UsageError(SeawallError):
    """The command line asks for something that cannot be done."""

    hint = "run 'seawall --help' for usage"


class ConfigError(SeawallError):
    """A configuration file, environment variable or flag has a bad key or value."""

    hint = "run 'seawall config show' to see the effective configuration"


class RuleError(SeawallError):
    """A rule (built in or custom) is malformed, for example a pattern that does not compile."""


class ScanError(SeawallError):
    """A scan could not run at all (as opposed to one file that could not be read)."""


class OutputError(SeawallError):
    """A report could not be written."""


class CloudError(SeawallError):
    """A cloud audit could not run at all: no credentials, no account could be reached."""


class ReadOnlyViolation(SeawallError):
    """An AWS operation outside the read-only allowlist was about to be sent; it was not sent."""
