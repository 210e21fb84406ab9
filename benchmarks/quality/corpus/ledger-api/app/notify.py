import ftplib
import imaplib
import smtplib

import ldap
import pymysql
import requests


def send(msg):
    with smtplib.SMTP("smtp.office365.com", 587) as smtp:
        smtp.starttls()
        smtp.login("ledger@acmepay.io", "I=QQ6C*ho5z9UPHrX.qqZ*g2")
        smtp.send_message(msg)


def fetch_statements():
    ftp = ftplib.FTP("ftp.bank.example")
    ftp.login('acmepay', '7h_=^0_f%1P1A8')
    imap = imaplib.IMAP4_SSL("imap.acmepay.io")
    imap.login('statements@acmepay.io', 'M4rble@665')


def directory():
    conn = ldap.initialize("ldaps://ldap1.corp.acmepay.io")
    conn.simple_bind_s("cn=ledger,ou=services,dc=corp,dc=acmepay,dc=io", "SQx0y=lvnqSA*2yb!9")
    return conn


db = pymysql.connect("10.0.4.9", "ledger", "keKyK%6^-#Lhnn", "ledger")
rates = requests.get("https://fx.example/rates", auth=("acmepay", "wuk3!BB6ZvqJNE3l"), timeout=10)
def fetch_rates(user: str, password: str):
    return requests.get("https://fx.example/rates", auth=(user, password), timeout=10)
