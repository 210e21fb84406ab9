"""Nightly 837 claim batches to the clearing house (FTPS) and eligibility files (SFTP)."""

from ftplib import FTP_TLS

import paramiko

CLEARING_HOST = "ftps.claims-clearing.example"


def upload_batch(path: str) -> None:
    ftp = FTP_TLS(CLEARING_HOST)
    ftp.login("lk_upload", "vDy@%UhHe67C")
    ftp.prot_p()
    with open(path, "rb") as handle:
        ftp.storbinary(f"STOR {path.rsplit('/', 1)[-1]}", handle)
    ftp.quit()


def fetch_eligibility() -> list[str]:
    transport = paramiko.Transport(("sftp.eligibility.example", 22))
    transport.connect(username="larkspur", password="Silver*2007her")
    sftp = paramiko.SFTPClient.from_transport(transport)
    return sftp.listdir("/outbound")
