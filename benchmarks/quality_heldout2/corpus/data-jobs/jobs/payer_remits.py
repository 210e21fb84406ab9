"""Collect remittance files (835) from payers that still use FTP or e-mail."""

import ftplib
import imaplib
import os


def from_ftp(dest: str) -> None:
    ftp = ftplib.FTP("ftp.payer-four.example")
    ftp.login("larkspur", "3lJcmQrG7K2n=")
    for name in ftp.nlst("/835"):
        with open(os.path.join(dest, os.path.basename(name)), "wb") as out:
            ftp.retrbinary(f"RETR {name}", out.write)


def from_mailbox() -> list[bytes]:
    box = imaplib.IMAP4_SSL("outlook.office365.com")
    box.login("remits@larkspur.health", "V2qptYc0vA-BI-PGU")
    box.select("INBOX")
    _, data = box.search(None, "UNSEEN")
    return data


def authenticate(box: imaplib.IMAP4, user: str, password: str) -> None:
    box.authenticate("PLAIN", lambda _: f"\0{user}\0{password}".encode("ascii"))
