"""Classes of generic findings that real JavaScript bundles and source maps (npm's firebase and aws-sdk
packages) showed wrong: error codes, TypeScript annotations escaped in a source map, package-scoped
names, and expressions joined between two string literals. Beside each, the same syntax holding a
real-looking secret must still be found. Real files scanned with ``scan()``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.secrets.test_generic_classes import _found


def _source_map(code: str) -> str:
    """A source map as bundlers write it: the original code escaped in ``sourcesContent``."""
    return json.dumps(
        {"version": 3, "sources": ["src/auth.ts"], "sourcesContent": [code], "mappings": "AAAA"}
    )


NOT_FOUND = [
    pytest.param(
        "dist/bundle.min.js",
        'var E={INTERNAL_ERROR:"auth/internal-error",INVALID_API_KEY:"auth/invalid-api-key",'
        'INVALID_APP_CREDENTIAL:"auth/invalid-app-credential",REJECTED_CREDENTIAL:"auth/rejected-credential"};\n',
        id="error-codes",
    ),
    pytest.param(
        "dist/auth.js.map",
        _source_map(
            "signInWithCredential(\n    credential: compat.AuthCredential\n  ): Promise<void> {}\n"
            "createUser(\n    email: string,\n    password: string\n  ): void {}\n"
            "load(\n    txn: PersistenceTransaction,\n    sessionToken: ByteString\n  ): void {}\n"
        ),
        id="source-map-annotations",
    ),
    pytest.param(
        "src/perf.ts",
        "export const CONFIG_LOCAL_STORAGE_KEY = '@firebase/performance/config';\n",
        id="scoped",
    ),
    pytest.param(
        "dist/sigv4.min.js",
        'r.push(this.algorithm+" Credential="+e.accessKeyId+"/"+a);'
        'throw new Error("unexpected token: "+r.value+"(")\n',
        id="concatenation",
    ),
    # The branches of a conditional read as a quoted name and its value.
    pytest.param(
        "dist/okta-auth.min.js",
        'var t="password"===this.getAuthenticator().type?"newPassword":"verificationCode";\n',
        id="ternary-js",
    ),
    pytest.param(
        "src/Login.tsx",
        "const field = kind === 'otp' ? 'passwordHint' : 'recoveryQuestionText';\n",
        id="ternary-ts",
    ),
    pytest.param(
        "app/Form.php", '$label = $reset ? "newPassword" : "confirmationMessage";\n', id="ternary-php"
    ),
    pytest.param(
        "src/Auth.java",
        'String key = legacy ? "apiKeyHeader" : "authorizationBearerName";\n',
        id="ternary-java",
    ),
    pytest.param(
        "dist/app.js.map",
        _source_map('const f = s ? "newPassword" : "verificationCode";\n'),
        id="ternary-source-map",
    ),
    # A provider map names classes.
    pytest.param(
        "dist/firebaseui.js",
        'var Ba={"facebook.com":"FacebookAuthProvider","github.com":"GithubAuthProvider",'
        'password:"EmailAuthProvider","twitter.com":"TwitterAuthProvider"};\n',
        id="class-names",
    ),
    pytest.param("src/di.ts", 'const bindings = { tokenStore: "TokenRefreshService" };\n', id="service-name"),
    # A comparison in minified code inside a page (webpack's bundle analyzer report).
    pytest.param(
        "dist/report.analyzer.html",
        "<script>if((v=A[b])&&m.key==v.key&&m.type===v.type){A[b]=void 0;break}</script>\n",
        id="comparison-in-page",
    ),
    # Flow's typed module copies and style sheets are code, not configuration.
    pytest.param(
        "graphql/language/lexer.js.flow",
        "        token = token.next ?? ((token: any).next = readToken(this, token));\n",
        id="flow",
    ),
    pytest.param(
        "dist/assets/main.css",
        ".token.cr:before,.token.lf:before,.token.space:before{position:absolute;display:block}\n",
        id="css-selectors",
    ),
    # A code span in a comment names an identifier.
    pytest.param(
        "dist/esm/machines/authenticator/actions.mjs",
        "            // forgot password `formValues` uses `username` for base phone number value\n",
        id="comment-code-span",
    ),
    # PowerShell: an unquoted value is a command (a cmdlet), not a password.
    pytest.param(
        "deploy/deploy.ps1",
        "$password = ConvertTo-SecureString $env:DEPLOY_PASSWORD -AsPlainText -Force\n"
        "$token = Get-AzAccessToken -ResourceUrl https://management.azure.com\n",
        id="powershell-cmdlets",
    ),
]


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_look_alike_in_a_bundle_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []


FOUND = [
    pytest.param(
        "dist/bundle.min.js",
        'var c={apiSecret:"q8Vx2LmN7rTz4KbW9pYc"};\n',
        "q8Vx2LmN7rTz4KbW9pYc",
        id="minified",
    ),
    pytest.param(
        "src/db.ts", 'const dbPassword = "Gh4/uT9-kLq2Wx";\n', "Gh4/uT9-kLq2Wx", id="slash-in-password"
    ),
    pytest.param("config/app.env", "DB_PASSWORD=+Kq7vX2mLp9R+\n", "+Kq7vX2mLp9R+", id="plus-around"),
    # A conditional elsewhere on the line leaves an object's entries alone.
    pytest.param(
        "dist/bundle.min.js",
        'var c={mode:a?"x":"y",newPassword:"Tq8vX2mLp9RwZk4"};\n',
        "Tq8vX2mLp9RwZk4",
        id="conditional-beside",
    ),
    pytest.param(
        "src/config.ts",
        'export default { region: "eu-west-1", "apiSecret": "q8Vx2LmN7rTz4KbW9pYc" };\n',
        "q8Vx2LmN7rTz4KbW9pYc",
        id="quoted-entry",
    ),
    pytest.param(
        "config/app.env", "API_KEY=Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F\n", "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F", id="one-equals"
    ),
    pytest.param(
        "dist/bundle.min.js",
        'var c={provider:"EmailAuthProvider",password:"ProviderTq8vX2mLp9"};\n',
        "ProviderTq8vX2mLp9",
        id="word-in-a-password",
    ),
    pytest.param(
        "docs/wifi.md", "- network `acmepay-guest`, password `tiger!regit55`\n", "tiger!regit55", id="prose"
    ),
    pytest.param(
        "src/setup.ts",
        "// the demo router's psk is `twpzJMlbONtIGAeGBkSzydj0`\n",
        "twpzJMlbONtIGAeGBkSzydj0",
        id="comment",
    ),
    pytest.param(
        "deploy/deploy.ps1",
        '$password = ConvertTo-SecureString "Ps7!kQ2xLm9v" -AsPlainText -Force\n'
        '$apiToken = "Xk9mQ2vLpz7Wn2Rt5Yb9"\n',
        "Xk9mQ2vLpz7Wn2Rt5Yb9",
        id="powershell",
    ),
]


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_the_same_syntax_with_a_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    assert secret in [s for _, s in _found(tmp_path, name, content)]
