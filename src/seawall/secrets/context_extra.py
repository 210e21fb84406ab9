"""More context checks for the generic rules (see ``secrets.context``): calls made on a secret, and
the rules of ``rules.generic_pairs``. Pure functions."""

from __future__ import annotations

from seawall.secrets import lookalikes
from seawall.secrets.context import generic_assignment_ok
from seawall.secrets.rules.base import Candidate


def setter_ok(c: Candidate) -> bool:
    """``setPassword("...")``, ``builder.password("...")``: but not ``password.encode("utf-8")``, whose
    argument is given to a method of the secret."""
    return not lookalikes.called_on_secret(c.name) and generic_assignment_ok(c)
