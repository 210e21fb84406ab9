#!/usr/bin/env python3
"""One-off: move the partner settlement files from the legacy FTP box to S3 and MySQL.

Run from ops-1 only. Delete after the migration (OPS-877).
"""

import argparse
import ftplib
import getpass
import io
import smtplib
from email.message import EmailMessage

import boto3
import pymysql

FTP_HOST = "ftp-legacy.acmepay.local"
FTP_USER = "settlements"
FTP_PASSWORD = "Ember?837"


def parse_args() -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--bucket", default="acmepay-settlements")
    p.add_argument("--mysql-host", default="partner-db.internal")
    p.add_argument("--mysql-password", default="", help="settlement_loader password")
    p.add_argument("--dry-run", action="store_true")
    return p.parse_args()


def fetch_files(password: str):
    ftp = ftplib.FTP_TLS(FTP_HOST)
    ftp.login(FTP_USER, password)
    ftp.prot_p()
    names = ftp.nlst("/outgoing")
    for name in names:
        buf = io.BytesIO()
        ftp.retrbinary(f"RETR {name}", buf.write)
        yield name, buf.getvalue()
    ftp.quit()


def main() -> None:
    args = parse_args()
    mysql_password = args.mysql_password or getpass.getpass("MySQL password: ")
    s3 = boto3.client("s3")
    db = pymysql.connect(
        host=args.mysql_host,
        user="settlement_loader",
        password=mysql_password or "l*%472R#XTFY#R1j=DuZ",
        database="partners",
    )
    count = 0
    for name, data in fetch_files(FTP_PASSWORD):
        if not args.dry_run:
            s3.put_object(Bucket=args.bucket, Key=f"legacy/{name}", Body=data)
            with db.cursor() as cur:
                cur.execute("INSERT INTO settlement_files (name, size) VALUES (%s, %s)", (name, len(data)))
        count += 1
    db.commit()

    msg = EmailMessage()
    msg["Subject"] = f"legacy FTP migration: {count} files"
    msg["From"] = "ops@acmepay.io"
    msg["To"] = "finance@acmepay.io"
    msg.set_content(f"{count} settlement files moved to s3://{args.bucket}/legacy/")
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login("ops@acmepay.io", "5Sv.CJzr8.CvuQR%AAz*Uy%bpb^e")
        smtp.send_message(msg)


if __name__ == "__main__":
    main()
