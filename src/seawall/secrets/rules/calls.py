"""Credentials passed by position, where only the call says what the argument is: LDAP binds, FTP,
IMAP and SMTP clients, MySQL drivers, keyring, JavaMail; libpq ``key=value`` connection strings in
code; and key-like command-line options (``--account-key``, ``--secret_key``), tool-specific password
options (openssl ``pass:``, keytool ``-storepass``, ``mongosh -p``, ``sqlcmd -P``, ``smbclient -U
user%pw``). Only literals count: a variable is not a secret.

A call may span lines of code kept in a string: escaped line breaks between its arguments (one string:
a source map's ``sourcesContent``, a notebook cell's source as one string), or in a notebook as nbformat
writes it, one JSON string per line of the cell (a rule that is not line-scoped, since the password is
then on a later line of the file than the call). In plain code over several lines, ``calls_on_lines``
finds the same calls.
"""

from __future__ import annotations

from seawall.lazyre import lazy_compile
from seawall.secrets.context import (
    cli_value_ok,
    is_test_path,
    password_value_ok,
    plausible_or_chosen,
    plausible_value,
)
from seawall.secrets.rules._generic import (
    ESCAPED_NEWLINE,
    ESCAPES,
    NAME_QUOTE,
    NOTEBOOK_JOIN,
    OPTION,
    SPACE,
    VALUE,
    bare,
    generic_rule,
    quoted_value,
)
from seawall.secrets.rules.base import Candidate

# One argument: a quoted string (which may hold commas, as LDAP DNs do) or a bare expression. A bare
# one starts and ends with a non-blank: the blanks around it belong to the separators alone, else
# each argument of a repeated group could be split from its blanks many ways. Quotes may be escaped
# (code kept in a JSON string: a notebook's source, a source map's ``sourcesContent``): the string then
# ends at the escaped closing quote, whose backslashes its body takes; a bare argument never starts
# with a backslash, so that only the string reads an escaped quote.
_BARE = r"[^,()\n\"' \t]"


def _string(least: int) -> str:
    """A string in double or single quotes, the quotes escaped or not."""
    return rf"{ESCAPES}(?:\"[^\"\n]{{{least},200}}\"|'[^'\n]{{{least},200}}')"


_ARG = rf"(?:{_string(0)}|[^,()\n\"' \t\\](?:[^,()\n\"']{{0,98}}{_BARE})?)"


def positional(space: str, last: str, more: str = "") -> str:
    """The calls that take a password by position, up to the password: ``space`` before each argument
    (with its comma), ``last`` before the password, ``more`` other calls' heads with their arguments."""
    a = rf"{space}{_ARG}[ \t]*,"  # an argument and its comma
    return (
        r"(?:(?:simple_bind(?:_s)?|bind_s|ldap_bind|ftp_login|ssh2_auth_password)\((?:"
        + a
        + r")?"
        + a
        + rf"|\.bind\({space}(?:{ESCAPES}\"(?:cn|uid|ou|dc|o)=[^\"\n]{{0,200}}\"|[\w.]{{0,40}}dn)[ \t]*,"
        r"|(?:\bftp(?:_tls)?|ftp\.(?:new|open)|(?:mysqldb|pymysql|mysql|mariadb|psycopg2?)\.connect|dbi->connect|"
        r"plainauth|imap_open|new[ \t]{1,4}sequelize|"
        # MinIO's client: Minio(endpoint, access_key, secret_key).
        r"set_password|\bminio)\("
        + a
        + a
        + r"|(?:auth_password|cram_?md5_?auth|\.auth|oci_connect)\("
        + a
        + r"|(?:transport|store)\.connect\((?:"
        + a
        + r"){2,3}|security_credentials[ \t]*,|\.pass_\("
        + more.replace("{a}", a)
        + r")"
        + last
        + VALUE
    )


