# ruff: noqa: E501 - realistic configuration lines are long; they are data, not code
"""More repositories for the quality corpus: IT operations, exports, name/value pairs, code, CLIs.

These files were written from knowledge of real-world configuration, code and exports (not from
seawall's rules) to cover the classes a generic detector most often misses: ``password VALUE``
with a space, name/value pairs on sibling fields or consecutive lines, passphrases, tabular
exports keyed only by a header, positional credentials and command-line flags, JWT signing keys;
and the hard negatives that sit next to them (secret-store references, encrypted values, hashes,
identifiers, i18n strings, placeholders).

``make_corpus.py`` calls :data:`REPOS` after its own repositories, so adding this module left
every earlier file and label byte-identical.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import Any

# ``Gen`` lives in make_corpus.py, which runs as a script; typed loosely to avoid an import cycle.
G = Any

PASSPHRASE_WORDS = (
    *("correct", "horse", "battery", "staple", "river", "elbow", "castle", "orange", "purple"),
    *("window", "garden", "silver", "bridge", "candle", "monkey", "ladder", "forest", "pencil"),
    *("rabbit", "mirror", "yellow", "basket", "cotton", "dragon", "planet", "shadow", "violin"),
    *("kettle", "meadow", "saddle", "tunnel", "wombat", "zipper", "anchor", "biscuit", "canyon"),
)


def passphrase(g: G, words: int = 4, sep: str = "-", title: bool = False) -> str:
    picked = [g.r.choice(PASSPHRASE_WORDS) for _ in range(words)]
    if title:
        picked = [w.capitalize() for w in picked]
    return sep.join(picked)


def ssha(g: G) -> str:
    return "{SSHA}" + base64.b64encode(g.raw(24)).decode()


def sha512crypt(g: G) -> str:
    return str(
        "$6$"
        + g.pick(g.r.choice(["abcdefgh", "ABCDEFGH"]) + "0123456789./", 16)
        + "$"
        + g.pick("./0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", 86)
    )


def repo_it_ops(g: G) -> None:
    """Unix and network service configuration: ``keyword VALUE`` with a space."""
    host_pw, heroku_pw = g.password(), g.urlsafe(36)
    g.file(
        "it-ops/home/deploy/.netrc",
        """
%%m1%%
%%m2%%
machine git.acmepay.io
  login ci-mirror
%%m3%%
machine files.example.org login anonymous password %%anon%%
""",
        m1=g.s("generic-password", f"machine nexus.acmepay.io login deploy password {host_pw}"),
        m2=g.s("generic-password", f"machine api.heroku.com login ops@acmepay.io password {heroku_pw}"),
        m3=g.s("generic-token", f"  password {g.random_password(24)}"),
        anon=g.n("placeholder", "guest"),
    )
    g.file(
        "it-ops/home/alerts/.msmtprc",
        """
defaults
auth           on
tls            on
tls_trust_file /etc/ssl/certs/ca-certificates.crt
logfile        ~/.msmtp.log

account        acmepay
host           smtp.office365.com
port           587
from           alerts@acmepay.io
user           alerts@acmepay.io
%%pw%%

account        backup
host           smtp.fastmail.com
port           465
user           backup@acmepay.io
%%eval%%

account default : acmepay
""",
        pw=g.s("generic-password", f"password       {g.human_password()}"),
        eval=g.n("env-ref", 'passwordeval   "pass show mail/backup"'),
    )
    g.file(
        "it-ops/etc/nslcd.conf",
        """
# /etc/nslcd.conf - managed by ansible (role: ldap-client)
uid nslcd
gid nslcd
uri ldaps://ldap1.corp.acmepay.io ldaps://ldap2.corp.acmepay.io
base dc=corp,dc=acmepay,dc=io
binddn cn=nslcd,ou=services,dc=corp,dc=acmepay,dc=io
%%bindpw%%
ssl on
tls_reqcert demand
tls_cacertfile /etc/ssl/certs/corp-ca.pem
""",
        bindpw=g.s("generic-password", f"bindpw {g.random_password(18)}"),
    )
    g.file(
        "it-ops/etc/openldap/slapd.conf",
        """
include         /etc/openldap/schema/core.schema
include         /etc/openldap/schema/cosine.schema
pidfile         /var/run/openldap/slapd.pid

database        mdb
suffix          "dc=corp,dc=acmepay,dc=io"
rootdn          "cn=admin,dc=corp,dc=acmepay,dc=io"
%%rootpw%%
directory       /var/lib/openldap/openldap-data

database        mdb
suffix          "dc=lab,dc=acmepay,dc=io"
rootdn          "cn=admin,dc=lab,dc=acmepay,dc=io"
%%rootpw2%%
""",
        rootpw=g.s("generic-password", f"rootpw          {g.human_password()}"),
        rootpw2=g.n("hash", f"rootpw          {ssha(g)}"),
    )
    g.file(
        "it-ops/etc/redis/redis.conf",
        """
bind 127.0.0.1 10.20.0.15
protected-mode yes
port 6379
tcp-backlog 511
timeout 0
%%req%%
%%master%%
maxmemory 2gb
maxmemory-policy allkeys-lru
""",
        req=g.s("generic-password", f"requirepass {g.random_password(32, symbols='')}"),
        master=g.s("generic-password", f"masterauth {g.random_password(20)}"),
    )
    g.file(
        "it-ops/home/ops/.fetchmailrc",
        """
set daemon 300
set logfile /var/log/fetchmail.log
poll imap.acmepay.io protocol IMAP
%%user%%
    ssl sslproto TLS1.2+ keep
""",
        user=g.s(
            "generic-password",
            f'    user "invoices@acmepay.io" there with password "{g.human_password()}" is invoices here',
        ),
    )
    g.file(
        "it-ops/etc/wpa_supplicant/wpa_supplicant.conf",
        """
ctrl_interface=DIR=/var/run/wpa_supplicant GROUP=netdev
update_config=1
country=GB

network={
    ssid="AcmePay-Warehouse"
%%psk%%
    key_mgmt=WPA-PSK
}

network={
    ssid="AcmePay-Corp"
    key_mgmt=WPA-EAP
    eap=PEAP
    identity="scanner01@corp.acmepay.io"
%%eap%%
    phase2="auth=MSCHAPV2"
}
""",
        psk=g.s("generic-password", f'    psk="{passphrase(g, 4, " ")}"'),
        eap=g.s("generic-password", f'    password="{g.password()}"'),
    )
    g.file(
        "it-ops/etc/ppp/chap-secrets",
        """
# Secrets for authentication using CHAP
# client        server  secret                  IP addresses
%%c1%%
%%c2%%
""",
        c1=g.s("generic-password", f'"branch-vpn"    *       "{g.random_password(16)}"      *'),
        c2=g.s("generic-password", f"warehouse      pptpd   {g.human_password()}      10.8.0.20"),
    )
    g.file(
        "it-ops/home/postgres/.pgpass",
        """
# hostname:port:database:username:password
%%p1%%
%%p2%%
""",
        p1=g.s(
            "generic-password",
            f"db-primary.internal:5432:billing:billing_app:{g.random_password(22, symbols='!#%^*-_=+.')}",
        ),
        p2=g.s("generic-password", f"*:*:*:replicator:{g.human_password()}"),
    )
    g.file(
        "it-ops/etc/samba/credentials.finance",
        """
%%u%%
%%pw%%
domain=CORP
""",
        u=g.n("identifier", "username=svc-scan"),
        pw=g.s("generic-password", f"password={g.password()}"),
    )
    g.file(
        "it-ops/network/core-sw1.cfg",
        """
hostname core-sw1
!
%%enable%%
%%user1%%
%%user2%%
!
snmp-server community %%community%% RO 10
snmp-server location DC1-R12
!
tacacs-server host 10.0.0.5
%%tacacs%%
!
line vty 0 4
 transport input ssh
""",
        enable=g.n(
            "hash",
            f"enable secret 5 $1${g.alnum(4)}${g.pick('./' + 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 22)}",
        ),
        user1=g.s("generic-password", f"username netops privilege 15 password 0 {g.human_password()}"),
        user2=g.n("hash", f"username backup privilege 1 secret 9 $9${g.alnum(14)}${g.alnum(43)}"),
        community=g.s("generic-secret", g.random_password(14, symbols="")),
        tacacs=g.s("generic-secret", f"tacacs-server key {g.random_password(18, symbols='')}"),
    )
    g.file(
        "it-ops/etc/sssd/sssd.conf",
        """
