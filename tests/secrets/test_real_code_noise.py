"""Classes of generic findings that scans of real code showed wrong (the site-packages of botocore,
googleapiclient, kubernetes, sqlalchemy, ansible, license-expression; npm's googleapis, react-dom,
firebase, @azure/identity, @opentelemetry, aws-sdk; Python's standard library): names, slugs, types and
stand-ins taken for keys. Each class has real-shaped lines that must not be found beside lines of the
same syntax holding a real-looking secret that must still be found. Real files scanned with ``scan()``."""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest

from seawall.secrets.wordclasses import names_a_thing, slug_shaped
from tests.secrets.test_generic_classes import _found

# "change password" in Thai
THAI = "\u0e40\u0e1b\u0e25\u0e35\u0e48\u0e22\u0e19\u0e23\u0e2b\u0e31\u0e2a\u0e1c\u0e48\u0e32\u0e19"
JAPANESE = (  # the password is too short; at least 8 characters are needed
    "\u30d1\u30b9\u30ef\u30fc\u30c9\u304c\u77ed\u3059\u304e\u307e\u3059\u30028\u6587\u5b57\u4ee5\u4e0a"
    "\u3067\u3042\u308b\u5fc5\u8981\u304c\u3042\u308a\u307e\u3059\u3002"
)
TELUGU = "\u0c2a\u0c3e\u0c38\u0c4d\\u200c\u0c35\u0c30\u0c4d\u0c21\u0c4d"  # password, its joiner escaped
CYRILLIC_PASSWORD = "\u041f\u0430\u0440\u043e\u043b\u044c1"  # "password1" in Russian: a password

