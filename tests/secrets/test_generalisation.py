"""Recall classes widened for issue 9 (generalisation), each across the formats it takes in real files:
``password VALUE`` amid other settings and isync's ``Pass``, network gear's SNMP communities and
TACACS+/RADIUS keys, tables keyed only by a header (Markdown tables, passphrase columns), name/value
pairs (HCL blocks, XML ``key``/``name`` elements, ``--name ... --value``, pair names ending in ``Key``),
credential files known by their name, Dockerfile ``ENV NAME value``, positional credentials (DBI, JWT
signing calls, OmniAuth providers), passphrases on command lines and under ``psk``; and the look-alikes
beside each (references, hashes, settings about a password, keys that hold no secret)."""

from __future__ import annotations

import secrets
import string
from pathlib import Path

import pytest

from tests.secrets.test_generic_classes import _found

_WORDS = ("maple", "harbor", "violin", "tunnel", "saddle", "meadow", "wombat", "kettle", "canyon", "ladder")


def _pw(n: int = 18) -> str:
    """A fresh random password (letters, digits and one symbol), made at run time."""
    body = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(n - 2))
    return body[:4] + "Q7" + body[4:] + "#"


def _key(n: int = 32) -> str:
    """Random letters and digits, with a digit inside: one draw in a hundred of 28 has none, and a key of
    letters alone is judged by its case pattern, which a rare draw passes for words
    (test_letters_only_keys below tests that class on its own)."""
    body = [secrets.choice(string.ascii_letters + string.digits) for _ in range(n)]
    body[secrets.randbelow(n - 2) + 1] = secrets.choice(string.digits)
    return "".join(body)


def _phrase(n: int = 4, sep: str = "-") -> str:
    words = list(_WORDS)
    return sep.join(words.pop(secrets.randbelow(len(words))) for _ in range(n))


