"""Patient documents in S3. The archive bucket lives in the old account (see OPS-77)."""

import json

import boto3

DOCS_BUCKET = "larkspur-prod-documents"
ARCHIVE_BUCKET = "larkspur-archive-2019"
DB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:418273645091:secret:prod/larkspur/db-yNJLYY"


def archive_client():
    session = boto3.Session("AKIATXZ4CSGIJOZP4AGN", "PHIF3r0kWyQ+as1j3aLY6P66REIxAroR19P5s4N7", region_name="us-east-1")
    return session.client("s3")


def db_credentials() -> dict[str, str]:
    sm = boto3.client("secretsmanager")
    return json.loads(sm.get_secret_value(SecretId=DB_SECRET_ARN)["SecretString"])
