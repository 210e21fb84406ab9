"""Classes of generic findings that real code and configuration showed wrong (issue 9): calls made on a
secret, host-name fallbacks, passphrases, quoted values starting with ``#``, references to secret
stores, encrypted values, cookie names and translated labels. Each case is a real file scanned with
``scan()``; each class has several syntaxes, positive and negative."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()


def _found(tmp_path: Path, name: str, content: str) -> list[tuple[str, str]]:
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    report = scan(
        ScanOptions(roots=(str(tmp_path / "project"),), rules=RULES, policy=Policy(show_secrets=True), jobs=1)
    )
    return [(f.rule_id, f.secret or "") for f in report.findings]


FOUND = [
    # A provider's token in a header is its provider rule's to report (the generic header rule defers).
    pytest.param(
        "deploy/notify.sh",
        'curl -H "Authorization: Bearer xoxb-2891392899-5230917640183-Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F" https://slack.com\n',
        "xoxb-2891392899-5230917640183-Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F",
        id="provider-token-in-header",
    ),
    # A setter on an object is still a setter; a method that sets the secret it is called on too.
    pytest.param("src/Db.java", 'ds.setPassword("N7rTq2wZ8sKp");\n', "N7rTq2wZ8sKp", id="setter"),
    pytest.param("build.gradle.kts", 'repo.password.set("h7Gd92kLq!xW")\n', "h7Gd92kLq!xW", id="gradle-set"),
    # A fallback that is not a host name, with balanced calls before it.
    pytest.param(
        "app/db.py",
        'password = os.environ.get("DB_PASSWORD") or "Xk9#mQ2vL!pzR4"\n',
        "Xk9#mQ2vL!pzR4",
        id="fallback-after-call",
    ),
    # Passphrases where a password goes.
    pytest.param(
        "config/app.yaml",
        "db:\n  password: correct-horse-battery-staple\n",
        "correct-horse-battery-staple",
        id="passphrase-yaml-dashes",
    ),
    pytest.param(
        "app/settings.py",
        'DB_PASSWORD = "purple monkey dishwasher lamp"\n',
        "purple monkey dishwasher lamp",
        id="passphrase-python-spaces",
    ),
    pytest.param(
        ".env",
        "SMTP_PASSWORD=glacier_orbit_tulip_canyon\n",
        "glacier_orbit_tulip_canyon",
        id="passphrase-dotenv-underscores",
    ),
    pytest.param(
        "config/app.json",
        '{"adminPassword": "Velvet-Harbor-Quantum-Mosaic-42"}\n',
        "Velvet-Harbor-Quantum-Mosaic-42",
        id="passphrase-json-title-case-number",
    ),
    pytest.param(
        "src/config.ts",
        "export const DB_PASS = 'ember.lantern.violet.pickle';\n",
        "ember.lantern.violet.pickle",
        id="passphrase-ts-dots",
    ),
    # Quoted values that start with '#': inside quotes it is no comment.
    pytest.param("app/settings.py", 'password = "#Sup3rS3cret!"\n', "#Sup3rS3cret!", id="hash-python"),
    pytest.param("config/app.yaml", 'smtp:\n  password: "#abcK9x2LmQ7"\n', "#abcK9x2LmQ7", id="hash-yaml"),
    pytest.param(
        "config/app.json", '{"api_secret": "#t9Zq!2LwPx8vR"}\n', "#t9Zq!2LwPx8vR", id="hash-json-secret"
    ),
    pytest.param("config.toml", "[db]\npassword = '#Wq8z!mL2pK'\n", "#Wq8z!mL2pK", id="hash-toml-single"),
    pytest.param(
        "deploy.sh",
        "sentry-cli --auth-token 7e8403ca7ba4515fb4c7b5d1722184e0f6123b6a upload-dif\n",
        "7e8403ca7ba4515fb4c7b5d1722184e0f6123b6a",
        id="cli-auth-token",
    ),
]

NOT_FOUND = [
    # Methods called on a secret: their arguments are encodings, separators, characters.
    pytest.param(
        "imaplib_like.py",
        "pwd = (self.password.encode('utf-8') if isinstance(self.password, str) else self.password)\n",
        id="encode-utf8",
    ),
    pytest.param(
        "smtplib_like.py",
        "return hmac.HMAC(self.password.encode('ascii'), challenge, 'md5').hexdigest()\n",
        id="encode-ascii",
    ),
    pytest.param("a.py", 'parts = self.token.strip("Bearer ").split(":")\n', id="strip-split"),
    pytest.param("a.py", 'values = self.secret.split(",")\n', id="split"),
    pytest.param("a.js", 'const k = this.api_key.replace("-", "");\n', id="replace"),
    pytest.param("a.py", 'raw = self.pw_token.decode("latin-1")\n', id="decode"),
    pytest.param("a.rb", 'h = @auth.secret.rjust(32, "0")\n', id="rjust"),
    # Host-name fallbacks, and fallbacks inside an argument of the call assigned.
    pytest.param(
        "imaplib_like.py",
        'PASSWD = getpass.getpass("IMAP password for %s on %s: " % (USER, host or "localhost"))\n',
        id="getpass-localhost",
    ),
    pytest.param("a.py", 'password = os.environ.get("DB_HOST") or "db.example.com"\n', id="fallback-dns"),
    pytest.param("a.js", 'const SECRET_HOST = process.env.SECRET_HOST || "10.0.4.12";\n', id="fallback-ip"),
    pytest.param(
        "a.py", 'token = fetch_token(url, timeout or "30s", host or "localhost:8200")\n', id="fallback-nested"
    ),
    # Passphrase look-alikes: placeholders, prose, labels, resource names, test fixtures.
    pytest.param("app/settings.py", 'DB_PASSWORD = "change-me-please"\n', id="phrase-change-me"),
    pytest.param("app/settings.py", 'DB_PASSWORD = "your-password-here"\n', id="phrase-your-password"),
    pytest.param("app/settings.py", 'DB_PASSWORD = "not-a-real-password"\n', id="phrase-not-real"),
    pytest.param("config/app.yaml", 'password: "must be at least twelve characters"\n', id="phrase-prose"),
    pytest.param("config/app.yaml", "redis:\n  existingPasswordSecret: redis-auth-secret\n", id="phrase-k8s"),
    pytest.param("config/app.yaml", "password_policy: strong-random-generated\n", id="phrase-policy-name"),
    pytest.param("tests/test_login.py", 'password = "correct-horse-battery-staple"\n', id="phrase-in-test"),
    pytest.param("src/ui.js", 'const passwordTitle = "Enter Your Password";\n', id="phrase-title"),
    # '#' values that are colours, anchors, shebangs.
    pytest.param("theme.py", 'TOKEN_COLOR = "#ff8800"\n', id="hash-colour"),
    pytest.param("ui.js", 'const passwordSelector = "#password-field";\n', id="hash-selector"),
    pytest.param("config/app.yaml", "password: #set by the deploy job\n", id="hash-yaml-comment"),
    # References to secret stores.
    pytest.param(
        "infra/ecs.tf",
        '  secret_arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-Pw9xQ2"\n',
        id="secrets-manager-arn-suffix",
    ),
    pytest.param(
        "infra/db.yaml",
        "      MasterUserPassword: !Sub '{{resolve:secretsmanager:${DbSecret}:SecretString:password}}'\n",
        id="cfn-sub-resolve",
    ),
    pytest.param(
        "infra/db.yaml", "DBPassword: '{{resolve:ssm-secure:/prod/db/password:1}}'\n", id="cfn-ssm-secure"
    ),
    pytest.param(
        "local.settings.json",
        '{"Values": {"DbPassword": "@Microsoft.KeyVault(SecretUri=https://myvault.vault.azure.net/'
        'secrets/db-pw/ec96f02080254f109c51a1f14cdb1931)"}}\n',
        id="keyvault-secret-uri",
    ),
    pytest.param(
        "appsettings.json",
        '{"ApiKey": "@Microsoft.KeyVault(VaultName=myvault;SecretName=api-key)"}\n',
        id="keyvault-vault-name",
    ),
    pytest.param("config/app.yaml", 'api_key: "sm://projects/123/secrets/api-key"\n', id="spring-gcp-sm"),
    pytest.param(
        "config/app.yaml", "token: gcp:///projects/p/secrets/tok/versions/latest\n", id="gcp-scheme"
    ),
    pytest.param(".env", "DB_PASSWORD=vault:secret/data/prod/db#password\n", id="vault-path"),
    pytest.param(
        "app.py", 'DB_PASSWORD = "projects/my-proj/secrets/db-password/versions/latest"\n', id="gcp-resource"
    ),
    # Encrypted values.
    pytest.param(
        "settings.xml",
        "<server><id>nexus</id><password>{COQLCE6DU6GtcS5P=}</password></server>\n",
        id="maven-encrypted-xml",
    ),
    pytest.param(
        "gradle.properties", "db.password={jSMOWnoPFgsHVpMvz5VrIt5kRbzGpI8u+9EF1iFQyJQ=}\n", id="maven-props"
    ),
    pytest.param(
        "Web.config",
        '<add key="DbPassword" '
        'value="AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAx8kP2a0kf0mYJ4y3V1eQ2wQAAAACAAAAAAAQZgAA" />\n',
        id="dpapi-xml",
    ),
    pytest.param(
        "config.json",
        '{"ConnectionPassword": '
        '"AQAAANCMnd8BFdERjHoAwE/Cl+sBAAAAx8kP2a0kf0mYJ4y3V1eQ2wQAAAACAAAAAAAQZgAA"}\n',
        id="dpapi-json",
    ),
    pytest.param(
        "deploy.ps1",
        '$password = "01000000d08c9ddf0115d1118c7a00c04fc297eb01000000a1b2c3d4e5f6a7b8c9d0"\n',
        id="dpapi-hex",
    ),
    pytest.param(
        ".env", "DB_PASSWORD=ENC[AES256_GCM,data:kXb1Qw2e9LmN,iv:abcd,tag:efgh,type:str]\n", id="sops-env"
    ),
    pytest.param(
        "group_vars/all.yml",
        "db_password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6231336539666234306139346433616338376437\n",
        id="ansible-vault",
    ),
    pytest.param(
        "application.properties", "db.password=ENC(G6N718UuyPE5bHyWKyuLQSm02auQPUtm)\n", id="jasypt"
    ),
    # Cookie and header names.
    pytest.param("src/app.js", 'const SECRET_COOKIE = "__Host-secret";\n', id="cookie-host-prefix"),
    pytest.param("app/settings.py", 'AUTH_TOKEN_COOKIE = "auth_token_v2"\n', id="cookie-suffix"),
    pytest.param(
        "app/settings.py",
        'SESSION_COOKIE_NAME = "sessionid"\nCSRF_HEADER_NAME = "HTTP_X_CSRFTOKEN"\n',
        id="django-names",
    ),
    pytest.param("app/api.py", 'api_key_header = "X-API-Key"\n', id="header-name"),
    # Tokens on a command line that page, lock or make a call idempotent.
    pytest.param(
        "docs/waf.sh",
        "aws waf update-ip-set --ip-set-id a123fae4 --change-token 12cs345-67cd-890b-1cd2-c3a4567d89f1\n",
        id="cli-change-token",
    ),
    pytest.param(
        "docs/acm.sh",
        "aws acm list-certificates --next-token 9f4d9f69-275a-41fe-b58e-2b837bd9ba48\n",
        id="cli-next",
    ),
    pytest.param(
        "run.sh",
        "aws ecs run-task --client-token=550e8400-e29b-41d4-a716-446655440000\n",
        id="cli-client-token",
    ),
    pytest.param(
        "wafv2.sh",
        'aws wafv2 delete-ip-set --lock-token "46851772-db6f-459d-9385-49428812e357"\n',
        id="cli-lock",
    ),
    # Translated labels.
    pytest.param("web/es.yml", 'es:\n  password: "Contraseña"\n  secret: "Secreto"\n', id="i18n-es"),
    pytest.param(
        "web/strings.json",
        '{"auth.password": "Passwort", "auth.secret": "Geheimnis"}\n',
        id="i18n-de",
    ),
    pytest.param("web/messages.properties", "password=Kennwort\n", id="i18n-properties"),
    pytest.param("web/pl.yaml", 'password: "Hasło"\n', id="i18n-pl"),
    pytest.param("web/ja.json", '{"password": "パスワード", "token": "トークン"}\n', id="i18n-ja"),
    pytest.param("web/fr.json", '{"password": "Mot de passe"}\n', id="i18n-fr"),
    pytest.param("config/ui.yaml", 'password_prompt: "Enter your password"\n', id="i18n-prompt"),
    # Values seen in popular libraries' documentation (fastapi, authlib, joserfc, sympy).
    pytest.param(
        "security/http.py",
        '    curl -H "Authorization: Bearer deadbeef12346" http://localhost:8000/items\n',
        id="hex-placeholder-word",
    ),
    pytest.param(
        "oidc/claims.py",
        'self._validate_claim_value("id_token_encrypted_response_enc", "A128CBC-HS256")\n',
        id="jose-algorithm",
    ),
    pytest.param("jose/okp.py", 'salt_secret = "joserfc:OKP:HKDF:Ed25519"\n', id="colon-label"),
    pytest.param(
        "iterables.py",
        "    The token is `strict=False` unless the partition is given.\n",
        id="keyword-argument-in-prose",
    ),
    # A provider's prefix on a value its own rule turns down is that provider's stand-in (slack_sdk).
    pytest.param(
        "slack_sdk/web/internal_utils.py",
        "        # 'Authorization': 'Bearer xoxb-1234-1243',\n",
        id="provider-prefix-stand-in",
    ),
    # A package's description (the wheel's METADATA): prose, where "password VALUE" is a sentence.
    pytest.param(
        "requests_oauthlib-2.0.0.dist-info/METADATA",
        "Metadata-Version: 2.1\nName: requests-oauthlib\n\n- Fix the flow with no\n  password present.\n",
        id="package-description",
    ),
]


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    found = _found(tmp_path, name, content)
    assert secret in [value for _, value in found], found


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_look_alike_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []
