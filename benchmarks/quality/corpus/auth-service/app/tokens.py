"""Issue and verify the RS256 access tokens used between internal services."""

from __future__ import annotations

import time
import uuid

import jwt

ISSUER = "https://auth.acmepay.io"
ACCESS_TTL = 15 * 60

# Dev signing key. Production loads the key from KMS (see kms_signer.py).
DEV_PRIVATE_KEY = """-----BEGIN PRIVATE KEY-----
MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDit60mYL5qkjE5
52JZuQq9PnvAk7hc1xtyZhb8jJoG/IQKoPBpxxOflCxHVV3rcbu7H/1gYiqVedQY
cWNEyzpc2y3paROmZa9OJqjdmyYQh2dqPssLMMlQITsoLwhpAvU2eZrsHMIw/h+J
aGCkGw/oc0RZqBnfZEvLEzZ8bzbTDwEr6NDo6sisIMP32AmuTH6L0Tcmetnu4jPd
USSxTb2KLgVlMjbDdm26v1qLPsy2FFqz/PI1b7/KayTHIQf3ABW0iEZETkGGw7CV
x2wF3tbHqucXvqoVgl24cRjycJrN7LJcWo69yEq29/pJOMRgt6xagnVG6rREu3d9
cflxQSwrAgMBAAECggEBAL8tAT4OcCLvecEJAx8DcTHZIYNnTRxEaymROqrlaPCh
ODq6MWAQ9dQnnxrbumHSOup09DS1MpFu9NFTs9CLyoAIdnOPHnm+3w94fAa6UGO5
uhOWNaMPFYKTMw4UcvQSAXJZIrEdIwcrEq7MrElVZJmvsSAlJwP/0AXDArv1D/bx
5nwiGDI/4vpFvlxeQeIbEBhipNRauTZZXb43cSEvjksRicp+S6d8naw6fdBmPt8b
019Aon8aGPIvnSk8NTu38iRZvMBFHFdoZmTMlPYymR8O8hLnk9cr1imPL/P/wiiB
ZyBt9I5h2S8q+cHaSiNrfEGpS8+QYArepJiO0uxcvMECgYEA53qq4dJz1SLt6w0r
/IMUC72et9VV+bNQ4Ru2smPZbInFFP/+y9u6xeDpTA+uaZ6ydtLatCeLqbquHZaH
pkyG6QjRkslpxFd/CvQEhCkQDCn4oZkzuTYb9FefMl+umdIBhOoKcyuSa79g+iXS
qFK7xfXRo7Cfu4myhCQZOwxM88sCgYEA+rvhPipvPME7vRSCTZqPctJoyIqOLUdA
pSLU7vnU81h49pDF0uAr9UN6JlEcyy8pcASsZ5upomhmWrjMkTofgFI3ZKaLUmSP
dzlAAS8o7oclQ/FyPf5xdoXqHdBPThbLEBZSjI29ASnVAWdZ6suLFYqI6I9NPRlW
i7Bh/N2vXSECgYADyxzVyo8fZQ0lFvgrkTJY5uic9qAMEYY3yi56SeycPL3AFFnm
mVk8OO1Z07/19yXRkK8I2MUPKQIFdhwO+54SX5SfpTFYiF6KnWkdiVa7/EwYydvx
IxPeMzlmp+7CkpB3zyYQsRwbK+2467nCDGkLW3XuCszzU9RbGgRX1WHFdQKBgQCd
YyYGUbi1mE4ZaDBK6kQ1PSKND3wjq+BGSFEFGUm03so/a6zhq9msAQlB2BSM7jPC
nwxhlPKsgYAOXoX6e1Oexv0CbxBxTbJIkmU82Q+GesrHlV2y0G8EiRbmVAYT7HbW
yExU8fu8KTgNw4RLwCyz/tvlr146hhcvZC59/eHAQQKBgEPR7304sDcpyMjdtYw1
3Vmvl/DiKfnpnU9CyYWV6fK+Np2Nf4NG+NS2K3feIDDCcnRIM2aSkj13sqaKWWjP
frV9Jswl4zXb7pmOLU8yQ9PnIAV5noWxNOQ72Bi5NJnGskuZzlJG8/c1o+92hb8h
wr496q1vgIClDx9mDTFRI+DR
-----END PRIVATE KEY-----
"""


def issue(subject: str, audience: str, key: str | None = None) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "sub": subject,
        "aud": audience,
        "iat": now,
        "exp": now + ACCESS_TTL,
        "jti": str(uuid.uuid4()),
    }
    return jwt.encode(claims, key or DEV_PRIVATE_KEY, algorithm="RS256")


def verify(token: str, public_key: str, audience: str) -> dict:
    return jwt.decode(token, public_key, algorithms=["RS256"], audience=audience, issuer=ISSUER)