[sssd]
services = nss, pam, sudo
domains = corp.acmepay.io

[domain/corp.acmepay.io]
id_provider = ldap
auth_provider = ldap
ldap_uri = ldaps://ldap1.corp.acmepay.io
ldap_search_base = dc=corp,dc=acmepay,dc=io
ldap_default_bind_dn = cn=sssd,ou=services,dc=corp,dc=acmepay,dc=io
ldap_default_authtok_type = password
%%tok%%
cache_credentials = true
""",
        tok=g.s("generic-password", f"ldap_default_authtok = {g.random_password(20)}"),
    )
    g.file(
        "it-ops/home/ops/.mbsyncrc",
        """
IMAPAccount work
Host outlook.office365.com
User ops@acmepay.io
%%passcmd%%
SSLType IMAPS

IMAPAccount archive
Host imap.fastmail.com
User archive@acmepay.io
%%pw%%
SSLType IMAPS
""",
        passcmd=g.n("env-ref", 'PassCmd "secret-tool lookup mail work"'),
        pw=g.s("generic-password", f"Pass {g.random_password(16)}"),
    )
    g.file(
        "it-ops/etc/pgbouncer/userlist.txt",
        """
%%u1%%
%%u2%%
""",
        u1=g.s("generic-password", f'"billing_app" "{g.random_password(24)}"'),
        u2=g.n("hash", f'"reporting" "SCRAM-SHA-256$4096:{g.b64(16)}${g.b64(32)}:{g.b64(32)}"'),
    )
    g.file(
        "it-ops/etc/shadow.fragment",
        """
%%sh%%
nobody:*:19000:0:99999:7:::
""",
        sh=g.n("hash", f"deploy:{sha512crypt(g)}:19750:0:99999:7:::"),
    )


def repo_exports(g: G) -> None:
    """Exports whose only keyword is the header row."""
    g.file(
        "it-ops/handover/bitwarden_export_20240301.csv",
        """
folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp
%%r1%%
%%r2%%
Infra,,note,Rack layout,See Confluence page INF-12,,0,,,,
%%r3%%
""",
        r1=g.s(
            "generic-password",
            f"Infra,1,login,GitHub,,,0,https://github.com/login,acmepay-ops,{g.password()},",
        ),
        r2=g.s(
            "generic-password",
            f'Infra,,login,AWS root,"break glass only",,0,https://console.aws.amazon.com/,root@acmepay.io,{g.random_password(24)},{g.pick("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 32)}',
        ),
        r3=g.s(
            "generic-password",
            f"Vendors,,login,Datadog,,,0,https://app.datadoghq.com,ops@acmepay.io,{g.human_password()},",
        ),
    )
    g.file(
        "it-ops/handover/Chrome Passwords.csv",
        """
name,url,username,password,note
%%c1%%
%%c2%%
%%c3%%
""",
        c1=g.s(
            "generic-password",
            f"grafana.acmepay.io,https://grafana.acmepay.io/login,admin,{g.human_password()},",
        ),
        c2=g.s(
            "generic-password",
            f"portal.azure.com,https://portal.azure.com/,it@acmepay.io,{g.random_password(18)},",
        ),
        c3=g.s("generic-password", f"192.168.1.1,http://192.168.1.1/,admin,{g.password()},router"),
    )
    g.file(
        "it-ops/handover/firefox-logins.csv",
        """
"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"
%%f1%%
%%f2%%
""",
        f1=g.s(
            "generic-password",
            f'"https://jenkins.acmepay.io","admin","{g.password()}",,"https://jenkins.acmepay.io","{{{g.uuid()}}}","1701299091000","1709012312000","1701299091000"',
        ),
        f2=g.s(
            "generic-password",
            f'"https://nas.local:5001","backup","{g.human_password()}",,"https://nas.local:5001","{{{g.uuid()}}}","1690000000000","1700000000000","1690000000000"',
        ),
    )
    g.file(
        "it-ops/handover/keepass.csv",
        """
"Group","Title","Username","Password","URL","Notes"
%%k1%%
%%k2%%
""",
        k1=g.s(
            "generic-password",
            f'"Root/Network","Firewall","admin","{g.random_password(20)}","https://10.0.0.1","Fortigate 60F"',
        ),
        k2=g.s(
            "generic-password", f'"Root/Servers","iDRAC db1","root","{g.password()}","https://10.0.5.21",""'
        ),
    )
    g.file(
        "it-ops/handover/new_user_credentials.csv",
        """
User name,Password,Access key ID,Secret access key,Console login link
%%iam%%
""",
        iam=g.s(
            "aws-secret",
            f"ci-deployer,{g.random_password(16)},{g.aws_id()},{g.aws_secret()},https://123456789012.signin.aws.amazon.com/console",
        ),
    )
    g.file(
        "it-ops/handover/accessKeys.csv",
        """
Access key ID,Secret access key
%%ak%%
""",
        ak=g.s("aws-secret", f"{g.aws_id()},{g.aws_secret()}"),
    )
    g.file(
        "it-ops/handover/lastpass_export.csv",
        """
url,username,password,totp,extra,name,grouping,fav
%%l1%%
%%l2%%
http://sn,,,,"NoteType:Server Notes",Printers,Shared-IT,0
""",
        l1=g.s("generic-password", f"https://vpn.acmepay.io,jdoe,{g.password()},,,VPN,Shared-IT,0"),
        l2=g.s("generic-password", f"https://wiki.acmepay.io,jdoe,{g.human_password()},,,Wiki,Shared-IT,1"),
    )
    g.file(
        "it-ops/handover/service-accounts.md",
        """
# Service accounts (handover, March 2024)

| Service | Account | Password | Owner |
|---------|---------|----------|-------|
%%t1%%
%%t2%%
| Jira | svc-jira | (in 1Password) | @dana |
%%t3%%
""",
        t1=g.s("generic-password", f"| Backup NAS | backup | `{g.password()}` | @lee |"),
        t2=g.s("generic-password", f"| Printer admin | admin | {g.human_password()} | @it |"),
        t3=g.n("placeholder", "| Sentry | svc-sentry | see vault | @ops |"),
    )
    g.file(
        "it-ops/handover/wifi.tsv",
        """
site\tssid\tpassphrase
%%w1%%
%%w2%%
""",
        w1=g.s("generic-password", f"London\tAcmePay-Guest\t{passphrase(g, 3, '-')}"),
        w2=g.s("generic-password", f"Leeds\tAcmePay-Staff\t{g.random_password(16, symbols='')}"),
    )
    g.file(
        "data-platform/seeds/users.sql",
        """