NOT_FOUND = [
    # Slugs: licence ids, module paths, URNs, session keys' names, error codes.
    pytest.param(
        "license_expression/data/index.json",
        '  {\n    "license_key": "acki-nacki-node-2024-10-04",\n'
        '    "spdx_license_key": "LicenseRef-scancode-3com-microcode",\n'
        '    "other_spdx_license_keys": ["LicenseRef-scancode-ac3filter",\n'
        '      "GFDL-1.3-no-invariants-or-later"],\n'
        '    "license_key": "CC-BY-NC-SA-3.0-DE"\n  }\n',
        id="licence-ids",
    ),
    pytest.param("kubernetes/client/__init__.py", '        "V1Secret": ".models.v1_secret",\n', id="module"),
    pytest.param("django/contrib/auth/__init__.py", 'SESSION_KEY = "_auth_user_id"\n', id="session-key"),
    pytest.param(
        "msal/wstrust_response.py",
        'SAML_TOKEN_TYPE_V1 = "urn:oasis:names:tc:SAML:1.0:assertion"\n',
        id="urn",
    ),
    # Names and types as values: an API model's members and their types, an identifier with a ``$``.
    pytest.param(
        "kubernetes/client/models/v1_volume.py", '        "secret": "V1SecretVolumeSource",\n', id="model"
    ),
    pytest.param(
        "kubernetes/client/models/v1_pod_spec.py",
        '        "image_pull_secrets": "List[V1LocalObjectReference]",\n',
        id="type",
    ),
    pytest.param(
        "cjs/react-dom-client.js", '      internalPropsKey = "__reactProps$" + randomKey,\n', id="camel-ps-k"
    ),
    # The value is its own name: documentation stand-ins, a constant's member, an option's name.
    pytest.param(
        "apis/cloudbuild/v1.d.ts",
        '         *   //   "secretValue": "my_secretValue",\n         *   //   "apiKey": "my_apiKey",\n',
        id="my-name",
    ),
    pytest.param(
        "semantic-conventions/attributes.ts",
        'export const IDENTITY_PASSWORD_CHECK_RESULT_VALUE_FAILURE = "failure";\n',
        id="enum-member",
    ),
    pytest.param(
        "credentials/azureDeveloperCliCredential.d.ts",
        ' *     <li>Run "azd auth login --client-id clientID --client-secret clientSecret\n',
        id="option-name",
    ),
    pytest.param(
        "azure_keyvault_secrets/METADATA",
        "client = SecretClient(vault_url=VAULT_URL, credential=credential)\n",
        id="argument-name",
    ),
    # A dependency's version range.
    pytest.param(
        "credential-provider-node/package.json",
        '    "@aws-sdk/credential-provider-ini": "^3.972.86",\n',
        id="version-range",
    ),
    # A badge's token.
    pytest.param(
        "watchpack/README.md",
        "[![Codecov](https://codecov.io/gh/webpack/watchpack/graph/badge.svg?token=8xk2OrrxWm)](https://x.io)\n",
        id="badge",
    ),
    pytest.param(
        "humanfriendly/METADATA",
        ".. image:: https://codecov.io/gh/xolox/humanfriendly/branch/master/graph/badge.svg?token=jYaj4T74TU\n",
        id="badge-query",
    ),
    # The strings a TypeScript type allows; a state's name.
    pytest.param(
        "lib/auth/auth-config.d.ts",
        "export type PasswordPolicyEnforcementState = 'ENFORCE' | 'OFF';\n",
        id="union",
    ),
    pytest.param(
        "interaction_client/FlowInteractionClientV2.ts",
        '        step: "submitAttributes" | "submitPassword" = "submitAttributes"\n',
        id="union-default",
    ),
    pytest.param("auth/README.md", '        "passwordPolicyEnforcementState": "ENFORCE",\n', id="state-name"),
    # Not a fallback: a literal compared after ``||``; words in a docstring's code span.
    pytest.param(
        "firebase/firebase-auth-compat.js",
        "function Er(e){var{user:t,_tokenResponse:r}=e;var i=r;"
        'a=i.isNewUser||"identitytoolkit#SignupNewUserResponse"===i.kind;}\n',
        id="compared",
    ),
    pytest.param(
        "twilio/rest/verify/v2/service/__init__.py",
        "        :param passkeys_discoverable_credentials: It can have the values `required`, `preferred`"
        " or `discouraged`.\n",
        id="code-span",
    ),
    # Oracle's demo account in database libraries' documentation.
    pytest.param(
        "sqlalchemy/dialects/oracle/base.py",
        '    e = create_engine("oracle://scott:tiger@dsn")\n',
        id="scott",
    ),
    pytest.param(
        "sqlalchemy/dialects/oracle/cx_oracle.py", '    user="scott", password="tiger",\n', id="tiger"
    ),
    # PowerShell static members.
    pytest.param("powershell/become_wrapper.ps1", "$password = [NullString]::Value\n", id="ps-static"),
    # A link in a Markdown table's credential column; an f-string's field; a store's name with wildcards;
    # a site; a WebSocket handshake's nonce; a URL's password that decodes to words.
    pytest.param(
        "@azure/identity/README.md",
        "| Credential | Usage |\n| --- | --- |\n"
        "| [`DefaultAzureCredential`](https://learn.microsoft.com/javascript/api/x) | Simplified |\n"
        "| [`ClientSecretCredential`](https://learn.microsoft.com/javascript/api/y) | Secret |\n",
        id="markdown-link",
    ),
    pytest.param(
        "dns/tsig.py",
        "            r += f\", secret='{base64.b64encode(self.secret).decode()}'\"\n",
        id="f-string",
    ),
    pytest.param(
        "discovery_cache/documents/batch.v1.json",
        '          "secret": "projects/*/secrets/*/versions/*",\n',
        id="store-wildcards",
    ),
    pytest.param("documents/digitalassetlinks.v1.json", '   "secret": "www.google.com/",\n', id="site"),
    pytest.param(
        "websocket/_handshake.py",
        "hdr = {'Sec-WebSocket-Key': 'k9kFAUWNAMmf5OEMfTlOEA=='}\n",
        id="websocket-nonce",
    ),
    pytest.param(
        "httpx/_urls.py", "    >>> URL('https://user:a%20secret@example.com')\n", id="url-encoded-words"
    ),
    # A stand-in that says it is a secret, as "password" and "token" do.
    pytest.param("@octokit/graphql/README.md", '    authorization: "bearer secret123",\n', id="says-secret"),
    pytest.param("config/app.yaml", "jwt_secret: mysupersecretkey42\n", id="says-secret-yaml"),
    # A syntax highlighter's token classes and directives (monaco-editor's Monarch grammars).
    pytest.param(
        "monaco-editor/esm/vs/languages/definitions/protobuf/protobuf.js",
        '      [/(@identifier)/, { cases: { "@keywords": { token: "keyword.$0" }, "@default": "x" } }],\n'
        '        "$1==<": { token: "@rematch", switchTo: `@default_angle_${is.id}` },\n'
        '      [/[{}()\\[\\]]/, { token: "@brackets.directive" }],\n'
        '      [/\\.\\w+/, { token: ".dockerfile" }],\n',
        id="monarch-tokens",
    ),
    # Code between two literals of a minified bundle.
    pytest.param(
        "@vercel/blob/index.cjs",
        'if(t.username||t.password){throw new TypeError("Request cannot be constructed from a URL that'
        ' includes credentials: "+A)}s=makeRequest({urlList:[t]});n="cors"}\n',
        id="between-literals",
    ),
    pytest.param(
        "@supabase/supabase-js/dist/umd/supabase.js",
        "e=new Error(`no authenticator supported it`,{code:`ERROR_MISSING_DISCOVERABLE_CREDENTIAL_SUPPORT`"
        ",cause:e});if(t.mediation===`conditional`&&n.aut){}\n",
        id="between-backticks",
    ),
    # An e-mail address given to a method named for one.
    pytest.param(
        "@supabase/auth-js/dist/main/GoTrueClient.d.ts",
        "     *   .resetPasswordForEmail('user@email.com')\n",
        id="email-method",
    ),
    # The examples of the OAuth 2.0 and OpenID Connect specifications.
    pytest.param(
        "oauthlib/oauth2/rfc6749/parameters.py",
        '        "access_token": "2YotnFZFEjr1zCsicMWpAA",\n'
        '        "refresh_token": "tGzv3JOkF0XG5Qx2TlKWIA",\n',
        id="rfc6749",
    ),
    pytest.param(
        "oauthlib/oauth2/rfc6749/clients/base.py",
        "    Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW\n    Authorization: Bearer mF_9.B5f-4.1JqM\n",
        id="rfc6750",
    ),
    # A user interface's translations (@aws-amplify/ui, @clerk/localizations): text in other scripts, a
    # dictionary of phrases, labels' names, translations of "password" and "API key", TypeScript modules.
    pytest.param("i18n/dictionaries/authenticator/th.mjs", f"    'Change Password': '{THAI}',\n", id="thai"),
    pytest.param(
        "localizations/dist/ja-JP.js", f'\tform_password_length_too_short: "{JAPANESE}",\n', id="japanese"
    ),
    pytest.param(
        "localizations/dist/te-IN.js", f'\tformFieldLabel__password: "{TELUGU}",\n', id="telugu-joiner"
    ),
    pytest.param(
        "@aws-amplify/ui/dist/index.js", "    'Forgot Password': 'Esqueci Minha Senha',\n", id="phrase"
    ),
    pytest.param(
        "localizations/dist/ca-ES.js", '\tformFieldLabel__password: "Contrasenya",\n', id="label-name"
    ),
    pytest.param("localizations/dist/sv-SE.js", '\t\tsecret: "API-nyckel",\n', id="api-key-sv"),
    pytest.param("localizations/dist/pt-PT.js", '\tpassword: "Palavra-passe",\n', id="palavra-passe"),
    pytest.param("@aws-amplify/ui/dist/index.js", "    CHANGING_PASSWORD: 'Changing',\n", id="first-word"),
    pytest.param(
        "@clerk/shared/dist/types/localization.d.mts",
        "    formFieldInputPlaceholder__password: LocalizationValue;\n    password: LocalizationValue;\n",
        id="mts-type",
    ),
    # A well-known GUID, in capitals, under a name ending in Key (RFC 6455's WebSocket GUID).
    pytest.param(
        "aiohttp/_websocket/helpers.py",
        'WS_KEY: Final[bytes] = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"\n',
        id="guid",
    ),
]

