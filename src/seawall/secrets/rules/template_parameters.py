"""Secrets given as the default value of an infrastructure template's parameter.

A template's parameter is how a secret should reach it at deploy time; a default makes it part of the
template, in every stack deployed without one:

- CloudFormation and SAM: ``DbPassword:`` with ``Type:``, ``NoEcho: true`` and ``Default: ...`` (YAML),
  ``"DbPassword": {"Type": "String", "Default": "..."}`` (JSON);
- ARM templates: ``"adminPassword": {"type": "securestring", "defaultValue": "..."}``;
- Bicep: ``param adminPassword string = '...'`` (the linter's ``secure-parameter-default``), and a
  ``.bicepparam`` file's ``param adminPassword = '...'``.

The parameter's name says what the value is, as an assignment's name does (``pair_ok``).
"""

from __future__ import annotations

from seawall.secrets.context import suffix_of
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._pairs import pair_named, pair_ok
from seawall.secrets.rules.base import Candidate, Rule

# The other properties of a parameter, one a line, before its default (YAML).
_YAML_PROPERTIES = r"(?:[ \t]{2,24}[A-Za-z]{1,40}:[^\n]{0,200}\n){0,8}?"
# The same in JSON: a string, a boolean, a number or a list of values (``AllowedValues``).
_JSON_PROPERTIES = (
    r"(?:\"[A-Za-z]{1,40}\"[ \t]*:[ \t]*(?:\"[^\"\n]{0,200}\"|true|false|[0-9]{1,10}|\[[^\[\]]{0,300}\])"
    r"[ \t]*,\s{0,40}){0,8}?"
)
_TEMPLATES = frozenset((".yaml", ".yml", ".json", ".template", ".tpl", ".cfn"))


def _template_ok(c: Candidate) -> bool:
    return suffix_of(c.path) in _TEMPLATES and pair_ok(c)


def _bicep_ok(c: Candidate) -> bool:
    return suffix_of(c.path) in (".bicep", ".bicepparam") and pair_ok(c)


RULES: tuple[Rule, ...] = (
    generic_rule(
        "template-parameter-default",
        "Secret as the default of a CloudFormation or SAM template's parameter (YAML)",
        r"[ \t]{2,12}(?P<name>[A-Za-z][A-Za-z0-9]{0,79}):[ \t]*\r?\n"
        + _YAML_PROPERTIES
        + r"[ \t]{2,24}Default:[ \t]*(?P<q>[\"']?)(?P<secret>[^\s\"'#][^\n\"']{0,299}?)(?P=q)[ \t]*(?:#|\r?$)",
        ("default:",),
        _template_ok,
        examples=(
            "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: hAka7vM_dlVm*G5w4c2H\n",
            "Parameters:\n  PartnerApiKey:\n    Type: String\n    Default: 'c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b'\n",
        ),
        counter_examples=(
            "Parameters:\n  DbPassword:\n    Type: AWS::SSM::Parameter::Value<String>\n    Default: /prod/db/password\n",
            "Parameters:\n  DbPasswordLength:\n    Type: Number\n    Default: 32\n",
            "Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: ''\n",
            "Parameters:\n  Environment:\n    Type: String\n    Default: hAka7vM_dlVm*G5w4c2H\n",
        ),
        line_scoped=False,
        example_path="template.yaml",
        precheck=pair_named,
        # What every match holds, looked for beside the keyword: the pattern itself, led by an indented
        # name and a line break, kept Hyperscan busy on every line of code (a third of a folder's pass).
        requires=r"\n[ \t]{2,24}default:[ \t]*\S",
    ),
    generic_rule(
        "template-parameter-default-json",
        "Secret as the default of a CloudFormation or ARM template's parameter (JSON)",
        r"\"(?P<name>[A-Za-z][A-Za-z0-9_]{0,79})\"[ \t]*:[ \t]*\{\s{0,40}"
        + _JSON_PROPERTIES
        + r"\"(?:Default|defaultValue)\"[ \t]*:[ \t]*(?P<q>\")(?P<secret>[^\"\n]{1,300})\"",
        ('"default"', '"defaultvalue"'),
        _template_ok,
        examples=(
            '"DbPassword": {\n  "Type": "String",\n  "NoEcho": true,\n  "Default": "hAka7vM_dlVm*G5w4c2H"\n}',
            '"adminPassword": {"type": "securestring", "defaultValue": "Tq8#mPz3Wx7kLp"}',
        ),
        counter_examples=(
            '"adminPassword": {"type": "securestring"}',
            '"adminPassword": {"type": "securestring", "defaultValue": "[newGuid()]"}',
            '"InstanceType": {"Type": "String", "Default": "t3.micro"}',
        ),
        line_scoped=False,
        example_path="templates/stack.json",
        precheck=pair_named,
        requires=r"\"(?:default|defaultvalue)\"[ \t]*:[ \t]*\"",
    ),
    generic_rule(
        "bicep-parameter-default",
        "Secret as the default of a Bicep parameter",
        r"(?<![\w.])param[ \t]+(?P<name>[A-Za-z_][\w]{0,79})(?:[ \t]+[A-Za-z]{1,20})?[ \t]*=[ \t]*"
        r"(?P<q>')(?P<secret>[^'\n]{1,300})'",
        ("param ", "param\t"),
        _bicep_ok,
        examples=(
            "param apimSubscriptionKey string = 'c67d504de5c459e2a5bf4d490ec05a83'",
            "@secure()\nparam sqlAdminPassword string = 'Tq8#mPz3Wx7kLp'",
            "param sqlAdminPassword = 'Tq8#mPz3Wx7kLp'",
        ),
        counter_examples=(
            "param sqlAdminPassword string",
            "param storageSas string = ''",
            "param location string = 'westeurope'",
            "param sqlAdminPassword = readEnvironmentVariable('SQL_PASSWORD')",
        ),
        example_path="infra/main.bicep",
        precheck=pair_named,
    ),
)
