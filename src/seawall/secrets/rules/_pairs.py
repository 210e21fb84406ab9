"""Whether a value stored under a name given beside it (a name/value pair: HAR and Postman headers,
``<setting name="...">``, Terraform ``set { name = ... value = ... }``, ``--name ... --value ...``) is a
credential. Pure functions.

A pair's name is often a header or a setting that names no secret word but ends in ``Key``
(``X-Partner-Key``, ``PaymentGatewayKey``, ``Ocp-Apim-Subscription-Key``): its value counts when it is
random enough to be a key by its looks alone. Keys that are not secrets (cache, sort, partition, routing
and idempotency keys, public keys, key ids) are told apart by their names.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable

from seawall.lazyre import LazyPattern
from seawall.secrets.context import (
    assignment_value_ok,
    generic_assignment_ok,
    identifier_shaped,
    is_code,
    named_secret_ok,
    quoted_at,
    scrambled,
)
from seawall.secrets.rules._generic import CORE, ESCAPES
from seawall.secrets.rules.base import Candidate

# Other "key": "value" members of the same object (no brace: the pair never leaves its object). In a
# notebook's printed output (a pretty-printed HAR or Postman collection) each line is a JSON string of
# its own: a line's end and the next one's start (``",`` and ``"`` around the file's line break) read
# as one more string between the members, hence strings that may hold a line break.
SIBLINGS = r"""(?:[^{}"]{0,60}"[^"]{0,200}"){0,10}?[^{}"]{0,60}"""
# A quote, as written or escaped inside a string (a HAR kept in a notebook's output or a log line, a
# Postman collection stringified: ``{\"name\": \"x-api-key\", \"value\": \"...\"}``). Names and values
# stop at the first one, so they never end in an escape's backslash. (No back-reference to the opening
# quote: Hyperscan then matches these patterns exactly, and ordinary code never wakes them.)
JSON_QUOTE = rf'{ESCAPES}"'
JSON_VALUE = (
    rf"{JSON_QUOTE}value{JSON_QUOTE}[ \t]*:[ \t]*(?P<q>{JSON_QUOTE})(?P<secret>[^\"\n]{{4,300}}?){JSON_QUOTE}"
)
# Where the pair rules' keyword may start: ``"value"``, or ``\"value\"`` escaped (once or twice).
VALUE_KEYWORDS = ('"value"', '"value\\')

# ``...Key`` / ``...-key`` / ``..._KEY`` at the end of the name: a key of some service.
_ENDS_IN_KEY = LazyPattern(r"(?:[A-Za-z0-9][_\-. ][Kk]|[a-z0-9]K|^[Kk])(?:ey|EY)$")
# Keys that hold no secret: data-structure, messaging and idempotency keys, public keys, key ids.
_NOT_SECRET_KEY = LazyPattern(
    r"(?i)(?:cache|sort|partition|primary|foreign|composite|row|range|hash|lookup|map|dedup(?:e|lication)?|"
    r"idempotency|object|bucket|s3|i18n|translation|message|label|group|lock|public|pub|site|publishable|"
    r"short|hot|shortcut|access[_\-. ]?key[_\-. ]?id|routing|sharding|shard|search|query|index|"
    r"registry|ssh[_\-. ]?host|host|license[_\-. ]?type|type|react|track|unique|natural|surrogate|anon|write|"
    r"amplitude|posthog|mixpanel|segment|pusher[_\-. ]?(?:app)?|revenuecat|browser|client[_\-. ]?side|"
    r"instrumentation|recaptcha|captcha|maps|google[_\-. ]?maps|fingerprint|checksum|digest|etag|"
    r"dictionary|dict|json|yaml|config|setting|settings|state|redis|cookie[_\-. ]?name|item|websocket|"
    r"storage[_\-. ]?class|menu|column|field|attribute|property|resource|event|metric|tag)[_\-. ]?key$"
)
# Words joined by separators (``ledger:rates:v2``, ``::tk::Accel_Key``, ``pkg._impl.``), or a UUID.
_WORDY = LazyPattern(
    r"[._\-:]*[A-Za-z]+[0-9]*(?:[_\-. /:\\]+[A-Za-z0-9]+)*[._\-/:]*"
    r"|(?i:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


def wordy(value: str) -> bool:
    """Words joined by separators, a UUID, or a name's words in camelCase with their version digits
    (``Ipv6CidrAssociations``, an AWS SDK paginator's result key): no key, unless the letters are
    scrambled."""
    if identifier_shaped(value):
        return True
    return bool(_WORDY.fullmatch(value)) and not scrambled(value)


# An attribute called just ``key`` on an object (``self.key``, ``this.key``): nothing says secret.
_BARE_KEY = LazyPattern(r"(?i)^(?:(?:self|this|cls|obj|[@$]this->|@)\.?)?key$")
# Interpolation in a string (``"repository.$name.allow"``, ``"${x}"``): built at run time.
_INTERPOLATED = LazyPattern(r"\$[A-Za-z_{(]")


def key_named(name: str) -> bool:
    """The name ends in ``Key`` and is not that of a key which holds no secret."""
    core = name.strip("\"'` ")
    if _BARE_KEY.match(core):
        return False
    if "::" in core and not core.islower():
        # A type's path (``AWS::ApiGateway::UsagePlanKey``, a CloudFormation type that cfn-lint maps to
        # its schema's hash), as the generic rules take a name with ``::``; Hiera's lowercase
        # ``profile::api::subscription_key`` names a value.
        return False
    return bool(_ENDS_IN_KEY.search(core)) and not _NOT_SECRET_KEY.search(core)


def pair_named(name: str, value: str, quoted: bool, path: str) -> bool:
    """What ``pair_ok`` asks of the name alone (its ``Rule.precheck``): a secret-like name, or one of a
    key. A Kubernetes manifest's ``- name: LOG_LEVEL`` / ``value: info`` items, a HAR file's ``Accept``
    headers: thousands of pairs a file, turned down at the cost of a look-up once the name was judged."""
    del value, quoted, path  # the check judges them
    return bool(_CORE_NAME.search(name)) or key_named(name)


def pair_ok(c: Candidate) -> bool:
    """A name/value pair's value is a credential: its name says secret, or names a key and the value
    looks random (long, high-entropy, no words, no UUID)."""
    if named_secret_ok(c):
        return True
    if not key_named(c.name):
        return False
    return _random_key(c, named_secret_ok)


# One more attribute of an XML element (``type="string"``), quoted either way; and up to six of them.
ATTRIBUTE = r"[\w.:\-]{1,40}[ \t]*=[ \t]*(?:\"[^\"<>]{0,200}\"|'[^'<>]{0,200}')"
_ATTRIBUTES = rf"(?:[ \t]+{ATTRIBUTE}){{0,6}}?"
_XML_KEY_ATTRIBUTE = LazyPattern(
    r"(?:key|name)[ \t]*=[ \t]*([\"'])([^\"']{1,200})\1" + _ATTRIBUTES + r"[ \t]+value[ \t]*=[ \t]*[\"']$",
    re.I,
)
_XML_KEY_AFTER = LazyPattern(
    r"\A[\"']" + _ATTRIBUTES + r"[ \t]+(?:key|name)[ \t]*=[ \t]*([\"'])([^\"']{1,200})\1", re.I
)


def xml_value_ok(c: Candidate) -> bool:
    """``<add key="SmtpPassword" value="..."/>``: the ``key`` (or ``name``) attribute names the value,
    before it or after it."""
    if not c.name:
        found = None
        at = quoted_at(c.line_text, c.secret, "\"'")
        if at >= 0:
            before, after = c.line_text[: at + 1], c.line_text[at + 1 + len(c.secret) :]
            found = _XML_KEY_ATTRIBUTE.search(before) or _XML_KEY_AFTER.match(after)
        if found is not None:
            c = dataclasses.replace(c, name=found.group(2))
    return generic_assignment_ok(c)


_CORE_NAME = LazyPattern(CORE, re.IGNORECASE)


def key_named_ok(c: Candidate) -> bool:
    """A value assigned to a name that ends in ``Key`` but says no secret word (``SUBSCRIPTION_KEY``,
    ``partnerKey``; the generic rules judge ``api_key`` and the like): a key when it looks random."""
    if not key_named_value_ok(c.name, c.secret, c.quoted, c.path):
        return False  # the value's own randomness included
    return generic_assignment_ok(dataclasses.replace(c, name="api_key"))


def key_named_value_ok(name: str, value: str, quoted: bool, path: str) -> bool:
    """What ``key_named_ok`` asks of the name and the value alone (its ``Rule.precheck``)."""
    if not _named_key_alone(name):
        return False
    if not quoted and is_code(path):
        return False  # unquoted in code is an expression
    return _random_key_value(value) and assignment_value_ok("api_key", value, quoted, path)


@functools.lru_cache(maxsize=1024)
def _named_key_alone(name: str) -> bool:
    """A name that ends in ``Key`` and says no secret word, asked once per name: a file names thousands
    of values with a few (an SDK's paginators, ``result_key`` 5,000 times in aws-sdk), and the two
    questions cost 9 µs together."""
    return not _CORE_NAME.search(name) and key_named(name)


def _random_key(c: Candidate, judge: Callable[[Candidate], bool]) -> bool:
    """The value looks random (no words, no interpolation, a token's entropy) and ``judge`` takes it as
    the value of an ``api_key``."""
    return _random_key_value(c.secret) and judge(dataclasses.replace(c, name="api_key"))


def _random_key_value(value: str) -> bool:
    """No words, no interpolation, a token's entropy."""
    from seawall.secrets.rules._structured import token_ok

    return not wordy(value) and not _INTERPOLATED.search(value) and token_ok(value)
