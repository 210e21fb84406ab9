"""Secrets in the formats of network daemons and admin tools, each led by a literal the format
itself writes (so the engines try them only where it occurs):

- WireGuard's ``PresharedKey`` (base64 of 32 bytes, in ``wg0.conf`` or a ``wg-quick`` profile);
- Dovecot's clear-text password schemes (``{PLAIN}``, ``{CLEAR}``, ``{CLEARTEXT}``, ``{PLAIN-TRUNC}``) in a
  passwd-file or a static passdb;
- HAProxy's ``stats auth user:password``;
- Apache's ``SetEnv`` and nginx's ``fastcgi_param``/``uwsgi_param``/``scgi_param`` handing a secret-named
  variable to an application;
- PowerShell's ``-Password``/``-ClientSecret`` parameters given a literal;
- ``git -c http.extraheader`` / ``[http] extraheader`` with an Authorization header (CI checkouts);
- values wrapped in Puppet's ``Sensitive(...)`` or Terraform's ``sensitive(...)``: the wrapper says it
  is a secret;
- Bundler's gem-server credentials (``BUNDLE_GEMS__EXAMPLE__COM: "user:password"`` in ``.bundle/config``
  or the environment, ``bundle config set gems.example.com user:password``);
- Redis ACL users (``user app on >password ~keys:* +@all``: ``>`` adds a clear-text password);
- Kafka's JAAS ``PlainLoginModule`` users on a broker (``user_alice="password"``);
- Squid's ``cachemgr_passwd``, net-snmp's ``createUser`` (SNMPv3 auth and privacy passphrases), vpnc's
  ``IPSec secret`` and ``Xauth password``;
- LDIF's ``userPassword::`` (base64, which hides nothing), when it decodes to a clear-text password;
- Wi-Fi keys: ``<keyMaterial>`` in a Windows WLAN profile exported with ``key=clear``, ``psk=`` in
  NetworkManager and wpa_supplicant;
- Netlify's ``Basic-Auth:`` header rule (``_headers``), Beats' and Logstash's ``cloud.auth: user:password``.
"""

from __future__ import annotations

import base64
import binascii

from seawall.model import Confidence, Severity
from seawall.secrets.context import (
    named_secret_ok,
    password_value_ok,
    token_value_ok,
)
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._structured import password_ok
from seawall.secrets.rules.base import Candidate, Rule

_KEY_REMEDIATION = (
    "Generate a new pre-shared key (`wg genpsk`), deploy it to both peers, and remove the old one from "
    "the repository and its history; ship keys from a secrets store."
)