# Where the arguments are on one line of the file: blanks, or escaped line breaks of code kept in one
# string (a notebook cell's source as one string, a source map's ``sourcesContent``).
_ONE_LINE = positional(SPACE, SPACE)
# A notebook's source as nbformat writes it, one string per line: the password on a line after the
# call's, each line break escaped and followed by the join to the next line's string.
_NOTEBOOK_BREAK = rf"[ \t]*{ESCAPED_NEWLINE}{NOTEBOOK_JOIN}(?:\\{{1,2}}t){{0,16}}[ \t]*"
_NOTEBOOK_SPACE = rf"[ \t]*(?:{ESCAPED_NEWLINE}(?:{NOTEBOOK_JOIN})?(?:\\{{1,2}}t){{0,16}}[ \t]*)?"
# Login and connection calls the line-scoped generic rules find on one line (generic-login-call,
# generic-connect-call): over lines, in a notebook or in plain code (``calls_on_lines``).
LOGIN_HEADS = (
    r"|(?:\.login|basicauth|networkcredential|usernamepasswordcredentials?)\({a}"
    r"|(?:getconnection|new[ \t]+pdo|mysqli(?:_connect)?|mysql_connect|mysql\.connector\.connect)[ \t]*\({a}{a}"
)
_IN_NOTEBOOK = positional(_NOTEBOOK_SPACE, _NOTEBOOK_BREAK, LOGIN_HEADS)

_LIBPQ_PEERS = lazy_compile(r"(?i)(?:^|[\s\"'])(?:host|hostaddr|dbname|user|port|sslmode)[ \t]*=")
_KEY_OPTIONS: tuple[str, ...] = (
    *("account", "access", "secret", "storage", "shared", "master", "primary", "secondary", "api"),
    *("auth", "signing", "encryption", "subscription", "client", "app"),
)


def _libpq_ok(c: Candidate) -> bool:
    if c.secret.endswith((",", ")", ";")):
        return False  # a keyword argument in code (password=None, ...), not a space-separated DSN value
    return bool(_LIBPQ_PEERS.search(c.line_text)) and password_value_ok(c)


# An LDAP distinguished name (``cn=admin,dc=acme,dc=io``): the bind's user, when its password is a variable.
_DN = lazy_compile(r"(?i)(?:cn|uid|ou|dc|o)=[^,]{1,200},")


def positional_ok(c: Candidate) -> bool:
    return not _DN.match(c.secret) and password_value_ok(c)


def _signing_secret_ok(c: Candidate) -> bool:
    """A signing secret: random, or made up by a person around a secret word (``MySuperSecretKey123``),
    which a test's fixture is not."""
    if c.secret.startswith("-----"):
        return False
    return plausible_or_chosen(c.secret, strict=True, test=is_test_path(c.path))


def _option_ok(c: Candidate) -> bool:
    if c.secret.startswith(("AKIA", "ASIA")):
        return False  # an access key id, not the secret
    if len(c.secret) < 24 or " " in c.secret:  # a password, a passphrase
        return cli_value_ok(c)
    return "=" not in c.secret.rstrip("=") and plausible_value(c.secret, strict=True)


ONE_LINE_KEYWORDS = (
    *("bind", "ftp", "connect", "plainauth", "imap_open", "set_password", "minio", "auth"),
    *("security_credentials", ".pass_(", "sequelize"),
)


def _tool_option_ok(c: Candidate) -> bool:
    """A password a person typed, or a machine-made token (InfluxDB's are 86 base64 characters)."""
    return cli_value_ok(c) or (len(c.secret) >= 20 and plausible_value(c.secret.rstrip("="), strict=True))


