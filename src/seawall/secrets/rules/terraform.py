"""Terraform state: every secret Terraform ever handled is written there in plain text.

A state file (``terraform.tfstate``, ``*.tfstate.backup``) or the JSON of ``terraform show -json`` is
parsed, and what it says is secret is reported: the ``result`` of ``random_password`` and
``random_string``, the ``value`` of an output marked ``"sensitive": true``, attributes that Terraform
recorded as sensitive, and provider credentials stored in resource attributes (``password``,
``master_password``, ``administrator_login_password``, ``secret``, ``client_secret``, access keys,
connection strings with a password...). Identifiers, ARNs, nulls and empty strings are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from seawall.model import Confidence, Severity
from seawall.secrets.rules._structured import (
    load_json,
    password_ok,
    secret_name,
    string_values,
    walk_strings,
)
from seawall.secrets.rules.base import Extracted, Rule

# Resources whose whole purpose is a secret value, and the attribute that holds it.
_SECRET_RESOURCES = {
    "random_password": ("result",),
    "random_string": ("result",),
    "aws_secretsmanager_secret_version": ("secret_string",),
    "aws_iam_access_key": ("secret", "ses_smtp_password_v4"),
    "aws_iam_user_login_profile": ("password",),
    "azuread_application_password": ("value",),
    "azuread_service_principal_password": ("value",),
    "google_service_account_key": ("private_key",),
    "kubernetes_secret": ("data",),
    "kubernetes_secret_v1": ("data",),
    "vault_generic_secret": ("data_json",),
}
# Attributes that name a secret although the generic name test does not say so.
_SECRET_ATTRIBUTES = frozenset(
    {"primary_key", "secondary_key", "sas", "sas_url", "shared_key", "auth_key", "instrumentation_key_secret"}
)
_CONNECTION = re.compile(
    r"(?i)(?:password|pwd|accountkey|sharedaccesskey|secret)=[^;\s]{4,}|://[^\s:/@]+:[^\s@/]{4,}@"
)
_PEM = "-----BEGIN"  # key material is the private-key rules' to report


def _value_ok(name: str, value: str) -> bool:
    if not value or value.startswith(_PEM):
        return False
    if "connection_string" in name.lower() or "connectionstring" in name.lower():
        return bool(_CONNECTION.search(value))
    return password_ok(value)


def _attribute_pairs(rtype: str, attributes: dict[str, Any]) -> Iterator[tuple[str, str]]:
    """(name, value) of the secrets stored in one resource instance's attributes."""
    wanted = _SECRET_RESOURCES.get(rtype, ())
    if rtype == "aws_ssm_parameter" and attributes.get("type") == "SecureString":
        wanted = ("value",)
    for name, value in attributes.items():
        if name in wanted:
            yield from ((k or name, v) for k, v in walk_strings(value, name))
        elif secret_name(name) or name in _SECRET_ATTRIBUTES:
            yield from ((k, v) for k, v in walk_strings(value, name) if secret_name(k) or k == name)
        elif isinstance(value, (dict, list)):  # nested blocks: kube_config { password = ... }
            yield from ((k, v) for k, v in walk_strings(value, name) if secret_name(k))


def _marked_pairs(attributes: dict[str, Any], paths: Any) -> Iterator[tuple[str, str]]:
    """(name, value) at the attribute paths the state lists in ``sensitive_attributes``."""
    for path in paths if isinstance(paths, list) else ():
        steps = path if isinstance(path, list) else []
        names = [s.get("value") for s in steps if isinstance(s, dict) and s.get("type") == "get_attr"]
        if len(names) == 1 and isinstance(names[0], str):
            yield from walk_strings(attributes.get(names[0]), names[0])


def _resource_pairs(resource: dict[str, Any]) -> Iterator[tuple[str, str]]:
    rtype = str(resource.get("type", ""))
    for instance in resource.get("instances") or ():  # state format v4
        if isinstance(instance, dict) and isinstance(instance.get("attributes"), dict):
            yield from _attribute_pairs(rtype, instance["attributes"])
            yield from _marked_pairs(instance["attributes"], instance.get("sensitive_attributes"))
    if isinstance(resource.get("values"), dict):  # terraform show -json
        yield from _attribute_pairs(rtype, resource["values"])


def _module_resources(module: Any) -> Iterator[dict[str, Any]]:
    """The resources of a ``terraform show -json`` module and of its child modules."""
    if not isinstance(module, dict):
        return
    yield from (r for r in module.get("resources") or () if isinstance(r, dict))
    for child in module.get("child_modules") or ():
        yield from _module_resources(child)


