"""The AWS organization's baseline: a read-only audit of every account and every region.

Layers, imports flowing one way: ``engine`` (threads, sessions, the read-only guard) -> ``collectors``
(boto3 calls that fill an inventory) and ``checks`` (pure functions of that inventory) -> ``inventory``
(frozen records) -> ``seawall.model``. No boto3 client is created at import time.
"""
