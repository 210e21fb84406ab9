"""Secrets in the configurations of devices, gateways and edge access, each led by a literal the format
writes:

- OpenWrt's UCI options (``option key '...'`` of a Wi-Fi interface, ``option password`` of a PPPoE or
  VPN interface, SNMP ``option community``, WireGuard ``option private_key``);
- strongSwan's ``ipsec.secrets`` (``: PSK "..."``, ``carol : EAP "..."``, ``dave : XAUTH "..."``);
- Mosquitto bridges' ``bridge_psk`` (hex);
- ESPHome's native API encryption key and HashiCorp Boundary's ``kms "aead"`` keys (base64 of 32 bytes);
- Zigbee2MQTT's ``network_key`` (16 bytes as a list), but its documented default;
- PlatformIO's OTA ``--auth=`` (espota) in ``upload_flags``;
- Teleport's join tokens (a node's ``join_params`` ``token_name``).
"""

from __future__ import annotations

import base64
import binascii

from seawall.secrets.context import password_value_ok
from seawall.secrets.rules._generic import generic_rule
from seawall.secrets.rules._structured import password_ok, token_ok
from seawall.secrets.rules.base import Candidate, Rule

# Zigbee2MQTT's documented default network key (``configuration.yaml`` examples); a real one is random.
_ZIGBEE_DEFAULT = (1, 3, 5, 7, 9, 11, 13, 15, 0, 2, 4, 6, 8, 10, 12, 13)


def _key_32_ok(c: Candidate) -> bool:
    """Base64 of 32 random bytes (what ``esphome`` and ``boundary`` generate), not all one byte."""
    try:
        raw = base64.b64decode(c.secret, validate=True)
    except (binascii.Error, ValueError):
        return False
    return len(raw) in (16, 24, 32) and len(set(raw)) > 8


def _zigbee_key_ok(c: Candidate) -> bool:
    values = tuple(int(v) for v in c.secret.replace(" ", "").split(",") if v)
    return (
        len(values) == 16
        and all(v < 256 for v in values)
        and values != _ZIGBEE_DEFAULT
        and len(set(values)) > 6
    )


def _hex_key_ok(c: Candidate) -> bool:
    return len(set(c.secret.lower())) > 6


def _teleport_token_ok(c: Candidate) -> bool:
    return token_ok(c.secret) or (password_ok(c.secret) and len(c.secret) >= 16)


