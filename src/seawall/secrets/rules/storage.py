"""Object storage outside the big clouds: Backblaze B2 application keys."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

RULES: tuple[Rule, ...] = (
    token_rule(
        "backblaze-b2-application-key",
        "Backblaze B2 application key",
        # ``K`` and three digits (the key's cluster), then 27 characters; its key id (25 hex digits, or the
        # account id's 12) is the user name that goes with it.
        r"(?<![A-Za-z0-9_\-+/])(?P<secret>K00[0-9][A-Za-z0-9]{27})(?![A-Za-z0-9_\-+/])",
        ("k00",),
        examples=(
            "key = K005YZVywRWHfKnhjNHt7nKIRfLvFGB",
            'B2_APPLICATION_KEY="K004tM8vq2LxW7pZ3kR9nB5cY1dF6hJ"',
        ),
        counter_examples=(
            "B2_APPLICATION_KEY_ID=0045f0b6e1d0c9a0000000003",
            "K0000000000000000000000000000000",
            "b2 authorize-account $B2_APPLICATION_KEY_ID $B2_APPLICATION_KEY",
        ),
        remediation=(
            "Delete the key in the Backblaze web console (App Keys), create one restricted to its bucket and "
            "prefix, and keep it in a secrets manager."
        ),
        references=("https://www.backblaze.com/docs/cloud-storage-application-keys",),
        severity=Severity.HIGH,
        min_entropy=4.0,
        tags=("backblaze", "storage"),
    ),
)