FOUND = [
    # password VALUE: the keyword first on its line, or a quoted value after it amid other settings.
    ("home/.mbsyncrc", "IMAPAccount work\nHost imap.example.org\nUser ops\nPass {s}\n", _pw),
    (
        "home/.fetchmailrc",
        'poll imap.example.org protocol IMAP\n  user "ops" there with password "{s}" is ops\n',
        _pw,
    ),
    (
        "etc/sssd/sssd.conf",
        "[domain/corp]\nldap_default_authtok_type = password\nldap_default_authtok = {s}\n",
        _pw,
    ),
    # Network gear.
    ("net/core.cfg", "hostname core\nsnmp-server community {s} RO 10\n", lambda: _key(14)),
    ("net/core.cfg", "tacacs-server key {s}\n", lambda: _key(18)),
    ("net/edge.cfg", "radius-server host 10.0.0.9 key 7 {s}\n", lambda: _key(18)),
    # Tables keyed only by their header.
    ("docs/handover.md", "| Service | Account | Password |\n|---|---|---|\n| NAS | backup | `{s}` |\n", _pw),
    ("docs/handover.md", "Accounts:\n\nSystem | Login | Passwd\n:--- | --- | ---:\nIPMI | root | {s}\n", _pw),
    ("it/wifi.tsv", "site\tssid\tpassphrase\nLondon\tGuest\t{s}\n", _phrase),
    (
        "it/keepass.csv",
        '"Group","Title","Username","Password"\n"Root","VPN","ops","{s}"\n',
        lambda: _phrase(4, " "),
    ),
    # Name/value pairs.
    (
        "infra/helm.tf",
        'resource "helm_release" "g" {{\n  set_sensitive {{\n    name  = "adminPassword"\n'
        '    value = "{s}"\n  }}\n}}\n',
        _pw,
    ),
    ("infra/helm.tf", 'set {{ name = "auth.password", value = "{s}" }}\n', _pw),
    ("app/config.xml", '<properties>\n  <entry key="gateway.password">{s}</entry>\n</properties>\n', _pw),
    ("app/hibernate.cfg.xml", '<property name="hibernate.connection.password">{s}</property>\n', _pw),
    (
        "app/Web.config",
        '<setting name="PaymentGatewayKey" serializeAs="String">\n  <value>{s}</value>\n</setting>\n',
        lambda: _key(36),
    ),
    ("qa/api.postman_collection.json", '{{"header": [{{"key": "X-Partner-Key", "value": "{s}"}}]}}\n', _key),
    (
        "qa/run.har",
        '{{"headers": [\n  {{"name": "Ocp-Apim-Subscription-Key",\n   "value": "{s}"}}\n]}}\n',
        _key,
    ),
    (
        "ops/params.sh",
        "aws ssm put-parameter --name /app/prod/db-password --type SecureString \\\n"
        "  --value '{s}' --overwrite\n",
        _pw,
    ),
    ("ops/kv.sh", 'az keyvault secret set --vault-name kv --name SqlPassword --value "{s}"\n', _pw),
    # Files known by their name.
    ("etc/ppp/chap-secrets", '# client server secret IP\n"branch" * "{s}" *\n', _pw),
    ("etc/pgbouncer/userlist.txt", '"app" "{s}"\n', _pw),
    (".vault_pass", "{s}\n", _phrase),
    ("ansible/vault_password.txt", "{s}\n", _pw),
    # Dockerfile ENV with a space.
    ("Dockerfile", "FROM python:3.12\nENV ADMIN_PASSWORD {s}\n", _pw),
    ("docker/api.Dockerfile", "FROM node:20\nARG NPM_TOKEN {s}\n", lambda: _key(36)),
    # Positional credentials and signing secrets.
    (
        "lib/db.pl",
        'my $dbh = DBI->connect("DBI:mysql:database=x;host=db", "ro", "{s}", {{RaiseError => 1}});\n',
        _pw,
    ),
    ("web/token.ts", 'export const t = jwt.sign({{ sub: id }}, "{s}", {{ expiresIn: "1h" }});\n', _key),
    ("app/tokens.py", 'TOKEN = jwt.encode({{"sub": "batch"}}, "{s}", algorithm="HS256")\n', _key),
    ("app/auth.rb", "token = JWT.encode(payload, '{s}', 'HS256')\n", _key),
    ("src/Auth.java", 'Algorithm algorithm = Algorithm.HMAC256("{s}");\n', _key),
    ("auth/sign.go", 'signed, err := token.SignedString([]byte("{s}"))\n', _key),
    ("Auth/Keys.cs", 'var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("{s}"));\n', _key),
    (
        "config/initializers/omniauth.rb",
        'provider :github,\n  "Iv1.1b8ee556436cdc88",\n  "{s}"\n',
        lambda: _key(40),
    ),
    # Directives named for a password, with a space (keepalived, Apache).
    (
        "etc/keepalived/keepalived.conf",
        "authentication {{\n    auth_type PASS\n    auth_pass {s}\n}}\n",
        lambda: _key(8),
    ),
    ("apache/ldap.conf", '<Location />\n    AuthLDAPBindPassword "{s}"\n</Location>\n', _pw),
    # Command lines of directory and database clients, secret-setting CLIs.
    ("ops/ldap.sh", "ldapsearch -x -D 'cn=ops,dc=acme,dc=io' -w '{s}' -b dc=acme,dc=io\n", _pw),
    ("ops/ora.sh", "sqlplus ledger/{s}@//ora.internal:1521/LEDGER @migrate.sql\n", lambda: _key(14)),
    ("ops/sftp.sh", "lftp -u statements,{s} sftp://sftp.bank.example\n", lambda: _key(14)),
    ("ops/gh.sh", 'gh secret set DEPLOY_TOKEN --body "{s}" --repo acme/ledger\n', _key),
    # Defaults inside references, namespaced configuration keys.
    ("src/Partner.java", '    @Value("${{partner.api-key:{s}}}")\n', _key),
    ("hieradata/prod.yaml", "profile::ledger::db_password: '{s}'\n", _pw),
    # Names ending in Key that say no secret word: random values are keys; ``pw`` names; YAML blocks.
    ("app/settings.py", 'VISION_SUBSCRIPTION_KEY = "{s}"\n', _key),
    ("src/Clients.java", '    private static final String partnerKey = "{s}";\n', lambda: _key(28)),
    ("config/translator.yaml", "translator:\n  ocp_apim_subscription_key: {s}\n", _key),
    ("app/settings.py", 'SFTP_PW = "{s}"\n', _pw),
    (".env", "DB_PW={s}\n", _pw),
    ("config/smtp.yaml", "smtp:\n  password: >-\n    {s}\n", _pw),
    # Passphrases where a password is expected.
    ("ops/keys.sh", "ssh-keygen -t ed25519 -f /root/.ssh/borg -N '{s}'\n", _phrase),
    (
        "etc/wpa_supplicant.conf",
        'network={{\n    ssid="Warehouse"\n    psk="{s}"\n}}\n',
        lambda: _phrase(4, " "),
    ),
]