INSERT INTO admin_users (email, password_hash, role) VALUES
%%h1%%
%%h2%%
""",
        h1=g.n("hash", f"  ('ops@acmepay.io', '{g.bcrypt()}', 'admin'),"),
        h2=g.n("hash", f"  ('qa@acmepay.io', '{g.argon2()}', 'viewer');"),
    )


def repo_pairs(g: G) -> None:
    """Name/value pairs on sibling fields or consecutive lines."""
    g.file(
        "qa/har/checkout-failure.har",
        """
{
  "log": {
    "version": "1.2",
    "creator": {"name": "Firefox", "version": "123.0"},
    "entries": [
      {
        "startedDateTime": "2024-03-02T10:12:44.120Z",
        "request": {
          "method": "POST",
          "url": "https://api.acmepay.io/v2/checkout",
          "headers": [
            {"name": "Content-Type", "value": "application/json"},
%%h1%%
%%h2%%
            {"name": "X-Request-Id", "value": "%%rid%%"}
          ],
          "cookies": [
%%ck%%
            {"name": "theme", "value": "dark"}
          ]
        }
      }
    ]
  }
}
""",
        h1=g.s("generic-api-key", f'            {{"name": "x-api-key", "value": "{g.alnum(40)}"}},'),
        h2=g.s(
            "bearer-token", f'            {{"name": "Authorization", "value": "Bearer {g.urlsafe(48)}"}},'
        ),
        rid=g.n("uuid", g.uuid()),
        ck=g.s("generic-token", f'            {{"name": "session_token", "value": "{g.hex(64)}"}},'),
    )
    g.file(
        "qa/postman/partner-api.postman_collection.json",
        """
{
  "info": {"name": "Partner API", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
  "auth": {
    "type": "basic",
    "basic": [
%%pw%%
      {"key": "username", "value": "partner-sync", "type": "string"}
    ]
  },
  "item": [
    {
      "name": "List orders",
      "request": {
        "method": "GET",
        "header": [
%%hk%%
%%hv%%
        ],
        "url": "{{baseUrl}}/orders"
      }
    }
  ],
  "variable": [
    {"key": "baseUrl", "value": "https://partners.acmepay.io"},
%%var%%
%%varref%%
  ]
}
""",
        pw=g.s(
            "generic-password", f'      {{"key": "password", "value": "{g.password()}", "type": "string"}},'
        ),
        hk=g.s(
            "generic-api-key",
            f'          {{"key": "X-Partner-Key", "value": "{g.hex(32)}", "type": "text"}},',
        ),
        hv=g.n(
            "template-var",
            '          {"key": "X-Partner-Secret", "value": "{{partnerSecret}}", "type": "text"}',
        ),
        var=g.s("generic-token", f'    {{"key": "accessToken", "value": "{g.urlsafe(40)}"}},'),
        varref=g.n("template-var", '    {"key": "refreshToken", "value": "{{refresh_token}}"}'),
    )
    g.file(
        "platform/azure-pipelines.yml",
        """
trigger:
  branches:
    include: [main]

variables:
  - group: orders-shared
  - name: buildConfiguration
    value: Release
  - name: sqlAdminPassword
%%v1%%
  - name: storageAccountName
    value: stordersprod01
  - name: registryPassword
%%v2%%
  - name: apiKeyRef
%%v3%%

stages:
  - stage: Deploy
    jobs:
      - job: arm
        steps:
          - task: AzureResourceManagerTemplateDeployment@3
            inputs:
              overrideParameters: -sqlAdminPassword $(sqlAdminPassword)
""",
        v1=g.s("generic-password", f"    value: {g.random_password(20)}"),
        v2=g.s("generic-password", f"    value: '{g.alnum(32)}'"),
        v3=g.n("env-ref", "    value: $(ORDERS_API_KEY)"),
    )
    g.file(
        "platform/k8s/reporting/deployment.yaml",
        """
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reporting
spec:
  template:
    spec:
      containers:
        - name: reporting
          image: registry.acmepay.io/reporting:1.14.2
          env:
            - name: DB_HOST
              value: reporting-db.internal
            - name: DB_PASSWORD
%%e1%%
            - name: SMTP_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: smtp
                  key: password
            - name: REPORTS_SIGNING_SECRET
%%e2%%
            - name: PASSWORD_MIN_LENGTH
              value: "12"
""",
        e1=g.s("generic-password", f'              value: "{g.password()}"'),
        e2=g.s("generic-secret", f"              value: {g.hex(48)}"),
    )
    g.file(
        "infra/ecs/task-definition.json",
        """
{
  "family": "ledger-sync",
  "containerDefinitions": [
    {
      "name": "ledger-sync",
      "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/ledger-sync:2.3.0",
      "environment": [
        {"name": "LEDGER_URL", "value": "https://ledger.internal"},
%%e1%%
        {
          "name": "BANK_SFTP_PASSWORD",
%%e2%%
        },
        {"name": "LOG_LEVEL", "value": "info"}
      ],
      "secrets": [
%%arn%%
      ]
    }
  ]
}
""",
        e1=g.s("generic-api-key", f'        {{"name": "LEDGER_API_KEY", "value": "{g.urlsafe(32)}"}},'),
        e2=g.s("generic-password", f'          "value": "{g.random_password(18)}"'),
        arn=g.n(
            "secret-ref",
            f'        {{"name": "DB_PASSWORD", "valueFrom": "arn:aws:secretsmanager:eu-west-1:123456789012:secret:prod/ledger/db-{g.alnum(6)}"}}',
        ),
    )
    g.file(
        "infra/helm/monitoring.tf",
        """
resource "helm_release" "grafana" {
  name       = "grafana"
  repository = "https://grafana.github.io/helm-charts"
  chart      = "grafana"

  set {
    name  = "adminUser"
    value = "admin"
  }

  set_sensitive {
    name  = "adminPassword"
%%v1%%
  }

  set {
    name  = "smtp.password"
%%v2%%
  }
}
""",
        v1=g.s("generic-password", f'    value = "{g.human_password()}"'),
        v2=g.s("generic-password", f'    value = "{g.random_password(16)}"'),
    )
    g.file(
        "orders-api/Web.config",
        """
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <appSettings>
    <add key="Environment" value="Production" />
%%a1%%
%%a2%%
%%a3%%
    <add key="PasswordResetTokenLifetimeMinutes" value="30" />
  </appSettings>
  <applicationSettings>
    <Orders.Properties.Settings>
      <setting name="PaymentGatewayKey" serializeAs="String">
%%a4%%
      </setting>
    </Orders.Properties.Settings>
  </applicationSettings>
</configuration>
""",
        a1=g.s("generic-api-key", f'    <add key="FraudApiKey" value="{g.hex(32)}" />'),
        a2=g.s("generic-password", f'    <add key="SmtpPassword" value="{g.password()}" />'),
        a3=g.n(
            "secret-ref",
            '    <add key="StorageKey" value="@Microsoft.KeyVault(SecretUri=https://kv-orders.vault.azure.net/secrets/StorageKey/)" />',
        ),
        a4=g.s("generic-api-key", f"        <value>{g.alnum(36)}</value>"),
    )
    g.file(
        "ops-scripts/aws/put-params.sh",
        """
#!/usr/bin/env bash
set -euo pipefail
aws ssm put-parameter --name /ledger/prod/api-url --type String --value https://ledger.internal --overwrite
aws ssm put-parameter --name /ledger/prod/db-password --type SecureString \\
%%v1%%
aws cloudformation deploy --stack-name ledger --template-file stack.yml \\
%%v2%%
aws configure set aws_access_key_id %%kid%% --profile ledger
%%v3%%
""",
        v1=g.s("generic-password", f"  --value '{g.random_password(22)}' --overwrite"),
        v2=g.s(
            "generic-password", f"  --parameter-overrides Env=prod DbMasterPassword={g.random_password(20)}"
        ),
        kid=g.s("aws", g.aws_id()),
        v3=g.s("aws-secret", f"aws configure set aws_secret_access_key {g.aws_secret()} --profile ledger"),
    )
    kid = g.aws_id()
    g.file(
        "data-platform/jobs/export_s3.py",
        """
import boto3

%%c%%
    "s3",
%%kid%%
%%sec%%
    region_name="eu-west-1",
)
""",
        c=g.n("parameter", "s3 = boto3.client("),
        kid=g.s("aws", f'    aws_access_key_id="{kid}",'),
        sec=g.s("aws-secret", f'    aws_secret_access_key="{g.aws_secret()}",'),
    )
    kid2 = g.aws_id()
    g.file(
        "data-platform/jobs/legacy_session.py",
        """
from boto.s3.connection import S3Connection

%%conn%%
bucket = conn.get_bucket("acmepay-legacy-exports")
""",
        conn=g.s("aws-secret", f"conn = S3Connection('{kid2}', '{g.aws_secret()}')"),
    )
    g.file(
        "platform/gitlab/variables.json",
        """
[
  {"variable_type": "env_var", "key": "DEPLOY_USER", "value": "deployer", "protected": true, "masked": false},
  {
    "variable_type": "env_var",
    "key": "DEPLOY_TOKEN",
%%v1%%
    "protected": true,
    "masked": true
  },
  {"variable_type": "file", "key": "KUBECONFIG", "value": "/builds/kubeconfig", "protected": false, "masked": false}
]
""",
        v1=g.s("generic-token", f'    "value": "{g.urlsafe(28)}",'),
    )
    g.file(
        "payments-router/src/main/resources/config.xml",
        """
<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE properties SYSTEM "http://java.sun.com/dtd/properties.dtd">
<properties>
  <entry key="gateway.url">https://gw.acquirer.example/api</entry>
  <entry key="gateway.username">acmepay</entry>
%%e1%%
%%e2%%
</properties>
""",
        e1=g.s("generic-password", f'  <entry key="gateway.password">{g.password()}</entry>'),
        e2=g.n("placeholder", '  <entry key="gateway.apiKey">CHANGE_ME</entry>'),
    )


def repo_code(g: G) -> None:
    """Ordinary hard-coded credentials in many languages and formats."""
    g.file(
        "field-app/config/config.exs",
        """
import Config

config :field_app, FieldApp.Repo,
  username: "field_app",
%%pw%%
  hostname: "db.internal",
  pool_size: 10

