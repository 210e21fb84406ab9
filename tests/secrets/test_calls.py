"""Credentials given by position (login, bind and connect calls), in libpq connection strings in
code, and on command lines (key options, tool-specific password options, ``-p<password>`` in
health checks). Literals only: variables and environment references are not secrets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.secrets.structured import ENGINES, findings, secrets_of

PW = "Tr0ub4dor&3x"
KEY = "pjkNuK2R7CZufUI+VC2X31YS/g7CMVnnp60QRA3g8BX56mzOac9l/hSMfdcYMjVKm2dC6s6im7iejzoFFx9zLQ=="

FOUND = [
    (
        "ldap_client.py",
        f'conn = ldap.initialize(URI)\nconn.simple_bind_s("cn=admin,dc=acme,dc=io", "{PW}")\n',
        PW,
    ),
    ("directory.php", f'$ok = ldap_bind($ds, "cn=svc,ou=apps,dc=acme,dc=io", "{PW}");\n', PW),
    ("ldap.go", f'if err := l.Bind("cn=svc-ldap,ou=services,dc=acme,dc=io", "{PW}"); err != nil {{\n', PW),
    ("ldap.go", f'err = conn.Bind(bindDN, "{PW}")\n', PW),
    ("upload.py", f'with ftplib.FTP("ftp.acme.io", "deploy", "{PW}") as ftp:\n', PW),
    ("upload.py", f'ftp = FTP_TLS("ftp.acme.io", "deploy", "{PW}")\n', PW),
    ("upload.rb", f"Net::FTP.open('ftp.acme.io', 'deploy', '{PW}') do |ftp|\n", PW),
    ("upload.php", f'ftp_login($conn, "deploy", "{PW}");\n', PW),
    ("upload.py", f'ftplib.FTP("ftp.acme.io").login("deploy", "{PW}")\n', PW),
    ("report.py", f'db = MySQLdb.connect("localhost", "report", "{PW}", "shop")\n', PW),
    ("report.py", f'db = pymysql.connect("db.internal", "report", "{PW}")\n', PW),
    ("mail.go", f'auth := smtp.PlainAuth("", "ops@acme.io", "{PW}", "smtp.acme.io")\n', PW),
    ("mail.py", f'server.login("ops@acme.io", "{PW}")\n', PW),
    # Ruby's Net::SMTP: the secret is the fifth argument of start, the third of a session's start.
    (
        "mailer.rb",
        f"Net::SMTP.start('smtp.acme.io', 587, 'acme.io', 'ops@acme.io', '{PW}', :login) do |smtp|\n",
        PW,
    ),
    ("mailer.rb", f'Net::SMTP.start("smtp.acme.io", 25, "acme.io", "ops", "{PW}")\n', PW),
    (
        "mailer.rb",
        f"smtp = Net::SMTP.new('smtp.acme.io', 587)\nsmtp.start('acme.io', 'ops', '{PW}', :plain)\n",
        PW,
    ),
    ("mail.py", f'imap = imaplib.IMAP4_SSL("imap.acme.io")\nimap.login("ops@acme.io", "{PW}")\n', PW),
    ("mail.py", f'pop.user("ops")\npop.pass_("{PW}")\n', PW),
    ("inbox.php", f'$mbox = imap_open("{{imap.acme.io:993/imap/ssl}}INBOX", "ops@acme.io", "{PW}");\n', PW),
    ("Mailer.java", f'transport.connect("smtp.acme.io", 587, "ops@acme.io", "{PW}");\n', PW),
    ("Directory.java", f'env.put(Context.SECURITY_CREDENTIALS, "{PW}");\n', PW),
    ("api.test.js", f"await request(app).get('/admin').auth('admin', '{PW}')\n", PW),
    ("setup.py", f'keyring.set_password("acme-api", "deploy", "{PW}")\n', PW),
    ("ssh.py", f'transport.auth_password("deploy", "{PW}")\n', PW),
    (
        "db.py",
        'conn = psycopg2.connect("host=db.internal dbname=orders user=app password=Hx4pQ9tR2vW7zK")\n',
        "Hx4pQ9tR2vW7zK",
    ),
    (
        "db.php",
        '$db = pg_connect("host=localhost port=5432 dbname=shop user=shop password=Tr0ub4dor3x");\n',
        "Tr0ub4dor3x",
    ),
    (
        "deploy.sh",
        f'az storage blob upload-batch --account-name acme --account-key "{KEY}" -d web -s dist\n',
        KEY,
    ),
    ("deploy.sh", f"az storage container create -n logs --account-key={KEY}\n", KEY),
    (
        "deploy.sh",
        "az login --service-principal -u 9a8b7c6d --client-secret 'Gm8~xQ3pZ7.vL2kR9tW4nH6jD1sF5aE0'\n",
        "Gm8~xQ3pZ7.vL2kR9tW4nH6jD1sF5aE0",
    ),
    (
        "sync.sh",
        "s3cmd --access_key=AKIA2E0A8F3B244C9986 --secret_key=Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz ls\n",
        "Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz",
    ),
    (
        "certs.sh",
        "keytool -importkeystore -srckeystore a.p12 -srcstorepass Vp9kLm2Qx7r -deststorepass Vp9kLm2Qx7r\n",
        "Vp9kLm2Qx7r",
    ),
    (
        "certs.sh",
        "openssl pkcs12 -export -in c.pem -inkey k.pem -passout pass:Vp9kLm2Qx7r -out b.p12\n",
        "Vp9kLm2Qx7r",
    ),
    (
        "backup.sh",
        "mongodump --uri mongodb://db.internal:27017 -u backup -p Vp9kLm2Qx7r --out /backups\n",
        "Vp9kLm2Qx7r",
    ),
    (
        "backup.sh",
        "sqlcmd -S db.internal -U sa -P 'Vp9kLm2Qx7r!' -Q 'BACKUP DATABASE shop'\n",
        "Vp9kLm2Qx7r!",
    ),
    (
        "backup.sh",
        "smbclient //files.internal/backups -U backup%Vp9kLm2Qx7r -c 'put db.bak'\n",
        "Vp9kLm2Qx7r",
    ),
    (
        "docker-compose.yml",
        "services:\n  db:\n    image: mysql:8\n    healthcheck:\n"
        '      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-u", "root", "-pS3cretPw9"]\n',
        "S3cretPw9",
    ),
    (
        "docker-compose.yml",
        "    healthcheck:\n      test: mysqladmin ping -h localhost -pS3cretPw9\n",
        "S3cretPw9",
    ),
    ("restore.sh", "mysql -uroot -pS3cretPw9 shop < dump.sql\n", "S3cretPw9"),
]


@pytest.mark.parametrize(
    ("name", "content", "secret"), FOUND, ids=[f"{i}-{c[0]}" for i, c in enumerate(FOUND)]
)
@pytest.mark.parametrize("engine", ENGINES)
def test_credential_is_found(tmp_path: Path, name: str, content: str, secret: str, engine: str) -> None:
    assert secret in secrets_of(findings(tmp_path, name, content, engine))


NOT_FOUND = [
    ("ldap_client.py", "conn.simple_bind_s(bind_dn, password)\n"),
    ("ldap_client.py", 'conn.simple_bind_s("cn=admin,dc=acme,dc=io", os.environ["LDAP_PASSWORD"])\n'),
    ("ui.js", 'const handler = this.onClick.bind(this, "Tr0ub4dor&3x");\n'),
    ("upload.py", 'ftp = ftplib.FTP("ftp.acme.io", "anonymous", "")\n'),
    ("report.py", 'db = MySQLdb.connect("localhost", "report", password, "shop")\n'),
    ("mail.go", 'auth := smtp.PlainAuth("", user, os.Getenv("SMTP_PASSWORD"), host)\n'),
    ("mailer.rb", "Net::SMTP.start(host, 587, domain, user, ENV['SMTP_PASSWORD'], :login)\n"),
    ("mailer.rb", "Net::SMTP.start('smtp.acme.io', 25) do |smtp|\n"),
    ("workers.js", "pool.start('queue', 'jobs', 'Tr0ub4dor&3x')\n"),  # no SMTP auth type: not a session
    ("setup.py", 'keyring.set_password("acme-api", "deploy", "changeme")\n'),
    ("db.py", 'conn = psycopg2.connect(f"host={host} dbname=orders user=app password={password}")\n'),
    ("deploy.sh", 'az storage blob upload --account-name acme --account-key "$AZURE_STORAGE_KEY" -f x\n'),
    ("sync.sh", "s3cmd --access_key=AKIA2E0A8F3B244C9986 ls\n"),
    ("certs.sh", "openssl pkcs12 -export -passout env:P12_PASSWORD -out bundle.p12\n"),
    ("backup.sh", "mongosh mongodb://db.internal:27017/admin -u admin -p --authenticationDatabase admin\n"),
    (
        "docker-compose.yml",
        '      test: ["CMD", "mysqladmin", "ping", "-h", "localhost", "-p$MYSQL_ROOT_PASSWORD"]\n'
        "      test: mysqladmin ping -h localhost -p$$MYSQL_ROOT_PASSWORD\n    ports:\n      - 3306:3306\n",
    ),
    ("run.sh", "mysql -h db -P 3306 -p -e 'select 1'\ndocker run -p 3306:3306 mysql\n"),
]


@pytest.mark.parametrize(("name", "content"), NOT_FOUND, ids=[f"{i}-{c[0]}" for i, c in enumerate(NOT_FOUND)])
@pytest.mark.parametrize("engine", ENGINES)
def test_no_credential(tmp_path: Path, name: str, content: str, engine: str) -> None:
    assert findings(tmp_path, name, content, engine) == set()
