"""Credentials of HTTP clients and servers written where no generic name says so:

- a session cookie sent in a ``Cookie:`` header (a curl command in a ticket, a HAR entry, a runbook):
  whoever replays it is that user until the session ends;
- HTTPie's session files keep ``"auth": {"type": "basic", "raw_auth": "user:password"}``, and the
  session cookies the server set, as a HAR file does: ``{"name": "sessionid", "value": "..."}``;
- a hard-coded secret that a request's token is compared with in constant time (Rails'
  ``secure_compare``, Python's ``hmac.compare_digest``, Node's ``timingSafeEqual``, Go's
  ``subtle.ConstantTimeCompare``): the literal is the shared secret;
- Basic credentials joined to their scheme in code (``"Basic " + "dXNlcjpwYXNz"``);
- a requests ``Session``'s ``auth`` tuple (``session.auth = ("user", "password")``).
"""

from __future__ import annotations

from seawall.secrets.context import basic_auth_ok, is_stand_in, password_value_ok, plausible_value
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._pairs import JSON_QUOTE, JSON_VALUE, SIBLINGS, VALUE_KEYWORDS
from seawall.secrets.rules.base import Candidate, Rule

# Session cookies as frameworks name them: Django's sessionid, Rails' _app_session, Express's connect.sid,
# PHP's PHPSESSID, Java's JSESSIONID, Laravel's laravel_session, ASP.NET's .AspNetCore.Session...
_SESSION_NAME = r"[\w.\-]{0,40}(?:sess(?:ion)?(?:id)?|\.sid|_sid)[\w.\-]{0,20}"


def _random_ok(c: Candidate) -> bool:
    """A value made by a machine: long and random (a session id, a shared secret), no stand-in."""
    return len(c.secret) >= 16 and not is_stand_in(c.secret) and plausible_value(c.secret, strict=True)