config :field_app, FieldAppWeb.Endpoint,
%%skb%%
""",
        pw=g.s("generic-password", f'  password: "{g.password()}",'),
        skb=g.s("generic-secret", f'  secret_key_base: "{g.b64(48)}"'),
    )
    g.file(
        "field-app/src/main/resources/application.conf",
        """
akka.http.server.idle-timeout = 60s

db {
  url = "jdbc:postgresql://db.internal:5432/field"
  user = "field"
%%pw%%
}

partner {
%%key%%
  secret = ${?PARTNER_SECRET}
}
""",
        pw=g.s("generic-password", f'  password = "{g.random_password(18)}"'),
        key=g.s("generic-api-key", f'  api-key = "{g.alnum(32)}"'),
    )
    g.file(
        "field-app/lib/legacy_db.pl",
        """
use strict;
use DBI;

%%dbi%%
    or die "cannot connect: $DBI::errstr";
""",
        dbi=g.s(
            "generic-password",
            f'my $dbh = DBI->connect("DBI:mysql:database=legacy;host=10.0.4.9", "legacy_ro", "{g.human_password()}", {{RaiseError => 1}})',
        ),
    )
    g.file(
        "field-app/src/config.rs",
        """
pub const API_BASE: &str = "https://api.acmepay.io";
%%tok%%
pub const TIMEOUT_SECS: u64 = 30;
""",
        tok=g.s("generic-token", f'pub const SERVICE_TOKEN: &str = "{g.urlsafe(40)}";'),
    )
    g.file(
        "field-app/ios/FieldApp/Secrets.swift",
        """
enum Secrets {
%%k%%
    static let mapsStyleURL = "mapbox://styles/acmepay/field"
}
""",
        k=g.s("generic-api-key", f'    static let analyticsApiKey = "{g.hex(40)}"'),
    )
    g.file(
        "field-app/android/app/src/main/java/io/acmepay/field/ApiConfig.kt",
        """
package io.acmepay.field

object ApiConfig {
    const val BASE_URL = "https://field.acmepay.io/api/"
%%s%%
    const val PASSWORD_FIELD = "password"
}
""",
        s=g.s("generic-secret", f'    const val CLIENT_SECRET = "{g.urlsafe(32)}"'),
    )
    g.file(
        "field-app/scripts/Deploy-Reports.ps1",
        """
param([string]$Environment = "prod")

$ErrorActionPreference = "Stop"
%%pw%%
$cred = New-Object System.Management.Automation.PSCredential ("CORP\\svc-reports", $secure)
Invoke-Command -ComputerName rpt01 -Credential $cred -ScriptBlock { Restart-Service ReportServer }

$apiKey = $env:REPORTS_API_KEY
%%tok%%
""",
        pw=g.s("generic-password", f'$secure = ConvertTo-SecureString "{g.password()}" -AsPlainText -Force'),
        tok=g.s("generic-token", f'$headers = @{{ "Authorization" = "Token {g.hex(40)}" }}'),
    )
    g.file(
        "field-app/scripts/setenv.bat",
        """
@echo off
set JAVA_OPTS=-Xmx1024m
%%pw%%
set DB_USER=field
""",
        pw=g.s("generic-password", f"set DB_PASS={g.random_password(16)}"),
    )
    g.file(
        "field-app/deploy/field-app.service",
        """
[Unit]
Description=Field app API
After=network.target

[Service]
User=field
Environment=PORT=8080
%%env%%
Environment=LOG_LEVEL=info
ExecStart=/opt/field/bin/server

[Install]
WantedBy=multi-user.target
""",
        env=g.s("generic-password", f'Environment="DATABASE_PASSWORD={g.random_password(20)}"'),
    )
    g.file(
        "field-app/deploy/supervisord.conf",
        """
[program:worker]
command=/opt/field/bin/worker
%%env%%
autorestart=true
""",
        env=g.s(
            "generic-api-key", f'environment=QUEUE_URL="amqp://mq.internal",WORKER_API_KEY="{g.alnum(32)}"'
        ),
    )
    g.file(
        "field-app/deploy/docker-compose.yml",
        """
services:
  db:
    image: mysql:8.0
    environment:
%%root%%
      - MYSQL_DATABASE=field
      - MYSQL_USER=field
%%user%%
    healthcheck:
%%hc%%
      interval: 10s
  cache:
    image: redis:7
%%redis%%
""",
        root=g.s("generic-password", f"      - MYSQL_ROOT_PASSWORD={g.random_password(18)}"),
        user=g.s("generic-password", f"      - MYSQL_PASSWORD={g.human_password()}"),
        hc=g.s(
            "generic-password",
            f'      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-uroot", "-p{g.random_password(14, symbols="")}"]',
        ),
        redis=g.s("generic-password", f'    command: ["redis-server", "--requirepass", "{g.alnum(24)}"]'),
    )
    g.file(
        "field-app/Dockerfile",
        """
FROM python:3.12-slim
WORKDIR /app
%%arg%%
%%env%%
ENV PYTHONUNBUFFERED=1
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["gunicorn", "app:app"]
""",
        arg=g.s("generic-token", f"ARG PIP_INDEX_TOKEN={g.urlsafe(32)}"),
        env=g.s("generic-password", f"ENV ADMIN_PASSWORD {g.human_password()}"),
    )
    g.file(
        "field-app/ansible/inventory/hosts.ini",
        """
[windows]
%%w1%%

[windows:vars]
ansible_user=Administrator
%%w2%%
ansible_connection=winrm

[db]
db1.internal ansible_become_pass="{{ vault_db_become }}"
""",
        w1=g.s("generic-password", f"win-rpt01 ansible_host=10.0.6.11 ansible_password={g.password()}"),
        w2=g.s("generic-password", f"ansible_password='{g.random_password(18)}'"),
    )
    g.file(
        "field-app/conf/tomcat-users.xml",
        """
<?xml version="1.0" encoding="UTF-8"?>
<tomcat-users xmlns="http://tomcat.apache.org/xml" version="1.0">
  <role rolename="manager-gui"/>
%%u1%%
%%u2%%
</tomcat-users>
""",
        u1=g.s(
            "generic-password",
            f'  <user username="deployer" password="{g.password()}" roles="manager-script"/>',
        ),
        u2=g.n(
            "placeholder", '  <user username="admin" password="&lt;must-be-changed&gt;" roles="manager-gui"/>'
        ),
    )
    g.file(
        "field-app/conf/context.xml",
        """
<Context>
  <Resource name="jdbc/FieldDB" auth="Container" type="javax.sql.DataSource"
            driverClassName="org.postgresql.Driver"
            url="jdbc:postgresql://db.internal:5432/field"
%%pw%%
            maxTotal="20" maxIdle="5"/>
</Context>
""",
        pw=g.s("generic-password", f'            username="field" password="{g.random_password(16)}"'),
    )
    g.file(
        "field-app/config/odbc.ini",
        """
[FieldDW]
Driver=ODBC Driver 18 for SQL Server
Server=tcp:dw.internal,1433
Database=field_dw
UID=dw_reader
%%pwd%%
Encrypt=yes
""",
        pwd=g.s("generic-password", f"PWD={g.random_password(18)}"),
    )
    g.file(
        "field-app/lib/reports.go",
        """
package reports

import "database/sql"

%%dsn%%

type Config struct {
	Endpoint string
	Token    string
}

var defaultConfig = Config{
	Endpoint: "https://reports.acmepay.io",
%%tok%%
}

func Open() (*sql.DB, error) { return sql.Open("mysql", dsn) }
""",
        dsn=g.s(
            "generic-password",
            f'const dsn = "reports:{g.url_password()}@tcp(10.0.4.12:3306)/reports?parseTime=true"',
        ),
        tok=g.s("generic-token", f'	Token:    "{g.hex(40)}",'),
    )
    g.file(
        "field-app/lib/Settings.cs",
        """
namespace Field.Reports;

public static class Settings
{
    public const string ServiceUrl = "https://reports.acmepay.io";
%%k%%
    public const string PasswordPolicyName = "StrongPasswordPolicy";
}
""",
        k=g.s("generic-api-key", f'    public const string ApiKey = "{g.alnum(32)}";'),
    )
    g.file(
        "field-app/lib/mailer.rb",
        """
ActionMailer::Base.smtp_settings = {
  address: "smtp.mailgun.org",
  port: 587,
  user_name: "postmaster@mg.acmepay.io",
%%pw%%
  authentication: :plain
}
""",
        pw=g.s("generic-password", f"  password: '{g.random_password(20)}',"),
    )
    g.file(
        "field-app/public/wp-config.php",
        """
