"""Generic credentials in the shapes code gives them: login calls, fallbacks after an environment
lookup, PHP constants, key/value pairs, SQL roles, HTTP Basic credentials and prose in docs."""

from __future__ import annotations

import itertools

from seawall.lazyre import lazy_compile
from seawall.model import Confidence
from seawall.secrets.context import (
    HASH_CALLS,
    assignment_value_ok,
    basic_auth_ok,
    fallback_ok,
    generic_assignment_ok,
    hashed_password_ok,
    named_secret_ok,
    password_value_ok,
    plaintext_password_ok,
    prose_ok,
    setter_ok,
    shell_default_ok,
    sql_password_ok,
)
from seawall.secrets.rules._generic import (
    CORE,
    ESCAPES,
    GAP,
    KEYWORDS,
    NAME,
    OP,
    QUOTED_NAME,
    SPACE,
    VALUE,
    bare,
    generic_rule,
)
from seawall.secrets.rules.base import Candidate

# Names and values (QUOTED_NAME, VALUE) may have escaped quotes: code kept inside a JSON string (a source
# map's ``sourcesContent``, a notebook's source, a Postman collection or a HAR logged as a string).


def _fallback(step: str, name: str = NAME) -> str:
    """A value assigned with a fallback (``x || "..."``), ``step`` being one step of what stands between
    the assignment and the fallback's operator. The value assigned, not an argument inside a call
    (brackets balanced), nor a later statement (``apiKey:o}=r.options;...;t=t||"firebase"``), nor a later
    item of the same object or list (``{token:t.token,region:n.region||"..."}``): no ``;``, ``{``, ``}``
    or ``,`` outside brackets. In a minified bundle that also ends the search within an item: each
    attempt at a secret-like property of an object literal walked to the object's end (half the rule's
    time on firebase-auth)."""
    return (
        rf"{name}[\"'`\]]?{GAP}{OP}(?:{step}|\([^\n()]{{0,100}}\)|\{{{{1,2}}[^\n(){{}};]{{0,100}}\}}{{1,2}}){{0,150}}?"
        r"(?:\?\?|\|\||\?:|[ \t]or[ \t])[ \t]*" + VALUE
    )


# One character per step; or, quicker to try (``Rule.quick``), a run of those that cannot start the
# operator as one step, taken whole. The operator is tried at the same places where it can start, in
# the same order: where the first matches, so does the second, from the same start, and the same way.
# The second may reach further (150 runs, not 150 characters): the first then decides. Its name is the
# run of name characters from the keyword, all of it, as the first's is wherever it matches (what follows
# a name is none of them): whether a secret-like word starts it is the first's to say. Trying a hundred
# words at each keyword was half the quick pattern's time on firebase-auth.
_FALLBACK = _fallback(r"[^\n(){};,]")
_FALLBACK_QUICK = _fallback(r"[^\n(){};,?| \t]{1,150}+|[?| \t]", name=r"[\w.\-]++")


def _named_default_ok(c: Candidate) -> bool:
    """Key bytes that are not a pattern (zeros, a counter); a ``)`` then ``:`` only as Symfony's
    ``env(NAME):``; else a value its name says is secret."""
    if c.secret.lower().startswith("0x"):
        values = [int(part, 16) for part in c.secret.replace(" ", "").replace("\t", "").split(",")]
        steps = {(b - a) % 256 for a, b in itertools.pairwise(values)}
        return len(set(values)) > len(values) // 2 and len(steps) > 2
    if f"env({c.name})" not in c.line_text and not _AFTER_NAME.search(c.line_text):
        return False
    return generic_assignment_ok(c)


def _named_default_precheck(name: str, value: str, quoted: bool, path: str) -> bool:
    """The assignment's precheck, but for key bytes (which it would read as an expression)."""
    return value.lower().startswith("0x") or assignment_value_ok(name, value, quoted, path)


# What follows the name in the shapes other than ``env(NAME):``.
_AFTER_NAME = lazy_compile(r"(?i)\|[ \t]*default|\][ \t]*=|[(,][ \t]*[\w$.]*[ \t]*,")


