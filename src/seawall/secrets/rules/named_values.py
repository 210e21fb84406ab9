"""Generic credentials whose name is given beside the value rather than assigned it: Terraform and HCL
``name = "..."`` / ``value = "..."`` blocks (Helm ``set``), XML elements named by a ``key``/``name``
attribute (Java ``<entry key="...">``, Hibernate ``<property name="...">``, .NET ``<setting name="...">``
with its ``<value>`` on the next line), and command lines that name a parameter and give its value
(``aws ssm put-parameter --name ... --value ...``, ``az keyvault secret set --name ... --value ...``,
``gh secret set NAME --body ...``)."""

from __future__ import annotations

from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._pairs import pair_ok

# Other attributes of the same block between ``name =`` and ``value =`` (never a closing brace).
_HCL_BETWEEN = r"(?:[ \t]*[,;]?[ \t]*|[ \t]*\r?\n(?:[ \t]*\w{1,40}[ \t]*=[^\n}]{0,200}\n){0,3}?[ \t]*)"
# Other options between ``--name X`` and ``--value``, continuation lines included.
_CLI_GAP = r"[ \t]+(?:\\\r?\n[ \t]*)?"
_CLI_OPTION = rf"--?\w[\w\-]{{0,39}}(?:[ =](?!-)[\"']?[^\s\"'\\]{{1,200}}[\"']?)?{_CLI_GAP}"

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
    ),
)
