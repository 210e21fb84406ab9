"""The generic rules in realistic files: hard-coded credentials are found, code that merely talks
about one is not. Each case is a real file scanned with ``scan()``, so the file-type logic applies."""

from __future__ import annotations

from pathlib import Path

import pytest

from seawall.model import ScanReport
from seawall.secrets.results import Policy
from seawall.secrets.rules import builtin_rules
from seawall.secrets.scanner import ScanOptions, scan

RULES = builtin_rules()
BY_ID = {r.id: r for r in RULES}


def _scan_file(tmp_path: Path, name: str, content: str) -> ScanReport:
    target = tmp_path / "project" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content)
    return scan(
        ScanOptions(roots=(str(tmp_path / "project"),), rules=RULES, policy=Policy(show_secrets=True), jobs=1)
    )


def _xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# (file name, content, the secret that must be reported)
TRUE_SECRETS = [
    # Python
    pytest.param(
        "app/settings.py",
        'DEBUG = False\nDB_HOST = "db.internal"\nDB_PASSWORD = "Xk9#mQ2vL!pzR4"\n',
        "Xk9#mQ2vL!pzR4",
        id="python-constant",
    ),
    pytest.param(
        "app/client.py",
        "class Client:\n    def __init__(self) -> None:\n"
        "        self.api_key = 'c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b'\n",
        "c8f1e3a9b07d4e2f9a6b5c3d1e0f2a4b",
        id="python-attribute",
    ),
    pytest.param(
        "app/db.py",
        'import os\nPASSWORD = os.environ.get("DB_PASSWORD", "tR4$wq9Lz!mK2p")\n',
        "tR4$wq9Lz!mK2p",
        id="python-env-default",
    ),
    # JavaScript / TypeScript
    pytest.param(
        "src/config.js",
        "module.exports = {\n  port: 8080,\n  jwtSecret: 'Vb8nQ3rT6yLp1sZxW2',\n};\n",
        "Vb8nQ3rT6yLp1sZxW2",
        id="js-object",
    ),
    pytest.param(
        "src/stripe.ts",
        'export const apiKey: string = "9f8e7d6c5b4a39281706f5e4d3c2b1a0";\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="ts-typed-const",
    ),
    pytest.param(
        "src/auth.ts",
        'const SESSION_SECRET = process.env.SESSION_SECRET || "q8Zr3Lw9Tn2Vx7Kp5Hd1";\n',
        "q8Zr3Lw9Tn2Vx7Kp5Hd1",
        id="ts-env-fallback",
    ),
    # Go
    pytest.param(
        "internal/db/db.go",
        'package db\n\nconst dbPassword = "tR4$wq9Lz!mK2p"\n',
        "tR4$wq9Lz!mK2p",
        id="go-const",
    ),
    pytest.param(
        "cmd/main.go",
        'package main\n\nfunc cfg() Config {\n\treturn Config{\n\t\tUser:     "svc",\n'
        '\t\tPassword: "h7Gd92kLqWv3",\n\t}\n}\n',
        "h7Gd92kLqWv3",
        id="go-struct-literal",
    ),
    # Java
    pytest.param(
        "src/main/java/com/acme/Db.java",
        'public class Db {\n    private static final String DB_PASSWORD = "N7rTq2wZ8sKp3xLm";\n}\n',
        "N7rTq2wZ8sKp3xLm",
        id="java-constant",
    ),
    # C#
    pytest.param(
        "Data/Context.cs",
        'var cs = "Server=tcp:sql.internal,1433;Database=app;User Id=sa;Password=Vb8nQ3rT6yLp1sZx;";\n',
        "Vb8nQ3rT6yLp1sZx",
        id="csharp-connection-string",
    ),
    pytest.param(
        "Services/Mailer.cs",
        'public class Mailer {\n    private const string SmtpPassword = "Xk9#mQ2vL!pzR4";\n}\n',
        "Xk9#mQ2vL!pzR4",
        id="csharp-const",
    ),
    # Ruby
    pytest.param(
        "config/initializers/api.rb",
        "Api.configure do |c|\n  c.secret_token = 'N7rTq2wZ8sKp3xLm'\nend\n",
        "N7rTq2wZ8sKp3xLm",
        id="ruby-config",
    ),
    pytest.param(
        "lib/client.rb",
        "SECRET = ENV.fetch('APP_SECRET', 'q8Zr3Lw9Tn2Vx7Kp5Hd1')\n",
        "q8Zr3Lw9Tn2Vx7Kp5Hd1",
        id="ruby-env-fetch-default",
    ),
    # PHP
    pytest.param(
        "wp-config.php",
        "<?php\ndefine( 'DB_NAME', 'wordpress' );\ndefine( 'DB_PASSWORD', 'glacier?reicalg82' );\n",
        "glacier?reicalg82",
        id="php-define",
    ),
    pytest.param(
        "src/Mailer.php",
        "<?php\n$config['smtp_pass'] = 'h7Gd92kLqWv3';\n",
        "h7Gd92kLqWv3",
        id="php-array",
    ),
    # YAML
    pytest.param(
        "config/database.yaml",
        "production:\n  adapter: postgresql\n  username: app\n  password: N7rTq2wZ8sKp3xLm\n",
        "N7rTq2wZ8sKp3xLm",
        id="yaml-plain",
    ),
    pytest.param(
        "deploy/values.yml",
        'redis:\n  auth:\n    password: "tR4$wq9Lz!mK2p"\n',
        "tR4$wq9Lz!mK2p",
        id="yaml-quoted",
    ),
    # JSON
    pytest.param(
        "config/oauth.json",
        '{\n  "client_id": "web-app",\n  "client_secret": "Vb8nQ3rT6yLp1sZxW2"\n}\n',
        "Vb8nQ3rT6yLp1sZxW2",
        id="json",
    ),
    # TOML
    pytest.param(
        "config.toml",
        '[database]\nhost = "db.internal"\npassword = "h7Gd92kLqWv3"\n',
        "h7Gd92kLqWv3",
        id="toml",
    ),
    # INI
    pytest.param(
        "settings.ini",
        "[smtp]\nhost = mail.internal\npassword = tR4$wq9Lz!mK2p\n",
        "tR4$wq9Lz!mK2p",
        id="ini",
    ),
    # .env
    pytest.param(
        ".env",
        "APP_ENV=production\nDB_PASSWORD=Xk9mQ2vLpz7R\n",
        "Xk9mQ2vLpz7R",
        id="dotenv",
    ),
    pytest.param(
        "deploy/.env.production",
        'STRIPE_WEBHOOK_SECRET="q8Zr3Lw9Tn2Vx7Kp5Hd1"\n',
        "q8Zr3Lw9Tn2Vx7Kp5Hd1",
        id="dotenv-quoted",
    ),
    # Java properties
    pytest.param(
        "src/main/resources/application.properties",
        "spring.datasource.url=jdbc:postgresql://db/app\nspring.datasource.password=N7rTq2wZ8sKp\n",
        "N7rTq2wZ8sKp",
        id="properties",
    ),
    # Terraform
    pytest.param(
        "infra/rds.tf",
        'resource "aws_db_instance" "main" {\n  engine   = "postgres"\n  username = "app"\n'
        '  password = "Vb8nQ3rT6yLp1sZx"\n}\n',
        "Vb8nQ3rT6yLp1sZx",
        id="terraform",
    ),
    # Shell
    pytest.param(
        "scripts/backup.sh",
        "#!/bin/sh\nmysqldump -h db -u backup -pXk9mQ2vLpz7R app > dump.sql\n",
        "Xk9mQ2vLpz7R",
        id="shell-mysql",
    ),
    pytest.param(
        "scripts/env.sh",
        '#!/bin/bash\nexport API_TOKEN="9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="shell-export",
    ),
    pytest.param(
        "scripts/fetch.sh",
        "curl -u deploy:N7rTq2wZ8s https://nexus.internal/repository/\n",
        "N7rTq2wZ8s",
        id="shell-curl-user",
    ),
    # Dockerfile
    pytest.param(
        "Dockerfile",
        'FROM python:3.11-slim\nENV DB_PASSWORD=Xk9mQ2vLpz7R\nCMD ["python", "app.py"]\n',
        "Xk9mQ2vLpz7R",
        id="dockerfile-env",
    ),
    # XML
    pytest.param(
        "settings.xml",
        "<settings>\n  <servers>\n    <server>\n      <id>nexus</id>\n"
        "      <password>h7Gd92kLqWv3</password>\n"
        "    </server>\n  </servers>\n</settings>\n",
        "h7Gd92kLqWv3",
        id="xml-element",
    ),
    pytest.param(
        "Web.config",
        '<configuration>\n  <appSettings>\n    <add key="SmtpPassword" value="N7rTq2wZ8sKp" />\n'
        "  </appSettings>\n</configuration>\n",
        "N7rTq2wZ8sKp",
        id="xml-appsettings",
    ),
    # URLs with a password, in any file
    pytest.param(
        "docker-compose.yml",
        "services:\n  app:\n    environment:\n      DATABASE_URL: postgres://app:Xk9mQ2vLpz7R@db:5432/app\n",
        "Xk9mQ2vLpz7R",
        id="yaml-url",
    ),
    # Calls and literals that the simple "name = value" shape does not cover
    pytest.param(
        "app/db.py",
        'conn = psycopg2.connect(host="db", user="app", password="Xk9#mQ2vL!pzR4")\n',
        "Xk9#mQ2vL!pzR4",
        id="python-keyword-argument",
    ),
    pytest.param(
        "app/config.py",
        '@dataclass\nclass Settings:\n    password: str = "Xk9#mQ2vL!pzR4"\n',
        "Xk9#mQ2vL!pzR4",
        id="python-annotated-default",
    ),
    pytest.param(
        "src/api.js",
        'fetch(url, { headers: { Authorization: "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0" } });\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="js-authorization-header",
    ),
    pytest.param(
        "Services/Mail.cs",
        'client.Credentials = new NetworkCredential("svc", "Xk9#mQ2vL!pzR4");\n',
        "Xk9#mQ2vL!pzR4",
        id="csharp-network-credential",
    ),
    pytest.param(
        "Program.cs",
        'string connStr = @"Data Source=db;Initial Catalog=shop;uid=svc;pwd=N7rTq2wZ8s;";\n',
        "N7rTq2wZ8s",
        id="csharp-verbatim-connection-string",
    ),
    pytest.param(
        "config/database.rb",
        "ActiveRecord::Base.establish_connection(adapter: 'postgresql', password: 'N7rTq2wZ8sKp3xLm')\n",
        "N7rTq2wZ8sKp3xLm",
        id="ruby-keyword-hash",
    ),
    pytest.param(
        "config/legacy.rb",
        "CONF = { :password => 'N7rTq2wZ8sKp3xLm' }\n",
        "N7rTq2wZ8sKp3xLm",
        id="ruby-hash-rocket",
    ),
    pytest.param(
        "config/database.php",
        "<?php\nreturn [\n    'password' => 'h7Gd92kLqWv3',\n];\n",
        "h7Gd92kLqWv3",
        id="php-array-return",
    ),
    pytest.param(
        "k8s/secret.yaml",
        "apiVersion: v1\nkind: Secret\nstringData:\n  password: N7rTq2wZ8sKp3xLm\n",
        "N7rTq2wZ8sKp3xLm",
        id="yaml-k8s-secret",
    ),
    pytest.param(
        "docker-compose.yml",
        "services:\n  db:\n    environment:\n      - POSTGRES_PASSWORD=Xk9mQ2vLpz7R\n",
        "Xk9mQ2vLpz7R",
        id="yaml-compose-list",
    ),
    pytest.param(
        "src/main/resources/application.properties",
        "db.password: N7rTq2wZ8sKp\n",
        "N7rTq2wZ8sKp",
        id="properties-colon",
    ),
    pytest.param(
        "scripts/psql.sh",
        "PGPASSWORD=Xk9mQ2vLpz7R psql -h db -U app\n",
        "Xk9mQ2vLpz7R",
        id="shell-inline-env",
    ),
    pytest.param(
        "pom.xml",
        "<properties>\n  <db.password>h7Gd92kLqWv3</db.password>\n</properties>\n",
        "h7Gd92kLqWv3",
        id="xml-maven-property",
    ),
    pytest.param(
        "src/main/kotlin/App.kt",
        'val apiKey = "9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n',
        "9f8e7d6c5b4a39281706f5e4d3c2b1a0",
        id="kotlin-val",
    ),
    pytest.param(
        "cmd/main.go",
        "package main\n\nfunc open() {\n"
        '\tdb, _ := sql.Open("mysql", "root:Xk9mQ2vLpz7R@tcp(db:3306)/app")\n}\n',
        "Xk9mQ2vLpz7R",
        id="go-mysql-dsn",
    ),
    pytest.param(
        "src/main/java/com/acme/Db.java",
        'Properties props = new Properties();\nprops.put("password", "h7Gd92kLqWv3");\n',
        "h7Gd92kLqWv3",
        id="java-properties-put",
    ),
    pytest.param(
        "src/main/java/com/acme/Db.java",
        'Connection c = DriverManager.getConnection(url, "sa", "h7Gd92kLqWv3");\n',
        "h7Gd92kLqWv3",
        id="java-jdbc-get-connection",
    ),
    pytest.param(
        "src/Db.php",
        "<?php\n$pdo = new PDO($dsn, 'root', 'h7Gd92kLqWv3');\n",
        "h7Gd92kLqWv3",
        id="php-pdo-constructor",
    ),
    pytest.param(
        "config/app.json",
        '{"db": {"user": "app", "pass": "tR4$wq9Lz!mK2p"}}\n',
        "tR4$wq9Lz!mK2p",
        id="json-pass-key",
    ),
    pytest.param(
        "Dockerfile",
        'FROM alpine\nRUN echo "machine github.com login ci password Xk9mQ2vLpz7R" > /root/.netrc\n',
        "Xk9mQ2vLpz7R",
        id="dockerfile-netrc-in-quotes",
    ),
]