<?php
define( 'DB_NAME', 'field_wp' );
define( 'DB_USER', 'field_wp' );
%%pw%%
define( 'DB_HOST', 'localhost' );
%%auth%%
%%nonce%%
""",
        pw=g.s("generic-password", f"define( 'DB_PASSWORD', '{g.password()}' );"),
        auth=g.s(
            "generic-secret",
            f"define( 'AUTH_KEY',         '{g.random_password(64, symbols='!#%^*-_=+.@$&')}' );",
        ),
        nonce=g.n("placeholder", "define( 'NONCE_KEY',        'put your unique phrase here' );"),
    )
    g.file(
        "field-app/web/src/api.js",
        """
import axios from "axios";

export const client = axios.create({
  baseURL: "https://reports.acmepay.io/api",
  auth: {
    username: "reports-ui",
%%pw%%
  },
});

export const i18n = {
  password: "Passwort",
  forgotPassword: "Passwort vergessen?",
%%inv%%
};
""",
        pw=g.s("generic-password", f'    password: "{g.human_password()}",'),
        inv=g.n("ui-string", '  invalidPassword: "Mot de passe incorrect, veuillez réessayer",'),
    )
    g.file(
        "field-app/config/pip.conf",
        """
[global]
%%idx%%
timeout = 60
""",
        idx=g.s("basic-auth", f"index-url = https://ci:{g.url_password()}@pypi.acmepay.io/simple/"),
    )
    g.file(
        "field-app/config/settings.toml",
        """
[server]
port = 8080

[database]
user = "field"
%%pw%%
host = "db.internal"

[integrations.sentry]
dsn_env = "SENTRY_DSN"

[integrations.maps]
%%key%%
""",
        pw=g.s("generic-password", f'password = "{g.password()}"'),
        key=g.s("generic-api-key", f'api_key = "{g.alnum(39)}"'),
    )


def repo_misc(g: G) -> None:
    """JWT signing keys, master.key, CLI flags and positional credentials in calls."""
    g.file(
        "ledger-api/appsettings.json",
        """
{
  "Logging": {"LogLevel": {"Default": "Information"}},
  "Jwt": {
%%key%%
    "Issuer": "https://ledger.acmepay.io",
    "Audience": "ledger-clients",
    "ExpiryMinutes": 60
  },
  "ConnectionStrings": {
%%cs%%
  },
  "Email": {
%%kv%%
  }
}
""",
        key=g.s("generic-secret", f'    "Key": "{g.alnum(48)}",'),
        cs=g.s(
            "connection-string",
            f'    "Ledger": "Server=sql.internal;Database=Ledger;User Id=ledger;Password={g.random_password(18)};"',
        ),
        kv=g.n(
            "secret-ref", '    "ApiKey": "@Microsoft.KeyVault(VaultName=kv-ledger;SecretName=EmailApiKey)"'
        ),
    )
    g.file(
        "ledger-web/config/master.key",
        """
%%mk%%
""",
        mk=g.s("generic-secret", g.hex(32)),
    )
    g.file(
        "ledger-web/config/credentials/production.key",
        """
%%mk%%
""",
        mk=g.s("generic-secret", g.hex(32)),
    )
    g.file(
        "ops-scripts/azure/upload-reports.sh",
        """
#!/bin/sh
az storage blob upload-batch \\
  --account-name stledgerreports \\
%%ak%%
  --destination reports --source ./out
azcopy copy ./out "https://stledgerreports.blob.core.windows.net/reports?$SAS_TOKEN" --recursive
""",
        ak=g.s("azure-storage", f'  --account-key "{g.azure_key()}" \\'),
    )
    g.file(
        "ops-scripts/db/restore.sh",
        """
#!/bin/bash
set -e
%%my%%
%%pg%%
%%docker%%
%%sshp%%
%%keytool%%
%%openssl%%
%%smb%%
mysql -u"$DB_USER" -p"$DB_PASS" ledger < schema.sql
""",
        my=g.s(
            "generic-password",
            f"mysql -h db.internal -u root -p{g.random_password(14, symbols='')} ledger < dump.sql",
        ),
        pg=g.s(
            "generic-password", f"PGPASSWORD='{g.password()}' psql -h pg.internal -U ledger -c 'select 1'"
        ),
        docker=g.s(
            "generic-password",
            f"docker login registry.acmepay.io -u ci -p {g.random_password(24, symbols='')}",
        ),
        sshp=g.s(
            "generic-password",
            f"sshpass -p '{g.human_password()}' scp dump.sql backup@nas.local:/volume1/db/",
        ),
        keytool=g.s(
            "generic-password",
            f"keytool -importkeystore -srckeystore ledger.p12 -srcstoretype PKCS12 -srcstorepass {g.random_password(16, symbols='')} -destkeystore ledger.jks",
        ),
        openssl=g.s(
            "generic-password",
            f"openssl pkcs12 -export -in ledger.crt -inkey ledger.key -out ledger.p12 -passout pass:{g.random_password(16, symbols='')}",
        ),
        smb=g.s(
            "generic-password",
            f"smbclient //fs01/finance -U 'CORP\\svc-ledger%{g.password()}' -c 'get export.csv'",
        ),
    )
    g.file(
        "ledger-api/app/notify.py",
        """
import ftplib
import imaplib
import smtplib

import ldap
import pymysql
import requests


def send(msg):
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
%%smtp%%
        smtp.send_message(msg)


def fetch_statements():
    ftp = ftplib.FTP("ftp.bank.example")
%%ftp%%
    imap = imaplib.IMAP4_SSL("imap.acmepay.io")
%%imap%%


def directory():
    conn = ldap.initialize("ldaps://ldap1.corp.acmepay.io")
%%ldap%%
    return conn


%%mysql%%
%%req%%
%%param%%
    return requests.get("https://fx.example/rates", auth=(user, password), timeout=10)
""",
        smtp=g.s("generic-password", f'        smtp.login("ledger@acmepay.io", "{g.password()}")'),
        ftp=g.s("generic-password", f"    ftp.login('acmepay', '{g.random_password(14)}')"),
        imap=g.s("generic-password", f"    imap.login('statements@acmepay.io', '{g.human_password()}')"),
        ldap=g.s(
            "generic-password",
            f'    conn.simple_bind_s("cn=ledger,ou=services,dc=corp,dc=acmepay,dc=io", "{g.random_password(18)}")',
        ),
        mysql=g.s(
            "generic-password", f'db = pymysql.connect("10.0.4.9", "ledger", "{g.password()}", "ledger")'
        ),
        req=g.s(
            "generic-password",
            f'rates = requests.get("https://fx.example/rates", auth=("acmepay", "{g.random_password(16)}"), timeout=10)',
        ),
        param=g.n("parameter", "def fetch_rates(user: str, password: str):"),
    )
    g.file(
        "ledger-api/src/Notify.java",
        """
package io.acmepay.ledger;

import java.net.PasswordAuthentication;
import java.sql.Connection;
import java.sql.DriverManager;

class Notify {
    Connection connect() throws Exception {
%%jdbc%%
    }

    PasswordAuthentication proxyAuth() {
%%pa%%
    }
}
""",
        jdbc=g.s(
            "generic-password",
            f'        return DriverManager.getConnection("jdbc:mysql://db.internal/ledger", "ledger", "{g.random_password(16)}");',
        ),
        pa=g.s(
            "generic-password",
            f'        return new PasswordAuthentication("proxyuser", "{g.password()}".toCharArray());',
        ),
    )
    g.file(
        "ledger-api/src/Mailer.cs",
        """
using System.Net;
using System.Net.Mail;

public class Mailer
{
    private readonly SmtpClient _client = new SmtpClient("smtp.office365.com", 587)
    {
%%nc%%
        EnableSsl = true
    };
}
""",
        nc=g.s(
            "generic-password",
            f'        Credentials = new NetworkCredential("ledger@acmepay.io", "{g.human_password()}"),',
        ),
    )
    g.file(
        "ledger-api/web/src/token.ts",
        """
import jwt from "jsonwebtoken";

export function issue(userId: string): string {
%%sign%%
}

export function verify(token: string) {
  return jwt.verify(token, process.env.JWT_SECRET as string);
}
""",
        sign=g.s(
            "generic-secret",
            f'  return jwt.sign({{ sub: userId }}, "{g.urlsafe(40)}", {{ expiresIn: "1h" }});',
        ),
    )
    g.file(
        "ledger-api/app/tokens.py",
        """