@pytest.mark.parametrize(("name", "template", "make"), FOUND)
def test_credential_is_found(tmp_path: Path, name: str, template: str, make: object) -> None:
    secret = make()  # type: ignore[operator]
    found = _found(tmp_path, name, template.format(s=secret))
    assert secret in [s for _, s in found], found


NOT_FOUND = [
    ("home/.mbsyncrc", 'IMAPAccount work\nPassCmd "secret-tool lookup mail work"\n'),
    ("bin/store.conf", "pass git/deploy-token\n"),
    ("etc/slapd.conf", "rootpw {SSHA}k9Vb2qVnqkNj3jW1fZ5pQe8kZXkqQ2R1\n"),
    ("scripts/check.conf", 'message = "the password "Tr0ub4dor&3x" is wrong"\n'),
    ("net/core.cfg", "snmp-server community $SNMP_COMMUNITY RO\n"),
    (
        "docs/handover.md",
        "| Service | Password |\n|---|---|\n| Jira | (in 1Password) |\n| Sentry | see vault |\n",
    ),
    ("docs/vars.md", "| Variable | Secret |\n|---|---|\n| DB_PASSWORD | yes |\n"),
    ("infra/helm.tf", 'set {\n    name  = "adminPassword"\n    value = var.grafana_password\n  }\n'),
    ("infra/helm.tf", 'set {\n    name  = "replicaCount"\n    value = "Tr0ub4dorx3Kq9"\n  }\n'),
    (
        "app/config.xml",
        '<entry key="password.min.length">12</entry>\n<entry key="gateway.password">${gw.pw}</entry>\n',
    ),
    (
        "app/Web.config",
        '<setting name="CacheKey" serializeAs="String">\n  <value>a0feede3840b537af610e0a4ffcd</value>\n',
    ),
    (
        "qa/api.postman_collection.json",
        '{"header": [{"key": "X-Idempotency-Key", "value": "a0feede3840b537af610e0a4ffcdb068"}]}',
    ),
    (
        "qa/api.postman_collection.json",
        '{"header": [{"key": "X-Partner-Key", "value": "partner-orders-sync"}]}',
    ),
    (
        "ops/params.sh",
        "aws ssm put-parameter --name /app/prod/api-url --type String --value https://api.internal\n",
    ),
    ("ops/params.sh", 'aws ssm put-parameter --name /app/prod/db-password --value "$DB_PASSWORD"\n'),
    (
        "etc/pgbouncer/userlist.txt",
        '"app" "md5d2b1f5f0a7a8e4c3b9f0e1d2c3b4a5f6"\n"rep" "SCRAM-SHA-256$4096:c2FsdA==$c3Q=:c2U="\n',
    ),
    (".vault_pass", "#!/bin/sh\nvault kv get -field=password secret/ansible\n"),
    (".vault_pass", "changeme\n"),
    ("notes/userlist.txt", "alice bob carol\n"),
    ("Dockerfile", "FROM python:3.12\nENV ADMIN_PASSWORD $ADMIN_PASSWORD\nENV PASSWORD_MIN_LENGTH 12\n"),
    ("scripts/run.sh", "env ADMIN_PASSWORD Tr0ub4dor3xKq9\n"),
    (
        "web/token.ts",
        "export const t = jwt.sign({ sub: id }, process.env.JWT_SECRET, { expiresIn: '1h' });\n",
    ),
    ("app/tokens.py", 'jwt.decode(token, options={"verify_signature": False})\n'),
    ("src/Auth.java", 'Algorithm algorithm = Algorithm.HMAC256("your-256-bit-secret");\n'),
    ("config/initializers/omniauth.rb", 'provider :github, ENV["GITHUB_KEY"], ENV["GITHUB_SECRET"]\n'),
    ("ops/keys.sh", "ssh-keygen -t ed25519 -N '' -f key\nssh-keygen -t ed25519 -N \"$PASSPHRASE\" -f key\n"),
    ("config/application.yml", "security:\n  password-encoder: bcrypt\n  password_hasher: argon2id\n"),
    ("etc/ssh/sshd_config", "PasswordAuthentication no\nPermitEmptyPasswords no\n"),
    ("etc/services", "kpasswd\t\t464/tcp\nkpasswd\t\t464/udp\n"),
    ("CHANGELOG.md", "* **src**: hide node::credentials::HasOnly outside unit\n"),
    ("ops/ldap.sh", "ldapsearch -x -D 'cn=ops,dc=acme,dc=io' -W -b dc=acme,dc=io\n"),
    ("ops/sftp.sh", "lftp -u statements,$SFTP_PASSWORD sftp://sftp.bank.example\n"),
    ("src/Partner.java", '    @Value("${partner.api-key:}")\n    @Value("${partner.api-key}")\n'),
    # Header, cookie and upstream names where a credential's name would be.
    ("nginx/site.conf", "location / {\n    proxy_pass http://app;\n    fastcgi_pass 127.0.0.1:9000;\n}\n"),
    (
        "Web.config",
        '<add key="ApiKeyHeader" value="X-Partner-Auth" />\n'
        '<add key="SessionTokenCookie" value="__Host-s" />\n',
    ),
    (
        "Web.config",
        '<setting name="AuthCookieKey" serializeAs="String">\n  <value>.ASPXAUTH_LEDGER</value>\n',
    ),
    ("waf.tf", 'header {\n  name  = "X-Api-Key"\n  value = "X-Partner-Api-Key-Header"\n}\n'),
    ("src/Security.java", '@Value("${security.jwt.token-header:X-Auth-Token}")\n'),
    # Keys that hold no secret, and ``pw`` as letters inside random text.
    (
        "app/settings.py",
        'RATES_CACHE_KEY = "ledger:rates:v2:eu-west-1"\nSORT_KEY = "createdAt_desc_then_id"\n',
    ),
    ("app/settings.py", 'REGISTRY_KEY = r"SOFTWARE\\AcmePay\\Ledger\\Settings"\n'),
    ("app/settings.py", 'IDEMPOTENCY_KEY = "8c1f0e9d-7a6b-4c5d-9e8f-0a1b2c3d4e5f"\n'),
    ("app/push.py", 'VAPID_PUBLIC_KEY = "BNcRdreALRFXTkOOUHK1EtK2wtaz5Ry4YfYCA_0QTpQtUbVlUls0VJXg7A8u"\n'),
    (
        "pgbouncer/users.txt",
        '"r" "SCRAM-SHA-256$4096:Tr5wq==$K8/zMPw4RW438rVFXsBdfK4GYgugdkp0a7ITAci5UaM=:Z1o="\n',
    ),
    ("config/smtp.yaml", "smtp:\n  password: !vault |\n    $ANSIBLE_VAULT;1.1;AES256\n"),
    ("lib/local.py", "        self.key = '_threading_local._localimpl.' + str(id(self))\n"),
    ("hooks/update", '\tmy $rule_key = "repository.$repository_name.allow";\n'),
    ("share/mime/globs", "application/x-pw:*.pw\n"),
    ("checks/s3.py", '_KMS_KEY = "s3:x-amz-server-side-encryption-aws-kms-key-id"\n'),
    (
        ".seawall-baseline.json",
        '{\n  "fingerprint_key": "50ac6c28a04b0ec1d0185197af6cf54b16add3d34bcae384df1ff58c4b16a0b1"\n}\n',
    ),
    ("tk/unsupported.tcl", "\ttkListboxKeyAccel_Key\t\t::tk::ListboxKeyAccel_Key\n"),
    ("lib/Widget.cs", 'var password = Foo::Bar::Password("Tr0ub4dor3x");\n'),
]


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_look_alike_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []


# Keys of letters alone (about one random key in a hundred): their case runs are scraps, not words.
LETTERS_ONLY = (
    "pTijIWwgoMsphSZVTlEOymGnEvCq",
    "bgbmKjRQkNCtATHZfPKIjvoHLnWq",
    "ztJxuWBkmykvlDaVflfnjjPzoyqy",
)


@pytest.mark.parametrize("key", LETTERS_ONLY)
@pytest.mark.parametrize(
    ("name", "template"),
    [
        ("src/Clients.java", '    private static final String partnerKey = "{s}";\n'),
        ("settings.py", 'API_KEY = "{s}"\n'),
        ("config/app.yml", "partner_key: {s}\n"),
    ],
)
def test_letters_only_keys(tmp_path: Path, name: str, template: str, key: str) -> None:
    assert key in [s for _, s in _found(tmp_path, name, template.format(s=key))]


# camelCase names, acronyms and single-case words of the same length are names, not keys.
@pytest.mark.parametrize(
    "value",
    [
        "mustBeLessThanOrEqual",
        "XMLHttpRequestEventTarget",
        "tmXBLabelFontThicknessF",
        "listDistributionsByVpcOriginId",
        "customeridandregion",
    ],
)
def test_letters_in_word_order_are_no_key(tmp_path: Path, value: str) -> None:
    assert (
        _found(tmp_path, "src/Clients.java", f'    private static final String partnerKey = "{value}";\n')
        == []
    )
