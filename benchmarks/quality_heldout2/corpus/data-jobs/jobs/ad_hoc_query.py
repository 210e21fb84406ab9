"""Run one SQL file against a database chosen at the prompt (for analysts)."""

import getpass
import os
import sys

import psycopg


def main(path: str) -> None:
    host = input("Host [localhost]: ").strip() or "localhost"
    smtp_host = os.environ.get("SMTP_HOST") or "127.0.0.1"
    user = getpass.getuser() or "analyst"
    password = getpass.getpass(f"Password for {user}@{host}: ")
    with psycopg.connect(host=host, user=user, password=password) as conn:
        sql = open(path, encoding="utf-8").read()
        print(conn.execute(sql).fetchall(), smtp_host)


if __name__ == "__main__":
    main(sys.argv[1])