import jwt

%%enc%%

app.config["JWT_ALGORITHM"] = "HS256"
%%cfg%%
""",
        enc=g.s(
            "generic-secret", f'TOKEN = jwt.encode({{"sub": "batch"}}, "{g.alnum(32)}", algorithm="HS256")'
        ),
        cfg=g.s("generic-secret", f'app.config["JWT_SECRET_KEY"] = "{g.random_password(40, symbols="")}"'),
    )
    g.file(
        "ledger-api/src/main/resources/application.yml",
        """
spring:
  datasource:
    url: jdbc:postgresql://db.internal:5432/ledger
    username: ledger
    password: ${LEDGER_DB_PASSWORD}
jwt:
  signing:
%%key%%
  expiration: 3600
security:
  password-encoder: bcrypt
  encrypted-password: ENC(%%jas%%)
""",
        key=g.s("generic-secret", f"    key: {g.b64(48)}"),
        jas=g.n("encrypted", g.b64(32)),
    )


def repo_passphrases(g: G) -> None:
    """Several dictionary words joined by dashes, dots or spaces where a password is expected."""
    g.file(
        "backup/.env",
        """
RESTIC_REPOSITORY=s3:s3.eu-west-1.amazonaws.com/acmepay-backups
%%r%%
%%b%%
BORG_REPO=ssh://borg@nas.local/./ledger
%%d%%
""",
        r=g.s("generic-password", f"RESTIC_PASSWORD={passphrase(g, 5, '-')}"),
        b=g.s("generic-password", f"BORG_PASSPHRASE='{passphrase(g, 4, ' ')}'"),
        d=g.s("generic-password", f'PASSPHRASE="{passphrase(g, 4, ".", title=True)}"'),
    )
    g.file(
        "backup/gpg-batch.txt",
        """
%%echo%%
Key-Type: RSA
Key-Length: 4096
Name-Real: AcmePay Backups
Name-Email: backups@acmepay.io
Expire-Date: 0
%%pp%%
%commit
""",
        echo=g.n("placeholder", "%echo Generating the backup signing key"),
        pp=g.s("generic-password", f"Passphrase: {passphrase(g, 4, ' ')}"),
    )
    g.file(
        "backup/keystore.properties",
        """
storeFile=../keystores/release.jks
%%sp%%
keyAlias=release
%%kp%%
""",
        sp=g.s("generic-password", f"storePassword={passphrase(g, 3, '-', title=True)}"),
        kp=g.s("generic-password", f"keyPassword={passphrase(g, 4, '_')}"),
    )
    g.file(
        "backup/provision.yml",
        """
- hosts: backup
  vars:
    backup_user: borg
%%pp%%
    ssh_key_passphrase: "{{ vault_ssh_key_passphrase }}"
  tasks:
    - name: create repo key
%%cmd%%
""",
        pp=g.s("generic-password", f'    repo_passphrase: "{passphrase(g, 4, " ")}"'),
        cmd=g.s(
            "generic-password",
            f"      command: ssh-keygen -t ed25519 -f /root/.ssh/borg -N '{passphrase(g, 4, '-')}'",
        ),
    )
    g.file(
        "backup/.vault_pass",
        """
%%vp%%
""",
        vp=g.s("generic-password", passphrase(g, 5, "-")),
    )
    g.file(
        "backup/README.md",
        """
# Backups

Restores need the repository passphrase. It is in 1Password ("restic prod").

The words in the passphrase are chosen with diceware, e.g. `%%ex%%` (an example, not the real one).
""",
        ex=g.n("example-key", "correct horse battery staple"),
    )


def repo_negatives(g: G) -> None:
    """Hard negatives that look like credentials next to their keywords."""
    g.file(
        "platform/cfn/database.yml",
        """
Resources:
  LedgerDb:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      MasterUsername: ledger
%%ssm%%
  ReportsDb:
    Type: AWS::RDS::DBInstance
    Properties:
      MasterUsername: reports
%%sm%%
""",
        ssm=g.n(
            "secret-ref", "      MasterUserPassword: '{{resolve:ssm-secure:/ledger/prod/db-password:3}}'"
        ),
        sm=g.n(
            "secret-ref",
            f"      MasterUserPassword: '{{{{resolve:secretsmanager:arn:aws:secretsmanager:eu-west-1:123456789012:secret:reports-db-{g.alnum(6)}:SecretString:password}}}}'",
        ),
    )
    g.file(
        "platform/maven/settings.xml",
        """
<settings>
  <servers>
    <server>
      <id>acmepay-releases</id>
      <username>deployer</username>
%%enc%%
    </server>
    <server>
      <id>acmepay-snapshots</id>
      <username>${env.NEXUS_USER}</username>
%%ref%%
    </server>
  </servers>
</settings>
""",
        enc=g.n("encrypted", f"      <password>{{{g.b64(32)}}}</password>"),
        ref=g.n("env-ref", "      <password>${env.NEXUS_PASSWORD}</password>"),
    )
    g.file(
        "platform/secrets/prod.enc.yaml",
        """
db:
%%pw%%
    api_key: ENC[AES256_GCM,data:%%k%%,type:str]
sops:
    kms:
        - arn: arn:aws:kms:eu-west-1:123456789012:key/%%kid%%
    lastmodified: "2024-03-01T10:00:00Z"
    version: 3.8.1
""",
        pw=g.n(
            "encrypted",
            f"    password: ENC[AES256_GCM,data:{g.b64(18)},iv:{g.b64(32)},tag:{g.b64(16)},type:str]",
        ),
        k=g.n("encrypted", g.b64(24)),
        kid=g.n("uuid", g.uuid()),
    )
    g.file(
        "platform/ansible/group_vars/prod/vault.yml",
        """
%%hdr%%
%%body1%%
%%body2%%
""",
        hdr=g.n("encrypted", "$ANSIBLE_VAULT;1.1;AES256"),
        body1=g.n("encrypted", g.hex(80)),
        body2=g.n("encrypted", g.hex(80)),
    )
    g.file(
        "platform/ansible/group_vars/prod/main.yml",
        """
db_user: ledger
%%pw%%
smtp_password: !vault |
          $ANSIBLE_VAULT;1.1;AES256
%%v1%%
%%v2%%
""",
        pw=g.n("template-var", 'db_password: "{{ vault_db_password }}"'),
        v1=g.n("encrypted", "          " + g.hex(64)),
        v2=g.n("encrypted", "          " + g.hex(64)),
    )
    g.file(
        "orders-api/Properties/PublishProfiles/Prod.pubxml.user",
        """
<?xml version="1.0" encoding="utf-8"?>
<Project>
  <PropertyGroup>
    <TimeStampOfAssociatedLegacyPublishXmlFile />
%%dpapi%%
  </PropertyGroup>
</Project>
""",
        dpapi=g.n(
            "encrypted",
            f"    <EncryptedPassword>AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAA{g.b64(180)}</EncryptedPassword>",
        ),
    )
    g.file(
        "web-dashboard/src/locales/fr.json",
        """
{
  "login": {
%%p%%
%%f%%
%%t%%
    "submit": "Se connecter"
  },
  "headers": {
%%h%%
%%c%%
  }
}
""",
        p=g.n("ui-string", '    "password": "Mot de passe",'),
        f=g.n("ui-string", '    "forgot_password": "Mot de passe oublié ?",'),
        t=g.n("ui-string", '    "token_expired": "Votre session a expiré, reconnectez-vous",'),
        h=g.n("identifier", '    "api_key_header": "X-Api-Key",'),
        c=g.n("identifier", '    "session_cookie": "__Host-session-id"'),
    )
    g.file(
        "ledger-api/app/settings.py",
        """
import os

%%a%%
%%b%%
%%c%%
%%d%%
%%e%%
%%f%%
%%g%%
""",
        a=g.n("env-ref", 'DB_PASSWORD = os.environ.get("DB_PASSWORD", "")'),
        b=g.n("identifier", 'PASSWORD_RESET_URL = "/accounts/password/reset/"'),
        c=g.n("identifier", 'SESSION_COOKIE_NAME = "ledger_sessionid"'),
        d=g.n("identifier", 'CSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"'),
        e=g.n("identifier", f'OAUTH_CLIENT_ID = "{g.uuid()}"'),
        f=g.n(
            "secret-ref",
            'API_KEY_SECRET_NAME = "projects/acmepay-prod/secrets/ledger-api-key/versions/latest"',
        ),
        g=g.n("secret-ref", 'STRIPE_KEY_REF = "op://Production/Stripe/api key"'),
    )
    g.file(
        "ledger-api/tests/test_auth.py",
        """
