"""Generic credentials: values assigned to secret-like names, passwords in URLs, connection strings,
headers and command lines. No token format to check, so context checks (``secrets.context``) decide."""

from __future__ import annotations

from seawall.lazyre import lazy_compile
from seawall.secrets.context import (
    assignment_value_ok,
    cli_value_ok,
    generic_assignment_ok,
    is_code,
    named_secret_ok,
    password_value_ok,
    token_value_ok,
    url_password_ok,
)
from seawall.secrets.rules._generic import (
    GAP,
    KEYWORDS,
    NAME,
    NAME_QUOTE,
    OP,
    OPTION,
    QUOTE,
    TYPE,
    bare,
    config_value,
    generic_rule,
)
from seawall.secrets.rules._pairs import ATTRIBUTE, xml_value_ok
from seawall.secrets.rules.base import Candidate

_DOCKERFILE = lazy_compile(r"(?i)(?:^|[/\\])(?:[\w.\-]*\.)?(?:docker|container)file(?:\.[\w.\-]+)?$")


def dockerfile_value_ok(c: Candidate) -> bool:
    """``ENV NAME value`` (the legacy form, no ``=``) in a Dockerfile: the name must say secret."""
    return bool(_DOCKERFILE.search(c.path)) and c.line_text.lstrip()[:3].isupper() and named_secret_ok(c)


def _connection_string_ok(c: Candidate) -> bool:
    line = c.line_text.lower()
    peers = ("server=", "data source=", "host=", "uid=", "user id=", "user=", "database", "jdbc:")
    has_peer = any(k in line for k in peers)
    return ";" in line and has_peer and password_value_ok(c)


# Other attributes of the same tag, between a named value's name and its value.
_OTHER_ATTRIBUTES = r"(?:[ \t]+[\w.:\-]{1,40}=(?:\"[^\"<>]{0,200}\"|'[^'<>]{0,200}')){0,6}?"

