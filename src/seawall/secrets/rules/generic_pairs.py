"""Generic credentials whose name and value are not written ``name = value``: sibling fields of one
JSON object (HAR and Postman headers and variables), ``- name:`` / ``value:`` list items (Azure
Pipelines variables, Kubernetes and CI env lists), ``password VALUE`` configuration lines (.netrc,
.msmtprc, nslcd, slapd, redis), unquoted passphrases, and an AWS secret key given as the argument after
its key id on the next line."""

from __future__ import annotations

from seawall.lazyre import lazy_compile
from seawall.model import Severity
from seawall.secrets.context import (
    is_code,
    keyword_first,
    name_is_secret,
    passphrase_ok,
    password_value_ok,
    quoted_after_keyword,
    suffix_of,
    token_value_ok,
)
from seawall.secrets.rules._generic import (
    ESCAPED_BREAK,
    ESCAPES,
    GAP,
    KEYWORDS,
    NAME,
    generic_rule,
)
from seawall.secrets.rules._pairs import (
    JSON_QUOTE,
    JSON_VALUE,
    SIBLINGS,
    VALUE_KEYWORDS,
    pair_named,
    pair_ok,
)
from seawall.secrets.rules.aws import _aws_secret_ok
from seawall.secrets.rules.base import Candidate, token_rule

_DOC_SUFFIXES = frozenset(
    (
        ".md",
        ".markdown",
        ".rst",
        ".txt",
        ".html",
        ".htm",
        ".adoc",
        ".tex",
        ".po",
        ".1",
        ".pod",
        ".texi",
        ".man",
    )
)


# Documents without a suffix: a Python package's description (its long README, in wheels and sdists).
_DOC_NAMES = frozenset(("METADATA", "PKG-INFO"))


def _document(path: str) -> bool:
    return suffix_of(path) in _DOC_SUFFIXES or path.replace("\\", "/").rsplit("/", 1)[-1] in _DOC_NAMES


_PASS_TO = lazy_compile(r"(?i)(?:proxy|fastcgi|uwsgi|scgi|grpc|memcached)_pass$")


def keyword_line_ok(c: Candidate) -> bool:
    """``password VALUE`` in a configuration file (.netrc, .msmtprc, nslcd, slapd, redis), not in code
    or prose, and not an option (``rootpw --iscrypted ...``)."""
    if is_code(c.path) or _document(c.path):
        return False
    line = c.line_text
    if not (keyword_first(line) or (c.quoted and quoted_after_keyword(line))):
        return False
    if c.name.lower() == "pass" and "/" in c.secret:
        return False  # ``pass git/deploy-token``: the password store's command, a path into it
    if _PASS_TO.search(c.name):
        return False  # nginx's ``proxy_pass``, ``fastcgi_pass``: where requests are passed to
    if not name_is_secret(c.name):
        return False
    return not c.secret.startswith("-") and password_value_ok(c)


# A named entry's name (``"name": "X-Api-Key"``; Postman's variables say ``"key"``).
_JSON_NAME = (
    rf"{JSON_QUOTE}(?:key|name){JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}(?P<name>[^\"\n]{{1,80}}?){JSON_QUOTE}"
)
# The same in single quotes: Python's repr of a HAR or a collection (a notebook showing it as a cell's
# value, ``pprint`` in a log), Python and JS code. pprint aligns a wrapped dict's members under its first,
# deep in a HAR: wider gaps; in a notebook's output the gap holds the join to the next line's string.
_SQ_BETWEEN = r"[^{}'\n]{0,120}(?:\n[^{}'\n]{0,120})?"
_SQ_SIBLINGS = rf"(?:{_SQ_BETWEEN}'[^'\n]{{0,200}}'){{0,10}}?{_SQ_BETWEEN}"
_SQ_NAME = r"'(?:key|name)'[ \t]*:[ \t]*'(?P<name>[^'\n]{1,80}?)'"
_SQ_VALUE = r"'value'[ \t]*:[ \t]*(?P<q>')(?P<secret>[^'\n]{4,300}?)'"
# The end of a line in code, also escaped inside a string (``\n``, ``\\n`` when escaped twice); in a
# notebook, where each line of code is a string of its own, the string's end and the next one's start.
_BREAK = rf"(?:\r?\n|{ESCAPED_BREAK})"
# Indentation, escaped tabs included.
_INDENT = r"(?:[ \t]|\\{1,2}t){0,80}"
# Other keys of the same YAML list item between ``- name:`` and ``value:`` (never another ``- `` item).
_YAML_BETWEEN = r"(?:[ \t]*[\w\-]{1,40}:[^\n]{0,200}\n){0,4}?"