import pytest


@pytest.fixture
def user(db):
%%u%%


def test_wrong_password(client, user):
%%w%%
    assert resp.status_code == 401
""",
        u=g.n("test-fixture", '    return User.objects.create_user("alice", password="test-password")'),
        w=g.n("test-fixture", '    resp = client.post("/login", {"username": "alice", "password": "wrong"})'),
    )
    g.file(
        "ledger-api/.env.example",
        """
%%a%%
%%b%%
%%c%%
%%d%%
%%e%%
""",
        a=g.n("placeholder", "DB_PASSWORD=<your-db-password>"),
        b=g.n("placeholder", "JWT_SECRET=replace-with-a-long-random-string"),
        c=g.n("placeholder", "SMTP_PASSWORD="),
        d=g.n("placeholder", "API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"),
        e=g.n("env-ref", "REDIS_PASSWORD=${REDIS_PASSWORD:-}"),
    )
    g.file(
        "platform/k8s/external-secret.yaml",
        """
apiVersion: external-secrets.io/v1beta1
kind: ExternalSecret
metadata:
  name: ledger-db
spec:
  secretStoreRef:
    name: aws-secrets
    kind: ClusterSecretStore
  data:
    - secretKey: password
      remoteRef:
%%ref%%
        property: password
""",
        ref=g.n("secret-ref", "        key: prod/ledger/db"),
    )
    g.file(
        "platform/terraform/outputs.tf",
        """
output "db_password_secret_arn" {
%%v%%
}

output "db_endpoint" {
  value = aws_db_instance.ledger.endpoint
}
""",
        v=g.n("secret-ref", "  value = aws_secretsmanager_secret.ledger_db.arn"),
    )


def repo_more_ops(g: G) -> None:
    """Daemons, deploy commands and code that read a default when the environment has none."""
    g.file(
        "lb/etc/keepalived/keepalived.conf",
        """
vrrp_instance VI_1 {
    state MASTER
    interface eth0
    virtual_router_id 51
    priority 150
    authentication {
        auth_type PASS
%%ap%%
    }
    virtual_ipaddress {
        10.0.0.100/24
    }
}
""",
        ap=g.s("generic-password", f"        auth_pass {g.random_password(8, symbols='')}"),
    )
    g.file(
        "dns/etc/bind/named.conf.keys",
        """
key "ddns-update" {
    algorithm hmac-sha256;
%%sec%%
};
""",
        sec=g.s("generic-secret", f'    secret "{g.b64(32)}";'),
    )
    g.file(
        "web/apache/ldap-auth.conf",
        """
<Location /admin>
    AuthType Basic
    AuthName "Admin"
    AuthBasicProvider ldap
    AuthLDAPURL "ldaps://ldap1.corp.acmepay.io/ou=people,dc=corp,dc=acmepay,dc=io?uid"
    AuthLDAPBindDN "cn=apache,ou=services,dc=corp,dc=acmepay,dc=io"
%%bp%%
    Require ldap-group cn=admins,ou=groups,dc=corp,dc=acmepay,dc=io
</Location>
""",
        bp=g.s("generic-password", f'    AuthLDAPBindPassword "{g.random_password(16)}"'),
    )
    g.file(
        "deploy/release.sh",
        """
#!/usr/bin/env bash
set -euo pipefail
%%k8s%%
%%run%%
%%heroku%%
%%vault%%
%%gh%%
%%tf%%
%%ldap%%
%%sqlplus%%
%%lftp%%
%%wget%%
%%mount%%
kubectl create secret generic api --from-literal=password="$API_PASSWORD"
""",
        k8s=g.s(
            "generic-password",
            f"kubectl create secret generic ledger-db --from-literal=username=ledger --from-literal=password='{g.random_password(18)}'",
        ),
        run=g.s(
            "generic-password",
            f"docker run -d -e POSTGRES_PASSWORD={g.random_password(16, symbols='')} -p 5432:5432 postgres:16",
        ),
        heroku=g.s("generic-api-key", f"heroku config:set PARTNER_API_KEY={g.hex(32)} --app ledger-prod"),
        vault=g.s(
            "generic-password", f"vault kv put secret/ledger/db username=ledger password='{g.password()}'"
        ),
        gh=g.s("generic-token", f'gh secret set DEPLOY_TOKEN --body "{g.urlsafe(36)}" --repo acmepay/ledger'),
        tf=g.s(
            "generic-password", f"terraform apply -var 'db_password={g.random_password(18)}' -auto-approve"
        ),
        ldap=g.s(
            "generic-password",
            f"ldapsearch -x -H ldaps://ldap1.corp.acmepay.io -D 'cn=ops,dc=corp,dc=acmepay,dc=io' -w '{g.random_password(16)}' -b dc=corp,dc=acmepay,dc=io",
        ),
        sqlplus=g.s(
            "generic-password",
            f"sqlplus ledger/{g.random_password(14, symbols='')}@//ora.internal:1521/LEDGER @migrate.sql",
        ),
        lftp=g.s(
            "generic-password",
            f"lftp -u statements,{g.random_password(14, symbols='')} sftp://sftp.bank.example -e 'mirror /out ./in; bye'",
        ),
        wget=g.s(
            "generic-password",
            f"wget --user=ci --password='{g.password()}' https://nexus.acmepay.io/repository/raw/ledger.tar.gz",
        ),
        mount=g.s(
            "generic-password",
            f"mount -t cifs //fs01/finance /mnt/finance -o username=svc-ledger,password={g.random_password(16, symbols='')},vers=3.0",
        ),
    )
    g.file(
        "ledger-api/app/defaults.py",
        """
import os

%%a%%
%%b%%
%%c%%
""",
        a=g.s("generic-api-key", f'FX_API_KEY = os.getenv("FX_API_KEY", "{g.hex(32)}")'),
        b=g.s("generic-password", f'os.environ.setdefault("LEDGER_DB_PASSWORD", "{g.password()}")'),
        c=g.n("env-ref", 'SENTRY_DSN = os.getenv("SENTRY_DSN", "")'),
    )
    g.file(
        "ledger-web/src/config.js",
        """
module.exports = {
%%a%%
  port: process.env.PORT || 3000,
};
""",
        a=g.s("generic-secret", f'  sessionSecret: process.env.SESSION_SECRET || "{g.urlsafe(32)}",'),
    )
    g.file(
        "ledger-web/src/client.js",
        """
export async function rates() {
  const res = await fetch("https://fx.example/v1/rates", {
%%h%%
  });
  return res.json();
}

%%x%%
""",
        h=g.s(
            "generic-api-key", f'    headers: {{ "X-API-KEY": "{g.alnum(32)}", Accept: "application/json" }},'
        ),
        x=g.s("generic-token", f'xhr.setRequestHeader("X-Auth-Token", "{g.hex(40)}");'),
    )
    g.file(
        "ledger-svc/config.go",
        """
package main

import (
	"os"

	"github.com/spf13/viper"
)

func init() {
%%v%%
	viper.SetDefault("http.port", 8080)
%%e%%
}
""",
        v=g.s("generic-password", f'	viper.SetDefault("database.password", "{g.random_password(18)}")'),
        e=g.s("generic-token", f'	os.Setenv("LEDGER_API_TOKEN", "{g.urlsafe(40)}")'),
    )
    g.file(
        "ledger-svc/src/main/java/io/acmepay/Mail.java",
        """
package io.acmepay;

import java.util.Properties;

class Mail {
    Properties props() {
        Properties p = new Properties();
        p.put("mail.smtp.host", "smtp.office365.com");
%%pp%%
%%sp%%
        return p;
    }

%%val%%
    private String apiKey;
}
""",
        pp=g.s("generic-password", f'        p.put("mail.smtp.password", "{g.password()}");'),
        sp=g.s(
            "generic-password",
            f'        System.setProperty("javax.net.ssl.keyStorePassword", "{g.random_password(16)}");',
        ),
        val=g.s("generic-api-key", f'    @Value("${{partner.api-key:{g.alnum(32)}}}")'),
    )
    g.file(
        "ledger-web/app/services/fx.rb",
        """
class FxClient
%%k%%
  BASE = "https://fx.example/v1"