FOUND = [
    pytest.param(
        "config/license.json",
        '{"license_key": "nrk-7Fq2xZ9mLw4pT8vR3k"}\n',
        "nrk-7Fq2xZ9mLw4pT8vR3k",
        id="slug-key",
    ),
    pytest.param(
        "src/session.py", 'SESSION_SECRET = "_a8Fq2xZ9mLw4pT"\n', "_a8Fq2xZ9mLw4pT", id="underscore-key"
    ),
    pytest.param(
        "client/models.py", '        "secret": "V1x9QzR7mKp2LwT5",\n', "V1x9QzR7mKp2LwT5", id="model-key"
    ),
    pytest.param(
        "cjs/client.js",
        '      internalPropsKey = "k7Qz$R9mXw2pLt" + randomKey,\n',
        "k7Qz$R9mXw2pLt",
        id="camel-key",
    ),
    pytest.param("apis/v1.ts", '   "secretValue": "my_9fQ2xZ7mLw4p",\n', "my_9fQ2xZ7mLw4p", id="my-key"),
    pytest.param(
        "src/attributes.ts",
        'export const DB_PASSWORD_FAILURE = "Xk9#mQ2vLp7!";\n',
        "Xk9#mQ2vLp7!",
        id="const-pw",
    ),
    pytest.param(
        "deploy.sh",
        "azd auth login --client-id app --client-secret Qx8~fT2mLw9pZr4K\n",
        "Qx8~fT2mLw9pZr4K",
        id="option-secret",
    ),
    pytest.param(
        "package.json", '  "credential": "Xk9mQ2vLp7wZ3rT8",\n', "Xk9mQ2vLp7wZ3rT8", id="json-credential"
    ),
    pytest.param(
        "docs/README.md",
        "curl https://api.acme.io/v1/rates?token=8xk2OrrxWmQ7pL\n",
        "8xk2OrrxWmQ7pL",
        id="query-token",
    ),
    pytest.param("src/auth.ts", 'const password: string = "Tr0ub4dor&3x";\n', "Tr0ub4dor&3x", id="typed"),
    pytest.param(
        "src/config.js",
        'const JWT_SECRET = process.env.JWT_SECRET || "6cff31aeea03bdba261ad590acbc5fbb";\n',
        "6cff31aeea03bdba261ad590acbc5fbb",
        id="fallback",
    ),
    pytest.param(
        "app/db.py", 'password = os.getenv("PW") or "Xk9#mQ2vL!pz"\n', "Xk9#mQ2vL!pz", id="py-fallback"
    ),
    pytest.param(
        "app/db.py",
        'engine = create_engine("oracle://scott:N7rTq2wZ8s@dsn")\n',
        "N7rTq2wZ8s",
        id="scott-real",
    ),
    pytest.param("deploy.ps1", '$password = "N7rTq2wZ8s!k"\n', "N7rTq2wZ8s!k", id="ps-literal"),
    pytest.param("src/ws.py", 'PARTNER_KEY = "9Qx8FkT2mLw7pZr4Kd"\n', "9Qx8FkT2mLw7pZr4Kd", id="key-named"),
    pytest.param(
        "docs/accounts.md",
        "| User | Password |\n| --- | --- |\n| svc-report | Xk9#mQ2vL!pz7 |\n| svc-etl | N7rTq2wZ8s!k |\n",
        "Xk9#mQ2vL!pz7",
        id="table-password",
    ),
    pytest.param("app/conf.py", 'SECRET = "Xk9mQ2vLp7wZ3rT8"\n', "Xk9mQ2vLp7wZ3rT8", id="plain-secret"),
    pytest.param(
        "docs/api.md",
        '    authorization: "bearer 8fQ2xZ7mLw4pKd9R",\n',
        "8fQ2xZ7mLw4pKd9R",
        id="bearer-token",
    ),
    pytest.param(
        "src/grammar.js", '    { token: "Xk9mQ2vLp7wZ3rT8" },\n', "Xk9mQ2vLp7wZ3rT8", id="token-literal"
    ),
    pytest.param(
        "src/app.js", 'const API_TOKEN = "@Xk9mQ2vLp7wZ$3rT8";\n', "@Xk9mQ2vLp7wZ$3rT8", id="at-token"
    ),
    pytest.param("src/Db.java", 'ds.setPassword("Xk9#mQ2vL!pz7");\n', "Xk9#mQ2vL!pz7", id="setter"),
    pytest.param("src/i18n.js", "    'Admin Password': 'Xk9#mQ2vL!pz7',\n", "Xk9#mQ2vL!pz7", id="phrase-key"),
    pytest.param(
        "conf/app.yaml", f"password: {CYRILLIC_PASSWORD}\n", CYRILLIC_PASSWORD, id="cyrillic-password"
    ),
    pytest.param("src/config.mts", 'export const password = "Xk9#mQ2vL!pz7";\n', "Xk9#mQ2vL!pz7", id="mts"),
    pytest.param(
        "src/config.js", 'const CHANGING_PASSWORD = "Changing7!x";\n', "Changing7!x", id="word-and-more"
    ),
    pytest.param(
        "app/db.py",
        "url = 'postgres://svc:Xk9%23mQ2vL%21pz@db.internal/app'\n",
        "Xk9%23mQ2vL%21pz",
        id="url-encoded",
    ),
]


