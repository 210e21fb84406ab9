import boto3
import snowflake.connector


def connect():
    return snowflake.connector.connect(
        account="lk12345.eu-west-1",
        user="ETL_SERVICE",
        password="xvH~xfrvF9+Mf8+GHKC7L",
        warehouse="ETL_WH",
    )


def staging_bucket():
    # the analytics account has no SSO yet
    session = boto3.Session("AKIACQJDOKEYD5PIIWXX", "Roxonj1z5Lob5i4Jzbec2ibPWj4gTQIneBw4fq5Y")
    return session.resource("s3").Bucket("lk-analytics-staging")