RULES: tuple[Rule, ...] = (
    generic_rule(
        "openwrt-uci-secret",
        "Secret in an OpenWrt UCI option (Wi-Fi key, interface password, SNMP community, WireGuard key)",
        r"(?<![\w-])option[ \t]+(?P<name>key|password|community|psk|sae_password|auth_secret|acct_secret|"
        r"private_key|preshared_key|secret)[ \t]+(?P<q>['\"])(?P<secret>[^'\"\r\n]{8,300})(?P=q)",
        ("option",),
        password_value_ok,
        examples=(
            "config wifi-iface 'default_radio0'\n\toption ssid 'FL-Barn'\n\toption encryption 'psk2'\n"
            "\toption key 'Zq8vN3kLp0RtXw5Y'\n",
            "config interface 'wan'\n\toption proto 'pppoe'\n\toption password 'Hx7pQ2vLm9Wz4Rt9'\n",
        ),
        counter_examples=(
            "\toption key '1'\n",
            "\toption key '$WIFI_KEY'\n",
            "\toption ssid 'Zq8vN3kLp0RtXw5Y'\n",
        ),
        example_path="etc/config/wireless",
    ),
    generic_rule(
        "strongswan-secret",
        "Pre-shared key or user password in strongSwan's ipsec.secrets (PSK, EAP, XAUTH, NTLM)",
        r"(?<![^\s:]):[ \t]*(?P<name>PSK|EAP|XAUTH|NTLM)[ \t]+(?P<q>[\"']?)(?P<secret>[^\s\"']{4,300})(?P=q)",
        ("psk", "eap", "xauth", "ntlm"),
        password_value_ok,
        examples=(
            ': PSK "Zq8vN3kLp0RtXw5Y"\n',
            'carol : EAP "Hx7pQ2vLm9Wz4Rt9"\ndave : XAUTH "Kq8vW3mZp2Lx7Yb9"\n',
        ),
        counter_examples=(": RSA moonKey.pem\n", 'carol : EAP "%(EAP_PASSWORD)s"\n'),
        example_path="etc/ipsec.secrets",
    ),
    generic_rule(
        "mosquitto-bridge-psk",
        "Pre-shared key of a Mosquitto bridge (bridge_psk)",
        r"(?<![\w-])bridge_psk[ \t]+(?P<secret>[0-9a-fA-F]{16,128})(?![0-9a-zA-Z])",
        ("bridge_psk",),
        _hex_key_ok,
        examples=(
            "connection cloud\nbridge_identity farm-gw\nbridge_psk 9f8e7d6c5b4a39281706f5e4d3c2b1a0\n",
        ),
        counter_examples=("bridge_psk 00000000000000000000000000000000\n",),
        example_path="etc/mosquitto/conf.d/bridge.conf",
    ),
    generic_rule(
        "symmetric-config-key",
        "Symmetric key in a device or access-proxy configuration (ESPHome API encryption, Boundary KMS aead)",
        r"encryption:[ \t]*\r?\n[ \t]+key:[ \t]*(?P<q>[\"']?)(?P<secret>[A-Za-z0-9+/]{22,43}={0,2})(?P=q)"
        r"|kms[ \t]+\"aead\"[ \t]*\{[^{}]{0,400}?(?<![\w.])key[ \t]*=[ \t]*\"(?P<secret2>[A-Za-z0-9+/]{22,43}={0,2})\"",
        ("encryption:", 'kms "aead"'),
        _key_32_ok,
        examples=(
            'api:\n  encryption:\n    key: "pT8Bo6L4dKa1Xl2pq1cZ8Z+3sWq4Ho9G7pmL2T5pY1M="\n',
            'kms "aead" {\n  purpose = "root"\n  aead_type = "aes-gcm"\n'
            '  key = "sP1fnF5Xz85RrXyELHFeZg9Ad2qt4Z4bgNHVGtD6ung="\n  key_id = "global_root"\n}',
        ),
        counter_examples=(
            "api:\n  encryption:\n    key: !secret api_key\n",
            'kms "aead" {\n  purpose = "root"\n  key = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="\n}',
        ),
        line_scoped=False,
        example_path="greenhouse-node.yaml",
        requires=r"encryption:[ \t]*\r?\n[ \t]+key:|kms[ \t]+\"aead\"",
    ),
    generic_rule(
        "zigbee-network-key",
        "Zigbee network key (Zigbee2MQTT network_key)",
        r"(?<![\w-])network_key:[ \t]*\[(?P<secret>[ \t]{0,4}\d{1,3}(?:[ \t]{0,2},[ \t]{0,4}\d{1,3}){15})[ \t]{0,4}\]",
        ("network_key:",),
        _zigbee_key_ok,
        examples=(
            "advanced:\n  network_key: [94, 211, 7, 180, 33, 12, 250, 71, 160, 5, 99, 18, 201, 44, 137, 66]\n",
        ),
        counter_examples=(
            "advanced:\n  network_key: [1, 3, 5, 7, 9, 11, 13, 15, 0, 2, 4, 6, 8, 10, 12, 13]\n",
        ),
        example_path="zigbee2mqtt/configuration.yaml",
    ),
    generic_rule(
        "platformio-ota-auth",
        "OTA password in PlatformIO's upload flags (espota --auth)",
        r"(?<![\w-])upload_flags[ \t]*=(?:[ \t]*\r?\n)?[^\n]{0,200}?(?<![\w-])(?:--auth|-a)[ \t]*=?[ \t]*"
        r"(?P<q>[\"']?)(?P<secret>[^\s\"']{4,200})(?P=q)",
        ("upload_flags",),
        password_value_ok,
        examples=("[env:esp32]\nupload_protocol = espota\nupload_flags = --auth=Zq8vN3kLp0RtXw5Y\n",),
        counter_examples=("upload_flags = --auth=${sysenv.OTA_PASSWORD}\n", "upload_flags = --port=3232\n"),
        line_scoped=False,
        example_path="platformio.ini",
        requires=r"(?:--auth|[ \t]-a)[ \t]*=?[ \t]*[\"']?[^\s\"']",
    ),
    generic_rule(
        "teleport-join-token",
        "Teleport join token (a node's join_params token_name)",
        r"(?<![\w-])token_name:[ \t]*(?P<q>[\"']?)(?P<secret>[^\s\"'#]{16,200})(?P=q)",
        ("token_name:",),
        _teleport_token_ok,
        examples=(
            'teleport:\n  join_params:\n    token_name: "Hx7pQ2vLm9Wz4Rt9Kq8vW3mZ"\n    method: token\n',
        ),
        counter_examples=("teleport:\n  join_params:\n    token_name: iam-token\n    method: iam\n",),
        example_path="etc/teleport.yaml",
    ),
)
