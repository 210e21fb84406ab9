"""Credentials stored base64-encoded are decoded and judged by what they hold: FileZilla site
managers, npm/Yarn registry credentials and Kubernetes Secret manifests. Placeholders stay
placeholders once encoded (``Y2hhbmdlbWU=`` is ``changeme``)."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path

import pytest

from tests.secrets.structured import ENGINES, by_rule, findings, line_of, secrets_of


def b64(text: str | bytes) -> str:
    return base64.b64encode(text.encode() if isinstance(text, str) else text).decode()


SITEMANAGER = f"""<?xml version="1.0" encoding="UTF-8" standalone="yes" ?>
<FileZilla3 version="3.66.4" platform="windows">
  <Servers>
    <Server>
      <Host>ftp.acme.io</Host>
      <Port>21</Port>
      <Protocol>0</Protocol>
      <Type>0</Type>
      <User>deploy</User>
      <Pass encoding="base64">{b64("Tr0ub4dor&3x")}</Pass>
      <Logontype>1</Logontype>
      <Name>production</Name>
    </Server>
    <Server>
      <Host>sftp.acme.io</Host>
      <User>backup</User>
      <Pass encoding="base64">{b64("changeme")}</Pass>
    </Server>
    <Server>
      <Host>legacy.acme.io</Host>
      <User>ops</User>
      <Pass encoding="crypt" pubkey="{b64(os.urandom(32))}">{b64(os.urandom(24))}</Pass>
    </Server>
    <Server>
      <Host>files.acme.io</Host>
      <User>old</User>
      <Pass>Wz7~Q2pLm9.Xk4</Pass>
    </Server>
  </Servers>
</FileZilla3>
"""


@pytest.mark.parametrize("name", ["sitemanager.xml", "AppData/Roaming/FileZilla/recentservers.xml"])
@pytest.mark.parametrize("engine", ENGINES)
def test_filezilla_passwords_are_decoded(tmp_path: Path, name: str, engine: str) -> None:
    found = by_rule(findings(tmp_path, name, SITEMANAGER, engine), "filezilla-password")
    assert found == {
        (line_of(SITEMANAGER, b64("Tr0ub4dor&3x")), b64("Tr0ub4dor&3x")),
        (line_of(SITEMANAGER, "Wz7~Q2pLm9.Xk4"), "Wz7~Q2pLm9.Xk4"),
    }


NPMRC = f"""registry=https://npm.acme.io/repository/npm-group/
always-auth=true
_auth = {b64("deploy:Tr0ub4dor&3x")}
//npm.acme.io/repository/npm-private/:username=deploy
//npm.acme.io/repository/npm-private/:_password={b64("Vp9$kLm2Qx7r")}
//npm.acme.io/repository/npm-mirror/:_password="{b64("changeme")}"
//npm.acme.io/repository/npm-old/:_auth={b64("user:password")}
//npm.acme.io/repository/npm-env/:_password=${{NPM_PASSWORD}}
email=ci@acme.io
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_npmrc_auth_and_password_are_decoded(tmp_path: Path, engine: str) -> None:
    found = findings(tmp_path, ".npmrc", NPMRC, engine)
    assert by_rule(found, "npm-auth-password") == {
        (3, b64("deploy:Tr0ub4dor&3x")),
        (5, b64("Vp9$kLm2Qx7r")),
    }
    # An encoded placeholder is no more a secret for the generic rules than for this one.
    assert not {b64("changeme"), b64("user:password")} & secrets_of(found)


@pytest.mark.parametrize("engine", ENGINES)
def test_yarnrc_auth_ident(tmp_path: Path, engine: str) -> None:
    content = (
        'npmRegistryServer: "https://npm.acme.io"\nnpmScopes:\n  acme:\n    npmAlwaysAuth: true\n'
        f'    npmAuthIdent: "{b64("deploy:Tr0ub4dor&3x")}"\n'
        '  other:\n    npmAuthIdent: "ci:${CI_PASSWORD}"\n'
    )
    found = by_rule(findings(tmp_path, ".yarnrc.yml", content, engine), "yarn-npm-auth-ident")
    assert found == {(5, b64("deploy:Tr0ub4dor&3x"))}


