"""Secrets a person made up around a secret word (``SuperSecret123!``, ``jwtsecret2024``,
``my-app-secret-2024``) in code and configuration, told from the stand-ins, names, enum values and slugs
that spell the same words (``your-secret-here``, ``client-secret-post``, Django's ``password2`` field,
``SomeKindOfPassword123!@#`` in an API's examples). Tests and fixtures stay strict: their made-up secrets
are fixtures. And passwords in scripts with capitals (Cyrillic, Greek), told from translated labels.

Each case is a real file scanned with ``scan()``; the lines of ``NOT_FOUND`` share the syntax of those of
``FOUND``, most of them their secret words too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.secrets.test_generic_classes import _found

SUPER_PASSWORD = "\u0421\u0443\u043f\u0435\u0440\u041f\u0430\u0440\u043e\u043b\u044c"  # "SuperPassword"
SECRET_2024 = "\u0421\u0435\u043a\u0440\u0435\u0442\u043d\u044b\u0439" + "2024"  # "Secret2024", Russian
GREEK_KEY = "\u039c\u03c5\u03c3\u03c4\u03b9\u03ba\u03cc\u039a\u03bb\u03b5\u03b9\u03b4\u03af"  # "SecretKey"
PAROL = "\u041f\u0430\u0440\u043e\u043b\u044c"  # "Password", the label
LONG_LABEL = (  # "The password must contain 8 characters"
    "\u041f\u0430\u0440\u043e\u043b\u044c \u0434\u043e\u043b\u0436\u0435\u043d \u0441\u043e\u0434\u0435"
    "\u0440\u0436\u0430\u0442\u044c 8 \u0441\u0438\u043c\u0432\u043e\u043b\u043e\u0432"
)
MY_AT_SECRET = "\u043c\u043e\u0439@\u0441\u0435\u043a\u0440\u0435\u0442"  # "my@secret"
GREEK_SYMBOL = "\u03ba\u03c1\u03c5\u03c6\u03cc*\u03ba\u03bb\u03b5\u03b9\u03b4\u03af"  # "secret*key"
COW = "\u043a\u043e\u0440\u043e\u0432\u0430"  # "cow"
BATTERY = "\u0431\u0430\u0442\u0430\u0440\u0435\u044f"  # "battery"
CLIP = "\u0441\u043a\u0440\u0435\u043f\u043a\u0430"  # "paper clip"
COW_PHRASE = f"{COW}-{BATTERY}-{CLIP}"
GLACIER_PHRASE = "_".join(
    (
        "\u043b\u0435\u0434\u043d\u0438\u043a",  # "glacier"
        "\u043e\u0440\u0431\u0438\u0442\u0430",  # "orbit"
        "\u0442\u044e\u043b\u044c\u043f\u0430\u043d",  # "tulip"
        "\u043a\u0430\u043d\u044c\u043e\u043d",  # "canyon"
    )
)
SECRET_WORD = "\u0441\u0435\u043a\u0440\u0435\u0442"  # "secret"
LONG_WORD = (  # "confidentiality"
    "\u043a\u043e\u043d\u0444\u0438\u0434\u0435\u043d\u0446\u0438\u0430\u043b\u044c\u043d\u043e"
    "\u0441\u0442\u044c"
)
NAME_AND = "\u0418\u043c\u044f & \u0444\u0430\u043c\u0438\u043b\u0438\u044f"  # "Name & surname"
NOT_SET = "\u043d\u0435-\u0437\u0430\u0434\u0430\u043d"  # "not-set"
REPEATED = f"{COW}-{COW}-{COW}"

FOUND = [
    # Under a password's name: the secret word with a policy's digits and symbols.
    pytest.param(
        "app/settings.py", 'DB_PASSWORD = "SuperSecret123!"\n', "SuperSecret123!", id="super-secret"
    ),
    pytest.param("app/settings.py", 'password = "mysupersecretkey42"\n', "mysupersecretkey42", id="my-super"),
    pytest.param("src/config.js", 'const dbPassword = "Password#7";\n', "Password#7", id="word-symbol"),
    pytest.param(
        "config/database.yml",
        "production:\n  password: Winter2024Password\n",
        "Winter2024Password",
        id="yaml",
    ),
    pytest.param("src/Db.java", 'ds.setPassword("MyPassword2024!");\n', "MyPassword2024!", id="setter"),
    # Under a secret's or a key's name: a number of three digits or more, or a symbol.
    pytest.param("app/settings.py", 'secret_key = "my-app-secret-2024"\n', "my-app-secret-2024", id="slug"),
    pytest.param("app/settings.py", 'api_secret = "secret-sauce-9921"\n', "secret-sauce-9921", id="words"),
    pytest.param("app/settings.py", 'JWT_SECRET = "jwtsecret2024"\n', "jwtsecret2024", id="jwt-year"),
    pytest.param(".env", "SESSION_SECRET=acme-secret-8841\n", "acme-secret-8841", id="env"),
    pytest.param(
        "api/appsettings.json",
        '{\n  "Auth": {\n    "ClientSecret": "ordersSecret!2023"\n  }\n}\n',
        "ordersSecret!2023",
        id="json",
    ),
    # Where a password goes: a URL, a connection string, a command line.
    pytest.param(
        "app/db.py",
        'DATABASE_URL = "postgres://app:SuperSecret2024@db.internal:5432/app"\n',
        "SuperSecret2024",
        id="url",
    ),
    pytest.param(
        "app/db.py",
        'CONN = "Server=sql.internal;Database=app;User Id=app;Password=MySecret2024;"\n',
        "MySecret2024",
        id="connection-string",
    ),
    pytest.param("ops/backup.sh", "mysql -u root -pMySecret2024 app\n", "MySecret2024", id="command-line"),
    # Under a password's name, no digit: the secret word capitalised among other words, with a symbol.
    pytest.param("app/settings.py", 'password = "SuperSecret!"\n', "SuperSecret!", id="capitalised-symbol"),
    pytest.param(".env", "DB_PASSWORD=Admin@Secret#\n", "Admin@Secret#", id="capitalised-symbols-env"),
    pytest.param(
        "config/app.yaml", "db:\n  password: TopSecret#Pass\n", "TopSecret#Pass", id="capitalised-yaml"
    ),
    pytest.param(
        "src/config.js", 'const dbPassword = "SuperSecret!";\n', "SuperSecret!", id="capitalised-js"
    ),
    pytest.param("src/App.cs", 'var password = "Global*Password";\n', "Global*Password", id="capitalised-cs"),
    pytest.param(
        "src/Db.java", 'ds.setPassword("Kraken@Secret!");\n', "Kraken@Secret!", id="capitalised-setter"
    ),
    pytest.param(
        "config/app.json", '{"db": {"password": "Orbit#Password"}}\n', "Orbit#Password", id="capitalised-json"
    ),
    # Passwords in a script with capitals: digits in a long word, a capital inside it.
    pytest.param("conf/app.yaml", f"password: {SECRET_2024}\n", SECRET_2024, id="cyrillic-digits"),
    pytest.param("conf/app.yaml", f"admin_password: {SUPER_PASSWORD}\n", SUPER_PASSWORD, id="cyrillic-camel"),
    pytest.param("src/settings.py", f'PASSWORD = "{GREEK_KEY}"\n', GREEK_KEY, id="greek-camel"),
    # ... letters of one case: a policy's symbol between words, or three words joined one way.
    pytest.param("conf/app.yaml", f"password: {MY_AT_SECRET}\n", MY_AT_SECRET, id="cyrillic-symbol"),
    pytest.param("src/settings.py", f'DB_PASSWORD = "{GREEK_SYMBOL}"\n', GREEK_SYMBOL, id="greek-symbol"),
    pytest.param("conf/app.yaml", f"db:\n  password: {COW_PHRASE}\n", COW_PHRASE, id="cyrillic-passphrase"),
    pytest.param(
        "src/config.js", f'const dbPassword = "{COW_PHRASE}";\n', COW_PHRASE, id="cyrillic-passphrase-js"
    ),
    pytest.param(".env", f"SMTP_PASSWORD={GLACIER_PHRASE}\n", GLACIER_PHRASE, id="cyrillic-passphrase-env"),
]

NOT_FOUND = [
    # Stand-ins: the reader's own goes here, an example, a rule about a password.
    pytest.param("app/settings.py", 'DB_PASSWORD = "your-password-here-123"\n', id="your-here"),
    pytest.param("app/settings.py", 'SECRET_KEY = "change-me-secret-2024"\n', id="change-me"),
    pytest.param("app/settings.py", 'SECRET_KEY = "secret_key_here_1234"\n', id="key-here"),
    pytest.param("app/settings.py", 'SECRET_KEY = "<secret-2024>"\n', id="angle"),
    pytest.param("app/settings.py", 'password = "example-password-2024!"\n', id="example"),
    pytest.param("app/settings.py", 'password = "notasecret2024"\n', id="not-a-secret"),
    pytest.param(
        "botocore/data/iam/2010-05-08/examples-1.json",
        '      {\n        "input": {\n          "Password": "SomeKindOfPassword123!@#",\n',
        id="some-kind-of",
    ),
    pytest.param(
        "botocore/data/storagegateway/2013-06-30/examples-1.json",
        '          "LocalConsolePassword": "PassWordMustBeAtLeast6Chars."\n',
        id="policy-rule",
    ),
    # Stand-ins with a policy's symbol, the secret word alone or among a form's words.
    pytest.param("app/settings.py", 'password = "changeme!"\n', id="changeme-symbol"),
    pytest.param("app/settings.py", 'password = "Password!"\n', id="word-symbol-alone"),
    pytest.param("app/settings.py", 'password = "Passw0rd!"\n', id="known-example-symbol"),
    pytest.param("config/app.yaml", "db:\n  password: admin!\n", id="admin-symbol"),
    pytest.param("app/settings.py", 'password = "<Secret!>"\n', id="angle-symbol"),
    pytest.param("app/settings.py", 'password = "MySecret!"\n', id="possessive-symbol"),
    pytest.param("src/forms.py", 'password_label = "ForgotPassword?"\n', id="form-words"),
    pytest.param("src/ui.js", 'const password = "ShowPassword!";\n', id="button-words"),
    pytest.param("app/settings.py", 'password = "SuperSecret"\n', id="capitalised-no-symbol"),
    pytest.param("app/settings.py", 'password = "supersecret!"\n', id="lower-symbol"),
    pytest.param("app/settings.py", 'SECRET_KEY = "SuperSecret!"\n', id="capitalised-key-name"),
    pytest.param("app/settings.py", 'password = "SUPER_SECRET!"\n', id="constant-symbol"),
    pytest.param("config/locales/en.yml", "en:\n  password: SuperSecret!\n", id="translation-symbol"),
    pytest.param("src/i18n/en.json", '{"password": "TopSecret!"}\n', id="i18n-symbol"),
    pytest.param("tests/test_login.py", 'password = "SuperSecret!"\n', id="test-capitalised-symbol"),
    pytest.param("spec/fixtures/db.yml", "password: Admin@Secret#\n", id="fixture-capitalised-symbol"),
    # A digit alone is a counter: form fields' names; under a key's name, short numbers name resources.
    pytest.param(
        "django/contrib/auth/forms.py", '    @sensitive_variables("password1", "password2")\n', id="fields"
    ),
    pytest.param(
        "pydantic/types.py", "    user = User(username='scolvin', password='password1')\n", id="counter"
    ),
    pytest.param("config/app.yaml", "jwt_secret: mysupersecretkey42\n", id="my-super-as-a-key"),
    pytest.param("charts/values.yaml", "auth:\n  secret: db-secret-01\n", id="resource-name"),
    # Names, enum values, slugs and constants that spell a secret word.
    pytest.param("app/settings.py", 'AUTH_SECRET = "client-secret-post"\n', id="enum-value"),
    pytest.param("src/sync.py", 'IMPORT_TOKEN = "import-token-5ott6"\n', id="token-slug"),
    pytest.param(
        "@firebase/auth/dist/src/model/id_token.d.ts",
        '    ResetPassword = "identitytoolkit#ResetPasswordResponse",\n',
        id="kind-name",
    ),
    pytest.param(
        "ansible_test/config/cloud-config-vcenter.ini.template",
        "esxi1_password: @ESXI1_PASSWORD\n",
        id="template-constant",
    ),
    pytest.param("app/settings.py", 'VAULT_SECRET = "secret/data/app-2024"\n', id="vault-path"),
    pytest.param("config/app.yaml", "password: db12.password\n", id="member"),
    pytest.param("notes/bundle.txt", "var q={password:a4e.password})}),t=1;\n", id="code"),
    pytest.param("app/settings.py", 'SECRET_KEY = "secret-v2"\n', id="version"),
    pytest.param(
        "app/db.py", 'DATABASE_URL = "postgres://app:password1@db.internal/app"\n', id="url-counter"
    ),
    pytest.param("docs/setup.md", "    mysql -u root -pyour_secret_123 app\n", id="command-line-your"),
    # Tests and fixtures: their made-up secrets are fixtures.
    pytest.param(
        "tests/test_db.py", 'DATABASE_URL = "postgres://app:SuperSecret2024@db.internal/app"\n', id="test-url"
    ),
    pytest.param("tests/test_auth.py", 'DB_PASSWORD = "SuperSecret123!"\n', id="test-super-secret"),
    pytest.param("tests/conftest.py", 'JWT_SECRET = "jwtsecret2024"\n', id="test-jwt-year"),
    pytest.param("spec/fixtures/app.yaml", "password: mysupersecretkey42\n", id="fixture-yaml"),
    # Labels and messages in a script with capitals.
    pytest.param("localizations/dist/ru-RU.js", f'\tpassword: "{PAROL}",\n', id="cyrillic-label"),
    pytest.param("localizations/dist/ru-RU.js", f'\tpassword_hint: "{LONG_LABEL}",\n', id="cyrillic-message"),
    pytest.param("config/locales/ru.yml", f"ru:\n  password: {SUPER_PASSWORD}\n", id="translation-file"),
    # One word of one case is a label or a dictionary word, however long; a label's punctuation.
    pytest.param("conf/app.yaml", f"password: {SECRET_WORD}\n", id="cyrillic-word"),
    pytest.param("conf/app.yaml", f"password: {LONG_WORD}\n", id="cyrillic-long-word"),
    pytest.param("conf/app.yaml", f"password: {PAROL}*\n", id="cyrillic-required-mark"),
    pytest.param("src/form.js", f'const labels = {{ password: "{NAME_AND}" }};\n', id="cyrillic-ampersand"),
    pytest.param("conf/app.yaml", f"password: {NOT_SET}\n", id="cyrillic-two-words"),
    pytest.param("conf/app.yaml", f"password: {COW_PHRASE.title()}\n", id="cyrillic-title-words"),
    pytest.param("conf/app.yaml", f"password: {REPEATED}\n", id="cyrillic-repeated-words"),
    pytest.param("config/locales/ru.yml", f"ru:\n  password: {COW_PHRASE}\n", id="translation-passphrase"),
    pytest.param("tests/test_login.py", f'password = "{COW_PHRASE}"\n', id="test-cyrillic-passphrase"),
    pytest.param("conf/app.yaml", f"token: {COW_PHRASE}\n", id="cyrillic-passphrase-token"),
]


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_a_secret_made_up_around_a_secret_word_is_found(
    tmp_path: Path, name: str, content: str, secret: str
) -> None:
    assert secret in {s for _, s in _found(tmp_path, name, content)}


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_a_stand_in_name_or_fixture_that_spells_one_is_not_found(
    tmp_path: Path, name: str, content: str
) -> None:
    assert _found(tmp_path, name, content) == []
