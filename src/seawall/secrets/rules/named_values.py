"""Generic credentials whose name is given beside the value rather than assigned it: Terraform and HCL
``name = "..."`` / ``value = "..."`` blocks (Helm ``set``), XML elements named by a ``key``/``name``
attribute (Java ``<entry key="...">``, Hibernate ``<property name="...">``, .NET ``<setting name="...">``
with its ``<value>`` on the next line), and command lines that name a parameter and give its value
(``aws ssm put-parameter --name ... --value ...``, ``az keyvault secret set --name ... --value ...``,
``gh secret set NAME --body ...``)."""

from __future__ import annotations

from seawall.secrets.context import generic_assignment_ok, is_code, suffix_of
from seawall.secrets.rules._generic import (
    GAP,
    KEYWORDS,
    NAME,
    NAME_QUOTE,
    OP,
    QUOTE,
    TYPE,
    config_value,
    generic_rule,
)
from seawall.secrets.rules._pairs import key_named_ok, key_named_value_ok, pair_named, pair_ok
from seawall.secrets.rules.base import Candidate

# Other attributes of the same block between ``name =`` and ``value =`` (never a closing brace).
_HCL_BETWEEN = r"(?:[ \t]*[,;]?[ \t]*|[ \t]*\r?\n(?:[ \t]*\w{1,40}[ \t]*=[^\n}]{0,200}\n){0,3}?[ \t]*)"
# Other options between ``--name X`` and ``--value``, continuation lines included.
_CLI_GAP = r"[ \t]+(?:\\\r?\n[ \t]*)?"
_CLI_OPTION = rf"--?\w[\w\-]{{0,39}}(?:[ =](?!-)[\"']?[^\s\"'\\]{{1,200}}[\"']?)?{_CLI_GAP}"

# A Terraform variable block's lines before its ``default`` (type, description, comments, blank lines),
# or the space of a one-line block; never a brace, so the search stays in the block.
_HCL_VARIABLE_LINES = r"(?:[ \t]*\r?\n(?:[ \t]*(?:\w{1,40}[ \t]*=[^\r\n{}]{0,200}|(?:#|//)[^\r\n{}]{0,200})?\r?\n){0,8}?[ \t]*|[ \t]+)"

