"""Rotate the application's database password: new value into Secrets Manager, then ALTER ROLE."""

import getpass
import secrets

import boto3
import psycopg

SECRET_ID = "prod/larkspur/db"


def main() -> None:
    admin_pw = getpass.getpass("RDS master password: ")
    new_pw = secrets.token_urlsafe(32)
    sm = boto3.client("secretsmanager")
    sm.put_secret_value(SecretId=SECRET_ID, SecretString=new_pw)
    with psycopg.connect(host="localhost", user="postgres", password=admin_pw) as conn:
        conn.execute("ALTER ROLE larkspur_app PASSWORD %s", (new_pw,))
    print("rotated; fingerprint", hashlib_sha(new_pw.encode("ascii")))


def hashlib_sha(data: bytes) -> str:
    import hashlib

    return hashlib.sha256(data).hexdigest()[:12]