RULES = (
    generic_rule(
        "generic-secret-assignment",
        "Secret assigned to a secret-like name",
        # A string's prefix: Python's r, b, u; C#'s @ and $; C++'s L; T-SQL's N (``@rmtpassword = N'...'``).
        rf"{NAME}{NAME_QUOTE}\]?{GAP}{TYPE}{OP}{GAP}(?:[@rbuRBULN]|\$)?{QUOTE}"
        r"(?P<secret>[^\"'`\r\n]{1,500}?)(?P=q)",
        KEYWORDS,
        generic_assignment_ok,
        examples=(
            'DB_PASSWORD = "Xk9#mQ2vL!pz"',
            "  password: 'N7rTq2wZ8s'",
            '{"client_secret": "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b"}',
            'String jdbcPassword = "Sup3r$ecretPw";',
            "$config['smtp_pass'] = 'h7Gd92kLq';",
            'api_key := "9f8e7d6c5b4a39281706f5e4d3c2b1a0"',
            'token = "Bearer 7d2f9c4e1a8b3f6d0c5e2a9b4f7d1c8e"',
            "  config.pepper = '9f8e7d6c5b4a39281706f5e4d3c2b1a0a9b8c7d6e5f4'",  # Devise's password pepper
            "EXEC sp_addlinkedsrvlogin @rmtsrvname = N'ERP', @rmtuser = N'erp_reader', @rmtpassword = N'Kq8#vW3mZp2L';",
            '"sourcesContent": ["const password = \\"Xk9#mQ2vLp7!\\";\\nexport {};"]',
        ),
        counter_examples=(
            'password = os.environ["DB_PASSWORD"]',
            'password: "${DB_PASSWORD}"',
            '"password": "Password"',
            'label = "Enter your password"',
            'password_field = "user_password"',
            'token_url = "https://oauth2.googleapis.com/token"',
            "password = ''",
            'secret_key = "changeme"',
            '"text": "{\\"password\\":\\"\\"}"',
            'live_view: [signing_salt: "Xk29fLq7"]',  # Phoenix's cookie salts are not secret
            'token_type = "Bearer"',
            'token = "Bearer ${ACCESS_TOKEN}"',
            # Django's stored hash of a password (its hasher's name first), not the password
            'password = "argon2$argon2id$v=19$m=102400,t=2,p=8$c29tZXNhbHQxMjM0NTY$Zm9vYmFyYmF6cXV4cXV1eHl6"',
        ),
        anchored=True,
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-secret-config-value",
        "Secret in a configuration file (.env, YAML, properties, INI, shell)",
        NAME + config_value(4),
        KEYWORDS,
        generic_assignment_ok,
        examples=(
            "DB_PASSWORD=Xk9mQ2vLpz7",
            "export STRIPE_SECRET=8c1f0e9d7a6b5c4d3e2f1a0b",
            "spring.datasource.password=N7rTq2wZ8s",
            "  password: hunter2rocks",
            "REGISTRY_PASSWORD ?= fR7kq2LmZx9W",  # a Makefile's default
            "DB_PASS := Vq3fjw8Lm2zQ",
            "FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=wxyq-tpzk-mvbn-hrls",  # an Apple ID's app password
        ),
        counter_examples=(
            "password = get_password()",
            "DB_PASS := $(shell cat .db-password)",
            "MAPBOX_ACCESS_TOKEN=pk.eyJ1IjoiZnJlaWdodGx5IiwiYSI6ImNrOXF6cTJ6MzA0ZzgzbnBxM2Q0dGg1bWcifQ.Zx8kL2mQp7Vw3rT9yB4nJg",
            "DB_PASSWORD=${DB_PASSWORD}",
            "password: !vault |",
            "SECRET_KEY_FILE=/run/secrets/key",
            "secrets:merge-request:",
            "FASTLANE_APPLE_APPLICATION_SPECIFIC_PASSWORD=xxxx-xxxx-xxxx-xxxx",
        ),
        anchored=True,
        precheck=assignment_value_ok,
        never_in=is_code,  # an unquoted value in code is an expression
    ),
    generic_rule(
        "generic-secret-xml",
        "Secret in an XML element or key/value attribute",
        # Element and attribute names are short: bounded, so that on a long line (one-line XML, a
        # minified bundle) the pattern is searched near its keywords only, like the other rules.
        r"(?:<(?P<name>[\w.\-:]{0,60}(?:passw(?:or)?d|secret|token|api[_.\-]?key|credential)[\w.\-]{0,60})>"
        r"[ \t]*(?P<secret>[^<>\s]{4,300})[ \t]*</)|"
        # An ``<add>``, ``<entry>`` or ``<setting>`` names its value in a ``key`` or ``name`` attribute,
        # before or after it, in either quotes, other attributes between (a config transform's ``xdt:``).
        r"(?:(?:key|name)=[\"'][^\"']{0,100}(?:passw(?:or)?d|secret|token|api[_.\-]?key)[^\"']{0,100}[\"']"
        + _OTHER_ATTRIBUTES
        + r"[ \t]+value=(?P<q>[\"'])(?P<secret2>[^\"'<>]{4,300})(?P=q))|"
        r"(?:(?<![\w:.\-])value=(?P<q2>[\"'])(?P<secret3>[^\"'<>]{4,300})(?P=q2)"
        + _OTHER_ATTRIBUTES
        + r"[ \t]+(?:key|name)=[\"'][^\"']{0,100}(?:passw(?:or)?d|secret|token|api[_.\-]?key)[^\"']{0,100}[\"'])",
        ("password", "passwd", "secret", "token", "credential", "apikey", "api_key", "api-key", "api.key"),
        xml_value_ok,
        examples=(
            "<password>Xk9mQ2vLpz7</password>",
            '<add key="SmtpPassword" value="N7rTq2wZ8s" />',
            "<add key='SmtpPassword' value='N7rTq2wZ8s'/>",
            '<add value="Hq8#mW2zLp4x" key="StoragePassword" />',
            '<add key="ClientSecret" xdt:Transform="SetAttributes" value="Wq3-Lm8!zP2r" xdt:Locator="Match(key)" />',
        ),
        counter_examples=(
            "<password>${db.password}</password>",
            '<add value="#{StoragePassword}#" key="StoragePassword" />',
            '<add key="PasswordMinLength" value="12" />',
            "<password></password>",
            '<add key="ApiKeyHeader" value="X-Partner-Auth" />',
        ),
    ),
    generic_rule(
        "generic-xml-attributes-over-lines",
        "Secret in the value attribute of an XML entry whose key names it, the attributes on several lines",
        # ``<add key="SmtpPassword"\n     value="..." />``: a formatter puts each attribute on a line of its
        # own; on one line the rule above finds it.
        rf"<(?:add|entry|setting|property|param)[ \t\r\n]+(?:{ATTRIBUTE}[ \t\r\n]+){{0,4}}?"
        r"(?:key|name)[ \t]*=[ \t]*[\"'](?P<name>[^\"'<>]{0,100}(?:passw(?:or)?d|secret|token|"
        r"api[_.\-]?key)[^\"'<>]{0,100})[\"'][ \t]*\r?\n[ \t]*"
        rf"(?:{ATTRIBUTE}[ \t\r\n]+){{0,4}}?"
        r"value[ \t]*=[ \t]*(?P<q>[\"'])(?P<secret>[^\"'<>]{4,300})(?P=q)",
        ("<add", "<entry", "<setting", "<property", "<param"),
        xml_value_ok,
        examples=(
            '<appSettings>\n  <add key="SmtpPassword"\n       value="N7rTq2wZ8s" />\n</appSettings>',
            "<entry key='db.password'\n       type='string'\n       value='Ym7#kQ2pLx9w'/>",
        ),
        counter_examples=(
            '<add key="SmtpPassword"\n     value="#{SmtpPassword}#" />',
            '<add key="PasswordMinLength"\n     value="12" />',
        ),
        line_scoped=False,
        requires=r"\bvalue[ \t]*=[ \t]*[\"']",
    ),
    generic_rule(
        "generic-url-credentials",
        "Password embedded in a URL",
        r"\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@'\"`<>]{0,100}:(?P<secret>[^\s:/@'\"`<>]{1,200})@[\w\-\[]"
        r"|[\"'][^\s:/@'\"`<>]{1,64}:(?P<secret2>[^\s@'\"`<>]{4,200})@(?:tcp|unix)\(",
        ("://", "@tcp(", "@unix("),
        url_password_ok,
        examples=(
            'DATABASE_URL = "postgres://app:Xk9mQ2vLpz7@db.internal:5432/app"',
            "amqp://guest:h7Gd92kLq@rabbit:5672/",
            "mongodb+srv://admin:N7rTq2wZ8s@cluster0.a1b2c.mongodb.net/prod",
        ),
        counter_examples=(
            "postgres://user:password@localhost/db",
            "DATABASE_URL: postgres://postgres:postgres@localhost:5432/test",
            "redis://:${REDIS_PASSWORD}@redis:6379",
            "https://github.com/org/repo.git",
        ),
    ),
    generic_rule(
        "generic-connection-string-password",
        "Password in a database connection string",
        r"(?:^|[;\"'\s])(?:password|pwd)[ \t]*=[ \t]*(?P<secret>" + bare(r";\"'\s<>{}") + "{1,200})",
        ("password", "pwd"),
        _connection_string_ok,
        examples=(
            '"Server=tcp:sql.internal,1433;Database=app;User Id=sa;Password=Xk9mQ2vLpz7;"',
            "Data Source=db;Initial Catalog=shop;uid=svc;pwd=N7rTq2wZ8s;",
        ),
        counter_examples=("Server=db;Database=app;Password={0};", "password=Xk9mQ2vLpz7"),
    ),
    generic_rule(
        "generic-authorization-header",
        "Credential in an HTTP Authorization header",
        r"authorization[\"']?[ \t]*[:=,][ \t]*[\"']?(?:bearer|token|basic)[ \t]+(?P<secret>[A-Za-z0-9._~+/\-]{8,500}={0,2})",
        ("authorization",),
        token_value_ok,
        examples=(
            'curl -H "Authorization: Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" https://api.internal',
            "headers = {'Authorization': 'Basic YWRtaW46WGs5bVEydkxwejc='}",
        ),
        counter_examples=(
            'headers = {"Authorization": f"Bearer {token}"}',
            "Authorization: Bearer $TOKEN",
        ),
    ),
    generic_rule(
        "generic-cli-credential",
        "Credential passed on a command line",
        r"(?:(?<![\w\-])--(?:[a-z]{1,20}-)?(?:password|passwd|pass|token|api-key|apikey|secret|client-secret|"
        r"requirepass|masterauth)"
        + NAME_QUOTE
        + r"(?:=|,?[ \t]+)"
        + NAME_QUOTE
        + r"(?P<secret>"
        + OPTION
        + r"{4,200})"
        r"|(?:[ \t]-u|--user)[ \t]+"
        + NAME_QUOTE
        + r"[^\s:\"'$]{1,64}:(?P<secret2>"
        + bare(r"\s\"'@$")
        + r"{4,200})"
        r"|(?:sshpass|docker[ \t]+login)[^\n]{0,200}?[ \t]-p[ \t]*"
        + NAME_QUOTE
        + r"(?P<secret3>"
        + OPTION
        + r"{4,200})"
        r"|redis-cli[^\n]{0,200}?[ \t]-a[ \t]*" + NAME_QUOTE + r"(?P<secret5>" + OPTION + r"{4,200})"
        r"|(?:mysql|mysqldump|mysqladmin|mariadb)[^\n]{0,200}?[ \t]"
        + NAME_QUOTE
        + r"-p"
        + NAME_QUOTE
        + r"(?P<secret4>"
        + OPTION
        + r"{4,200})"
        # ssh-keygen's new passphrase (-N), quoted with its spaces or bare.
        r"|ssh-keygen[^\n]{0,200}?[ \t]-N[ \t]*(?:\"(?P<secret6>[^\"$\n]{4,200})\"|'(?P<secret7>[^'\n]{4,200})'"
        r"|(?P<secret8>" + OPTION + r"{4,200})))",
        (
            "--pass",
            "-pass",
            "-token",
            "-secret",
            "--requirepass",
            "--masterauth",
            "--token",
            "--api-key",
            "--apikey",
            "--secret",
            "--client-secret",
            "-u",
            "--user",
            "sshpass",
            "mysql",
            "mariadb",
            "docker",
            "redis-cli",
            "ssh-keygen",
        ),
        cli_value_ok,
        examples=(
            "mysql -h db -u root -pXk9mQ2vLpz7 app < dump.sql",
            "curl -u deploy:N7rTq2wZ8s https://nexus.internal/repository/",
            "docker login --username ci --password h7Gd92kLq registry.internal",
            "mysqldump -h db -u backup -p'vv9D*-j2pKlqv!dQtqp' app",
            'docker login "$REGISTRY" -u deploy -p "W0yjUtDX8c9_zQHDjYVKhyrk"',
            "redis-cli -h sessions.internal -p 6379 -a '1B5gmKZACiamlljvnLsyflsPrZSxQJo9' --tls",
            'command: ["redis-server", "--requirepass", "S4XUMGm*Ttfc6-97"]',
            "sentry-cli --auth-token 7e8403ca7ba4515fb4c7b5d1722184e0f6123b6a upload-dif",
            'test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-u", "root", "-pS3cretPw9"]',
            "ssh-keygen -t ed25519 -f /root/.ssh/borg -N 'rabbit-wombat-forest-canyon'",
            'ssh-keygen -p -f deploy_key -N "Tr0ub4dor&3x"',
        ),
        counter_examples=(
            "docker login --password-stdin",
            "curl -u $USER:$PASS https://x",
            "mysql -p app",
            'test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-p$MYSQL_ROOT_PASSWORD"]',
            "mysql -h db -P 3306 -p -e 'select 1'",
            "ssh-keygen -t ed25519 -N '' -f key",
            'ssh-keygen -t ed25519 -N "$PASSPHRASE" -f key',
        ),
    ),
    generic_rule(
        "dockerfile-env-space",
        "Secret in a Dockerfile ENV or ARG written with a space (ENV NAME value)",
        r"(?:env|arg)[ \t]+(?P<name>[A-Za-z_][\w.\-]{0,80})[ \t]+(?P<q>[\"']?)(?P<secret>[^\s\"'=$][^\s\"']{3,300})"
        r"(?P=q)[ \t]*\r?$",
        ("env", "arg"),
        dockerfile_value_ok,
        examples=("ENV ADMIN_PASSWORD C0b4lt?125", 'ENV API_TOKEN "9f8e7d6c5b4a39281706f5e4d3c2b1a0"'),
        counter_examples=(
            "ENV ADMIN_PASSWORD $ADMIN_PASSWORD",
            "ENV PASSWORD_MIN_LENGTH 12",
            "ENV LANG C.UTF-8",
        ),
        anchored=True,
        example_path="Dockerfile",
    ),
)