# A name that ends in ``key`` (``SUBSCRIPTION_KEY``, ``partnerKey``, ``storage.key``), from its start.
_KEY_NAME = r"(?<![\w.$\-])(?P<name>[A-Za-z_$][\w.$\-]{0,60}?key)"
# Its bytes, and how far before its ``key`` it starts at most: the rules are tried where such a name
# starts (``Rule.name_lead``), not along the line.
_KEY_NAME_LEAD = (b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$-", 61)


# A block scalar's header after ``|`` or ``>``: a chomping and an indentation indicator, in either order.
_BLOCK_INDICATORS = r"(?:[-+]?[1-9]?|[1-9][-+])"
# YAML files, and those written in YAML under another name: Salt pillars and states, hiera-eyaml, Jinja
# templates of YAML (``values.yml.j2``).
_YAML_SUFFIXES = (".yaml", ".yml", ".sls", ".eyaml", ".j2")


def _yaml_block_ok(c: Candidate) -> bool:
    return suffix_of(c.path) in _YAML_SUFFIXES and generic_assignment_ok(c)


RULES = (
    generic_rule(
        "generic-hcl-name-value",
        "Secret in the value of a named HCL block (Helm set and set_sensitive, name/value settings)",
        r"\bname[ \t]*=[ \t]*\"(?P<name>[\w.\-/\\\[\]]{1,80})\"" + _HCL_BETWEEN + r"value[ \t]*=[ \t]*"
        r"(?P<q>\")(?P<secret>[^\"\r\n]{4,300})\"",
        ("value",),
        pair_ok,
        examples=(
            'set_sensitive {\n    name  = "adminPassword"\n    value = "N7rTq2wZ8sKp!"\n  }',
            'set { name = "auth.password", value = "h7Gd92kLqWv3x" }',
        ),
        counter_examples=(
            'set {\n    name  = "adminPassword"\n    value = var.grafana_password\n  }',
            'set {\n    name  = "replicaCount"\n    value = "N7rTq2wZ8sKp"\n  }',
            'set {\n    name  = "auth.password"\n    value = "${var.redis_password}"\n  }',
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-hcl-variable-default",
        "Secret as the default value of a Terraform variable named for it",
        r"\bvariable[ \t]+\"(?P<name>[\w\-]{1,80})\"[ \t]*\{"
        + _HCL_VARIABLE_LINES
        + r"default[ \t]*=[ \t]*(?P<q>\")(?P<secret>[^\"\r\n]{4,300})\"",
        ("variable",),
        pair_ok,
        examples=(
            'variable "db_password" {\n  description = "Master password"\n  default     = "Kx7!pQ2zLm9w"\n'
            "  sensitive   = true\n}",
            'variable "datadog_api_key" {\n  type    = string\n\n  # from the console\n'
            '  default = "7f3c2a9e1b4d6f8a0c2e4b6d8f0a1c3e"\n}',
            'variable "github_token" { default = "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0" }',
        ),
        counter_examples=(
            # The default belongs to the next block, not to the password's.
            'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\n'
            'variable "db_instance_class" {\n  default = "db.t3.medium"\n}',
            'variable "db_password" {\n  default = var.fallback_password\n}',
            'variable "instance_type" {\n  default = "t3.micro"\n}',
            'variable "api_key" {\n  default = "changeme"\n}',
            'variable "db_password" {\n  validation {\n    condition = length(var.db_password) > 12\n  }\n'
            '  default = "${var.prefix}-password"\n}',
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-xml-named-element",
        "Secret in an XML element named by its key or name attribute (<entry key>, <property name>)",
        r"<[\w.\-:]{1,40}[ \t]+(?:key|name)[ \t]*=[ \t]*\"(?P<name>[^\"<>\n]{1,100})\"[^<>\n]{0,200}(?<!/)>"
        r"(?:[ \t]*\r?\n[ \t]*<value>)?[ \t]*(?P<q>)(?P<secret>[^<>\s]{4,300})[ \t]*</",
        ('key="', "key =", 'name="', "name ="),
        pair_ok,
        examples=(
            '<entry key="gateway.password">Tr0ub4dor&amp;3x</entry>',
            '<property name="hibernate.connection.password">N7rTq2wZ8sKp</property>',
            '<setting name="PaymentGatewayKey" serializeAs="String">\n'
            "        <value>v3Mt7pUrbYavUqrAIFZouS4Dof49IjDO</value>",
        ),
        counter_examples=(
            '<entry key="gateway.password">${gateway.password}</entry>',
            '<property name="hibernate.connection.username">ledger</property>',
            '<setting name="CacheKey" serializeAs="String">\n        <value>orders-v2-cache</value>',
            '<entry key="password.min.length">12</entry>',
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-cli-name-value",
        "Secret given as the value of a named parameter on a command line (ssm put-parameter, keyvault)",
        r"(?:--name[ =]|\bsecrets?[ \t]+set[ \t]+)[\"']?(?P<name>[^\s\"']{1,120})[\"']?"
        + _CLI_GAP
        + rf"(?:{_CLI_OPTION}){{0,6}}?"
        r"--(?:value|secret-string|body)[ =](?P<q>[\"']?)(?P<secret>[^\s\"']{4,300})(?P=q)",
        ("--value", "--secret-string", "--body"),
        pair_ok,
        examples=(
            "aws ssm put-parameter --name /ledger/prod/db-password --type SecureString \\\n"
            "  --value 'K0kUA5kSJP2fv=VL^m43w-' --overwrite",
            'az keyvault secret set --vault-name kv-orders --name SqlPassword --value "N7rTq2wZ8sKp!"',
            'gh secret set DEPLOY_TOKEN --body "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0" --repo acme/ledger',
        ),
        counter_examples=(
            "aws ssm put-parameter --name /ledger/prod/api-url --type String --value https://ledger.internal",
            'aws ssm put-parameter --name /ledger/prod/db-password --value "$DB_PASSWORD"',
        ),
        line_scoped=False,
        precheck=pair_named,
    ),
    generic_rule(
        "generic-key-named-assignment",
        "Random-looking value assigned to a name ending in Key (SUBSCRIPTION_KEY, partnerKey)",
        rf"{_KEY_NAME}{NAME_QUOTE}\]?{GAP}{TYPE}{OP}{GAP}(?:[@rbuRBUL]|\$)?{QUOTE}"
        r"(?P<secret>[^\"'`\r\n]{16,500}?)(?P=q)",
        ("key",),
        key_named_ok,
        examples=(
            'SUBSCRIPTION_KEY = "f3c9a1b27e4d4c6f9b0a8e5d2c7f1a36"',
            'private static final String partnerKey = "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F";',
        ),
        counter_examples=(
            'cache_key = "ledger:rates:v2:eu-west-1"',
            'REG_KEY = r"SOFTWARE\\Python\\PythonCore\\3.11"',
            'idempotency_key = "8c1f0e9d-7a6b-4c5d-9e8f-0a1b2c3d4e5f"',
            'PUBLIC_KEY = "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE"',
            '"AWS::ApiGateway::UsagePlanKey": "309b26469128fd0a7c",',  # a schema's hash, by resource type
        ),
        precheck=key_named_value_ok,
        name_lead=_KEY_NAME_LEAD,
    ),
    generic_rule(
        "generic-key-named-config-value",
        "Random-looking value of a configuration name ending in Key (.env, YAML, properties)",
        _KEY_NAME + config_value(16),
        ("key",),
        key_named_ok,
        examples=("ocp_apim_subscription_key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0",),
        counter_examples=(
            "partition_key: customer_id_and_region",
            "storage_key: ${STORAGE_KEY}",
        ),
        precheck=key_named_value_ok,
        never_in=is_code,  # an unquoted value in code is an expression
        name_lead=_KEY_NAME_LEAD,
    ),
    generic_rule(
        "generic-yaml-block-secret",
        "Secret in a YAML block scalar (| or >) under a secret-like key",
        r"(?m)^[ \t]*[\w.\-]{0,40}?"
        + NAME
        + r"[\"']?:[ \t]*[|>]"
        + _BLOCK_INDICATORS
        + r"[ \t]*\r?\n[ \t]+(?P<q>)"
        r"(?P<secret>[^\s#][^\r\n]{3,299}?)[ \t]*\r?$",
        KEYWORDS,
        _yaml_block_ok,
        examples=(
            "smtp:\n  password: >-\n    Tr0ub4dor3xKq9\n",
            "mysql:\n  root_password: |2-\n    Vq3fjw8Lm2zQ!x\n",
        ),
        counter_examples=(
            "smtp:\n  password: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n",
            "tls:\n  secret: |\n    -----BEGIN CERTIFICATE-----\n",
        ),
        line_scoped=False,
        example_path="config.yaml",
        # The block's indicator, the line break and the value's first character: rare outside YAML, where
        # the keywords of the name are everywhere.
        requires=r":[ \t]*[|>](?:[-+]?[1-9]?|[1-9][-+])[ \t]*\r?\n[ \t]+[^\s#]",
    ),
)