end
""",
        k=g.s("generic-api-key", f'  API_KEY = ENV.fetch("FX_API_KEY", "{g.hex(32)}")'),
    )
    g.file(
        "ops-scripts/curl/partner.sh",
        """
#!/bin/sh
%%c1%%
%%c2%%
curl -sf -H "X-Api-Key: $PARTNER_KEY" https://partners.acmepay.io/v1/ping
""",
        c1=g.s(
            "generic-api-key", f'curl -sf -H "X-Api-Key: {g.alnum(40)}" https://partners.acmepay.io/v1/orders'
        ),
        c2=g.s(
            "gitlab",
            f"curl --header 'PRIVATE-TOKEN: glpat-{g.urlsafe(20)}' https://gitlab.acmepay.io/api/v4/projects",
        ),
    )
    g.file(
        "platform/puppet/hieradata/prod.yaml",
        """
profile::ledger::db_user: ledger
%%p%%
%%e%%
profile::ledger::port: 8443
""",
        p=g.s("generic-password", f"profile::ledger::db_password: '{g.password()}'"),
        e=g.n("encrypted", f"profile::ledger::api_key: >\n    ENC[PKCS7,{g.b64(120)}]"),
    )
    g.file(
        "platform/kustomize/kustomization.yaml",
        """
resources:
  - deployment.yaml
secretGenerator:
  - name: ledger-db
    literals:
      - username=ledger
%%l%%
""",
        l=g.s("generic-password", f"      - password={g.random_password(20)}"),
    )
    g.file(
        "platform/github/deploy.yml",
        """
name: deploy
on: push
jobs:
  deploy:
    runs-on: ubuntu-latest
    env:
      LEDGER_URL: https://ledger.acmepay.io
%%t%%
      REGISTRY_PASSWORD: ${{ secrets.REGISTRY_PASSWORD }}
    services:
      postgres:
        image: postgres:16
        env:
%%pg%%
""",
        t=g.s("generic-token", f"      LEDGER_DEPLOY_TOKEN: {g.hex(40)}"),
        pg=g.s("generic-password", f"          POSTGRES_PASSWORD: {g.human_password()}"),
    )
    g.file(
        "home/ops/.my.cnf",
        """
[client]
user=ops
%%p%%
host=db.internal
""",
        p=g.s("generic-password", f'password="{g.password()}"'),
    )
    g.file(
        "home/ops/.config/rclone/rclone.conf",
        """
[b2]
type = b2
account = %%acct%%
%%key%%

[crypt]
type = crypt
remote = b2:acmepay-backups
%%obs%%
""",
        acct=g.n("identifier", g.hex(12)),
        key=g.s("generic-api-key", f"key = K{g.digits(3)}{g.urlsafe(27)}"),
        obs=g.s("generic-password", f"password = {g.urlsafe(43)}"),
    )


def repo_names(g: G) -> None:
    """Header, cookie and upstream names where a credential's name would be: not credentials."""
    g.file(
        "edge-gateway/nginx/ledger.conf",
        """
upstream ledger { server 10.0.3.11:8080; }

server {
    listen 443 ssl;
    location /api/ {
%%p1%%
%%p2%%
        proxy_set_header X-Request-Id $request_id;
    }
    location ~ \\.php$ {
%%p3%%
    }
}
""",
        p1=g.n("name", "        proxy_pass http://ledger;"),
        p2=g.n("name", "        proxy_pass_header X-Auth-Token;"),
        p3=g.n("name", "        fastcgi_pass 127.0.0.1:9000;"),
    )
    g.file(
        "ledger-web/Web.config",
        """
<configuration>
  <appSettings>
%%a1%%
%%a2%%
  </appSettings>
  <applicationSettings>
    <Ledger.Properties.Settings>
      <setting name="AuthCookieKey" serializeAs="String">
%%a3%%
      </setting>
    </Ledger.Properties.Settings>
  </applicationSettings>
</configuration>
""",
        a1=g.n("name", '    <add key="ApiKeyHeader" value="X-Partner-Auth" />'),
        a2=g.n("name", '    <add key="SessionTokenCookie" value="__Host-ledger-session" />'),
        a3=g.n("name", "        <value>.ASPXAUTH_LEDGER</value>"),
    )
    g.file(
        "ledger-svc/src/main/java/io/acmepay/SecurityConfig.java",
        """
package io.acmepay;

class SecurityConfig {
%%v1%%
    private String tokenHeader;

%%v2%%
    private String partnerKeyHeader;
}
""",
        v1=g.n("name", '    @Value("${security.jwt.token-header:X-Auth-Token}")'),
        v2=g.n("name", '    @Value("${partner.api-key:X-Partner-Key}")'),
    )
    g.file(
        "edge-gateway/terraform/waf.tf",
        """
resource "aws_wafv2_web_acl" "ledger" {
  name  = "ledger"
  scope = "REGIONAL"
  custom_response_body {
    key          = "blocked"
    content      = "blocked"
    content_type = "TEXT_PLAIN"
  }
}

resource "aws_cloudfront_origin_request_policy" "ledger" {
  headers_config {
    header {
      name  = "X-Api-Key"
%%h%%
    }
  }
}
""",
        h=g.n("name", '      value = "X-Partner-Api-Key-Header"'),
    )
    g.file(
        "docs/api/partner-authentication.md",
        """
# Authentication

| Header | Token | Notes |
|--------|-------|-------|
%%r1%%
%%r2%%
""",
        r1=g.n("name", "| `X-Api-Key` | `PARTNER_API_KEY` | issued per partner |"),
        r2=g.n("name", "| `Cookie` | `__Host-ledger-session` | browser sessions only |"),
    )


def repo_keys_and_pw(g: G) -> None:
    """Keys named only by their service (``...Key``), ``pw`` names, YAML block scalars; look-alike keys."""
    g.file(
        "vision-api/app/settings.py",
        """
import os

%%a%%
%%b%%
VISION_ENDPOINT = "https://acmepay-vision.cognitiveservices.azure.com/"
%%c%%
%%d%%
%%e%%
%%f%%
""",
        a=g.s("generic-api-key", f'VISION_SUBSCRIPTION_KEY = "{g.hex(32)}"'),
        b=g.s("generic-password", f'SFTP_PW = "{g.random_password(16)}"'),
        c=g.n("identifier", 'RATES_CACHE_KEY = "ledger:rates:v2:eu-west-1"'),
        d=g.n("uuid", f'IDEMPOTENCY_KEY = "{g.uuid()}"'),
        e=g.n("identifier", 'REGISTRY_KEY = r"SOFTWARE\\\\AcmePay\\\\Ledger\\\\Settings"'),
        f=g.n("public-key", f'VAPID_PUBLIC_KEY = "B{g.b64url(64)}"'),
    )
    g.file(
        "vision-api/config/translator.yaml",
        """
translator:
  endpoint: https://api.cognitive.microsofttranslator.com
  region: westeurope
%%k%%
%%pk%%
smtp:
  user: vision@acmepay.io
  password: >-
%%blk%%
""",
        k=g.s("generic-api-key", f"  ocp_apim_subscription_key: {g.hex(32)}"),
        pk=g.n("identifier", "  partition_key: customer_id_and_region"),
        blk=g.s("generic-password", f"    {g.random_password(18)}"),
    )
    g.file(
        "vision-api/src/main/java/io/acmepay/vision/Clients.java",
        """
package io.acmepay.vision;

final class Clients {
%%k%%
%%pw%%
%%sort%%
}
""",
        k=g.s("generic-api-key", f'    private static final String partnerKey = "{g.alnum(28)}";'),
        pw=g.s("generic-password", f'    private final String adminPw = "{g.human_password()}";'),
        sort=g.n("identifier", '    private static final String SORT_KEY = "createdAt_desc_then_id";'),
    )
    g.file(
        "vision-api/.env",
        """
%%a%%
%%b%%
%%c%%
""",
        a=g.s("generic-api-key", f"MAPS_SERVER_KEY={g.urlsafe(32)}"),
        b=g.s("generic-password", f"DB_PW={g.random_password(18)}"),
        c=g.n("env-ref", "STORAGE_KEY=${STORAGE_KEY}"),
    )


REPOS: list[Callable[[G], None]] = [
    repo_it_ops,
    repo_exports,
    repo_pairs,
    repo_code,
    repo_misc,
    repo_passphrases,
    repo_negatives,
    repo_more_ops,
    repo_names,
    repo_keys_and_pw,
]