RULES = (
    generic_rule(
        "generic-name-value-fields",
        "Secret in the value field of a named entry (HAR and Postman headers, name/value settings)",
        _JSON_NAME + SIBLINGS + JSON_VALUE,
        VALUE_KEYWORDS,
        pair_ok,
        examples=(
            '{\n  "name": "X-Api-Key",\n  "value": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"\n}',
            '{"key": "password", "type": "secret", "enabled": true, "value": "h7Gd92kLqWv3x"}',
            '{"key": "X-Partner-Key", "value": "a0feede3840b537af610e0a4ffcdb068", "type": "text"}',
        ),
        counter_examples=(
            '{"name": "Accept", "value": "application/json"}, {"name": "x-api-key", "valueFrom": "vault"}',
            '{\n  "key": "apiKey",\n  "value": "{{apiKey}}"\n}',
            '{"key": "X-Cache-Key", "value": "a0feede3840b537af610e0a4ffcdb068"}',
            '{"name": "X-Partner-Key", "value": "partner-orders-sync"}',
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-value-name-fields",
        "Secret in the value field of a named entry, the value written before the name",
        JSON_VALUE + SIBLINGS + _JSON_NAME,
        VALUE_KEYWORDS,
        pair_ok,
        examples=('{"value": "h7Gd92kLqWv3x", "type": "text", "key": "dbPassword"}',),
        counter_examples=('{"value": "h7Gd92kLqWv3x"}, {"key": "dbPassword"}',),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-name-value-fields-single-quoted",
        "Secret in the value field of a named entry in single quotes (Python's repr of a HAR or collection)",
        _SQ_NAME + _SQ_SIBLINGS + _SQ_VALUE,
        ("'value'",),
        pair_ok,
        examples=(
            "[{'name': 'accept', 'value': '*/*'},\n {'name': 'x-api-key',\n  'value': 'c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b'}]",
            "variables = [{'key': 'password', 'type': 'secret', 'value': 'h7Gd92kLqWv3x'}]",
        ),
        counter_examples=(
            "[{'name': 'x-api-key', 'value': ''},\n {'name': 'x-request-id',\n  'value': 'a0feede3840b537af610e0a4ffcdb068'}]",
            "{'key': 'apiKey', 'value': '{{apiKey}}'}",
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-authorization-fields",
        "Credential in an Authorization header written as name and value fields (HAR, Postman)",
        rf"{JSON_QUOTE}(?:name|key){JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}(?:proxy-)?authorization{JSON_QUOTE}(?P<q>){SIBLINGS}"
        rf"{JSON_QUOTE}value{JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}(?:bearer|token|basic)[ \t]+"
        rf"(?P<secret>[A-Za-z0-9._~+/\-]{{8,500}}=*){JSON_QUOTE}",
        VALUE_KEYWORDS,
        token_value_ok,
        examples=(
            '{\n  "name": "Authorization",\n  "value": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n}',
            '{"name": "authorization", "value": "Basic YWRtaW46WGs5bVEydkxwejc="}',
            '{"key": "Authorization", "value": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0", "type": "text"}',
        ),
        counter_examples=(
            '{"name": "Authorization", "value": "Bearer {{accessToken}}"}',
            '{"name": "Authorization", "value": "Basic dXNlcjpwYXNzd29yZA=="}',
        ),
        line_scoped=False,
    ),
    generic_rule(
        "generic-name-object-value",
        "Secret in the value member of an object named for it (Azure deployment parameters, Bicep)",
        # An ARM or Bicep parameters file gives each parameter as an object: ``"adminPassword": {"value":
        # "..."}`` on one line or several. A Key Vault reference (``{"reference": {...}}``) holds no value.
        rf"{JSON_QUOTE}(?P<name>[\w.\-]{{1,80}}){JSON_QUOTE}[ \t]*:[ \t]*\{{\s{{0,80}}?{JSON_QUOTE}value{JSON_QUOTE}[ \t]*:"
        rf"[ \t]*(?P<q>{JSON_QUOTE})(?P<secret>[^\"\n]{{4,300}}?){JSON_QUOTE}",
        VALUE_KEYWORDS,
        pair_ok,
        examples=(
            '"parameters": {\n  "adminPassword": {\n    "value": "Jk4!vR9pWq2mZt"\n  }\n}',
            '"sqlAdministratorLoginPassword": { "value": "Tq8#mPz3Wx7k" }',
        ),
        counter_examples=(
            '"adminUsername": { "value": "azureops" }',
            '"adminPassword": {\n  "reference": {\n    "keyVault": {"id": "/subscriptions/x"},\n'
            '    "secretName": "vmAdminPassword"\n  }\n}',
            '"adminPassword": { "value": "[parameters(\'pw\')]" }',
        ),
        line_scoped=False,
        # What every match holds, looked for beside the keywords: an object that opens with its value
        # (Hyperscan tracking every quoted name of a JSON file for the whole pattern cost 3 ms per MB).
        requires=r"\{\s*\\{0,3}\"value\\{0,3}\"",
        precheck=pair_named,
    ),
    generic_rule(
        "postman-apikey-auth",
        "API key in a Postman collection's API Key authorization",
        # Postman v2.1 keeps the key as the "value" member of the entry whose "key" is "value", beside the
        # header's name in another entry: ``"apikey": [{"key": "value", "value": "..."}, {"key": "key",
        # "value": "X-API-Key"}]``. The name the generic pairs look for is in the sibling entry.
        rf"{JSON_QUOTE}apikey{JSON_QUOTE}[ \t]*:[ \t]*\[[^\[\]]{{0,400}}?{JSON_QUOTE}key{JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}value"
        rf"{JSON_QUOTE}[ \t]*,\s{{0,40}}{JSON_QUOTE}value{JSON_QUOTE}[ \t]*:[ \t]*(?P<q>{JSON_QUOTE})"
        r"(?P<secret>[^\"\\\r\n]{4,300})" + JSON_QUOTE,
        ("apikey",),
        token_value_ok,
        examples=(
            '{"auth": {"type": "apikey", "apikey": [\n\t{\n\t\t"key": "value",\n\t\t"value": '
            '"c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b",\n\t\t"type": "string"\n\t},\n\t{"key": "key", '
            '"value": "X-API-Key", "type": "string"}]}}',
            '"apikey": [{"key": "in", "value": "header"}, {"key": "value", "value": "Zq8vN3kLp0RtXw5YbC7dFg2H"}]',
        ),
        counter_examples=(
            '"apikey": [{"key": "value", "value": "{{partnerApiKey}}", "type": "string"}]',
            '"apikey": [{"key": "key", "value": "X-API-Key"}, {"key": "in", "value": "header"}]',
            '"apikey": [], "bearer": [{"key": "value", "value": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"}]',
        ),
        line_scoped=False,
    ),
    generic_rule(
        "generic-yaml-name-value",
        "Secret in a YAML name/value list item (Azure Pipelines variables, Kubernetes env, Render envVars)",
        # Render's ``envVars``, Kong's and Envoy's headers say ``key:`` where Kubernetes says ``name:``.
        r"-[ \t]+(?:name|key):[ \t]*[\"']?(?P<name>[\w.\-]{1,80})[\"']?[ \t]*\r?\n"
        + _YAML_BETWEEN
        + r"[ \t]*value:"
        r"[ \t]*(?P<q>[\"']?)(?P<secret>[^\s\"'#][^\n\"']{0,299}?)(?P=q)[ \t]*(?:#|\r?$)",
        ("value:",),
        pair_ok,
        examples=(
            "variables:\n- name: sqlAdminPassword\n  value: 'N7rTq2wZ8sKp!'",
            "env:\n  - name: DB_PASSWORD\n    value: N7rTq2wZ8sKp\n",
            "envVars:\n  - key: DATABASE_PASSWORD\n    value: Zq8vN3kLp0RtXw5Y\n",
        ),
        counter_examples=(
            "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n"
            "  - name: LOG_LEVEL\n    value: debug\n",
            "- name: sqlAdminPassword\n  value: $(sqlPassword)\n",
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-parameter-key-value",
        "Secret in a CloudFormation parameter list (ParameterKey and ParameterValue)",
        # A parameters file for ``aws cloudformation create-stack --parameters file://...``, or CodePipeline's
        # template configuration.
        rf"{JSON_QUOTE}ParameterKey{JSON_QUOTE}[ \t]*:[ \t]*{JSON_QUOTE}(?P<name>[\w.\-]{{1,80}}){JSON_QUOTE}"
        + SIBLINGS
        + rf"{JSON_QUOTE}ParameterValue{JSON_QUOTE}[ \t]*:[ \t]*(?P<q>{JSON_QUOTE})(?P<secret>[^\"\n]{{4,300}}?){JSON_QUOTE}",
        ("parametervalue",),
        pair_ok,
        examples=(
            '[\n  {"ParameterKey": "DbPassword", "ParameterValue": "Hx7pQ2vLm9Wz4Rt!"},\n'
            '  {"ParameterKey": "Env", "ParameterValue": "prod"}\n]',
            '{"Parameters": [{\n  "ParameterKey": "ApiToken",\n  "ParameterValue": "Zq8vN3kLp0RtXw5Y"\n}]}',
        ),
        counter_examples=(
            '[{"ParameterKey": "DbPassword", "UsePreviousValue": true}, {"ParameterKey": "Env", "ParameterValue": "Hx7pQ2vLm9Wz4Rt!"}]',
            '[{"ParameterKey": "DbPassword", "ParameterValue": "{{resolve:secretsmanager:prod/db:SecretString:password}}"}]',
        ),
        line_scoped=False,
        example_path="deploy/parameters/prod.json",
        precheck=pair_named,
        requires=r"parametervalue\\{0,3}\"[ \t]*:",
    ),
    generic_rule(
        "generic-hcl-key-value",
        "Secret in an HCL block that names it with key and holds it in value (tfe_variable, Nomad, Consul)",
        r"(?<![\w.\-])key[ \t]*=[ \t]*\"(?P<name>[\w.\-]{1,80})\"[ \t]*\r?\n"
        r"(?:[ \t]*[\w\-]{1,40}[ \t]*=[^\n]{0,200}\n){0,4}?[ \t]*value[ \t]*=[ \t]*(?P<q>\")(?P<secret>[^\"\n$]{4,300})\"",
        ("key ", "key=", "key\t"),
        pair_ok,
        examples=(
            'resource "tfe_variable" "db_password" {\n  key          = "db_password"\n  category     = "terraform"\n'
            '  value        = "Zq8vN3kLp0RtXw5Y"\n  sensitive    = true\n}',
        ),
        counter_examples=(
            'resource "tfe_variable" "db_password" {\n  key   = "db_password"\n  value = var.db_password\n}',
            'resource "tfe_variable" "region" {\n  key   = "region"\n  value = "Zq8vN3kLp0RtXw5Y"\n}',
        ),
        line_scoped=False,
        example_path="infra/workspaces.tf",
        precheck=pair_named,
    ),
    generic_rule(
        "generic-keyword-space-password",
        "Password after a keyword and a space in a configuration file (.netrc, .msmtprc, nslcd, slapd, redis)",
        r"(?P<name>password|passwd|pass|bindpw|rootpw|requirepass|masterauth|auth-pass[ \t]+[\w.\-]{1,60}|"
        # Network gear: SNMP communities and TACACS+/RADIUS shared keys are passwords too.
        r"snmp-server[ \t]+community|(?:tacacs|radius)-server[ \t]+(?:host[ \t]+\S{1,100}[ \t]+)?key)[ \t]+"
        # Network gear (Cisco IOS, Arista EOS) says how the password is stored before it: 0 in clear,
        # 7 in a reversible encoding (both are the password); hashed types (5, 8, 9) are not matched.
        r"(?:--plaintext[ \t]+|[07][ \t]+)?"
        # Quoted, the value may be followed by more settings (fetchmail's ``with password "..." is x
        # here``); bare, it ends the line (or an SNMP community's access mode follows it).
        r"(?:(?P<q>[\"'])(?P<secret>[^\"'\r\n]{4,200})(?P=q)"
        r"|(?P<secret2>[^\s\"'`]{4,200})[ \t]*(?:#|\r?$|(?:ro|rw)\b))",
        (
            "password",
            "passwd",
            "pass",
            "bindpw",
            "rootpw",
            "requirepass",
            "masterauth",
            "auth-pass",
            "snmp-server",
            "tacacs-server",
            "radius-server",
        ),
        keyword_line_ok,
        examples=(
            "  password 8c1f0e9d-7a6b-4c5d",
            "bindpw N7rTq2wZ8sKp",
            "requirepass h7Gd92kLqWv3x",
            "username admin privilege 15 password 0 Cisc0Rtr2024x",
            " password 7 0822455D0A16544541",
            "Pass N7rTq2wZ8sKp",
            '  user "ops@acme.io" there with password "Tr0ub4dor&3x" is ops here',
            "snmp-server community hbKCWMax7cgjyV RO 10",
            "tacacs-server key VgzleU9NG67FIGE5KN",
            "        auth_pass Xk9mQ2vL",
            '    AuthLDAPBindPassword "Tr0ub4dor&3x"',
        ),
        counter_examples=(
            "password is required",
            "rootpw {SSHA}k9Vb2qVnqkNj3jW1fZ5pQe8kZ",
            "password $SMTP_PW",
            "username admin secret 5 $1$mERr$hx5rVt7rPNoS4wqbXKX7m0",
            "pass git/deploy-token",
            "PermitEmptyPasswords no",
            "bypass Tr0ub4dor3x",
            "    fastcgi_pass 127.0.0.1:9000;",
            'echo "the password "Tr0ub4dor&3x" is wrong"',
        ),
        anchored=True,
    ),
    generic_rule(
        "haproxy-insecure-password",
        "Password in clear in an HAProxy userlist (insecure-password)",
        # ``user admin insecure-password VALUE`` in a userlist: the clear-text form (``password`` takes a
        # crypt(3) hash, which is not matched).
        r"(?<![\w-])insecure-password[ \t]+(?P<secret>[^\s\"'#]{4,200})(?=[ \t]|\r?$)",
        ("insecure-password",),
        password_value_ok,
        examples=("userlist stats-users\n    user admin insecure-password Hb7kQ2mxLw9z",),
        counter_examples=(
            "    user ops password $6$rounds=5000$abcdefgh$Zq0W1e2R3t4Y5u6I7o8P9a0S1d2F3g4H5j6K7l8Z9x0C1v2B3n4M5",
            "    user admin insecure-password ${STATS_PASSWORD}",
        ),
    ),
    generic_rule(
        "generic-passphrase",
        "Passphrase (several words) as an unquoted password in configuration",
        rf"{NAME}{GAP}(?::|=){GAP}(?P<secret>[A-Za-z]{{3,12}}(?:[ ][A-Za-z]{{3,12}}){{2,8}})[ \t]*\r?$",
        KEYWORDS,
        passphrase_ok,
        examples=(
            "  password: correct horse battery staple",
            "smtp_password = purple monkey dishwasher lamp",
        ),
        counter_examples=(
            "password: must be at least twelve characters",
            "password_hint: correct horse battery",
        ),
        anchored=True,
    ),
    token_rule(
        "aws-secret-access-key-after-id",
        "AWS secret access key (argument after the key id)",
        rf"(?<![A-Za-z0-9])(?:AKIA|ASIA)[A-Z2-7]{{16}}{ESCAPES}[\"'`][ \t]*,[ \t]*(?://[^\n]{{0,200}}|#[^\n]{{0,200}})?"
        rf"{_BREAK}{_INDENT}{ESCAPES}[\"'`](?P<secret>[A-Za-z0-9/+]{{40}}){ESCAPES}[\"'`]",
        ("akia", "asia"),
        description=(
            "The 40-character secret half of an AWS access key, passed as the argument after the access key "
            "id on the next line (NewStaticCredentialsProvider, BasicAWSCredentials, boto3.client)."
        ),
        examples=(
            'credentials.NewStaticCredentialsProvider(\n\t"AKIAIOGMDH46MZF4B57Q",\n'
            '\t"lThw/ZqyC85Nn7Jf30xIOdZh/NRwhUTv3L/Smo92",\n\t"")',
        ),
        counter_examples=(
            'ids = ["AKIAIOGMDH46MZF4B57Q",\n  "3f786850e387550fdab836ed7e6dc881de23001b"]',
            'new BasicAWSCredentials("AKIAIOSFODNN7EXAMPLE",\n  "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY")',
        ),
        remediation=(
            "Deactivate and delete the access key in IAM, review CloudTrail for its use, and replace long-term "
            "keys with IAM roles or IAM Identity Center."
        ),
        references=("https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html",),
        severity=Severity.CRITICAL,
        validator=_aws_secret_ok,
        min_entropy=3.8,
    ),
)
