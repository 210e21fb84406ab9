"""CSV/TSV exports whose only keyword is the header: every data row's cell in a secret column is
reported at that row's line; empty cells, placeholders and non-secret columns are not."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.secrets.structured import ENGINES, by_rule, findings

RULE = "csv-secret-column"

BITWARDEN = (
    "folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n"
    "Work,1,login,GitLab,,,0,https://gitlab.acme.io,ops@acme.io,Tq8#vLx2!pRz9mWc,JBSWY3DPEHPK3PXQ\n"
    'Work,,login,Grafana,"on-call account,\nshared with SRE",,0,https://grafana.acme.io,sre,"Gr4f""ana-Pz7!q",\n'
    "Personal,,note,Wi-Fi,door code 4471,,0,,,,\n"
    ",,login,Staging,,,0,https://staging.acme.io,admin,changeme,\n"
)
LASTPASS = (
    "url,username,password,totp,extra,name,grouping,fav\n"
    "https://console.acme.io,ops,N7rTq2wZ8s!k,,,Console,Ops,0\n"
    "https://vpn.acme.io,jdoe,Vp9$kLm2Qx7r,,,VPN,Ops,1\n"
    "http://sn,,,,NoteType:Server Notes,Router,,0\n"
)
CHROME = (
    "name,url,username,password\n"
    "app.acme.io,https://app.acme.io/login,jdoe@acme.io,Hx4-pQ9!tR2vW7zK\n"
    "github.com,https://github.com/session,jdoe,\n"
)
IAM = (
    "User name,Password,Access key ID,Secret access key,Console login link\n"
    "deploy,Xk9#mQ2vLpz7,AKIA2E0A8F3B244C9986,Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz,"
    "https://123456789012.signin.aws.amazon.com/console\n"
)
ACCESS_KEYS = (
    "\ufeffAccess key ID,Secret access key\r\n"
    "AKIA2E0A8F3B244C9986,Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz\r\n"
)
TSV = (
    "host\tport\tuser\tpassword\tnotes\n"
    "db1.internal\t5432\tapp\tZq8*mN3vLp6!Rt2W\tprimary\n"
    "db2.internal\t5432\tapp\t\t\n"
)
SEMICOLON = '"Service";"Login";"API Token"\n"Billing";"svc-billing";"9f8e7d6c5b4a39281706f5e4d3c2b1a0"\n'


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        # The multi-line quoted note does not shift the columns; "" inside quotes is one quote.
        (
            "exports/bitwarden_export.csv",
            BITWARDEN,
            {(2, "Tq8#vLx2!pRz9mWc"), (2, "JBSWY3DPEHPK3PXQ"), (4, 'Gr4f""ana-Pz7!q')},
        ),
        ("lastpass.csv", LASTPASS, {(2, "N7rTq2wZ8s!k"), (3, "Vp9$kLm2Qx7r")}),
        ("Chrome Passwords.csv", CHROME, {(2, "Hx4-pQ9!tR2vW7zK")}),
        (
            "new_user_credentials.csv",
            IAM,
            {(2, "Xk9#mQ2vLpz7"), (2, "Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz")},
        ),
        ("deploy_accessKeys.csv", ACCESS_KEYS, {(2, "Kx3mQ8vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8Pq3Sz")}),
        ("inventory/databases.tsv", TSV, {(2, "Zq8*mN3vLp6!Rt2W")}),
        ("tokens.csv", SEMICOLON, {(2, "9f8e7d6c5b4a39281706f5e4d3c2b1a0")}),
    ],
    ids=["bitwarden", "lastpass", "chrome", "iam-credentials", "iam-access-keys", "tsv", "semicolon-quoted"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_secret_columns_are_reported_per_row(
    tmp_path: Path, name: str, content: str, expected: set[tuple[int, str]], engine: str
) -> None:
    assert by_rule(findings(tmp_path, name, content, engine), RULE) == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # An IAM credential report: about credentials, holding none.
        (
            "credential-report.csv",
            "user,arn,user_creation_time,password_enabled,password_last_used,password_last_changed,"
            "password_next_rotation,mfa_active,access_key_1_active,access_key_1_last_rotated\n"
            "ops,arn:aws:iam::123456789012:user/ops,2023-01-02T03:04:05+00:00,true,2024-05-06T07:08:09+00:00,"
            "2024-01-01T00:00:00+00:00,N/A,true,true,2024-02-03T04:05:06+00:00\n",
        ),
        # Placeholders, references and empty cells.
        (
            "users.csv",
            "username,password\nalice,\nbob,changeme\ncarol,<password>\ndave,${DAVE_PASSWORD}\nerin,********\n",
        ),
        # A CSV without a secret column.
        ("hosts.csv", "name,ip,owner\nweb1,10.0.0.5,Xk9mQ2vLpz7\n"),
        # Code whose first line happens to hold commas and a secret-like word is not a table.
        ("app.py", "token, secret = load()\nprint(token, 'Xk9mQ2vLpz7Rq')\n"),
        # A prose text file: too few columns to be taken for a table.
        ("notes.txt", "Token, password\nrotate them, Xk9mQ2vLpz7Rq\n"),
    ],
    ids=["iam-credential-report", "placeholders", "no-secret-column", "code", "prose"],
)
@pytest.mark.parametrize("engine", ENGINES)
def test_no_secret_cell(tmp_path: Path, name: str, content: str, engine: str) -> None:
    assert by_rule(findings(tmp_path, name, content, engine), RULE) == set()


def test_an_unterminated_quote_neither_hangs_nor_hides_the_next_rows(tmp_path: Path) -> None:
    content = 'name,password\n"broken,' + "x" * 200_000 + "\nweb,Hx4-pQ9!tR2vW7zK\n"
    assert by_rule(findings(tmp_path, "broken.csv", content, "python"), RULE) == {(3, "Hx4-pQ9!tR2vW7zK")}


def test_markdown_delimiter_rows_are_those_a_search_of_the_whole_file_finds() -> None:
    # The rows are looked for at the lines holding ``---``, not by a search of every byte: the same
    # rows must come out, with tables, rules, front matter, setext headings, CRLF and ``---`` in prose.
    import random

    from seawall.secrets.rules import tabular

    pieces = (
        "| user | password |\n|------|----------|\n| ops | Tq8#vLx2!pRz9mWc |\n",
        "name | token\n:--- | ---:\nci | x\n",
        "---\ntitle: Runbook\n---\n",
        "Heading\n-------\n",
        "text with --- inside, and a rule below\n\n---\n",
        "| a | b |\r\n| --- | :-: |\r\n| 1 | 2 |\r\n",
        "   |---|---|\n",
        "    |---|---|\n",  # indented four: code, not a table
        "plain line\n",
        "|--|---|\n",
        "---|---",
    )
    rnd = random.Random(3)  # noqa: S311 (reproducible test data)
    for _ in range(200):
        data = "".join(rnd.choice(pieces) for _ in range(rnd.randint(0, 12))).encode()
        expected = [m.span() for m in tabular._MD_DELIMITER.finditer(data)]
        assert [m.span() for m in tabular._md_delimiters(data)] == expected, data
