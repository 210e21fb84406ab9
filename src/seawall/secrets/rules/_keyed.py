"""Building blocks for provider rules whose secret has no distinctive shape of its own.

Such a secret (32 hex characters, a UUID...) is only reported when it is assigned, on the same line, to
a name that mentions the provider: ``DATADOG_API_KEY=...``, ``"twilio_auth_token": "..."``,
``os.getenv("SNYK_TOKEN", "...")``, ``<zendeskToken>...</zendeskToken>``, ``X-Api-Key: ...``. This
module defines no rules.
"""

from __future__ import annotations

# Characters allowed in an identifier, a dotted path or a header name between the provider word and
# the assignment.
NAME = r"[A-Za-z0-9_.\-]"

# Any common assignment: `=`, `:`, `:=`, `=>`, `,` (a default in getenv), `>` (an XML element), then an
# optional opening quote (possibly backslash-escaped inside a JSON string).
ASSIGN = r"""(?:\\?["'])?\]?[ \t]*(?:=>?|:=?|,|>)[ \t]*(?:\\?["'`])?"""

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def keyed(context: str, value: str, *, then: str = "", gap: int = 30) -> str:
    """A name containing ``context`` (then ``then``, if given) assigned a value matching ``value``.

    Rules built with this must set ``ignore_case=True`` and use the literals of ``context`` as keywords.
    """
    name = rf"(?:{context}){NAME}{{0,{gap}}}?"
    if then:
        name += rf"(?:{then}){NAME}{{0,20}}?"
    return rf"{name}{ASSIGN}(?P<secret>{value})(?![A-Za-z0-9_\-])"