RULES = (
    generic_rule(
        "positional-credential-call",
        "Password passed by position to a login, bind or connect call",
        _ONE_LINE,
        ONE_LINE_KEYWORDS,
        positional_ok,
        examples=(
            'conn.simple_bind_s("cn=admin,dc=acme,dc=io", "Tr0ub4dor&3x")',
            'ldap_bind($ds, "cn=admin,dc=acme,dc=io", "Tr0ub4dor&3x");',
            'err = l.Bind("cn=svc-ldap,ou=services,dc=acme,dc=io", "Tr0ub4dor&3x")',
            'ftp = ftplib.FTP("ftp.acme.io", "deploy", "Tr0ub4dor&3x")',
            'db = MySQLdb.connect("localhost", "root", "Tr0ub4dor&3x", "shop")',
            'my $dbh = DBI->connect("DBI:mysql:database=shop;host=db", "shop", "Tr0ub4dor&3x", {RaiseError => 1})',
            'auth := smtp.PlainAuth("", "ops@acme.io", "Tr0ub4dor&3x", "smtp.acme.io")',
            "request(app).get('/admin').auth('admin', 'Tr0ub4dor&3x')",
            'keyring.set_password("acme-api", "deploy", "Tr0ub4dor&3x")',
            'client = Minio("minio.acme.io:9000", "ingest", "mZ2vQ8xK4pT7wR1nL6sD3fH9jB5cY0gU")',
            'transport.connect("smtp.acme.io", 587, "ops@acme.io", "Tr0ub4dor&3x");',
            'env.put(Context.SECURITY_CREDENTIALS, "Tr0ub4dor&3x");',
            'pop.pass_("Tr0ub4dor&3x")',
            "const sequelize = new Sequelize('shop', 'app', 'h7Gd92kLqWv3', { host: 'db' });",
        ),
        counter_examples=(
            "conn.simple_bind_s(bind_dn, password)",
            'ftp = ftplib.FTP("ftp.acme.io", "anonymous", "")',
            'handler = this.onClick.bind(this, "Tr0ub4dor&3x")',
            'db = MySQLdb.connect("localhost", "root", os.environ["DB_PASSWORD"], "shop")',
            'keyring.set_password("acme-api", "deploy", "changeme")',
            'client = Minio("minio.acme.io:9000", os.environ["MINIO_ACCESS_KEY"], os.environ["MINIO_SECRET"])',
            "ldap_bind($ds, 'cn=admin,dc=acme,dc=io', $password);",
        ),
    ),
    generic_rule(
        "notebook-positional-credential-call",
        "Password passed by position to a login, bind or connect call over a notebook cell's lines",
        _IN_NOTEBOOK,
        ('\\n",',),  # where a line of a notebook's source ends, in every match
        positional_ok,
        examples=(
            '   "server.login(\\"reports@acme.io\\",\\n",\n    "             \\"Tr0ub4dor&3x\\")\\n"',
            '   "conn = pymysql.connect(\\n",\n    "    \\"db.internal\\",\\n",\n    "    \\"report\\",\\n",\n'
            '    "    \\"Tr0ub4dor&3x\\",\\n",\n    ")\\n"',
        ),
        counter_examples=(
            '   "server.login(\\"reports@acme.io\\",\\n",\n    "             password)\\n"',
            '   "keyring.set_password(\\"acme-api\\", \\"deploy\\",\\n",\n    "    \\"changeme\\")\\n"',
        ),
        example_path="notebooks/report.ipynb",
        line_scoped=False,
    ),
    generic_rule(
        "libpq-dsn-password",
        "Password in a libpq key=value connection string (psycopg2, pg_connect, lib/pq)",
        r"(?:^|[\s\"'])password[ \t]*=[ \t]*(?P<q>)(?P<secret>[^\s\"'\\]{4,200})",
        ("password",),
        _libpq_ok,
        examples=(
            'conn = psycopg2.connect("host=db.internal dbname=orders user=app password=Hx4pQ9tR2vW7zK")',
            '$db = pg_connect("host=localhost port=5432 dbname=shop user=shop password=Tr0ub4dor3x");',
        ),
        counter_examples=(
            'conn = psycopg2.connect(f"host={host} dbname=orders user=app password={password}")',
            'conn = psycopg2.connect("host=db dbname=orders user=app password=postgres")',
            "def login(self, user=None, password=None, usenetrc=True):",
            "    def __init__(self, host, port=NNTP_PORT, user=None, password=Hx4pQ9tR2vW7zK,",
        ),
    ),
    generic_rule(
        "cli-key-option",
        "Key or password given to a command-line option (--account-key, -storepass, pass:...)",
        r"(?:(?<![\w\-])--(?:"
        + "|".join(_KEY_OPTIONS)
        + r")[_\-]key(?:=|[ \t]+)"
        + NAME_QUOTE
        + r"(?P<secret>"
        + OPTION
        + r"{8,200})"
        r"|(?<![\w\-])-(?:store|key|src|dest|srcstore|deststore)pass[ \t]+"
        + NAME_QUOTE
        + r"(?P<secret2>"
        + OPTION
        + r"{4,200})"
        r"|(?<![\w\-])-pass(?:in|out|word)?[ \t]+" + NAME_QUOTE + r"pass:(?P<secret3>" + OPTION + r"{4,200})"
        r"|\bmongo(?:sh|dump|restore|export|import)?[ \t][^\n]{0,200}?[ \t]-p[ \t]+"
        + NAME_QUOTE
        + r"(?P<secret4>[^\s\"'$\\-]"
        + OPTION
        + r"{3,200})"
        r"|\b(?:sqlcmd|bcp)[ \t][^\n]{0,200}?[ \t]-P[ \t]*"
        + NAME_QUOTE
        + r"(?P<secret5>"
        + OPTION
        + r"{4,200})"
        r"|\bsmbclient[ \t][^\n]{0,200}?[ \t]-U[ \t]*"
        + NAME_QUOTE
        + r"[^\s%\"'$]{1,64}%(?P<secret6>"
        + OPTION
        + r"{4,200})"
        # OpenLDAP clients' bind password, sqlplus user/password@db, lftp -u user,password.
        r"|\bldap(?:search|add|modify|delete|passwd|whoami|compare|modrdn)[ \t](?:[^\n]{0,200}?[ \t])?-w[ \t]*"
        + NAME_QUOTE
        + r"(?P<secret7>[^\s\"'$\\-]"
        + OPTION
        + r"{3,200})"
        r"|\bsqlplus[ \t]+(?:-\w{1,10}[ \t]+){0,3}"
        + NAME_QUOTE
        + r"[\w$#]{1,30}/(?P<secret8>"
        + bare(r"\s@/\"'$")
        + r"{4,200})@"
        r"|\blftp[ \t](?:[^\n]{0,200}?[ \t])?-u[ \t]*"
        + NAME_QUOTE
        + r"[^\s,\"'$]{1,64},(?P<secret9>"
        + OPTION
        + r"{4,200})"
        # gpg's and restic's --passphrase, quoted with its spaces or bare; a VNC server's -passwd.
        r"|(?<![\w\-])--passphrase(?:=|[ \t]+)(?:\"(?P<secret10>[^\"$\n]{4,200})\"|'(?P<secret11>[^'\n]{4,200})'"
        # Bare, it ends where the word does, not in prose's punctuation (``a --passphrase option: ...``).
        r"|(?P<secret12>[^\s\"'$\-]" + OPTION + r"{3,200}(?<![:;,.])(?!\S)))"
        r"|\b(?:x11vnc|vncserver)[ \t][^\n]{0,200}?[ \t]-passwd[ \t]+"
        + NAME_QUOTE
        + r"(?P<secret13>[^\s\"'$\-]"
        + OPTION
        + r"{3,200}))",
        (
            *(f"--{name}{sep}key" for name in _KEY_OPTIONS for sep in "_-"),
            "pass ",
            "pass\t",
            "-passin",
            "-passout",
            "-password",
            "mongo",
            "sqlcmd",
            "bcp",
            "smbclient",
            "ldap",
            "sqlplus",
            "lftp",
            "--passphrase",
            "x11vnc",
            "vncserver",
        ),
        _option_ok,
        examples=(
            'az storage blob upload --account-name acme --account-key "pjkNuK2R7CZufUI+VC2X31YS/g7CMVnnp60QRA3g8B'
            'X56mzOac9l/hSMfdcYMjVKm2dC6s6im7iejzoFFx9zLQ==" -f x',
            "s3cmd --access_key=AKIA2E0A8F3B244C9986 --secret_key=Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz ls",
            "keytool -importkeystore -srckeystore a.p12 -srcstorepass Tr0ub4dor3x -deststorepass Tr0ub4dor3x",
            "openssl pkcs12 -export -in cert.pem -inkey key.pem -passout pass:Tr0ub4dor3x -out bundle.p12",
            "mongosh mongodb://db.internal:27017/admin -u admin -p Tr0ub4dor3x",
            "sqlcmd -S db.internal -U sa -P 'Tr0ub4dor&3x' -Q 'SELECT 1'",
            "smbclient //files.internal/share -U backup%Tr0ub4dor3x",
            "ldapsearch -x -H ldaps://ldap.acme.io -D 'cn=ops,dc=acme,dc=io' -w 'Tr0ub4dor&3x' -b dc=acme,dc=io",
            "sqlplus ledger/Tr0ub4dor3x@//ora.internal:1521/LEDGER @migrate.sql",
            "lftp -u statements,Tr0ub4dor3x sftp://sftp.bank.example",
            "gpg --batch --passphrase 'amber falcon river stone' -c backup.tar",
            "x11vnc -display :0 -passwd Gp7kQ2mx -forever",
        ),
        counter_examples=(
            "az storage blob upload --account-name acme --account-key $AZURE_STORAGE_KEY -f x",
            "s3cmd --access_key=AKIA2E0A8F3B244C9986 ls",
            "openssl pkcs12 -export -passout env:P12_PASSWORD -out bundle.p12",
            "mongosh mongodb://db.internal:27017/admin -u admin -p --authenticationDatabase admin",
            "ldapsearch -x -D 'cn=ops,dc=acme,dc=io' -W -b dc=acme,dc=io",
            "sqlplus /nolog @migrate.sql",
            "lftp -u statements,$SFTP_PASSWORD sftp://sftp.bank.example",
            'gpg --batch --passphrase "$BACKUP_PASSPHRASE" -c backup.tar',
            "gpg --batch --passphrase-file /run/secrets/backup -c backup.tar",
            "x11vnc -display :0 -passwd $VNC_PASSWORD",
            "# ssh-keygen's -N, a --passphrase option: several words joined",
        ),
    ),
    generic_rule(
        "declared-secret-literal",
        "Literal passed to a call that declares its argument secret (CDK SecretValue, Pulumi, pydantic)",
        # The call says the value is a secret, and that it is written in the clear: CDK's
        # SecretValue.unsafePlainText (plainText before v2), Pulumi's secret outputs, pydantic's SecretStr.
        r"(?:secretvalue\.(?:unsafe)?plaintext|\bpulumi\.secret|\boutput\.secret|\bsecret(?:str|bytes))\("
        r"[ \t]*b?" + VALUE,
        ("plaintext(", "pulumi.secret(", "output.secret(", "secretstr(", "secretbytes("),
        password_value_ok,
        examples=(
            "credentials: rds.Credentials.fromPassword('admin', SecretValue.unsafePlainText('Cdk7!kQ2xLm9v')),",
            'const apiKey = pulumi.secret("Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F");',
            'DB_PASSWORD: SecretStr = SecretStr("Tr0ub4dor&3x")',
        ),
        counter_examples=(
            "SecretValue.unsafePlainText(props.password)",
            'SecretValue.secretsManager("prod/db")',
            'password: SecretStr = SecretStr("changeme")',
        ),
    ),
    generic_rule(
        "jwt-signing-secret-call",
        "JWT signing secret passed as a literal to a sign, verify or key call",
        r"(?:\bjwt(?:\.|::)(?:sign|verify|encode|decode)\([^\n]{0,300}?,|\balgorithm\.hmac(?:256|384|512)\(|"
        r"\.signwith\([^\n]{0,100}?,|hmacshakeyfor\(|signedstring\([ \t]*\[\]byte\(|"
        r"symmetricsecuritykey\([ \t]*(?:encoding\.\w{1,10}\.getbytes\()?|\bnew[ \t]+key\()"
        r"[ \t]*" + quoted_value(8),
        ("jwt", "hmac", "signwith", "signedstring", "symmetricsecuritykey", "key("),
        _signing_secret_ok,
        examples=(
            'return jwt.sign({ sub: userId }, "ra_9Piv4m0tuGYhSiV3ZNN45Yz2JapJz7HSgwyx9", { expiresIn: "1h" });',
            'TOKEN = jwt.encode({"sub": "batch"}, "Q78vjE5NEHbtIm8OwtVpeQAcxywkHLeO", algorithm="HS256")',
            "token = JWT.encode(payload, 'k3Yx9#Lm2Qp8Wz4Rt7Vb', 'HS256')",
            'Algorithm algorithm = Algorithm.HMAC256("k3Yx9Lm2Qp8Wz4Rt7Vb1");',
            'signed, err := token.SignedString([]byte("k3Yx9Lm2Qp8Wz4Rt7Vb1"))',
            'var key = new SymmetricSecurityKey(Encoding.UTF8.GetBytes("k3Yx9Lm2Qp8Wz4Rt7Vb1Xc6"));',
            "$decoded = JWT::decode($jwt, new Key('k3Yx9Lm2Qp8Wz4Rt7Vb1', 'HS256'));",
            'token = jwt.encode(payload, "MySuperSecretKey123", algorithm="HS256")',
        ),
        counter_examples=(
            "return jwt.sign({ sub: userId }, process.env.JWT_SECRET, { expiresIn: '1h' });",
            'jwt.encode({"sub": "batch"}, settings.SECRET_KEY, algorithm="HS256")',
            'jwt.decode(token, options={"verify_signature": False})',
            'Algorithm.HMAC256("your-256-bit-secret")',
            'const token = jwt.sign(payload, "my-secret-key");',
        ),
    ),
    generic_rule(
        "omniauth-provider-secret",
        "OAuth client secret passed by position to an OmniAuth provider (Rails, Devise)",
        r"(?:\bprovider|\bconfig\.omniauth)[ \t]+:\w{1,40}[ \t]*,\s{0,80}"
        + _string(1)
        + r"[ \t]*,\s{0,80}"
        + quoted_value(8),
        ("provider", "omniauth"),
        _signing_secret_ok,
        examples=(
            'provider :github,\n         "Iv1.1b8ee556436cdc88",\n         "92711b041df3837aa39b66303b554b72f5109a3a"',
            "config.omniauth :google_oauth2, '1234-abc.apps.googleusercontent.com', 'GOCSPX-k3Yx9Lm2Qp8Wz4Rt7'",
        ),
        counter_examples=(
            'provider :github, ENV["GITHUB_KEY"], ENV["GITHUB_SECRET"]',
            "provider :developer, 'fields', 'uid_field'",
        ),
        line_scoped=False,
    ),
    generic_rule(
        "rabbitmqctl-user-password",
        "Password given to rabbitmqctl (add_user, change_password, authenticate_user)",
        r"(?<![\w-])rabbitmqctl(?:[ \t]+-[-\w]{1,40}(?:[ \t]+[^\s-][^\s]{0,100})?){0,4}?[ \t]+"
        r"(?:add_user|change_password|authenticate_user)[ \t]+(?P<q0>[\"']?)[^\s\"']{1,100}(?P=q0)[ \t]+"
        r"(?P<q>[\"']?)(?P<secret>" + OPTION + r"{4,200}?)(?P=q)(?=[\s;&|]|$)",
        ("rabbitmqctl",),
        cli_value_ok,
        examples=(
            "rabbitmqctl add_user ledger Zq8vN3kLp0RtXw5Y",
            "docker exec rabbit rabbitmqctl change_password admin 'Hx7pQ2vLm9Wz4Rt!'",
        ),
        counter_examples=(
            'rabbitmqctl add_user ledger "$LEDGER_PASSWORD"',
            "rabbitmqctl add_user ledger --pre-hashed-password",
        ),
        example_path="scripts/bootstrap-rabbit.sh",
    ),
    generic_rule(
        "secret-piped-to-secrets-cli",
        "Secret echoed into a secrets command (wrangler secret put, gh secret set, vercel env add...)",
        # The command reads the value from standard input: what is echoed is the secret (quoted: a bare
        # word could start anywhere in a run of them).
        r"(?<![\w-])(?:echo(?:[ \t]+-[neE]{1,3})?|printf(?:[ \t]+['\"]%s['\"])?)[ \t]+(?P<q>['\"])"
        r"(?P<secret>[^\s'\"|;&$`]{6,300})(?P=q)[ \t]*\|[ \t]*(?:npx[ \t]+|bunx[ \t]+)?"
        r"(?:wrangler[ \t]+(?:pages[ \t]+)?secret[ \t]+put|gh[ \t]+secret[ \t]+set|vercel[ \t]+env[ \t]+add|"
        r"netlify[ \t]+env:set|fly(?:ctl)?[ \t]+secrets[ \t]+(?:set|import)|docker[ \t]+secret[ \t]+create|"
        r"gcloud[ \t]+secrets[ \t]+(?:create|versions[ \t]+add)|supabase[ \t]+secrets[ \t]+set|"
        r"doppler[ \t]+secrets[ \t]+set|vault[ \t]+kv[ \t]+put|podman[ \t]+secret[ \t]+create)\b",
        ("echo", "printf"),
        cli_value_ok,
        examples=(
            'echo "Xk9mQ2vLpz7Wn2Rt5Yb9" | npx wrangler secret put STRIPE_WEBHOOK_SECRET',
            "printf '%s' 'Hx7pQ2vLm9Wz4Rt!' | gh secret set DEPLOY_PASSWORD --repo acme/api",
            "echo -n 'Zq8vN3kLp0RtXw5Y' | docker secret create db_password -",
        ),
        counter_examples=(
            'echo "$STRIPE_WEBHOOK_SECRET" | npx wrangler secret put STRIPE_WEBHOOK_SECRET',
            "echo changeme | docker secret create db_password -",
            'echo "Xk9mQ2vLpz7Wn2Rt5Yb9" | grep secret',
        ),
        example_path="scripts/deploy.sh",
    ),
    generic_rule(
        "cli-tool-password-option",
        "Password or token given to a tool's own option (mosquitto_pub -P, influx --token, 7z -p, flower "
        "--basic_auth, mkstore -createCredential)",
        r"(?<![\w-])mosquitto_(?:pub|sub|rr)(?:[ \t]+[^\s]{1,100}){0,8}?[ \t]+(?:-P|--pw)[ \t]+"
        r"(?P<q>[\"']?)(?P<secret>" + OPTION + r"{4,200}?)(?P=q)(?=[\s;&|]|$)"
        r"|(?<![\w-])influx(?:[ \t]+[^\s]{1,100}){0,8}?[ \t]+(?:-t|--token)(?:[ \t]+|=)"
        r"(?P<q2>[\"']?)(?P<secret2>[A-Za-z0-9_\-]{20,200}={0,2})(?P=q2)(?=[\s;&|]|$)"
        r"|(?<![\w-])7za?[ \t]+[ax](?:[ \t]+[^\s]{1,100}){0,6}?[ \t]+-p(?P<q3>[\"']?)(?P<secret3>[^\s\"']{4,200})(?P=q3)(?=[\s;&|]|$)"
        r"|--basic_auth=(?P<q4>[\"']?)[^\s:\"',]{1,100}:(?P<secret4>[^\s\"',]{4,200})(?P=q4)"
        r"|(?<![\w-])mkstore(?:[ \t]+[^\s]{1,100}){0,6}?[ \t]+-(?:create|modify)Credential[ \t]+\S{1,100}[ \t]+\S{1,100}[ \t]+"
        r"(?P<q5>[\"']?)(?P<secret5>[^\s\"']{4,200})(?P=q5)",
        ("mosquitto_pub", "mosquitto_sub", "mosquitto_rr", "influx", "7z", "--basic_auth=", "mkstore"),
        _tool_option_ok,
        examples=(
            "mosquitto_pub -h broker.local -u sensor -P 'Zq8vN3kLp0RtXw5Y' -t greenhouse/t -m 21",
            "influx config create --config-name prod --host-url https://influx.example.com --org farm "
            "--token Hx7pQ2vLm9Wz4Rt9Kq8vW3mZp2Lx7Yb9Cd4FGh6Jk1Lm0NpQ== --active",
            "7z a -pHx7pQ2vLm9Wz4Rt9 -mhe=on backup.7z data/",
            "celery -A tasks flower --basic_auth=admin:Zq8vN3kLp0RtXw5Y",
            "mkstore -wrl /opt/wallet -createCredential PRODDB scott Zq8vN3kLp0RtXw5Y",
        ),
        counter_examples=(
            'mosquitto_pub -h broker.local -u sensor -P "$MQTT_PASSWORD" -t t -m 1',
            "influx config create --config-name prod --token $INFLUX_TOKEN",
            "7z a -p backup.7z data/",
            "celery -A tasks flower --basic_auth=$FLOWER_USER:$FLOWER_PASSWORD",
        ),
        example_path="scripts/ops.sh",
    ),
)