def _wireguard_key(value: str) -> bool:
    """Base64 of 32 bytes (what ``wg genpsk`` and ``wg genkey`` print), not all one byte."""
    try:
        raw = base64.b64decode(value, validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(raw) == 32 and len(set(raw)) > 8


def _wrapped_ok(c: Candidate) -> bool:
    """A value a ``Sensitive``/``sensitive`` wrapper marks as secret: anything a person could have
    chosen (``password_ok``: no stand-in, no reference, no word of a template)."""
    return password_ok(c.secret)


def _jaas_user_ok(c: Candidate) -> bool:
    """A JAAS entry: on a line of its own (a ``KafkaServer { ... }`` block), after the login module
    (``sasl.jaas.config=...PlainLoginModule required ... user_alice="..."``), or in a JAAS file; not a
    keyword argument in code (``make_headers(user_agent="...")``)."""
    line = c.line_text.lstrip()
    jaas = line.startswith("user_") or "LoginModule" in c.line_text or "jaas" in c.path.lower()
    return jaas and password_value_ok(c)


def _ldif_password_ok(c: Candidate) -> bool:
    """``userPassword::`` is base64 of what the directory stores: a hash (``{SSHA}...``, ``{CRYPT}...``)
    is none; clear text is the password."""
    try:
        text = base64.b64decode(c.secret, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return False
    if not text or text.startswith("{") or not text.isprintable():
        return False
    return password_ok(text)


RULES: tuple[Rule, ...] = (
    Rule(
        id="wireguard-preshared-key",
        title="WireGuard pre-shared key",
        description="A WireGuard PresharedKey: with the peers' keys, it lets whoever holds it into the tunnel.",
        severity=Severity.HIGH,
        pattern=r"(?<![\w-])PresharedKey[ \t]*=[ \t]*(?P<secret>[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=)(?![A-Za-z0-9+/=])",
        keywords=("presharedkey",),
        remediation=_KEY_REMEDIATION,
        references=("https://www.wireguard.com/quickstart/",),
        examples=(
            "[Peer]\nPublicKey = xTIBA5rboUvnH4htodjb6e697QjLERt1NAB4mZqp8Dg=\nPresharedKey = "
            "8V/aMvFb2nO0xS9rN1ZkYqLm3Jt5UcWp7HdEg4Rs6Ao=\n",
        ),
        counter_examples=(
            "PresharedKey = <output of wg genpsk>",
            "PresharedKey = AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=",
        ),
        validator=_wireguard_key,
        confidence=Confidence.HIGH,
        ignore_case=True,
        line_scoped=True,
        compliance=("CWE-321",),
    ),
    generic_rule(
        "dovecot-plain-password",
        "Clear-text password in a Dovecot passwd-file or passdb ({PLAIN}, {CLEARTEXT})",
        r"\{(?:PLAIN|CLEAR|CLEARTEXT|PLAIN-TRUNC)\}(?P<secret>[^\s:\"'{}]{4,200})",
        ("{plain}", "{clear}", "{cleartext}", "{plain-trunc}"),
        password_value_ok,
        examples=(
            "ops@meridian.example:{PLAIN}Vt6!Lq2mZx9w:5000:5000::/var/mail/ops\n",
            "passdb {\n  driver = static\n  args = password={CLEARTEXT}Hq7#Ln2vXp9k\n}",
        ),
        counter_examples=(
            "ops@meridian.example:{SHA512-CRYPT}$6$rounds=5000$abc$def:5000:5000::/var/mail/ops",
            "user:{PLAIN}password:1000:1000",
        ),
        anchored=True,
        example_path="etc/dovecot/users",
    ),
    generic_rule(
        "haproxy-stats-auth",
        "Password of HAProxy's statistics page (stats auth)",
        r"(?<![\w-])stats[ \t]+auth[ \t]+[^\s:#]{1,64}:(?P<secret>[^\s#]{4,200})",
        ("stats auth",),
        password_value_ok,
        examples=("listen stats\n    bind :8404\n    stats enable\n    stats auth admin:Gw8!pQ2vLx7z\n",),
        counter_examples=("    stats auth admin:${STATS_PASSWORD}", "    stats auth admin:admin"),
        anchored=False,
        example_path="etc/haproxy/haproxy.cfg",
    ),
    generic_rule(
        "web-server-env-secret",
        "Secret handed to an application by the web server (Apache SetEnv, nginx fastcgi_param)",
        r"(?<![\w-])(?:SetEnv|fastcgi_param|uwsgi_param|scgi_param)[ \t]+(?P<name>[\w.\-]{1,80})[ \t]+"
        r"(?P<q>[\"']?)(?P<secret>[^\s\"';]{4,300})(?P=q)[ \t]*(?:;|\r?$)",
        ("setenv", "fastcgi_param", "uwsgi_param", "scgi_param"),
        named_secret_ok,
        examples=(
            "<VirtualHost *:443>\n    SetEnv DB_PASSWORD Hq7#Ln2vXp9k\n</VirtualHost>",
            "    fastcgi_param STRIPE_SECRET_KEY 9c1f0e7d6a5b4c3d2e1f0a9b8c7d6e5f;",
            '    SetEnv APP_SECRET "kT4vWq9zLm2xRp7s"',
        ),
        counter_examples=(
            "    SetEnv APP_ENV production",
            "    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;",
            "    SetEnv DB_PASSWORD ${DB_PASSWORD}",
        ),
        example_path="etc/apache2/sites-enabled/app.conf",
    ),
    generic_rule(
        "powershell-password-parameter",
        "Password given to a PowerShell command's -Password parameter (Invoke-Sqlcmd, Connect-*)",
        r"(?<![\w-])-(?P<name>Password|ClientSecret|AccessToken|ApiKey|PersonalAccessToken)[ \t]+"
        r"(?P<q>['\"])(?P<secret>[^'\"\r\n$`]{4,200})(?P=q)",
        ("-password", "-clientsecret", "-accesstoken", "-apikey", "-personalaccesstoken"),
        password_value_ok,
        examples=(
            'Invoke-Sqlcmd -ServerInstance db01 -Username sa -Password "Kq8#vW3mZp2L" -Query "SELECT 1"',
            "Connect-AzAccount -ServicePrincipal -TenantId $t -ApplicationId $a -ClientSecret 'Xk9mQ2vLpz7Wn2Rt'",
        ),
        counter_examples=(
            'Invoke-Sqlcmd -ServerInstance db01 -Username sa -Password "$env:SQL_PASSWORD"',
            "Invoke-Sqlcmd -ServerInstance db01 -Username sa -Password $SqlPassword",
            'mysql --password "Kq8#vW3mZp2L"',  # a double dash: the command-line rules' own
        ),
        example_path="deploy/restore.ps1",
    ),
    generic_rule(
        "git-extraheader-credential",
        "Credential in a git Authorization extraheader",
        r"extraheader[\"']?[ \t]*[= \t][ \t]*[\"']?(?:authorization|private-token|job-token)[ \t]*:[ \t]*"
        r"(?:(?:basic|bearer|token)[ \t]+)?(?<![\w+/=.~\-])(?P<secret>[A-Za-z0-9+/=._~\-]{8,500})",
        ("extraheader",),
        token_value_ok,  # Basic credentials must decode to user:password, a token look random
        examples=(
            'git -c http.extraheader="AUTHORIZATION: basic eC1hY2Nlc3MtdG9rZW46Z2hzX2s4TTJ2UTl4TDNwUTd3WjFy'
            'TjVmSDl0SzJ2QjhqRDRtUA==" fetch origin',
            '[http "https://gitlab.example.com/"]\n\textraheader = PRIVATE-TOKEN: glpat-Xk9mQ2vLpz7Wn2Rt5Yb9',
        ),
        counter_examples=(
            'git -c http.extraheader="AUTHORIZATION: bearer ${{ secrets.GITHUB_TOKEN }}" fetch',
            'git config http.extraheader "AUTHORIZATION: basic $(echo -n x:$TOKEN | base64)"',
        ),
        example_path="ci/checkout.sh",
    ),
    generic_rule(
        "sensitive-wrapped-value",
        "Secret wrapped in Puppet's Sensitive() or Terraform's sensitive()",
        r"(?<![\w.])[Ss]ensitive\([ \t]*(?P<q>['\"])(?P<secret>[^'\"\r\n$]{4,300})(?P=q)[ \t]*\)",
        ("sensitive(",),
        _wrapped_ok,
        examples=(
            "  password => Sensitive('Jq4!xRm8Tz2w'),",
            'resource "x" "y" {\n  token = sensitive("c8f1e3a9b07d4e2f9a6b5c3d")\n}',
        ),
        counter_examples=("  password => Sensitive($db_password),", "  password => Sensitive('changeme'),"),
        example_path="modules/db/manifests/init.pp",
    ),
    generic_rule(
        "bundler-gem-server-credentials",
        "Credentials for a private gem server in Bundler's configuration",
        r"(?:\bBUNDLE_[A-Z0-9_]{0,80}__[A-Z0-9_]{1,80}[\"']?[ \t]*[:=][ \t]*|\bbundle config[ \t]+"
        r"(?:set[ \t]+)?(?:--(?:global|local)[ \t]+)?(?<![\w.\-])[\w\-]{1,100}(?:\.[\w\-]{1,100}){1,10}[ \t]+)(?P<q0>[\"']?)"
        r"[^\s:\"'@/]{1,100}:(?P<secret>[^\s\"'@]{4,200})(?P=q0)",
        ("bundle_", "bundle config"),
        password_value_ok,
        examples=(
            '---\nBUNDLE_GEMS__CONTRIBSYS__COM: "a7c3e9f1:b5d2e8c4"\nBUNDLE_PATH: "vendor/bundle"\n',
            "export BUNDLE_RUBYGEMS__PKG__GITHUB__COM=ci-bot:ghp_Xk9mQ2vLpz7Wn2Rt5Yb9Cd4Fg6Hj1Kl0Mn8P",
            "bundle config set --global gems.contribsys.com f3a9c1e7:9b2d4f6a",
        ),
        counter_examples=(
            'BUNDLE_GEMS__CONTRIBSYS__COM: "${SIDEKIQ_CREDS}"',
            "BUNDLE_GITHUB__COM: x-access-token:$GITHUB_TOKEN",
            'BUNDLE_PATH: "vendor/bundle"',
        ),
        example_path=".bundle/config",
    ),
    generic_rule(
        "redis-acl-password",
        "Clear-text password of a Redis ACL user (redis.conf, users.acl, ACL SETUSER)",
        r"(?<![\w-])(?:acl[ \t]+set)?user[ \t]+[^\s>#]{1,100}(?:[ \t]+[^\s>#]{1,100}){0,8}?[ \t]+>(?P<secret>[^\s>]{4,300})",
        # A blank after ``user``: JSON and code write ``user`` in names thousands of times (``user_id``,
        # ``"user0"``), an ACL line never.
        ("user ", "user\t", "setuser"),
        password_value_ok,
        examples=(
            "user ledger on >Zq8vN3kLp0RtXw5Y ~ledger:* +@all\n",
            "ACL SETUSER worker on resetpass >Hx7pQ2vLm9Wz4Rt ~jobs:* +@list",
        ),
        counter_examples=(
            "user ledger on #4d1e1c5c2f0a9b8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706 ~ledger:* +@all",
            "user default on nopass ~* +@all",
            "user ledger on >${REDIS_PASSWORD} ~* +@all",
        ),
        example_path="etc/redis/users.acl",
    ),
    generic_rule(
        "kafka-jaas-user-password",
        "Password of a user a Kafka broker's JAAS configuration defines (PlainLoginModule user_NAME)",
        r"(?<![\w.])user_[\w.\-]{1,100}=(?P<q>\\?\")(?P<secret>[^\"\\\r\n]{4,300})(?P=q)",
        ("user_",),
        _jaas_user_ok,
        examples=(
            "KafkaServer {\n  org.apache.kafka.common.security.plain.PlainLoginModule required\n"
            '  username="admin"\n  password="Hx7pQ2vLm9Wz4Rt"\n  user_ledger="Zq8vN3kLp0RtXw5Y";\n};',
        ),
        counter_examples=(
            '  user_ledger="${LEDGER_PASSWORD}";',
            'user_agent = "Mozilla/5.0 (X11; Linux x86_64)"',
        ),
        example_path="config/kafka_server_jaas.conf",
    ),
    generic_rule(
        "squid-cachemgr-password",
        "Password of Squid's cache manager (cachemgr_passwd)",
        r"(?<![\w-])cachemgr_passwd[ \t]+(?!(?:none|disable)\s)(?P<secret>[^\s#]{4,200})",
        ("cachemgr_passwd",),
        password_value_ok,
        examples=("cachemgr_passwd Zq8vN3kLp0RtXw5Y all\n",),
        counter_examples=("cachemgr_passwd none all\n", "cachemgr_passwd disable shutdown\n"),
        example_path="etc/squid/squid.conf",
    ),
    generic_rule(
        "snmpv3-user-passphrase",
        "SNMPv3 authentication or privacy passphrase (net-snmp createUser)",
        r"(?<![\w-])createUser[ \t]+(?:-e[ \t]+\S{1,80}[ \t]+)?\S{1,100}[ \t]+(?:MD5|SHA(?:-?\d{3})?)[ \t]+"
        r"(?P<q>[\"']?)(?P<secret>[^\s\"']{8,200})(?P=q)",
        ("createuser",),
        password_value_ok,
        examples=('createUser monitor SHA "Zq8vN3kLp0RtXw5Y" AES "Hx7pQ2vLm9Wz4Rt9"\n',),
        counter_examples=("createUser monitor SHA $AUTH_PASS AES $PRIV_PASS\n",),
        example_path="var/lib/snmp/snmpd.conf",
    ),
    generic_rule(
        "vpnc-secret",
        "IPsec group secret or XAUTH password in a vpnc configuration",
        r"(?<![\w-])(?:IPSec[ \t]+(?:obfuscated[ \t]+)?secret|Xauth[ \t]+(?:obfuscated[ \t]+)?password)[ \t]+"
        r"(?P<secret>\S{4,300})",
        ("ipsec", "xauth"),
        password_value_ok,
        examples=(
            "IPSec gateway vpn.example.com\nIPSec ID quillmint\nIPSec secret Zq8vN3kLp0RtXw5Y\n",
            "Xauth username ops\nXauth password Hx7pQ2vLm9Wz4Rt9\n",
        ),
        counter_examples=("IPSec secret <group secret>\n",),
        example_path="etc/vpnc/office.conf",
    ),
    generic_rule(
        "ldif-user-password-base64",
        "Clear-text password in an LDIF entry, base64-encoded (userPassword::)",
        r"(?<![\w-])userPassword::[ \t]*(?P<secret>[A-Za-z0-9+/]{8,400}={0,2})(?![A-Za-z0-9+/=])",
        ("userpassword::",),
        _ldif_password_ok,
        examples=(
            "dn: uid=svc-ledger,ou=people,dc=example,dc=io\nuserPassword:: WnE4dk4za0xwMFJ0WHc1WQ==\n",
        ),
        counter_examples=(
            "userPassword:: e1NTSEF9ZDNRN0FpQ0RzS2JmM1NTR0VFQmUzTHZIVWhrTjlqZHM=\n",
            "userPassword:: Y2hhbmdlbWU=\n",
        ),
        example_path="ldap/users.ldif",
    ),
    generic_rule(
        "wifi-key-material",
        "Wi-Fi passphrase (a WLAN profile's keyMaterial, NetworkManager or wpa_supplicant psk)",
        # A profile exported without ``key=clear`` holds a DPAPI blob (hex, ``01000000D08C9DDF...``).
        r"<keyMaterial>(?!01000000D08C9DDF)(?P<secret>[^<\s]{8,64})</keyMaterial>"
        r"|(?<![\w-])psk[ \t]*=[ \t]*(?P<q>\"?)(?P<secret2>[^\s\"]{8,64})(?P=q)[ \t]*\r?$",
        ("<keymaterial>", "psk"),
        password_value_ok,
        examples=(
            "<sharedKey><keyType>passPhrase</keyType><protected>false</protected>"
            "<keyMaterial>Zq8vN3kLp0RtXw5Y</keyMaterial></sharedKey>",
            "[wifi-security]\nkey-mgmt=wpa-psk\npsk=Hx7pQ2vLm9Wz4Rt9\n",
            'network={\n    ssid="office"\n    psk="Hx7pQ2vLm9Wz4Rt9"\n}',
        ),
        counter_examples=(
            "<keyMaterial>01000000D08C9DDF0115D1118C7A00C04FC297EB0100000084B3A6</keyMaterial>",
            "psk=$WIFI_PSK\n",
        ),
        example_path="wifi/Wi-Fi-office.xml",
    ),
    generic_rule(
        "basic-auth-user-list",
        "Password in a site's Basic-Auth rule (Netlify _headers) or a cloud.auth setting (Beats, Logstash)",
        r"(?<![\w-])(?:Basic-Auth:(?:[ \t]+[^\s:]{1,60}:\S{1,100}){0,4}?|cloud\.auth[ \t]*[:=])[ \t]+"
        r"(?P<q>[\"']?)[^\s:\"']{1,100}:(?P<secret>[^\s\"']{4,200})(?P=q)",
        ("basic-auth:", "cloud.auth"),
        password_value_ok,
        examples=(
            "/admin/*\n  Basic-Auth: ops:Zq8vN3kLp0RtXw5Y\n",
            'cloud.id: "staging:dXMtZWFzdC0x"\ncloud.auth: "elastic:Zq8vN3kLp0RtXw5Y"\n',
        ),
        counter_examples=('cloud.auth: "elastic:${ES_PASSWORD}"\n', "  Basic-Auth: someuser:somepassword\n"),
        example_path="_headers",
    ),
)
