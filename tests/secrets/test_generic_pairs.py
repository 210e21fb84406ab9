"""Credentials whose name and value are not written ``name = value`` (issue 9): ``password VALUE``
configuration lines, sibling fields of JSON objects (HAR, Postman), YAML ``- name:``/``value:`` list
items, and an AWS secret key passed after its key id on the next line. Real files, scanned with
``scan()``: positives and negatives for each class."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()
AWS_ID = "AKIAQ3EGRBKW6ZLUTY7N"
AWS_SECRET = "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"


def _found(tmp_path: Path, name: str, content: str) -> list[str]:
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    report = scan(
        ScanOptions(roots=(str(tmp_path / "project"),), rules=RULES, policy=Policy(show_secrets=True), jobs=1)
    )
    return [f.secret or "" for f in report.findings]


FOUND = [
    # password VALUE: .netrc one token a line, .msmtprc, nslcd, slapd, redis, sentinel, kickstart.
    pytest.param(
        ".netrc",
        "machine api.heroku.com\n  login ops@acme.io\n  password 8c1f0e9d-7a6b-4c5d-9e3f-2a1b0c9d8e7f\n",
        "8c1f0e9d-7a6b-4c5d-9e3f-2a1b0c9d8e7f",
        id="netrc-multiline",
    ),
    pytest.param(
        ".msmtprc",
        "account default\nhost smtp.acme.io\nauth on\nuser ops@acme.io\npassword Tr0ub4dor&3xq\n",
        "Tr0ub4dor&3xq",
        id="msmtprc",
    ),
    pytest.param(
        "etc/nslcd.conf",
        "uri ldap://ldap.acme.io\nbinddn cn=nslcd,dc=acme,dc=io\nbindpw N7rTq2wZ8sKp\n",
        "N7rTq2wZ8sKp",
        id="nslcd-bindpw",
    ),
    pytest.param(
        "etc/openldap/slapd.conf",
        'rootdn "cn=admin,dc=acme,dc=io"\nrootpw   s3cR3tLd4pPw   # set at install\n',
        "s3cR3tLd4pPw",
        id="slapd-rootpw",
    ),
    pytest.param(
        "etc/redis/redis.conf", "port 6379\nrequirepass h7Gd92kLqWv3x\n", "h7Gd92kLqWv3x", id="redis"
    ),
    pytest.param(
        "etc/redis/sentinel.conf",
        "sentinel monitor mymaster 10.0.0.5 6379 2\nsentinel auth-pass mymaster Vb8nQ3rT6yLp\n",
        "Vb8nQ3rT6yLp",
        id="redis-sentinel",
    ),
    pytest.param("ks.cfg", "lang en_US\nrootpw --plaintext Xk9mQ2vLpz7R\n", "Xk9mQ2vLpz7R", id="kickstart"),
    # JSON sibling fields: HAR headers, Postman variables, other keys between, value before name.
    pytest.param(
        "capture.har",
        '{"headers": [\n  {\n    "name": "X-Api-Key",\n'
        '    "value": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"\n  }\n]}\n',
        "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b",
        id="har-multiline",
    ),
    pytest.param(
        "prod.postman_environment.json",
        '{"values": [\n  {\n    "key": "password",\n    "type": "secret",\n'
        '    "value": "h7Gd92kLqWv3x",\n    "enabled": true\n  }\n]}\n',
        "h7Gd92kLqWv3x",
        id="postman-other-keys-between",
    ),
    pytest.param(
        "api.postman_collection.json",
        '{"auth": {"type": "apikey", "apikey": [{"value": "9f8e7d6c5b4a39281706f5e4d3c2b1a0", '
        '"type": "string", "key": "x-api-key"}]}}\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="postman-value-before-key",
    ),
    pytest.param(
        "login.har",
        '{"request": {"headers": [\n  {\n    "name": "Authorization",\n    "comment": "",\n'
        '    "value": "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n  }\n]}}\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="har-authorization-bearer",
    ),
    # YAML name/value list items.
    pytest.param(
        "azure-pipelines.yml",
        "variables:\n- name: buildConfiguration\n  value: Release\n- name: sqlAdminPassword\n"
        "  value: 'N7rTq2wZ8sKp!'\n",
        "N7rTq2wZ8sKp!",
        id="azure-variables",
    ),
    pytest.param(
        "k8s/deployment.yaml",
        '        env:\n          - name: DB_PASSWORD\n            value: "Xk9#mQ2vL!pzR4"\n',
        "Xk9#mQ2vL!pzR4",
        id="k8s-env",
    ),
    pytest.param(
        ".github/workflows/deploy.yml",
        "      - name: API_TOKEN\n        description: deploy token\n"
        "        value: 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n",
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="yaml-key-between",
    ),
    # AWS secret keys as the argument after the key id, on the next line.
    pytest.param(
        "internal/storage/s3.go",
        f'creds := credentials.NewStaticCredentialsProvider(\n\t"{AWS_ID}",\n\t"{AWS_SECRET}",\n\t"",\n)\n',
        AWS_SECRET,
        id="aws-go-static-provider",
    ),
    pytest.param(
        "src/main/java/S3.java",
        f'AWSCredentials c = new BasicAWSCredentials("{AWS_ID}",\n        "{AWS_SECRET}");\n',
        AWS_SECRET,
        id="aws-java-basic-credentials",
    ),
    pytest.param(
        "app/s3.py",
        f's3 = boto3.client(\n    "s3",\n    "{AWS_ID}",  # key id\n    "{AWS_SECRET}",\n)\n',
        AWS_SECRET,
        id="aws-python-positional",
    ),
    pytest.param(
        "scripts/configure.sh",
        f"aws configure set aws_access_key_id {AWS_ID}\n"
        f"aws configure set aws_secret_access_key {AWS_SECRET}\n",
        AWS_SECRET,
        id="aws-configure-set",
    ),
]

NOT_FOUND = [
    pytest.param("README.md", "Note that\npassword is required for every login.\n", id="prose-md"),
    pytest.param("docs/setup.txt", "password hunter2isweak\n", id="prose-txt"),
    pytest.param(
        "etc/pam.d/common-password",
        "password requisite pam_pwquality.so retry=3\npassword [success=1 default=ignore] pam_unix.so\n",
        id="pam",
    ),
    pytest.param("etc/ssh/sshd_config", "PasswordAuthentication no\nPermitEmptyPasswords no\n", id="sshd"),
    pytest.param(".netrc", "machine github.com\n  login ci\n  password $GITHUB_TOKEN\n", id="netrc-variable"),
    pytest.param("slapd.conf", "rootpw {SSHA}k9Vb2qVnqkNj3jW1fZ5pQe8kZ\n", id="slapd-hashed"),
    pytest.param("ks.cfg", "rootpw --iscrypted $6$saltsalt$Xk9mQ2vLpz7R\n", id="kickstart-crypted"),
    pytest.param("app/cli.py", "    password = input()\n    password  required\n", id="code"),
    pytest.param(
        "capture.har",
        '{"headers": [{"name": "Accept", "value": "application/json"},\n'
        '  {"name": "x-api-key",\n   "valueFrom": "env"}]}\n',
        id="har-other-header",
    ),
    pytest.param(
        "login.har",
        '{"headers": [{"name": "Authorization",\n  "value": "Bearer {{token}}"}]}\n',
        id="har-authorization-template",
    ),
    pytest.param(
        "env.postman_environment.json",
        '{"values": [{"key": "apiKey", "value": "{{apiKey}}"}, {"key": "password", "value": ""}]}\n',
        id="postman-template-and-empty",
    ),
    pytest.param(
        "data.json",
        '[{"value": "h7Gd92kLqWv3x"},\n {"key": "dbPassword"}]\n',
        id="json-different-objects",
    ),
    pytest.param(
        "k8s/deployment.yaml",
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n"
        "        key: password\n  - name: LOG_LEVEL\n    value: debug\n",
        id="k8s-value-from",
    ),
    pytest.param(
        "azure-pipelines.yml",
        "variables:\n- name: sqlAdminPassword\n  value: $(sqlPasswordFromKeyVault)\n",
        id="azure-macro",
    ),
    pytest.param(
        "app/ids.py",
        'KEYS = ["AKIAIOSFODNN7EXAMPLE",\n  "3f786850e387550fdab836ed7e6dc881de23001b"]\n',
        id="aws-hex-after-id",
    ),
]


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    found = _found(tmp_path, name, content)
    assert secret in found, found


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_look_alike_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []


def _postman(auth: Mapping[str, object], *, indent: str | None) -> str:
    import json

    collection = {
        "info": {
            "name": "Partner API",
            "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json",
        },
        "auth": auth,
        "item": [{"name": "List orders", "request": {"method": "GET", "url": "{{baseUrl}}/orders"}}],
    }
    return json.dumps(collection, indent=indent)


_APIKEY = "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"
_ENTRIES = [
    {"key": "value", "value": _APIKEY, "type": "string"},
    {"key": "key", "value": "X-API-Key", "type": "string"},
    {"key": "in", "value": "header", "type": "string"},
]


@pytest.mark.parametrize("indent", ["\t", None], ids=["postman-export", "one-line"])
@pytest.mark.parametrize("order", [1, -1], ids=["value-first", "value-last"])
def test_a_postman_api_key_authorization_is_found(tmp_path: Path, indent: str | None, order: int) -> None:
    """Postman v2.1 keeps an API Key authorization's key as the value of the entry named "value"; the
    header's name is in a sibling entry (as Postman exports it: tab-indented JSON)."""
    auth = {"type": "apikey", "apikey": _ENTRIES[::order]}
    assert _found(tmp_path, "partner.postman_collection.json", _postman(auth, indent=indent)) == [_APIKEY]


@pytest.mark.parametrize(
    "value", ["{{partnerApiKey}}", "", "<your api key>"], ids=["variable", "empty", "placeholder"]
)
def test_a_postman_api_key_that_is_a_variable_or_a_placeholder_is_not(tmp_path: Path, value: str) -> None:
    auth = {"type": "apikey", "apikey": [{**_ENTRIES[0], "value": value}, *_ENTRIES[1:]]}
    assert _found(tmp_path, "partner.postman_collection.json", _postman(auth, indent="\t")) == []