RULES: tuple[Rule, ...] = (
    generic_rule(
        "http-session-cookie",
        "Session cookie in a Cookie header",
        r"(?<![\w-])cookie[\"']?[ \t]*:[ \t]*[\"']?(?:[^;\s\"'=]{1,60}=[^;\s\"'=]{0,200}={0,3};[ \t]{0,4}){0,8}"
        rf"(?P<name>{_SESSION_NAME})=(?P<secret>[A-Za-z0-9%._~+/\-]{{16,600}}={{0,3}})",
        ("cookie:", 'cookie"', "cookie'"),
        _random_ok,
        examples=(
            "curl https://admin.example.com/api/users -H 'Cookie: sessionid=k9f8e7d6c5b4a39281706f5e4d3c2b1a0x'",
            "Cookie: theme=dark; _meridian_session=Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0",
        ),
        counter_examples=(
            "Cookie: sessionid=<your session id>",
            "Cookie: theme=dark; session=1",
            '{"name": "Cookie", "value": "sessionid"}',
        ),
        example_path="docs/debugging.md",
    ),
    generic_rule(
        "http-session-cookie-fields",
        "Session cookie kept as name and value fields (a HAR file, an HTTPie session)",
        # A HAR entry's ``cookies`` (and its ``Cookie`` header's parts), HTTPie's session ``cookies``,
        # a browser extension's export: ``{"name": "sessionid", "value": "...", "domain": ...}``.
        rf"{JSON_QUOTE}name{JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}(?P<name>{_SESSION_NAME}){JSON_QUOTE}"
        + SIBLINGS
        + JSON_VALUE,
        VALUE_KEYWORDS,
        _random_ok,
        examples=(
            '"cookies": [\n  {\n    "name": "_claims_session",\n    "value": '
            '"aeBqxE-ClwrgDB1OFMgFlntwOqCrGVvHkZYg4LLBUWKN",\n    "domain": "claims.example.com"\n  }\n]',
            '{"name": "JSESSIONID", "path": "/", "value": "9C1F4E7A2B8D3F6A0E5C7B9D1A3F5E7C", "httpOnly": true}',
        ),
        counter_examples=(
            '{"name": "sessionid", "value": ""}',
            '{"name": "session_timeout", "value": "3600"}',
            '{"name": "_claims_session", "value": "<session cookie>"}',
            '{"name": "theme", "value": "aeBqxE-ClwrgDB1OFMgFlntwOqCrGVvHkZYg4LLBUWKN"}',
        ),
        line_scoped=False,
        example_path="captures/checkout.har",
    ),
    generic_rule(
        "httpie-session-auth",
        "Credentials in an HTTPie session file (auth raw)",
        # HTTPie 1.0 and later write ``raw_auth`` (``httpie/sessions.py``), earlier ones ``username`` and
        # ``password``, which the generic rules read.
        r"\"auth\"[ \t]*:[ \t]*\{[^{}]{0,300}?\"raw_auth\"[ \t]*:[ \t]*\"[^\"\s:]{1,100}:(?P<secret>[^\"\s]{4,300})\"",
        ('"raw_auth"',),
        password_value_ok,
        examples=(
            '{\n  "auth": {\n    "raw_auth": "svc-reports:Kq8vW3mZp2Lx7",\n    "type": "basic"\n  }\n}',
        ),
        counter_examples=(
            '{"auth": {"raw_auth": "svc-reports:$PASSWORD", "type": "basic"}}',
            '{"auth": {"raw_auth": null, "type": null}}',
        ),
        line_scoped=False,
        example_path=".config/httpie/sessions/api.example.com/default.json",
    ),
    generic_rule(
        "constant-time-compared-secret",
        "Secret a request's token is compared with (secure_compare, compare_digest, timingSafeEqual)",
        r"(?<![\w$])(?:secure_compare|compare_digest|constant_time_compare|ConstantTimeCompare|timingSafeEqual|"
        r"fixed_length_secure_compare)\((?:[^()\n,]{1,120},[ \t]*)?(?:\[\]byte\(|Buffer\.from\()?"
        r"(?P<q>['\"])(?P<secret>[^'\"\r\n]{12,200})(?P=q)",
        (
            "secure_compare(",
            "compare_digest(",
            "constant_time_compare(",
            "constanttimecompare(",
            "timingsafeequal(",
        ),
        _random_ok,
        examples=(
            'if ActiveSupport::SecurityUtils.secure_compare(token, "9f8e7d6c5b4a39281706f5e4d3c2b1a0")',
            "    if not hmac.compare_digest(request.headers['X-Hook-Token'], 'Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F'):",
        ),
        counter_examples=(
            "if secure_compare(token, ENV.fetch('WEBHOOK_TOKEN'))",
            'hmac.compare_digest(digest, "sha256=" + expected)',
        ),
        example_path="app/controllers/hooks_controller.rb",
    ),
    generic_rule(
        "basic-credentials-concatenated",
        "Basic credentials joined to their scheme in code",
        r"[\"']Basic [\"'][ \t]*\+[ \t]*[\"'](?P<secret>[A-Za-z0-9+/]{8,500}={0,2})[\"']",
        ("basic ",),
        basic_auth_ok,
        examples=('conn.setRequestProperty("Authorization", "Basic " + "c3ZjOktxOHZXM21acDJMeDc=");',),
        counter_examples=(
            'conn.setRequestProperty("Authorization", "Basic " + encoded);',
            'headers.put("Authorization", "Basic " + "dXNlcjpwYXNzd29yZA==");',
        ),
        example_path="src/main/java/Client.java",
    ),
    generic_rule(
        "session-auth-tuple",
        "Password in an HTTP session's auth tuple (requests, httpx)",
        r"\.auth[ \t]*=[ \t]*\(?[ \t]*(?P<q0>['\"])[^'\"\r\n]{1,100}(?P=q0)[ \t]*,[ \t]*"
        r"(?P<q>['\"])(?P<secret>[^'\"\r\n]{4,200})(?P=q)",
        (".auth",),
        password_value_ok,
        examples=('session.auth = ("svc-reports", "Kq8vW3mZp2Lx7")', "client.auth = 'ops', 'Tq8#vLx2!pRz'"),
        counter_examples=(
            'session.auth = ("svc-reports", os.environ["REPORTS_PASSWORD"])',
            'session.auth = ("admin", "admin")',
        ),
        example_path="reports/client.py",
    ),
)
