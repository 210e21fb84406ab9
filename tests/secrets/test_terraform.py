"""Terraform state: generated passwords, sensitive outputs and provider credentials are reported, at
their own lines; identifiers, ARNs, non-sensitive outputs, nulls and empty strings are not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.secrets.structured import ENGINES, by_rule, findings, line_of

RULE = "terraform-state-secret"

RANDOM_PASSWORD = "q7#Vd!x2Lm9@Tz4&Rb8^Kw1e"
RANDOM_STRING = "Hk3vQ9mZ2pLx7RtW"
DB_PASSWORD = "Hx4-pQ9!tR2vW7zK"
SQL_ADMIN = "Zq8*mN3vLp6!Rt2W"
STORAGE_KEY = "pjkNuK2R7CZufUI+VC2X31YS/g7CMVnnp60QRA3g8BX56mzOac9l/hSMfdcYMjVKm2dC6s6im7iejzoFFx9zLQ=="
CONNECTION = (
    f"DefaultEndpointsProtocol=https;AccountName=acmeorders;AccountKey={STORAGE_KEY};EndpointSuffix=core"
)
IAM_SECRET = "Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3S"
APP_PASSWORD = "Wz7~Q2pLm9.Xk4Rt-Vb8Nc3Hj6Fd1Sa5GePq0"
K8S_TOKEN = "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"
OUTPUT_SECRET = "N7rTq2wZ8sKp3xLm"
MAP_OUTPUT_SECRET = "Tr0ub4dor-3x-Prod"
MARKED_VALUE = "Vq5!nR8wZ2kLp4Xt"
CLIENT_SECRET = "Gm8~xQ3pZ7.vL2kR9tW4nH6jD1sF5aE0cY8b"


def _instance(attributes: dict[str, Any], marked: tuple[str, ...] = ()) -> dict[str, Any]:
    return {
        "schema_version": 0,
        "attributes": attributes,
        "sensitive_attributes": [[{"type": "get_attr", "value": name}] for name in marked],
        "private": "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==",
    }


def _resource(rtype: str, name: str, *instances: dict[str, Any]) -> dict[str, Any]:
    provider = rtype.split("_", 1)[0]
    return {
        "mode": "managed",
        "type": rtype,
        "name": name,
        "provider": f'provider["registry.terraform.io/hashicorp/{provider}"]',
        "instances": list(instances),
    }


def _state() -> dict[str, Any]:
    return {
        "version": 4,
        "terraform_version": "1.7.5",
        "serial": 41,
        "lineage": "5b0c7e1e-2f1c-8a64-0d3e-6a1f4d2b9c10",
        "outputs": {
            "db_endpoint": {"value": "orders.c9akciq32.eu-west-1.rds.amazonaws.com", "type": "string"},
            "admin_hint": {"value": "Rk2vP8xL5mQ9wT3n", "type": "string"},
            "db_password": {"value": OUTPUT_SECRET, "type": "string", "sensitive": True},
            "service_credentials": {
                "value": {"username": "svc-orders", "password": MAP_OUTPUT_SECRET},
                "type": ["object", {"username": "string", "password": "string"}],
                "sensitive": True,
            },
        },
        "resources": [
            _resource(
                "random_password",
                "db",
                _instance(
                    {
                        "id": "none",
                        "length": 24,
                        "special": True,
                        "result": RANDOM_PASSWORD,
                        "bcrypt_hash": "$2a$10$Jm3dO1yGwd0d7lYv6bXl5eQ4m1nS8wz2PqX5oVt7rK9aZc3uHy1Ee",
                    },
                    ("result",),
                ),
            ),
            # random_string's id repeats its result: the id line is not reported.
            _resource("random_string", "suffix", _instance({"id": RANDOM_STRING, "result": RANDOM_STRING})),
            _resource(
                "aws_db_instance",
                "orders",
                _instance(
                    {
                        "arn": "arn:aws:rds:eu-west-1:123456789012:db:orders",
                        "id": "db-7QXKZ3M2RN5PFJ",
                        "username": "orders",
                        "password": DB_PASSWORD,
                        "endpoint": "orders.c9akciq32.eu-west-1.rds.amazonaws.com:5432",
                        "kms_key_id": "arn:aws:kms:eu-west-1:123456789012:key/1f0e2d3c-4b5a-6978",
                    },
                    ("password",),
                ),
            ),
            _resource(
                "azurerm_mssql_server",
                "main",
                _instance({"administrator_login": "sqladmin", "administrator_login_password": SQL_ADMIN}),
            ),
            _resource(
                "azurerm_storage_account",
                "orders",
                _instance(
                    {
                        "name": "acmeorders",
                        "primary_access_key": STORAGE_KEY,
                        "primary_blob_endpoint": "https://acmeorders.blob.core.windows.net/",
                        "primary_connection_string": CONNECTION,
                        "secondary_connection_string": "",
                    }
                ),
            ),
            _resource(
                "aws_iam_access_key",
                "ci",
                _instance(
                    {"id": "AKIA2E0A8F3B244C9986", "user": "ci", "secret": IAM_SECRET, "status": "Active"}
                ),
            ),
            _resource(
                "azuread_application_password",
                "api",
                _instance({"key_id": "3f2504e0-4f89-11d3-9a0c-0305e82c3301", "value": APP_PASSWORD}),
            ),
            _resource(
                "kubernetes_secret",
                "api",
                _instance(
                    {"metadata": [{"name": "api"}], "data": {"API_TOKEN": K8S_TOKEN}, "type": "Opaque"}
                ),
            ),
            _resource(
                "aws_ssm_parameter",
                "feature",
                _instance({"name": "/orders/feature", "type": "String", "value": "Lq4bR7nX2vZ9"}),
            ),
            _resource(
                "null_resource",
                "marked",
                _instance(
                    {"id": "7351203987", "triggers": {"x": "1"}, "webhook": MARKED_VALUE}, ("webhook",)
                ),
            ),
            _resource(
                "azuread_service_principal",
                "api",
                _instance({"client_secret": None, "application_id": "9a8b7c6d-5e4f-3a2b-1c0d-9e8f7a6b5c4d"}),
            ),
        ],
    }


SECRETS = (
    ("result", RANDOM_PASSWORD),
    ("result", RANDOM_STRING),
    ("password", DB_PASSWORD),
    ("administrator_login_password", SQL_ADMIN),
    ("primary_access_key", STORAGE_KEY),
    ("secret", IAM_SECRET),
    ("value", APP_PASSWORD),
    ("API_TOKEN", K8S_TOKEN),
    ("value", OUTPUT_SECRET),
    ("password", MAP_OUTPUT_SECRET),
    ("webhook", MARKED_VALUE),
)


@pytest.mark.parametrize("name", ["terraform.tfstate", "envs/prod/terraform.tfstate.backup", "state.json"])
@pytest.mark.parametrize("engine", ENGINES)
def test_state_secrets_are_reported_at_their_lines(tmp_path: Path, name: str, engine: str) -> None:
    text = json.dumps(_state(), indent=2)
    everything = findings(tmp_path, name, text, engine)
    assert by_rule(everything, RULE) == {
        (line_of(text, f'"{key}": "{value}"'), value) for key, value in SECRETS
    }
    # The connection string's account key is the Azure rule's (the more specific rule wins an overlap).
    assert (line_of(text, CONNECTION), STORAGE_KEY) in by_rule(everything, "azure-storage-account-key")


@pytest.mark.parametrize("engine", ENGINES)
def test_identifiers_and_non_sensitive_values_are_not_reported(tmp_path: Path, engine: str) -> None:
    text = json.dumps(_state(), indent=2)
    reported = {
        secret for _line, secret in by_rule(findings(tmp_path, "terraform.tfstate", text, engine), RULE)
    }
    for value in (
        "Rk2vP8xL5mQ9wT3n",  # an output not marked sensitive
        "Lq4bR7nX2vZ9",  # a plain (String) SSM parameter
        "db-7QXKZ3M2RN5PFJ",
        "arn:aws:rds:eu-west-1:123456789012:db:orders",
        "AKIA2E0A8F3B244C9986",
        "$2a$10$Jm3dO1yGwd0d7lYv6bXl5eQ4m1nS8wz2PqX5oVt7rK9aZc3uHy1Ee",
        "eyJzY2hlbWFfdmVyc2lvbiI6IjEifQ==",
    ):
        assert value not in reported
    found = by_rule(findings(tmp_path, "b.tfstate", text, engine), RULE)
    random_string_lines = [line for line, secret in found if secret == RANDOM_STRING]
    assert random_string_lines == [line_of(text, f'"result": "{RANDOM_STRING}"')], "not the id line"


@pytest.mark.parametrize("engine", ENGINES)
def test_go_escaped_values_and_minified_state(tmp_path: Path, engine: str) -> None:
    """Terraform writes JSON with Go's escaping (``<`` as ``\\u003c``), and ``terraform show -json``
    prints a single line: values are still found, on that line."""
    password = "Xk9<mQ2&vL>pz7R"
    state = {
        "format_version": "1.0",
        "terraform_version": "1.7.5",
        "values": {
            "outputs": {
                "db_password": {"sensitive": True, "value": password},
                "region": {"sensitive": False, "value": "eu-west-1"},
            },
            "root_module": {
                "resources": [],
                "child_modules": [
                    {
                        "address": "module.db",
                        "resources": [
                            {
                                "address": "module.db.random_password.master",
                                "type": "random_password",
                                "name": "master",
                                "values": {"id": "none", "result": RANDOM_PASSWORD},
                                "sensitive_values": {},
                            }
                        ],
                    }
                ],
            },
        },
    }
    text = json.dumps(state, separators=(",", ":")).replace("<", "\\u003c").replace(">", "\\u003e")
    text = text.replace("&", "\\u0026")
    found = by_rule(findings(tmp_path, "plan/show.json", text + "\n", engine), RULE)
    assert found == {(1, "Xk9\\u003cmQ2\\u0026vL\\u003epz7R"), (1, RANDOM_PASSWORD.replace("&", "\\u0026"))}


@pytest.mark.parametrize(
    "content",
    [
        # A configuration, not a state: the rule needs the state's structure.
        'terraform {\n  required_version = ">= 1.5"\n}\n# terraform_version\npassword = var.db_password\n',
        # Truncated state (not JSON): nothing, and no error.
        '{\n  "version": 4,\n  "terraform_version": "1.7.5",\n  "outputs": {\n    "db_password": {\n'
        '      "value": "N7rTq2wZ8sKp3xLm",\n      "sensitive": true\n',
        # Placeholders and nulls.
        json.dumps(
            {
                "version": 4,
                "terraform_version": "1.7.5",
                "outputs": {"db_password": {"value": "changeme", "type": "string", "sensitive": True}},
                "resources": [
                    _resource("aws_db_instance", "a", _instance({"password": None, "master_password": ""})),
                    _resource("random_password", "b", _instance({"result": "REDACTED"})),
                ],
            },
            indent=2,
        ),
    ],
    ids=["configuration", "truncated", "placeholders"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_state_secret(tmp_path: Path, content: str, engine: str) -> None:
    assert by_rule(findings(tmp_path, "terraform.tfstate", content, engine), RULE) == set()


def test_sensitive_attributes_paths_are_not_reported(tmp_path: Path) -> None:
    """The path entries themselves (``"value": "password"``) are attribute names, not secrets."""
    text = json.dumps(_state(), indent=2)
    found = by_rule(findings(tmp_path, "terraform.tfstate", text, "python"), RULE)
    assert all(secret not in {"password", "result", "webhook"} for _line, secret in found)
    assert found