# (file name, content): nothing may be reported
LOOK_ALIKES = [
    # Python
    pytest.param(
        "app/settings.py", 'import os\nDB_PASSWORD = os.environ["DB_PASSWORD"]\n', id="python-environ"
    ),
    pytest.param("app/settings.py", 'DB_PASSWORD = os.getenv("DB_PASSWORD")\n', id="python-getenv"),
    pytest.param(
        "app/db.py",
        "def connect(host: str, password: str) -> None:\n"
        "    return driver.connect(host=host, password=password)\n",
        id="python-parameter",
    ),
    pytest.param("app/db.py", 'DSN = "host=%(host)s password=%(password)s"\n', id="python-percent-template"),
    pytest.param(
        "app/forms.py",
        'password = forms.CharField(label="Password", widget=forms.PasswordInput)\n'
        'password_confirm = forms.CharField(label="Confirm password")\n',
        id="python-form-labels",
    ),
    pytest.param(
        "app/users.py",
        'password_hash = "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW"\n',
        id="python-bcrypt-hash",
    ),
    pytest.param(
        "app/ids.py",
        'REQUEST_ID = "9b2f6a1e-3c4d-4e5f-8a7b-1c2d3e4f5a6b"\n'
        'DIGEST = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"\n',
        id="python-uuid-and-digest",
    ),
    # JavaScript / TypeScript
    pytest.param("src/config.js", "const password = process.env.DB_PASSWORD;\n", id="js-process-env"),
    pytest.param(
        "src/login.ts",
        "export async function login(username: string, password: string): Promise<void> {\n"
        "  await api.post('/login', { username, password });\n}\n",
        id="ts-parameters",
    ),
    pytest.param(
        "src/Login.tsx",
        '<input type="password" name="password" placeholder="Enter your password" />\n',
        id="tsx-form-field",
    ),
    pytest.param(
        "src/url.js", "const url = `https://api.internal/v1?token=${token}`;\n", id="js-template-literal"
    ),
    pytest.param(
        "src/strings.js",
        "const messages = {\n  passwordTooShort: 'Password must be at least 12 characters',\n"
        "  tokenExpired: 'Your session token expired',\n};\n",
        id="js-messages",
    ),
    # Go
    pytest.param("internal/db/db.go", 'password := os.Getenv("DB_PASSWORD")\n', id="go-getenv"),
    pytest.param(
        "internal/auth/auth.go",
        "func Login(user string, password string) error {\n\treturn check(user, password)\n}\n",
        id="go-parameters",
    ),
    pytest.param("cmd/main.go", "cfg := Config{\n\tPassword: cfg.Password,\n}\n", id="go-field-copy"),
    # Java
    pytest.param("src/Db.java", 'String password = System.getenv("DB_PASSWORD");\n', id="java-getenv"),
    pytest.param(
        "src/User.java",
        "public void setPassword(String password) {\n    this.password = password;\n}\n",
        id="java-setter",
    ),
    pytest.param(
        "src/Db.java", '@Value("${db.password}")\nprivate String password;\n', id="java-spring-value"
    ),
    # C#
    pytest.param(
        "Data/Context.cs",
        'var password = Environment.GetEnvironmentVariable("DB_PASSWORD");\n',
        id="csharp-env",
    ),
    pytest.param("Models/User.cs", "public string Password { get; set; }\n", id="csharp-property"),
    pytest.param(
        "Data/Context.cs",
        'var cs = string.Format("Server=db;Database=app;User Id=sa;Password={0};", password);\n',
        id="csharp-format-placeholder",
    ),
    # Ruby
    pytest.param("config/db.rb", 'password = ENV["DB_PASSWORD"]\n', id="ruby-env"),
    pytest.param("config/db.rb", "password = ENV.fetch('DB_PASSWORD')\n", id="ruby-env-fetch"),
    pytest.param("lib/db.rb", 'url = "postgres://app:#{password}@db/app"\n', id="ruby-interpolation"),
    # PHP
    pytest.param("src/Db.php", "<?php\n$password = getenv('DB_PASSWORD');\n", id="php-getenv"),
    pytest.param("src/Login.php", "<?php\n$password = $_POST['password'];\n", id="php-post"),
    pytest.param(
        "wp-config.php", "<?php\ndefine('DB_PASSWORD', getenv('DB_PASSWORD'));\n", id="php-define-getenv"
    ),
    # YAML
    pytest.param("config/app.yaml", "database:\n  password: ${DB_PASSWORD}\n", id="yaml-env-ref"),
    pytest.param("roles/db/defaults/main.yml", 'db_password: "{{ vault_db_password }}"\n', id="yaml-jinja"),
    pytest.param("config/app.yaml", 'password: ""\npassword_min_length: 12\n', id="yaml-empty-and-setting"),
    pytest.param(
        ".github/workflows/ci.yml",
        "env:\n  NPM_TOKEN: ${{ secrets.NPM_TOKEN }}\n  PASSWORD: ${{ secrets.DB_PASSWORD }}\n",
        id="yaml-actions-secrets",
    ),
    # JSON
    pytest.param("config/app.json", '{\n  "password": "",\n  "token": null\n}\n', id="json-empty"),
    pytest.param(
        "package-lock.json",
        '{\n  "integrity": "sha512-Nq3RkIp8xRVEYl/1dXZOQXj1rUkGd2+9rVxLQnQgbM9gYc0pHzvK8j2T9vYzL0xU2'
        'bXzA=="\n}\n',
        id="json-integrity-hash",
    ),
    pytest.param(
        "config/app.json",
        '{"token_type": "Bearer", "token_url": "https://auth.internal/oauth/token"}\n',
        id="json-token-settings",
    ),
    # TOML
    pytest.param("config.toml", '[database]\npassword = "${DB_PASSWORD}"\n', id="toml-env-ref"),
    pytest.param(
        "config.toml", '[database]\npassword_file = "/run/secrets/db"\ntoken = ""\n', id="toml-file-and-empty"
    ),
    # INI
    pytest.param("settings.ini", "[db]\npassword = %(db_password)s\n", id="ini-interpolation"),
    pytest.param("settings.ini", "[db]\npassword =\ntoken_ttl = 3600\n", id="ini-empty-and-ttl"),
    # .env
    pytest.param(".env", "DB_PASSWORD=\nAPI_TOKEN=\n", id="dotenv-empty"),
    pytest.param(".env", "DB_PASSWORD=${DB_PASSWORD}\nSECRET_KEY_FILE=/run/secrets/key\n", id="dotenv-refs"),
    pytest.param(".env.example", "API_KEY=your_api_key_here\nDB_PASSWORD=changeme\n", id="dotenv-example"),
    # Java properties
    pytest.param(
        "src/main/resources/application.properties",
        "spring.datasource.password=${DB_PASSWORD}\n",
        id="properties-ref",
    ),
    pytest.param(
        "src/main/resources/application.properties",
        "app.security.password.min-length=12\napp.token.expiry=3600\n",
        id="properties-settings",
    ),
    # Terraform
    pytest.param(
        "infra/rds.tf",
        'resource "aws_db_instance" "main" {\n  password = var.db_password\n}\n',
        id="terraform-var",
    ),
    pytest.param(
        "infra/rds.tf",
        'resource "aws_db_instance" "main" {\n  password = random_password.db.result\n}\n',
        id="terraform-resource-ref",
    ),
    pytest.param(
        "infra/variables.tf",
        'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
        id="terraform-variable",
    ),
    pytest.param(
        "infra/secrets.tf",
        "locals {\n  password = "
        'jsondecode(data.aws_secretsmanager_secret_version.db.secret_string)["password"]\n}\n',
        id="terraform-secrets-manager",
    ),
    # Shell
    pytest.param(
        "scripts/env.sh",
        '#!/bin/bash\nexport DB_PASSWORD="$(vault kv get -field=password secret/db)"\n',
        id="shell-command-substitution",
    ),
    pytest.param("scripts/login.sh", 'read -r -s -p "Password: " PASSWORD\n', id="shell-read-prompt"),
    pytest.param(
        "scripts/fetch.sh", 'curl -u "$USER:$PASS" https://nexus.internal/\nmysql -p app\n', id="shell-vars"
    ),
    # Dockerfile
    pytest.param(
        "Dockerfile", "FROM alpine\nARG DB_PASSWORD\nENV DB_PASSWORD=${DB_PASSWORD}\n", id="dockerfile-arg"
    ),
    pytest.param(
        "Dockerfile",
        "FROM alpine\nRUN --mount=type=secret,id=db_password cat /run/secrets/db_password\n",
        id="dockerfile-secret-mount",
    ),
    # XML
    pytest.param(
        "settings.xml", "<server>\n  <password>${env.NEXUS_PASSWORD}</password>\n</server>\n", id="xml-ref"
    ),
    pytest.param("settings.xml", "<server>\n  <password></password>\n</server>\n", id="xml-empty"),
    pytest.param(
        "layout.xml",
        '<EditText android:id="@+id/password" android:inputType="textPassword" '
        'android:hint="@string/password" />\n',
        id="xml-android-field",
    ),
    # Public keys are not secrets
    pytest.param(
        "keys/deploy.pub",
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHq2vN9kLp0RtXw5YbC7dFg2HmJ4sWzQ8vN3kLp0RtXw deploy@ci\n",
        id="ssh-public-key",
    ),
    pytest.param(
        "config/jwt.yaml",
        "jwt:\n  public_key: |\n    -----BEGIN PUBLIC KEY-----\n"
        "    MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq2vN9kLp0RtXw5YbC7dFg2HmJ4sW\n"
        "    zQ8vN3kLp0RtXw5YbC7dFg2HmJ4sWzQ8vN3kLp0RtXw5YbC7dFg2HmJ4sWzQ8v==\n"
        "    -----END PUBLIC KEY-----\n",
        id="pem-public-key",
    ),
    # More look-alikes across languages
    pytest.param(
        "app/login.py",
        'password = getpass.getpass("Password: ")\nif password == "":\n    raise SystemExit(1)\n',
        id="python-getpass-prompt",
    ),
    pytest.param(
        "app/settings.py", "PASSWORD_RESET_TIMEOUT = 3600\nTOKEN_LIFETIME = 900\n", id="python-durations"
    ),
    pytest.param(
        "app/aws.py",
        'secret_name = "prod/db/password"\nsecret = client.get_secret_value(SecretId=secret_name)\n',
        id="python-secret-name",
    ),
    pytest.param(
        "app/db.py", 'url = f"postgresql://{user}:{password}@{host}/{db}"\n', id="python-fstring-url"
    ),
    pytest.param("app/patterns.py", 'TOKEN_PATTERN = r"ghp_[A-Za-z0-9]{36}"\n', id="python-regex"),
    pytest.param(
        "app/auth.py",
        'PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]\n'
        "SECRET_KEY = get_random_secret_key()\n",
        id="python-django-settings",
    ),
    pytest.param("src/Login.jsx", 'const [password, setPassword] = useState("");\n', id="jsx-use-state"),
    pytest.param(
        "src/schema.js",
        'password: yup.string().required("Password is required"),\n',
        id="js-validation-message",
    ),
    pytest.param(
        "src/storage.js",
        'const TOKEN_KEY = "auth_token";\nconst token = localStorage.getItem(TOKEN_KEY);\n',
        id="js-storage-key",
    ),
    pytest.param(
        "src/types.ts", "type Credentials = { username: string; password: string };\n", id="ts-type"
    ),
    pytest.param(
        "internal/api/types.go",
        'type Login struct {\n\tPassword string `json:"password"`\n}\n',
        id="go-struct-tag",
    ),
    pytest.param(
        "internal/db/dsn.go",
        'dsn := fmt.Sprintf("postgres://%s:%s@%s/%s", user, password, host, db)\n',
        id="go-sprintf-url",
    ),
    pytest.param(
        "src/Keys.java",
        'private static final String PASSWORD_KEY = "db.password";\n',
        id="java-property-name",
    ),
    pytest.param(
        "Models/Login.cs",
        "[Required]\npublic string Password { get; set; } = string.Empty;\n",
        id="csharp-required-property",
    ),
    pytest.param(
        "app/models/user.rb",
        "validates :password, length: { minimum: 12 }\nhas_secure_password\n",
        id="ruby-validation",
    ),
    pytest.param(
        "src/User.php", "<?php\n$hash = password_hash($password, PASSWORD_DEFAULT);\n", id="php-password-hash"
    ),
    pytest.param(
        "k8s/deployment.yaml",
        "env:\n  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef:\n        name: db\n"
        "        key: password\n",
        id="yaml-secret-key-ref",
    ),
    pytest.param(
        "secrets.enc.yaml", "password: ENC[AES256_GCM,data:Tr7j2w==,iv:x1,tag:y2,type:str]\n", id="yaml-sops"
    ),
    pytest.param(
        "charts/app/templates/secret.yaml",
        'data:\n  password: "{{ .Values.password | b64enc }}"\n',
        id="yaml-helm-template",
    ),
    pytest.param("config/app.yaml", "auth:\n  password: null\n  token: ~\n", id="yaml-null"),
    pytest.param(
        "config/app.json",
        '{"password": "********", "tokenizer": "cl100k_base", "max_tokens": 4096}\n',
        id="json-masked-and-tokenizer",
    ),
    pytest.param(
        "config/ids.json",
        '{"session_id": "9b2f6a1e-3c4d-4e5f-8a7b-1c2d3e4f5a6b", "request_id": '
        '"1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"}\n',
        id="json-uuids",
    ),
    pytest.param(".env", "DB_PASSWORD=op://vault/db/password\n", id="dotenv-1password-ref"),
    pytest.param(
        "infra/vault.tf",
        'password = data.vault_generic_secret.db.data["password"]\n',
        id="terraform-vault-data",
    ),
    pytest.param(
        "scripts/login.sh",
        'docker login -u "$USER" -p "$TOKEN" registry.internal\n'
        'echo "$PASSWORD" | docker login --password-stdin\n',
        id="shell-docker-login-vars",
    ),
    pytest.param(
        "scripts/gen.sh",
        "PASSWORD=$(openssl rand -base64 32)\nTOKEN=`cat /run/secrets/token`\n",
        id="shell-generated",
    ),
    pytest.param(
        "Dockerfile", "FROM alpine\nENV PASSWORD_FILE=/run/secrets/db\n", id="dockerfile-password-file"
    ),
    pytest.param(
        "beans.xml", '<property name="password" value="${jdbc.password}"/>\n', id="xml-spring-property-ref"
    ),
    pytest.param(
        "app/fixtures.py",
        'password_sha1 = "5baa61e4c9b93f3f0682250b6cf8331b7ee68fd8"\n',
        id="python-password-digest",
    ),
    pytest.param(
        "app/release.py",
        'SECRET_CHECKSUM = "d41d8cd98f00b204e9800998ecf8427e"\n',
        id="python-secret-checksum",
    ),
    pytest.param(
        "Web.config",
        '<appSettings>\n  <add key="ApiSecret" value="__API_SECRET__" />\n</appSettings>\n',
        id="xml-replace-token-placeholder",
    ),
    pytest.param(
        "scripts/deploy.bat",
        "@echo off\nset DB_PASSWORD=%DB_SECRET%\n",
        id="batch-env-reference",
    ),
]


@pytest.mark.parametrize(("name", "content", "secret"), TRUE_SECRETS)
def test_true_secret_is_found(tmp_path: Path, name: str, content: str, secret: str) -> None:
    report = _scan_file(tmp_path, name, content)
    found = [(f.rule_id, f.secret) for f in report.findings]
    matching = [rule_id for rule_id, value in found if value == secret]
    assert matching, f"{secret!r} not reported in {name}; found {found}"
    assert all(BY_ID[rule_id].generic for rule_id in matching)


@pytest.mark.parametrize(("name", "content"), LOOK_ALIKES)
def test_look_alike_is_not_found(tmp_path: Path, name: str, content: str) -> None:
    report = _scan_file(tmp_path, name, content)
    assert [(f.rule_id, f.secret) for f in report.findings] == []
