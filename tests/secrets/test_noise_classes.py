"""Classes of generic findings that a scan of a Linux system's shared files (``/usr/share``, ``/etc``)
showed wrong: CMake, vim runtime files, nsswitch.conf, manuals, completions; and of vendored Python
packages (cfn-lint's schema hashes by resource type, a docstring's prose). Each class has lines of
several syntaxes, written here, that must not be found, beside lines of the same syntaxes holding a
real-looking secret that must still be found. Real files scanned with ``scan()``."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.secrets.test_generic_classes import _found

NOT_FOUND = [
    # A short secret word inside a longer word.
    pytest.param("vim/tutor.sr", "Prevod na srpski: Ivan Petrovic <ivan@example.rs>\n", id="psk-in-srpski"),
    pytest.param("adduser.local", "our $s_chgrpskel   = 'chgrpskel';\n", id="psk-in-skel"),
    pytest.param("unicore/UCD.pl", "'ispsalterpahlavi' => 'Scx/Phlp',\n", id="salt-in-psalter"),
    pytest.param("conf/app.yaml", "ROLLPSKEW: Qz8rTm2Lk9vX\n", id="psk-in-capitals"),
    # pass as a result.
    pytest.param("Modules/CheckFoo.cmake", '  message(CHECK_PASS "found")\n', id="cmake-check-pass"),
    pytest.param("Modules/TestCC.cmake", 'PrintTestCompilerResult(CHECK_PASS "works")\n', id="cmake-result"),
    pytest.param("ci/run.sh", 'report TEST_PASS "completed"\n', id="test-pass"),
    # A command line whose "value" is another option, a namespace or a call.
    pytest.param("completions/mvn", "opts='--encrypt-password --fail-at-end --quiet'\n", id="option-option"),
    pytest.param("completions/cryptenroll", "        --password --recovery-key'\n", id="option-quote"),
    pytest.param("Perldoc/ToPod.pm", "  perldoc -u Some::Modulename\n", id="user-namespace"),
    pytest.param("autoload/zip.vim", 'call system(g:zipcmd." -u ".s:Escape(fname,0))\n', id="user-call"),
    # Patterns, choices, escaped placeholders, vim variables, widget classes.
    pytest.param(
        "syntax/rego.vim",
        'syn match regoFuncTokenSigning "\\<io\\.jwt\\.\\(sign\\|encode\\)\\>"\n',
        id="vim-regex",
    ),
    pytest.param("management.properties", "# jmx.password.toHashes = true|false\n", id="choices"),
    pytest.param(
        "api/tls.html", "<code>{ psk: &#x3C;Buffer|TypedArray> }</code>\n", id="escaped-placeholder"
    ),
    pytest.param("api/all.md", "`passphrase: &lt;string&gt;` decrypts the key\n", id="escaped-lt"),
    pytest.param("autoload/rust.vim", "let pwd = a:dict.istemp ? a:dict.tmpdir : ''\n", id="vim-scoped"),
    pytest.param("HTML/Form.pm", '    password => "TextInput",\n', id="widget-class"),
    # nsswitch.conf and type names.
    pytest.param("etc/nsswitch.conf", "passwd:         files systemd\ngroup: files\n", id="nsswitch"),
    pytest.param("etc/nsswitch.conf", "passwd: compat [NOTFOUND=return] ldap\n", id="nsswitch-action"),
    pytest.param("catalog/postgres.bki", " rolpassword = text ,\n", id="sql-type"),
    # Prose after a colon.
    pytest.param(
        "indent/erlang.vim", '" Pass: From the indentation point of view, the keyword\n', id="prose"
    ),
    # A CloudFormation type names a resource, not a value: cfn-lint maps each to its schema's hash.
    pytest.param(
        "providers/us_east_1.py",
        '    "AWS::ApiGateway::UsagePlanKey": "309b26469128fd0a",\n',
        id="cfn-type-key",
    ),
    pytest.param(
        "schemas/hashes.json",
        '{"AWS::SecretsManager::Secret": "Xk9mQ2vLpz7Wn2Rt5Yb9"}\n',
        id="cfn-type-secret",
    ),
    # "identified by" in prose is no SQL statement.
    pytest.param(
        "cffi/api.py", '    """Load and return a dynamic library identified by \'name\'.\n', id="sql-prose"
    ),
    pytest.param(
        "docs/model.md", "Each row is identified by 'Xk9mQ2vLpz7', its key.\n", id="sql-prose-random"
    ),
]

FOUND = [
    pytest.param("conf/wifi.yaml", "wpa_psk: Qz8rTm2Lk9vX\n", "Qz8rTm2Lk9vX", id="psk-own-part"),
    pytest.param("conf/app.yaml", "DB_PWD: Qz8rTm2Lk9vX\n", "Qz8rTm2Lk9vX", id="pwd-own-part"),
    pytest.param("app.gradle", 'SMTP_PASS "N7rTq2wZ8s!k"\n', "N7rTq2wZ8s!k", id="space-pass"),
    pytest.param(
        "deploy.sh", "mysqladmin --password Xk9mQ2vLpz7w status\n", "Xk9mQ2vLpz7w", id="option-value"
    ),
    pytest.param(
        "deploy.sh", "curl -u admin:Xk9mQ2vLpz7w https://h.example\n", "Xk9mQ2vLpz7w", id="user-pass"
    ),
    pytest.param("conf/app.yaml", "passwd: Qz8rTm2Lk9vX\n", "Qz8rTm2Lk9vX", id="passwd-yaml"),
    pytest.param("conf/app.ini", "password = Tr0ub4dor&3x\n", "Tr0ub4dor&3x", id="ini"),
    pytest.param(
        "db/users.sql",
        "ALTER USER 'app'@'%' IDENTIFIED WITH caching_sha2_password BY 'Zq7!vR2#pLx9';\n",
        "Zq7!vR2#pLx9",
        id="sql-with-plugin",
    ),
    pytest.param(
        "db/grants.sql",
        "GRANT CONNECT TO scott IDENTIFIED BY 'Tg7#mQ2vLx';\n",
        "Tg7#mQ2vLx",
        id="sql-grant-to",
    ),
    pytest.param(
        "db/users.sql",
        "CREATE USER 'report'@'%' IDENTIFIED BY 'Xk9mQ2vLpz7';\n",
        "Xk9mQ2vLpz7",
        id="sql-account",
    ),
]


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_look_alike_on_a_system_file_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_the_same_syntax_with_a_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    assert secret in {s for _, s in _found(tmp_path, name, content)}