def _output_pairs(outputs: Any) -> Iterator[tuple[str, str]]:
    for output in outputs.values() if isinstance(outputs, dict) else ():
        if isinstance(output, dict) and output.get("sensitive") is True:
            yield from walk_strings(output.get("value"), "value")


def _secret_pairs(state: dict[str, Any]) -> set[tuple[str, str]]:
    values: dict[str, Any] = state["values"] if isinstance(state.get("values"), dict) else {}
    resources = [r for r in state.get("resources") or () if isinstance(r, dict)]
    resources += list(_module_resources(values.get("root_module")))
    pairs = set(_output_pairs(state.get("outputs"))) | set(_output_pairs(values.get("outputs")))
    for resource in resources:
        pairs.update(_resource_pairs(resource))
    return {(k, v) for k, v in pairs if _value_ok(k, v)}


def _extract(data: bytes, path: str) -> Iterator[Extracted]:
    if b'"terraform_version"' not in data:
        return
    state = load_json(data)
    if not isinstance(state, dict):
        return
    secrets = _secret_pairs(state)
    if not secrets:
        return
    for key, value, start, end in string_values(data):
        if (key, value) in secrets:
            yield Extracted(start, end, key)


_STATE = """{{
  "version": 4,
  "terraform_version": "1.6.6",
  "serial": 12,
  "lineage": "5b0c7e1e-2f1c-8a64-0d3e-6a1f4d2b9c10",
  "outputs": {{{outputs}}},
  "resources": [{resources}]
}}"""
_RANDOM = """
    {{"mode": "managed", "type": "random_password", "name": "db", "provider": "provider[\\"registry.terraform.io/hashicorp/random\\"]",
     "instances": [{{"schema_version": 3, "attributes": {{"id": "none", "length": 24, "special": true,
       "result": "{value}", "bcrypt_hash": "$2a$10$Jm3dO1yGwd0d7lYv6bXl5eQ4m1nS8wz2PqX5oVt7rK9aZc3uHy1Ee"}},
       "sensitive_attributes": []}}]}}"""
_DB = """
    {{"mode": "managed", "type": "aws_db_instance", "name": "main",
     "instances": [{{"attributes": {{"arn": "arn:aws:rds:eu-west-1:123456789012:db:orders",
       "id": "db-ABCDEFGHIJKL", "username": "orders", "password": {value}, "port": 5432}},
       "sensitive_attributes": [[{{"type": "get_attr", "value": "password"}}]]}}]}}"""

RULES = (
    Rule(
        id="terraform-state-secret",
        title="Secret in Terraform state",
        description=(
            "A secret in a Terraform state file (or `terraform show -json`): a generated password, a "
            "sensitive output or a provider credential. State holds every secret Terraform handled in "
            "plain text; anyone who can read the file can use them."
        ),
        severity=Severity.HIGH,
        pattern=r"\"terraform_version\"",
        keywords=("terraform_version",),
        remediation=(
            "Rotate every secret the state holds (generated passwords, access keys, outputs), remove the "
            "state from the repository and its history, and keep state in an encrypted remote backend "
            "with restricted access (S3 with SSE-KMS and a bucket policy, Terraform Cloud, azurerm)."
        ),
        references=(
            "https://developer.hashicorp.com/terraform/language/state/sensitive-data",
            "https://developer.hashicorp.com/terraform/language/values/outputs#sensitive-suppressing-values-in-cli-output",
        ),
        examples=(
            _STATE.format(outputs="", resources=_RANDOM.format(value="q7#Vd!x2Lm9@Tz4&Rb8^Kw1e")),
            _STATE.format(
                outputs='"db_password": {"value": "N7rTq2wZ8sKp3xLm", "type": "string", "sensitive": true}',
                resources="",
            ),
            _STATE.format(outputs="", resources=_DB.format(value='"Hx4-pQ9!tR2vW7zK"')),
        ),
        counter_examples=(
            _STATE.format(
                outputs='"endpoint": {"value": "orders.c9akciq32.eu-west-1.rds.amazonaws.com", "type": "string"}, '
                '"api_key_hint": {"value": "N7rTq2wZ8sKp3xLm", "type": "string"}',
                resources=_DB.format(value="null"),
            ),
            _STATE.format(outputs="", resources=_DB.format(value='""')),
            _STATE.format(outputs="", resources=_RANDOM.format(value="changeme")),
        ),
        extract=_extract,
        generic=True,
        confidence=Confidence.HIGH,
        tags=("terraform",),
    ),
)