RULES = (
    generic_rule(
        "generic-login-call",
        "Password passed to a login or basic-auth call",
        r"(?:(?:\.login|basicauth(?:entication)?|digestauth|networkcredential|passwordauthentication|"
        r"credentials\.basic|usernamepasswordcredentials?)\(|[ \t(,]auth[ \t]*=[ \t]*\()[ \t]*[^,()\n]{1,100},"
        + SPACE
        + VALUE
        # Erlang's and Elixir's ftp client: ``:ftp.user(pid, ~c"user", ~c"password")``.
        + r"|(?<![\w.])(?::ftp\.|ftp:)user[ \t]*\([^,()\n]{1,100},[^,()\n]{1,100},[ \t]*(?:~c)?"
        + VALUE.replace("(?P<q>", "(?P<q2>")
        .replace("(?P<secret>", "(?P<secret2>")
        .replace("(?P=q)", "(?P=q2)"),
        ("login", "auth", "credential", "ftp.user", "ftp:user"),
        password_value_ok,
        examples=(
            'resp = requests.get(url, auth=("export", "comet@temoc35"))',
            'smtp.login("ops@acme.io", "5Sv.CJzr8.CvuQR%AAz")',
            "client = HTTPBasicAuth('svc', 'Xk9mQ2vLpz7')",
            'var cred = new NetworkCredential("svc-report", "Tr0ub4dor&3x");',
            'val client = RestTemplateBuilder().basicAuthentication("svc-rates", "Nq3#vL8mWp5x").build()',
            ':ok = :ftp.user(pid, ~c"portolan", ~c"Vd9!qW2mKx7z")',
        ),
        counter_examples=(
            "smtp.login(user, password)",
            'auth=(user, os.environ["PW"])',
            ":ok = :ftp.user(pid, user, password)",
        ),
    ),
    generic_rule(
        "generic-smtp-start-call",
        "Password passed by position to Ruby's Net::SMTP.start (address, port, HELO domain, user, secret)",
        r"net::smtp\.start[ \t]*\((?:[^,()\n]{1,100},){4}" + SPACE + VALUE + r"(?=[ \t]*[,)])",
        ("smtp.start",),
        password_value_ok,
        examples=(
            "Net::SMTP.start('smtp.example.com', 587, 'example.com', 'mailer', 'Zq8vLm2pW4rTx9Kd', :login) do |smtp|",
            'Net::SMTP.start("mail.acme.io", 25, "acme.io", "ops@acme.io", "5Sv.CJzr8.CvuQR")',
        ),
        counter_examples=(
            "Net::SMTP.start(host, 587, domain, user, password, :login)",
            "Net::SMTP.start('smtp.example.com', 25) do |smtp|",
        ),
        example_path="mailer.rb",
    ),
    generic_rule(
        "sbt-credentials-call",
        "Password passed by position to sbt's Credentials (realm, host, user, password)",
        r"\bcredentials[ \t]*\((?:[ \t]*\"[^\"\n]{0,200}\"[ \t]*,){3}" + SPACE + VALUE + r"(?=[ \t]*\))",
        ("credentials",),
        password_value_ok,
        examples=(
            'credentials += Credentials("Sonatype Nexus Repository Manager", "nexus.internal.example", "deployer",'
            ' "Lq7#vN2pWz9x")',
        ),
        counter_examples=(
            'credentials += Credentials("Sonatype Nexus", "nexus.example", "deployer", sys.env("NEXUS_PW"))',
            'credentials += Credentials(Path.userHome / ".sbt" / ".credentials")',
        ),
        example_path="build.sbt",
    ),
    generic_rule(
        "android-build-config-secret",
        "Secret compiled into an Android app's BuildConfig (buildConfigField, resValue)",
        # ``buildConfigField "String", "API_SECRET", "\"...\""``: the value is a Java literal inside a Groovy
        # or Kotlin string, its quotes escaped; it ends up in the APK for anyone to read.
        r"(?:buildconfigfield|resvalue)[ \t]*\(?[ \t]*[\"'](?:String|string)[\"'][ \t]*,[ \t]*[\"']"
        r"(?P<name>[\w.\-]{1,80})[\"'][ \t]*,[ \t]*[\"']\\?(?P<q>\")?(?P<secret>[^\"'\\\n]{4,300})\\?\"?[\"']",
        ("buildconfigfield", "resvalue"),
        generic_assignment_ok,
        examples=(
            'buildConfigField "String", "MAPS_API_SECRET", "\\"Xk29fLq7Wm3zPv8r\\""',
            'buildConfigField("String", "PAYMENTS_TOKEN", "\\"c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b\\"")',
        ),
        counter_examples=(
            'buildConfigField "String", "API_BASE_URL", "\\"https://api.example.com\\""',
            'buildConfigField "String", "MAPS_API_SECRET", "\\"${mapsApiSecret}\\""',
            'buildConfigField("String", "API_TOKEN", localProperties.getProperty("apiToken"))',
        ),
        example_path="app/build.gradle",
    ),
    generic_rule(
        "generic-smtp-session-start-call",
        "Password passed by position to an SMTP session's start (HELO domain, user, secret, auth type)",
        r"\.start[ \t]*\((?:[^,()\n]{1,100},){2}"
        + SPACE
        + VALUE
        + r"(?=[ \t]*,[ \t]*:(?:plain|login|cram_md5|xoauth2)\b)",
        (".start",),
        password_value_ok,
        examples=(
            "smtp.start('example.com', 'mailer', 'Hx7#pQ2vLm9Wz4Rt', :plain)",
            'session.start("acme.io", "ops@acme.io", "Tr0ub4dor&3x", :cram_md5) { |s| s.send_message(m, f, t) }',
        ),
        counter_examples=(
            "smtp.start('example.com', user, password, :plain)",
            "worker.start('a', 'b', 'Tr0ub4dor&3x')",
        ),
        example_path="mailer.rb",
    ),
    generic_rule(
        "generic-connect-call",
        "Password passed to a database connection call (JDBC getConnection, PDO, mysqli)",
        r"(?:getconnection|new[ \t]+pdo|mysqli(?:_connect)?|mysql_connect|mysql\.connector\.connect)[ \t]*\("
        r"[^,()\n]{1,150},[^,()\n]{1,100}," + SPACE + VALUE,
        ("getconnection", "pdo", "mysqli", "mysql_connect", "connector"),
        password_value_ok,
        examples=(
            'Connection c = DriverManager.getConnection(url, "sa", "h7Gd92kLqWv3");',
            "$pdo = new PDO($dsn, 'root', 'h7Gd92kLqWv3');",
        ),
        counter_examples=("DriverManager.getConnection(url, user, password);", "new PDO($dsn, $user, '');"),
    ),
    generic_rule(
        "generic-secret-pair-call",
        "Secret passed with its name to a call (put, setProperty, header...)",
        r"\([ \t]*" + QUOTED_NAME + r"[ \t]*,[ \t]*" + VALUE + r"[ \t]*\)",
        KEYWORDS,
        named_secret_ok,
        examples=(
            'props.put("password", "h7Gd92kLqWv3");',
            "conn.setRequestProperty('X-Api-Key', 'c8f1e3a9b07d4e2f9a6b');",
        ),
        counter_examples=('props.put("password", System.getenv("PW"));', 'props.put("user", "admin");'),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-secret-fallback",
        "Secret hard-coded as the fallback of an environment lookup",
        _FALLBACK,
        KEYWORDS,
        fallback_ok,
        examples=(
            'const JWT_SECRET = process.env.JWT_SECRET || "6cff31aeea03bdba261ad590acbc5fbb";',
            'const HMAC_SECRET = process.env.HMAC_SECRET ?? "IRQSa7HEp2+QghEe5JgFb6HZlzIdWZas=";',
            '    password=mysql_password or "l*%472R#XTFY#R1j=DuZ",',
        ),
        counter_examples=(
            'const JWT_SECRET = process.env.JWT_SECRET || "";',
            'password = args.password or "changeme"',
            'PASSWD = getpass.getpass("password for %s on %s: " % (USER, host or "localhost"))',
            'password = os.environ.get("DB_PASSWORD") or "db.internal"',
            'const token = getToken(); const label = opts.label || "Zq8vLm2pW4rTx9";',
            'e.apiKey={token:t.token};n.region=n.region||"Xk9mQ2vLpz7Wn2Rt"',
            'const cfg={token:t.token,region:n.region||"Xk9mQ2vLpz7Wn2Rt"};',
        ),
        anchored=True,
        quick=_FALLBACK_QUICK,
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-env-default",
        "Secret hard-coded as the default of an environment or property lookup",
        # Python's decouple and environs take the default by name: config("KEY", default="...").
        # Julia's ``get(ENV, "KEY", "...")``, R's ``Sys.getenv("KEY", unset = "...")``, Rust's
        # ``env::var("KEY").unwrap_or("...")`` and ``.unwrap_or_else(|_| "...".to_string())``.
        r"(?:(?:getenv|environ\.get|env\.get|fetch|getproperty|get_env|env|env\.str|\bconfig|getenvironmentvariable|"
        r"env::var)\(|\bget\(ENV,)[ \t]*"
        + QUOTED_NAME
        + r"[ \t]*(?:,[ \t]*(?:(?:default|unset)[ \t]*=[ \t]*)?|\)[ \t]*(?:\?\?|\|\||\?:|or)"
        r"|\)[ \t]*\.unwrap_or(?:_else)?\([ \t]*(?:\|_\|[ \t]*)?(?:String::from\()?)[ \t]*" + VALUE,
        (
            "getenv",
            "environ.get",
            "env.get",
            "fetch(",
            "getproperty",
            "get_env",
            "env(",
            "env.str(",
            "config(",
            "getenvironmentvariable",
            "env::var",
            "get(env,",
        ),
        named_secret_ok,
        examples=(
            'api_key = os.getenv("PARTNER_API_KEY", "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b")',
            "secret = ENV.fetch('SESSION_SECRET', 'N7rTq2wZ8sKp3xLm')",
            '_secret = Environment.GetEnvironmentVariable("SERVER_SECRET") ?? "fvEQsebHFG6tv9lMku09";',
            "$pass = getenv('SMTP_PASS') ?: 'Z8TzB!ihe-~41leYv.14';",
            'API_TOKEN = config("API_TOKEN", default="Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F")',
            "SECRET_KEY = env.str('SECRET_KEY', default='q8Vx2LmN7rTz4KbW9pYcR3dF')",
            'const DB_PASSWORD = get(ENV, "DB_PASSWORD", "Zq8vN3kLp0RtXw5Y")',
            'db_password <- Sys.getenv("DB_PASSWORD", unset = "Zq8vN3kLp0RtXw5Y")',
            'let password = env::var("DB_PASSWORD").unwrap_or_else(|_| "Zq8vN3kLp0RtXw5Y".to_string());',
            'let token = std::env::var("API_TOKEN").unwrap_or("Hx7pQ2vLm9Wz4Rt9".into());',
        ),
        counter_examples=(
            'region = os.getenv("AWS_REGION", "eu-west-1")',
            'password = os.environ.get("DB_PASSWORD", "")',
            'DEBUG = config("DEBUG", default="False")',
            'TOKEN_TTL = config("TOKEN_TTL", default="3600")',
        ),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-named-default",
        "Secret as the default of a lookup, a template variable or an array, after its secret-like name",
        # One gate for three shapes led by the name (on keyword-dense text each such gate costs a pass):
        # - an environment lookup named by a constant, the name the value is assigned to says what it is
        #   (Go's ``DBPassword: getenv(passwordEnv, "...")``, Java's ``getenvOrDefault``);
        # - a template filter's default (``{{ db_password | default('...') }}``, Helm's ``| default "..."``)
        #   and the default Symfony's ``parameters:`` give ``env(DB_PASSWORD): '...'``;
        # - a C or C++ array initialiser (``static const char mqtt_password[] = "..."``, and a LoRaWAN
        #   ``app_key[16] = { 0x2B, 0x7E, ... }``): firmware keeps its credentials so.
        NAME + rf"(?:[\"'`]?{GAP}{OP}{GAP}(?:[A-Za-z_$][\w$]{{0,40}}\.){{0,3}}"
        r"(?:getenv|getenvordefault|getenvor|getenvdefault|envor|envordefault|getenvwithdefault|"
        r"lookupenvor|envstring|getenvstring|env_or|getenv_or|getenv_default)\("
        r"[ \t]*[A-Za-z_$][\w$.]{0,80}[ \t]*,"
        + SPACE
        + r"|[ \t]*\|[ \t]*default[ \t]*\(?[ \t]*|\)[ \t]*:[ \t]*"
        r"|[ \t]*\[[ \t]*\w{0,20}[ \t]*\][ \t]*=[ \t]*(?:u8|[LuU])?)"
        + r"(?:"
        + VALUE
        + r"|\{[ \t]{0,4}(?P<secret2>0x[0-9A-Fa-f]{2}(?:[ \t]{0,2},[ \t]{0,4}0x[0-9A-Fa-f]{2}){7,63})[ \t]{0,4},?[ \t]{0,4}\})",
        KEYWORDS,
        _named_default_ok,
        examples=(
            '\t\tDBPassword:       getenv(PasswordEnv, "wu4xUteT#lvEhM0%PD"),',
            '    String apiToken = Env.getenvOrDefault(API_TOKEN_VAR, "Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F");',
            "db_password = {{ db_password | default('Zq8vN3kLp0RtXw5Y') }}",
            'password: {{ .Values.db.password | default "Zq8vN3kLp0RtXw5Y" | quote }}',
            "parameters:\n    env(DATABASE_PASSWORD): 'Zq8vN3kLp0RtXw5Y'",
            'static const char mqtt_password[] = "Zq8vN3kLp0RtXw5Y";',
            'constexpr char kApiToken[] = "Hx7pQ2vLm9Wz4Rt9Kq8vW3mZ";',
            "static uint8_t app_key[] = { 0x2B, 0x7E, 0x15, 0x16, 0x28, 0xAE, 0xD2, 0xA6, 0xAB, 0xF7, 0x15, 0x88,"
            " 0x09, 0xCF, 0x4F, 0x3C };",
        ),
        counter_examples=(
            '\t\tDBPassword:       getenv(PasswordEnv, ""),',
            "\t\tDBPassword:       os.Getenv(PasswordEnv),",
            '\t\tRedisURL:         getenv("REDIS_URL", "redis://localhost:6379/0"),',
            "db_password = {{ db_password | default('') }}",
            "password: {{ .Values.db.password | default (randAlphaNum 24) | quote }}",
            "parameters:\n    env(DATABASE_PASSWORD): '%env(file:DB_PASSWORD_FILE)%'",
            "db_password = {{ db_password | default(omit) }}",
            'static const char mqtt_password[] = "";',
            "static uint8_t app_key[16] = { 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,"
            " 0x00, 0x00, 0x00, 0x00, 0x00 };",
            'char password[PASSWORD_LEN] = "changeme";',
            'def check(password): "Zq8vN3kLp0RtXw5Y"',
        ),
        example_path="templates/app.conf.j2",
        precheck=_named_default_precheck,
    ),
    generic_rule(
        "basic-credentials-encoded",
        "User and password encoded for HTTP Basic authentication in code",
        # ``btoa("user:password")``, ``base64.b64encode(b"user:password")``, Java's
        # ``encodeToString("user:password".getBytes(...))``, .NET's
        # ``Convert.ToBase64String(Encoding.UTF8.GetBytes("user:password"))``, Ruby's
        # ``Base64.strict_encode64("user:password")``, Node's ``Buffer.from("user:password")``.
        r"(?:btoa|b64encode|encodebytes|encodestring|encodetostring|tobase64string|strict_encode64|encode64|"
        r"base64_encode|encodebase64(?:string)?|buffer\.from)\(\s{0,40}"
        r"(?:[\w.]{1,40}\.getbytes\([ \t]*)?[bu]?(?P<q>" + ESCAPES + r"[\"'])"
        r"[^\"'\s:@/]{1,100}:(?P<secret>[^\"'\s]{4,200}?)(?P=q)",
        (
            "btoa(",
            "b64encode(",
            "encodebytes(",
            "encodestring(",
            "encodetostring(",
            "tobase64string(",
            "encode64(",
            "base64_encode(",
            "encodebase64",
            "buffer.from(",
        ),
        password_value_ok,
        examples=(
            'String basic = Base64.getEncoder().encodeToString(\n        "rxrouter:kPfdUpwpwX8C8S6YDycB".getBytes(UTF_8));',
            "headers = {'Authorization': 'Basic ' + base64.b64encode(b'svc-reports:Kq8vW3mZp2Lx7').decode()}",
            'var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:Tq8#vLx2!pRz"));',
            "const auth = Buffer.from('ci-bot:Zq8vN3kLp0RtXw5Y').toString('base64');",
        ),
        counter_examples=(
            'String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(UTF_8));',
            "auth = base64.b64encode(f'{user}:{password}'.encode())",
            "const auth = btoa('user:password');",
            'data = base64.b64encode(b"https://example.com")',
        ),
        line_scoped=False,
        example_path="src/main/java/Client.java",
    ),
    generic_rule(
        "generic-define-constant",
        "Secret defined as a constant (PHP define, C/C++ #define)",
        r"define[ \t]*\([ \t]*" + QUOTED_NAME + r"[ \t]*,[ \t]*" + VALUE,
        ("define",),
        named_secret_ok,
        examples=(
            "define( 'DB_PASSWORD', 'glacier?reicalg82' );",
            "define('AUTH_KEY', 'f9PgWE(EDnDTdIh9R,4)>YhX3HX9u=(ZI%i#.M:_B*7X');",
        ),
        counter_examples=(
            "define( 'DB_NAME', 'wordpress' );",
            "define('DB_PASSWORD', getenv('DB_PASSWORD'));",
        ),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-key-value-pair",
        "Secret in a key/value pair (Postman environments, name/value settings)",
        rf"(?P<q0>{ESCAPES}[\"'])(?:key|name)(?P=q0)[ \t]*:[ \t]*(?P=q0)(?P<name>[^\"'\\\n]{{1,80}})(?P=q0)[ \t]*,"
        rf"[ \t]*(?P=q0)value(?P=q0)[ \t]*:[ \t]*{VALUE}",
        ('"value"', "'value'", '"value\\', "'value\\"),
        named_secret_ok,
        examples=(
            '{ "key": "clientSecret", "value": "OBUxIKbW6YYQitFGgnRNeF8ItiGQ2TGg", "type": "secret" },',
            '{"name": "adminPassword", "value": "ember.rebme40"}',
        ),
        counter_examples=(
            '{ "key": "baseUrl", "value": "https://api.internal" }',
            '{ "key": "apiKey", "value": "{{apiKey}}" }',
        ),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-secret-setter",
        "Secret passed to a setter or builder (setPassword, withToken, .password(...))",
        # ``password.set("...")`` with no receiver: a Gradle Property in a ``credentials { }`` block.
        rf"(?:(?:set|with)_?|\.|(?<![\w.$])(?={CORE}[\w\-]{{0,40}}\.set\()){NAME}\([ \t]*"
        + VALUE
        + r"[ \t]*\)",
        KEYWORDS,
        setter_ok,
        examples=(
            'dataSource.setPassword("N7rTq2wZ8sKp");',
            'builder.password("h7Gd92kLq!x").build();',
            'settings.password.set("h7Gd92kLq!x")',
            '        password.set("h7Gd92kLq!xWz")',
        ),
        counter_examples=(
            'ds.setPassword(System.getenv("DB_PASSWORD"));',
            'user.check_password("hunter22")',
            "pwd = self.password.encode('utf-8')",
            'parts = self.token.strip("Bearer ").split(":")',
            "key = self.api_key.replace('-', '')",
        ),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-url-query-secret",
        "Secret in a URL query string",
        r"[?&](?P<name>password|passwd|pwd|pass|secret|client_secret|token|access_token|api_key|apikey|"
        r"api-key)=(?P<q>)(?P<secret>[^&\s\"'`#<>/]{6,300})",
        (
            "password=",
            "passwd=",
            "pwd=",
            "pass=",
            "secret=",
            "token=",
            "api_key=",
            "apikey=",
            "api-key=",
        ),
        password_value_ok,
        examples=(
            'url = "jdbc:mysql://db.internal:3306/app?user=svc&password=Xk9mQ2vLpz7"',
            "https://api.partner.io/v1/rates?api_key=c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b&fmt=json",
        ),
        counter_examples=(
            "https://example.com/reset?token={token}",
            "https://api.partner.io/v1/rates?api_key=${API_KEY}",
        ),
    ),
    generic_rule(
        "netrc-password",
        "Password in a .netrc or .authinfo entry",
        # Starts with its keyword (tried once where each "machine" starts, on a line of any length);
        # host names and logins are bounded, and so is the work of each attempt.
        r"\bmachine[ \t]+\S{1,253}(?:[ \t]+(?:login|account|port)[ \t]+\S{1,253}){0,3}[ \t]+password[ \t]+"
        r"(?P<q>)(?P<secret>" + bare(r"\s\"'`") + r"{4,200})",
        ("machine",),
        password_value_ok,
        examples=("machine api.heroku.com login ops@acme.io password 8c1f0e9d-7a6b-4c5d-9e3f-2a1b0c9d8e7f",),
        counter_examples=("machine github.com login ci password $GITHUB_TOKEN",),
        anchored=True,
    ),
    generic_rule(
        "powershell-plaintext-securestring",
        "Password converted to a SecureString from plain text (PowerShell)",
        r"convertto-securestring[ \t]+(?:-string[ \t]+)?" + VALUE + r"[ \t]+-asplaintext",
        ("convertto-securestring",),
        plaintext_password_ok,
        examples=(
            '$pw = ConvertTo-SecureString "Tr0ub4dor&3x" -AsPlainText -Force',
            "$c = New-Object PSCredential('svc', (ConvertTo-SecureString 'velvet otter quarry lantern' -AsPlainText"
            " -Force))",
        ),
        counter_examples=("$pw = ConvertTo-SecureString $env:DEPLOY_PW -AsPlainText -Force",),
    ),
    generic_rule(
        "generic-secret-space-assignment",
        'Secret set without an operator (Gradle, game server configs: storePassword "...")',
        rf"{NAME}[ \t]+" + VALUE + r"[ \t]*(?:$|[;#/)])",
        KEYWORDS,
        generic_assignment_ok,
        examples=('    storePassword "Tiger1995*"', 'rcon_password "Puffin2019!"'),
        counter_examples=('println "password is required"', 'keyPassword "${System.env.KEY_PASSWORD}"'),
        anchored=True,
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-define-macro",
        "Secret in a C/C++ #define",
        r"#[ \t]*define[ \t]+(?P<name>\w{1,80})[ \t]+" + VALUE,
        ("define",),
        named_secret_ok,
        examples=('#define BF_RCON_PASSWORD "blizzard_sunset674"',),
        counter_examples=('#define PASSWORD_MIN_LENGTH "12"', '#define API_KEY_HEADER "X-Api-Key"'),
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "curl-userpwd",
        "user:password given to libcurl (CURLOPT_USERPWD)",
        r"curlopt_(?:userpwd|proxyuserpwd)[ \t]*,[ \t]*(?P<q>\")[^:\"\n]{1,100}:(?P<secret>[^\"\n]{4,200})\"",
        ("curlopt_userpwd", "curlopt_proxyuserpwd"),
        password_value_ok,
        examples=('curl_easy_setopt(curl, CURLOPT_USERPWD, "crashes:aSqKuqMboh4GJeS5Z7mY");',),
        counter_examples=("curl_easy_setopt(curl, CURLOPT_USERPWD, userpwd);",),
    ),
    generic_rule(
        "pgpass-password",
        "Password in a PostgreSQL .pgpass file",
        r"^(?:(?=[\w.\-]*[A-Za-z])[\w.\-]+|\*):(?:\d{2,5}|\*):[^:\s]+:[^:\s]+:(?P<q>)(?P<secret>[^\s:]{4,200})$",
        (":",),
        password_value_ok,
        examples=("pg-accounts.internal:5432:accounts:accounts:letmein-prod-52",),
        counter_examples=("db.internal:5432:app:app:*", "12:30:45:67:89abcdef"),
        line_scoped=False,
    ),
    generic_rule(
        "generic-shell-default",
        "Secret hard-coded as a parameter default (shell ${VAR:-default}, Spring ${name:default})",
        r"\$\{(?P<name>[\w.\-]{1,80})(?::?[-=]|:)(?P<q>)(?P<secret>[^}\s\"'$\-=?+][^}\s\"'$]{3,199})\}",
        ("${",),
        shell_default_ok,
        examples=(
            'export AWS_SECRET_ACCESS_KEY="${AWS_SECRET_ACCESS_KEY:-qnvvx65zVWWjE3ncepg4iSHQtB+GZeoP}"',
            '    @Value("${partner.api-key:Xk9mQ2vLpz7Wn2Rt5Yb9Cd4F}")',
            "spring.datasource.password=${DB_PASSWORD:N7rTq2wZ8sKp}",
        ),
        counter_examples=(
            'DB_HOST="${DB_HOST:-localhost}"',
            'PASSWORD="${PASSWORD:-}"',
            '@Value("${partner.api-key:}")',
            'TOKEN="${TOKEN:?set TOKEN first}"',
        ),
    ),
    generic_rule(
        "plist-secret",
        "Secret in a property list (<key>...</key> then <string>...</string>)",
        r"<key>(?P<name>[^<\n]{1,80})</key>[ \t]*\r?\n?[ \t]*<string>(?P<q>)(?P<secret>[^<\n]{4,300})</string>",
        ("<key>",),
        named_secret_ok,
        examples=(
            "    <key>BackendSharedSecret</key>\n    <string>+vBOGvXoz2+71GMKxj6Q7k01jVj4WYGtY3GRjl=</string>",
        ),
        counter_examples=(
            "<key>AnalyticsWriteKey</key>\n<string>$(ANALYTICS_WRITE_KEY)</string>",
            "<key>CFBundleName</key>\n<string>SkyHop</string>",
        ),
        line_scoped=False,
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "android-meta-data-secret",
        "Secret in an Android manifest <meta-data> value",
        r"android:name=\"(?P<name>[^\"\n]{1,120})\"\s{1,40}android:value=\"(?P<q>)(?P<secret>[^\"\n]{4,300})\"",
        ("android:name",),
        named_secret_ok,
        examples=(
            '<meta-data\n    android:name="com.acme.backend.API_SECRET"\n    android:value="9fc82e7c08a74815c74736499499"/>',
        ),
        counter_examples=(
            '<meta-data android:name="com.google.android.geo.API_KEY" android:value="@string/maps_key"/>',
        ),
        line_scoped=False,
        precheck=assignment_value_ok,
    ),
    generic_rule(
        "generic-sql-password",
        "Password in a SQL statement (CREATE/ALTER ROLE, CREATE USER ... IDENTIFIED BY)",
        # Tried where its keyword is (a lead of 0 on long lines); ``sql_password_ok`` asks what stands
        # before IDENTIFIED BY.
        r"(?:\bpassword|\bidentified[ \t]+(?:with[ \t]+['\"`]?\w{1,40}['\"`]?[ \t]+)?by"
        # MySQL's ``SET PASSWORD FOR 'app'@'%' = '...'``.
        r"|\bset[ \t]+password[ \t]+for[ \t]+[^=;'\n]{0,60}(?:'[^'\n]{1,60}'[^=;'\n]{0,60}){0,2}=)"
        # Oracle and MySQL also take a password in double quotes after IDENTIFIED BY.
        r"[ \t]+(?P<q>'|(?<=by[ \t])\")(?P<secret>[^'\n]{4,200}?)(?P=q)",
        ("password", "identified"),
        sql_password_ok,
        examples=(
            "CREATE ROLE etl_loader LOGIN PASSWORD '4w%X5Hb8fvAj5HzTwG!#Sr';",
            "CREATE USER 'report'@'%' IDENTIFIED BY 'Xk9mQ2vLpz7';",
            "ALTER USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'Zq7!vR2#pLx9';",
            "GRANT ALL PRIVILEGES ON shop.* TO 'shop'@'localhost' IDENTIFIED BY 'Hn4$kW9zQ2';",
            "GRANT CONNECT TO scott IDENTIFIED BY 'Tg7#mQ2vLx';",
            "create user ledger identified by 'Vb8!kR3mZq';",
            'ALTER USER sys IDENTIFIED BY "Or4cle_Pw_2291x";',
            "SET PASSWORD FOR 'app'@'localhost' = 'Hv7#qM2pLz9x';",
        ),
        counter_examples=(
            "ALTER ROLE app PASSWORD NULL;",
            "CREATE ROLE app PASSWORD :'app_password';",
            '"""Load and return a dynamic library identified by \'name\'.',
            "Each record is identified by 'Xk9mQ2vLpz7', its key.",
            'Each record is identified by "Xk9mQ2vLpz7", its key.',
            'CREATE ROLE app PASSWORD "Xk9mQ2vLpz7";',  # an identifier in PostgreSQL, not a string
        ),
    ),
    generic_rule(
        "generic-password-hashed-in-code",
        "Password written in the clear and hashed in code (a seeder's Hash::make, bcrypt, make_password)",
        # The hash is what the database stores; the literal beside it is the account's password. The name
        # it is stored under is read before the call (``hashed_password_ok``): a pattern led by the name
        # would cost Hyperscan a look at every secret-like name of a file.
        r"(?<![\w.])" + HASH_CALLS + r"[ \t]*\([ \t]*b?" + VALUE,
        ("hash::make", "bcrypt", "password_hash", "make_password", "generate_password_hash", "hashpw"),
        hashed_password_ok,
        examples=(
            "User::create(['email' => 'ops@example.com', 'password' => Hash::make('Hv8#kQ2mZx7p')]);",
            "'password' => bcrypt('Yd4!pW9mQz2k'),",
            'admin.password = make_password("Zt6!qW8mLp3x")',
        ),
        counter_examples=(
            "'password' => Hash::make($request->password),",
            "'password' => bcrypt('password'),",  # Laravel's factory default
            "'password' => Hash::make(Str::random(32)),",
            "$digest = Hash::make('Hv8#kQ2mZx7p');",  # named for no secret
        ),
        example_path="database/seeders/DatabaseSeeder.php",
    ),
    generic_rule(
        "sql-linked-server-login",
        "Password given by position to SQL Server's sp_addlinkedsrvlogin",
        # rmtsrvname, useself, locallogin, rmtuser, rmtpassword: the fifth argument is the remote login's
        # password (named, ``@rmtpassword = N'...'``, it is an assignment).
        r"sp_addlinkedsrvlogin[ \t]+(?:(?:N(?:'[^'\n]{0,128}'|ULL)|'[^'\n]{0,128}'|@\w{1,64}|[0-9a-mo-z_]\w{0,63})[ \t]*,[ \t]*){4}N?(?P<q>')"
        r"(?P<secret>[^'\n]{4,128})'",
        ("sp_addlinkedsrvlogin",),
        password_value_ok,
        examples=(
            "EXEC master.dbo.sp_addlinkedsrvlogin 'WAREHOUSE', 'false', NULL, 'wh_sync', 'Tm4!xQ9pLz7w';",
        ),
        counter_examples=(
            "EXEC sp_addlinkedsrvlogin 'WAREHOUSE', 'false', NULL, 'wh_sync', @password;",
            "EXEC sp_addlinkedsrvlogin 'WAREHOUSE', 'true';",
        ),
        example_path="db/linked_servers.sql",
    ),
    generic_rule(
        "http-basic-credentials",
        "HTTP Basic credentials (base64 of user:password)",
        r"\bbasic[ \t]+(?P<secret>[A-Za-z0-9+/]{12,400}={0,2})(?![A-Za-z0-9+/=])",
        ("basic",),
        basic_auth_ok,
        examples=(
            'proxy_set_header Authorization "Basic YWNtZXBheS1pbnQ6R2w0Y2llciE0MjY=";',
            "- Basic bGl2ZV9hUlR4YmRiQkRsVG5JTW9mU3drZFBWMTNNelRFQ0tXRlNnOg==",
            'headers = {"Authorization": "Basic b3BzOlNlY3JldFBhc3N3MHJkIQ=="}',  # a chosen password
        ),
        counter_examples=(
            "Authorization: Basic dXNlcjpwYXNzd29yZA==",  # user:password
            "Authorization: Basic YWRtaW46UGFzc3cwcmQh",  # admin:Passw0rd!, a stand-in
            "the basic authentication scheme is described in RFC 7617",
        ),
        confidence=Confidence.HIGH,
    ),
    generic_rule(
        "generic-secret-prose",
        "Secret written in documentation prose or a table (password `...`)",
        # The span is set apart from the name (a space, ``:`` or ``=``): a name glued to a backtick ends
        # a JavaScript template literal (``\`use-credentials\`?t.credentials=\```), and what follows up
        # to the next backtick is code between two literals, not a span.
        rf"{NAME}(?:[ \t]*[:=][ \t]*|[ \t]+(?:is[ \t]+)?)(?P<q>`)(?P<secret>[^`\s]{{6,100}})`",
        KEYWORDS,
        prose_ok,
        examples=(
            "- network `acmepay-guest`, password `tiger!regit55`",
            "The psk is `twpzJMlbONtIGAeGBkSzydj0`.",
            "| staging | password: `tiger!regit55` |",
        ),
        counter_examples=(
            "Set the password with `--password-file`.",
            "Store the token in `$GITHUB_TOKEN`.",
            "e.crossOrigin===`use-credentials`?t.credentials=`include`:t.credentials=`omit`",
            "k=`lambda.pass.raise.return.try.while.with.yield.in.False.True`.split(`.`)",
        ),
        anchored=True,
        precheck=assignment_value_ok,
    ),
)