@pytest.mark.parametrize(("name", "content"), NOT_FOUND)
def test_a_name_or_stand_in_in_real_code_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    assert _found(tmp_path, name, content) == []


@pytest.mark.parametrize(("name", "content", "secret"), FOUND)
def test_the_same_syntax_with_a_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    assert secret in {s for _, s in _found(tmp_path, name, content)}


def _key(rng: random.Random, alphabet: str) -> str:
    size = rng.randint(16, 40)
    chars = [rng.choice(alphabet) for _ in range(size)]
    for _ in range(rng.randint(1, 4)):
        chars[rng.randrange(1, size - 1)] = rng.choice("-_.")
    return "".join(chars)


def test_slugs_are_told_from_random_keys_with_separators() -> None:
    rng = random.Random(2026)  # noqa: S311 (reproducible draws, not secrets)
    keys = [_key(rng, string.ascii_letters + string.digits) for _ in range(20_000)]
    keys += [_key(rng, string.hexdigits) for _ in range(5_000)]
    assert [k for k in keys if names_a_thing(k)] == []
    slugs = (
        "LicenseRef-scancode-3com-microcode",
        "acki-nacki-node-2024-10-04",
        ".models.v1_secret",
        "urn:oasis:names:tc:SAML:1.0:assertion",
        "CC-BY-NC-SA-3.0-DE",
        "appCheck/initial-throttle",
    )
    assert all(slug_shaped(s) for s in slugs)
    # UUIDs, product keys and tokens with a prefix are no slugs.
    assert not any(
        slug_shaped(v)
        for v in (
            "bcd2f1b8-9a78-44d3-8a7a-4dd07d7cf635",
            "VK7JG-NPHTM-C97JM-9MPGT-3V66T",
            "sk-proj-AbCdEf123",
            "mF_9.B5f-4.1JqM",
            "ABCDE-FGHIJ-KLMNO",
        )
    )