DOCKER_CONFIG = json.dumps(
    {
        "auths": {
            "registry.acme.io": {
                "username": "ci",
                "password": "Hx4-pQ9!tR2vW7zK",
                "auth": b64("ci:Hx4-pQ9!tR2vW7zK"),
            }
        }
    }
)
MANIFESTS = f"""# Applied by hand during the migration.
apiVersion: v1
kind: Secret
metadata:
  name: orders-db
  namespace: orders
type: Opaque
data:
  username: {b64("orders_app")}
  password: {b64("p-I0=b4iiLl3Ezom*r0odA#v")}
  host: {b64("orders-db.internal")}
  port: {b64("5432")}
  DATABASE_URL: "{b64("postgres://orders_app:p-I0=b4iiLl3Ezom*r0odA#v@orders-db.internal:5432/orders")}"
  placeholder-password: {b64("changeme")}
  session-key: {b64(bytes(range(7, 71)))}
---
apiVersion: v1
kind: Secret
metadata:
  name: registry
type: kubernetes.io/dockerconfigjson
data:
  .dockerconfigjson: {b64(DOCKER_CONFIG)}
---
apiVersion: v1
kind: Secret
metadata:
  name: app-config
stringData:
  API_TOKEN: 9f8e7d6c5b4a39281706f5e4d3c2b1a0
  erlang-cookie: QCPNDSVUWABKVIRSEMMI
  region: eu-west-1
  LOG_LEVEL: debug
data:
  app.env: {b64("DEBUG=false" + chr(10) + "SMTP_PASSWORD=Zq8*mN3vLp6!Rt2W" + chr(10))}
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: not-a-secret
data:
  password: {b64("Gm8~xQ3pZ7.vL2kR")}
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_kubernetes_secret_values_are_decoded_and_judged(tmp_path: Path, engine: str) -> None:
    found = by_rule(
        findings(tmp_path, "k8s/orders/secrets.yaml", MANIFESTS, engine), "kubernetes-secret-data"
    )

    def at(value: str) -> tuple[int, str]:
        return line_of(MANIFESTS, value), value

    assert found == {
        at(b64("p-I0=b4iiLl3Ezom*r0odA#v")),
        at(b64("postgres://orders_app:p-I0=b4iiLl3Ezom*r0odA#v@orders-db.internal:5432/orders")),
        at(b64(bytes(range(7, 71)))),
        at(b64(DOCKER_CONFIG)),
        at("9f8e7d6c5b4a39281706f5e4d3c2b1a0"),
        at("QCPNDSVUWABKVIRSEMMI"),
        at(b64("DEBUG=false\nSMTP_PASSWORD=Zq8*mN3vLp6!Rt2W\n")),
    }


@pytest.mark.parametrize("engine", ENGINES)
def test_kubectl_json_secrets(tmp_path: Path, engine: str) -> None:
    listing = {
        "apiVersion": "v1",
        "kind": "List",
        "items": [
            {
                "apiVersion": "v1",
                "kind": "Secret",
                "metadata": {"name": "api", "namespace": "orders"},
                "type": "Opaque",
                "data": {"api-token": b64("9f8e7d6c5b4a39281706f5e4d3c2b1a0"), "username": b64("orders")},
            },
            {"apiVersion": "v1", "kind": "ConfigMap", "data": {"api-token": b64("Vp9$kLm2Qx7rTq8#vLx2")}},
        ],
    }
    text = json.dumps(listing, indent=2)
    found = by_rule(findings(tmp_path, "backup/secrets.json", text, engine), "kubernetes-secret-data")
    value = b64("9f8e7d6c5b4a39281706f5e4d3c2b1a0")
    assert found == {(line_of(text, value), value)}


@pytest.mark.parametrize(
    "content",
    [
        # Helm templates: not base64 at all.
        "apiVersion: v1\nkind: Secret\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n"
        "  password: {{ .Values.db.password | b64enc | quote }}\n  token: {{ randAlphaNum 32 | b64enc }}\n",
        # Encoded placeholders and identifiers.
        f"apiVersion: v1\nkind: Secret\ndata:\n  password: {b64('changeme')}\n  username: {b64('admin')}\n"
        f"  tenant-id: {b64('3f2504e0-4f89-11d3-9a0c-0305e82c3301')}\n  DB_HOST: {b64('db.internal')}\n",
        # Sealed secrets are encrypted for the cluster: not this rule's.
        "apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nspec:\n  encryptedData:\n"
        "    password: AgBy3i4OJSWK+PiTySYZZA9rO43cGDEq\n",
    ],
    ids=["helm-template", "placeholders", "sealed-secret"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_not_a_kubernetes_secret(tmp_path: Path, content: str, engine: str) -> None:
    found = findings(tmp_path, "chart/templates/secret.yaml", content, engine)
    assert by_rule(found, "kubernetes-secret-data") == set()
    assert b64("changeme") not in secrets_of(found)
