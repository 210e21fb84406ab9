"""Developer and productivity tools: Atlassian, Bitbucket, Linear, Notion, Postman, Figma, Airtable, Asana,
Typeform, Contentful, ReadMe, Infracost, Prefect, 1Password, Frame.io, Dropbox, Mapbox, RapidAPI."""

from __future__ import annotations

import base64
import binascii
import dataclasses
import json

from seawall.model import Severity
from seawall.secrets.rules._keyed import keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"


def _mixed(token: str) -> bool:
    body = token.split("_", 1)[-1]
    return (
        any(c.isupper() for c in body) and any(c.islower() for c in body) and any(c.isdigit() for c in body)
    )


def _onepassword_ok(token: str) -> bool:
    """``ops_`` + base64 of a JSON document describing the service account."""
    body = token[len("ops_") :]
    try:
        doc = json.loads(base64.b64decode(body + "=" * (-len(body) % 4)))
    except (binascii.Error, ValueError, UnicodeDecodeError):
        return False
    return isinstance(doc, dict) and ("signInAddress" in doc or "secretKey" in doc or "email" in doc)


def _rotate(where: str) -> str:
    return f"Revoke the token ({where}), create a new one with the least access needed and keep it in a secrets manager."


_RULES: tuple[Rule, ...] = (
    token_rule(
        "atlassian-api-token",
        "Atlassian (Jira, Confluence) API token",
        _B + r"(?P<secret>ATATT3[A-Za-z0-9_=\-]{150,250})" + _E,
        ("atatt3",),
        examples=(
            'JIRA_API_TOKEN="ATATT3xFfGF0Vtof7mZG-Dw4_FX_nFI-38ot76wNGuObTwpcm02UzLW1qVTDoCAMZ02el1Zokd0nWCumjfWlIU7CwTAAFS6U0za_oX9nYU10bSV-Ngy_Ko0KNISowj__MmiSMRTh6H3sGkENKOvdZtm3D5VepkLIUmOyPScF1BdF6JT1BbWuDl=8511655E"',
            "confluence:\n  token: ATATT3xFfGF0KOqLSFlGVsU8h3mBc_eJ2z2rgCZRAg6_-o-cXn-FCejo5rF9kK8V6DMDWGrWQr1Nqvoy3L3XyU_z_u6wmEcNZ4H4_buN04fhVqEqZmxF903hxPzZdHdW8Fdb_7UeRhDybBwAFV8FBuEtajdTk4Z7u39X8oPXK65rNrc2KPJ6RXMl=49CCD792",
        ),
        counter_examples=(
            'JIRA_API_TOKEN="ATATT3xFfGF0bZ-uwaKVcCaW7nlZUL225On-fiDbaWZjtYK2h4Zj"',
            "JIRA_API_TOKEN=${ATATT3_TOKEN}",
        ),
        remediation=_rotate("https://id.atlassian.com/manage-profile/security/api-tokens > Revoke"),
        references=(
            "https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/",
        ),
        severity=Severity.HIGH,
        min_entropy=4.5,
        tags=("atlassian", "jira", "confluence"),
    ),
    token_rule(
        "bitbucket-app-password",
        "Bitbucket app password",
        _B + r"(?P<secret>ATBB[A-Za-z0-9]{28,64})" + _E,
        ("atbb",),
        examples=(
            'BITBUCKET_APP_PASSWORD="ATBBi3ubFjCqjUQGa78xnDtzAZ7qHH9q574EC02B"',
            "git clone https://ci-bot:ATBBha8eZQSeAlmiAIaubFZu39EF7ozo1AFA41CE@bitbucket.org/acme/app.git",
        ),
        counter_examples=('BITBUCKET_APP_PASSWORD="ATBBBQmx9YDnxd"', "BITBUCKET_APP_PASSWORD=$ATBB_PASSWORD"),
        remediation=_rotate(
            "Bitbucket: Personal settings > App passwords > Revoke; prefer API tokens or access tokens"
        ),
        references=("https://support.atlassian.com/bitbucket-cloud/docs/app-passwords/",),
        severity=Severity.HIGH,
        min_entropy=4.0,
        tags=("bitbucket", "atlassian"),
    ),
    token_rule(
        "linear-api-key",
        "Linear API key or OAuth token",
        _B + r"(?P<secret>lin_(?:api_[A-Za-z0-9]{40}|oauth_[0-9a-f]{64}))" + _E,
        ("lin_api_", "lin_oauth_"),
        examples=(
            'LINEAR_API_KEY="lin_api_LRwALewlO6dujZJ9vvhJBJTRXA4cey00sWoEF2M0"',
            "headers = {'Authorization': 'Bearer lin_oauth_64ab2ff8c23077d45143b3f23a43165b14cabf96de9d9b2f92fb5452a46cc9dc'}",
        ),
        counter_examples=('LINEAR_API_KEY="lin_api_8br1yd4m2PK5QofrpjqD"', 'LINEAR_API_KEY="lin_api_..."'),
        remediation=_rotate("Linear: Settings > Account > Security & access > API keys > Revoke"),
        references=("https://linear.app/developers/graphql#personal-api-keys",),
        severity=Severity.HIGH,
        tags=("linear",),
    ),
    token_rule(
        "notion-integration-token",
        "Notion internal integration secret (secret_ format)",
        _B + r"(?P<secret>secret_[A-Za-z0-9]{43})" + _E,
        ("secret_",),
        examples=(
            'NOTION_TOKEN="secret_fwIlYc5gzzAnVkfMqWZIUAUkwihsGYQf1x0IwlmlGli"',
            "notion = Client(auth='secret_g8wCUD9XQc5XN7myJC8WoZnGBMFrfOlAz8FkvWUymqw')",
        ),
        counter_examples=(
            'NOTION_TOKEN="secret_duVXYvgc6E2OhS20CUYL"',
            "client_secret_wnhfpinitpjepplemeupfysumxfpxkodjycdhawdufx",
        ),
        remediation=_rotate("Notion: Settings > Integrations > your integration > Refresh secret"),
        references=("https://developers.notion.com/docs/authorization",),
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=4.0,
        tags=("notion",),
    ),
    token_rule(
        "notion-token",
        "Notion integration or API token (ntn_ format)",
        _B + r"(?P<secret>ntn_[0-9]{11}[A-Za-z0-9]{35})" + _E,
        ("ntn_",),
        examples=(
            'NOTION_API_KEY="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"',
            "const notion = new Client({ auth: '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' });",
        ),
        counter_examples=('NOTION_API_KEY="ntn_307997346578xEHxW0uOq"', 'NOTION_API_KEY="ntn_..."'),
        remediation=_rotate("Notion: Settings > Integrations > your integration > Refresh secret"),
        references=("https://developers.notion.com/docs/authorization",),
        severity=Severity.HIGH,
        tags=("notion",),
    ),
    token_rule(
        "postman-api-key",
        "Postman API key",
        _B + r"(?P<secret>PMAK-[0-9a-f]{24}-[0-9a-f]{34})" + _E,
        ("pmak-",),
        examples=(
            'POSTMAN_API_KEY="PMAK-34bc2a4e454fe6192ee5675a-7471210d3a625975eb58d205549c0dde64"',
            "  --header 'X-Api-Key: PMAK-01f986a2b16fdcdcd7839069-b7d0a142cc0001c7e5b4ea6734bc9e2407' \\",
        ),
        counter_examples=(
            'POSTMAN_API_KEY="PMAK-2fbcca5559ad28e9e287e767"',
            "POSTMAN_API_KEY={{postman_api_key}}",
        ),
        remediation=_rotate("Postman: Settings > API keys > Revoke"),
        references=("https://learning.postman.com/docs/developer/postman-api/authentication/",),
        severity=Severity.HIGH,
        tags=("postman",),
    ),
    token_rule(
        "figma-pat",
        "Figma personal access token",
        _B + r"(?P<secret>figd_[A-Za-z0-9_\-]{38,48})" + _E,
        ("figd_",),
        examples=(
            'FIGMA_TOKEN="figd_izj1Osv4OzLCBlK-lGV_l54K6m5ypk11bSAqKIiV"',
            "  -H 'X-Figma-Token: figd_Za5hqPpRT_pTmTgVK-4dzeSjDI_JwlJrtohFcDwAvr9' \\",
        ),
        counter_examples=('FIGMA_TOKEN="figd_ShzViMh7NHCe"', "FIGMA_TOKEN=figd_${TOKEN}"),
        remediation=_rotate("Figma: Settings > Security > Personal access tokens > Revoke"),
        references=("https://www.figma.com/developers/api#access-tokens",),
        severity=Severity.HIGH,
        min_entropy=3.8,
        tags=("figma",),
    ),
    token_rule(
        "airtable-pat",
        "Airtable personal access token",
        _B + r"(?P<secret>pat[A-Za-z0-9]{14}\.[0-9a-f]{64})" + _E,
        ("pat",),
        examples=(
            'AIRTABLE_API_KEY="patu6bMocYMFLzxSy.863bf545d326fea5e43ce27d53694dcae4c1bbd6a82e74498faf339e46b04ad2"',
            "base = Api('pat3iE7UlereTerUS.182e566933598112a5381f0426d0c8f6eb2dd73d0626c04b2e069dad9908c665').base(base_id)",
        ),
        counter_examples=(
            'AIRTABLE_API_KEY="patKS319ZLWLnm28C.b476f95f27219c04d14f"',
            "path.join(pattern, 'file.txt')",
        ),
        remediation=_rotate("Airtable: Builder hub > Personal access tokens > Delete, or regenerate"),
        references=("https://airtable.com/developers/web/guides/personal-access-tokens",),
        severity=Severity.HIGH,
        tags=("airtable",),
    ),
    token_rule(
        "asana-pat",
        "Asana personal access token",
        keyed(
            "asana",
            r"[0-9]/[0-9]{6,20}(?:/[0-9]{6,20})?:[0-9a-f]{32}|[0-9a-f]{32}",
            then="token|pat|key|secret",
        ),
        ("asana",),
        examples=(
            'ASANA_ACCESS_TOKEN="2/7249648773262273/2662361529098824:d11e2a9671097021fe870ad55fa20b7f"',
            "asana_token: 1/4271088154841:b412da8747eb9bccd8759e8c0f058dea",
        ),
        counter_examples=('ASANA_WORKSPACE_ID="6084496539840901"', "ASANA_ACCESS_TOKEN=${ASANA_PAT}"),
        remediation=_rotate(
            "Asana: My settings > Apps > Developer console > Personal access tokens > Deauthorize"
        ),
        references=("https://developers.asana.com/docs/personal-access-token",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("asana",),
    ),
    token_rule(
        "typeform-pat",
        "Typeform personal access token",
        _B + r"(?P<secret>tfp_[A-Za-z0-9_\-.=]{50,70})" + _E,
        ("tfp_",),
        examples=(
            'TYPEFORM_TOKEN="tfp_Tk4CwlDfSojHfLWgXX4_H-987sta9iEfBmegK8fN0HEU_rYOkffy2pcEnyP"',
            "  -H 'Authorization: Bearer tfp_ajuNBc4gqaMxXGk2y3ChYBwQBdeISHo_vZ4Y9YD1uKCZ_vP5EYBdwI7gUGR'",
        ),
        counter_examples=('TYPEFORM_TOKEN="tfp_W3a6imPV4Ea67iO-xulp"', "TYPEFORM_TOKEN=tfp_${TOKEN}"),
        remediation=_rotate("Typeform: Account > Personal tokens > Delete"),
        references=("https://www.typeform.com/developers/get-started/personal-access-token/",),
        severity=Severity.HIGH,
        min_entropy=4.0,
        tags=("typeform",),
    ),
    token_rule(
        "contentful-pat",
        "Contentful personal access (management) token",
        _B + r"(?P<secret>CFPAT-[A-Za-z0-9_\-]{43})" + _E,
        ("cfpat-",),
        examples=(
            'CONTENTFUL_MANAGEMENT_TOKEN="CFPAT-bcgb4Yw0Z0ulmYrqhqxhHrJP_unp__QyLYN_shfCbmf"',
            "contentful space list --management-token CFPAT-YgKIRSRUfbZpm-Mz5eue1WRh_mJYILrGBGzxXFIYBYQ",
        ),
        counter_examples=(
            'CONTENTFUL_MANAGEMENT_TOKEN="CFPAT-LrMtoY6l1o7S"',
            'CONTENTFUL_MANAGEMENT_TOKEN="CFPAT-..."',
        ),
        remediation=_rotate("Contentful: Settings > CMA tokens > Revoke"),
        references=("https://www.contentful.com/developers/docs/references/authentication/",),
        severity=Severity.HIGH,
        tags=("contentful",),
    ),
    token_rule(
        "readme-api-key",
        "ReadMe API key",
        _B + r"(?P<secret>rdme_[a-z0-9]{70})" + _E,
        ("rdme_",),
        examples=(
            'README_API_KEY="rdme_20u7naq1w58sw6duzqta3c813vca5vrdfqanu8070czb1dgh8iuw4mm4i1twnrf334jq9k"',
            "npx rdme openapi spec.json --key=rdme_73esfignk6fqk6vlyl09g4t50rf9xf8f3f5ymm9i25qsz6n899irgj5by4dk2yyn8k1alj",
        ),
        counter_examples=('README_API_KEY="rdme_kvmmc1o6myn4igdejaj7"', "README_API_KEY=rdme_${KEY}"),
        remediation=_rotate("ReadMe: project dashboard > API Keys > Revoke"),
        references=("https://docs.readme.com/main/reference/intro/authentication",),
        severity=Severity.HIGH,
        tags=("readme",),
    ),
    token_rule(
        "infracost-api-key",
        "Infracost API key",
        _B + r"(?P<secret>ico-[A-Za-z0-9]{32})" + _E,
        ("ico-",),
        examples=(
            'INFRACOST_API_KEY="ico-bFAjWkEtqtZSCzhHPhStpluDLo3KWMoE"',
            "infracost configure set api_key ico-t19nqqNxMSYSF6Pp1WUAgPaqK7bnQNSz",
        ),
        counter_examples=(
            'INFRACOST_API_KEY="ico-Jth8ENTLq15K"',
            'favicon: "favico-default-light-theme-large.png"',
        ),
        remediation=_rotate("Infracost Cloud: Org settings > API keys > Rotate"),
        references=("https://www.infracost.io/docs/features/environment_variables/",),
        severity=Severity.MEDIUM,
        min_entropy=3.8,
        tags=("infracost",),
    ),
    token_rule(
        "prefect-api-key",
        "Prefect Cloud API key",
        _B + r"(?P<secret>pn[ub]_[A-Za-z0-9]{36})" + _E,
        ("pnu_", "pnb_"),
        examples=(
            'PREFECT_API_KEY="pnu_qBGZ6RNKmMhsk3NSDw81dy8EFmz2cKJNxQyi"',
            "prefect cloud login --key pnb_ggZvyQYFJgYDwNENGQlwwzydpk25q4YNTGkd",
        ),
        counter_examples=('PREFECT_API_KEY="pnu_4OmSzdFERmVl"', "PREFECT_API_KEY=pnu_${KEY}"),
        remediation=_rotate("Prefect Cloud: Profile > API keys, or the service account's page > Delete"),
        references=("https://docs.prefect.io/v3/manage/cloud/manage-users/api-keys",),
        severity=Severity.HIGH,
        tags=("prefect",),
    ),
    token_rule(
        "onepassword-service-account-token",
        "1Password service account token",
        _B + r"(?P<secret>ops_eyJ[A-Za-z0-9+/]{250,4000}={0,2})" + r"(?![A-Za-z0-9+/=_\-])",
        ("ops_eyj",),
        examples=(
            'OP_SERVICE_ACCOUNT_TOKEN="ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSUGctNDA5NiIsImFsZyI6IlBCRVMyZy1IUzI1NiIsIml0ZXJhdGlvbnMiOjY1MDAwMCwic2FsdCI6IlE4aWNCU1F1WTFHTTBuRGphWkg0UG4ifSwiZW1haWwiOiJkZXBsb3lyZndzZXNAMXBhc3N3b3Jkc2VydmljZWFjY291bnRzLmNvbSIsInNycFgiOiIxNWZmNTVhYzFiNDlmYzYxMzM1NTQ5YzcwNWY1NjQzY2UxNmU0NjE5NGFjYzYwNDQwMGU2MDJlNzcwYTFhYjhkIiwibXVrIjp7ImFsZyI6IkEyNTZHQ00iLCJleHQiOnRydWUsImsiOiI0dWhlalZMa2R1a2k5Tnd1NkFKbHNueGJqQTRIZWV5ZFV1V1BBcGZkaFhMIiwia2V5X29wcyI6WyJlbmNyeXB0IiwiZGVjcnlwdCJdLCJrdHkiOiJvY3QiLCJraWQiOiJtcCJ9LCJzZWNyZXRLZXkiOiJBMy1VN0tTWjYtWUJTUEdWLUdaNjJILVlWVjY3LTNaQzQ2LUZIWUVBIiwidGhyb3R0bGVTZWNyZXQiOnsic2VlZCI6IjQxZGQzNmY1ODYwMmYzZDZiNWQwYTkyN2QzZmI0NGNjY2M0NDRkZDk3ZWVjNjUzMTAzMGY2YmY1MTY3ODQ0ZDIiLCJkZXZpY2VVdWlkIjoiNzh0bWluejN5dnpleXJheHdsYXNiYWlsdjAifSwiZGV2aWNlVXVpZCI6ImloZ2IxaXA4bWc5dWFlY3ltdXZlbHBqZmN2In0"',
            "export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNzIjoibXkuMXBhc3N3b3JkLmNvbSIsInVzZXJBdXRoIjp7Im1ldGhvZCI6IlNSUGctNDA5NiIsImFsZyI6IlBCRVMyZy1IUzI1NiIsIml0ZXJhdGlvbnMiOjY1MDAwMCwic2FsdCI6Im5naWw4dGhISjhqY2NCcW40Slg4Y0kifSwiZW1haWwiOiJjaXRhcXRid0AxcGFzc3dvcmRzZXJ2aWNlYWNjb3VudHMuY29tIiwic3JwWCI6IjQwMGMwZWI4NWVmZTgxNDlhMTE1Y2E3MTI0MWVkY2U2ZTkwMGExMDE0OTNmZjg1OWQxYWRjNzVjMjg2NjAzZDUiLCJtdWsiOnsiYWxnIjoiQTI1NkdDTSIsImV4dCI6dHJ1ZSwiayI6IkRFN1pTSGZ2ZW14OGpKN0F1N1JBTTJWR2FESldJYXZvS3phRjV6ZFdNMGsiLCJrZXlfb3BzIjpbImVuY3J5cHQiLCJkZWNyeXB0Il0sImt0eSI6Im9jdCIsImtpZCI6Im1wIn0sInNlY3JldEtleSI6IkEzLUxJMEVNTy1WQVAxTVctRExFSVEtRzJIQ0ctWFpJU1YtRDFQVFciLCJ0aHJvdHRsZVNlY3JldCI6eyJzZWVkIjoiMzc1ZjI3ODVjODE4MTkwODg4MzdlMWJjNmRlZDUxNjU3NGQ1ZjIwYjQ2ZTE3OTBiZmFhYTVlOWRiYTQzOTVhYyIsImRldmljZVV1aWQiOiJqc2V2amF3cmZzbWR3dGxmZTY1Ymxpanl1cyJ9LCJkZXZpY2VVdWlkIjoiM2Nkb2JqdjBqaWgzZG14MWttdzlvZG9tcTUifQ",
        ),
        counter_examples=(
            "OP_SERVICE_ACCOUNT_TOKEN=ops_eyJffUF5gqOZ3h12DKDFOkzKdu1cppV1j9czeD/Hpm1xyH/KXBjpb3ybE5UfE6AJQIbNTza2YOnpex0GABGZQZwopNST1aTfRvQnRg3OrZPywdxNcS/IrwCed/Rzmvt+ma/HrNv8fvZ7uNxfuYZuxcz6PbYynEGeevy3jGrvLQ1mKpQkt4/I9zU43HJ6rAslPYalmeWgqvJKkhwREKNFV1QZ7JSsXurJjBr15P9ZMeQLH3a6GIvoskImUi8j9+weQQuFBu/AI+8pNpqJ7QLIxYt/jyFtM5FvWk7Kd5Fyq33rY7R",
            "OP_SERVICE_ACCOUNT_TOKEN=ops_${TOKEN}",
        ),
        remediation=_rotate("1Password: Developer > Service accounts > your account > Revoke token"),
        references=("https://developer.1password.com/docs/service-accounts/",),
        severity=Severity.CRITICAL,
        validator=_onepassword_ok,
        tags=("1password",),
    ),
    token_rule(
        "frameio-token",
        "Frame.io developer token",
        _B + r"(?P<secret>fio-u-[A-Za-z0-9_=\-]{64})" + _E,
        ("fio-u-",),
        examples=(
            'FRAMEIO_TOKEN="fio-u-wbjYExOKN6spYV1jThzzb8uFAmoGktbYxPMdumoftiDGZ9M0tiE23x2chSDkC8dD"',
            "headers: { Authorization: `Bearer fio-u-ppqL3zqLYpiZsuqKeXD6HkdojJp8Qmnd1rj7JMYzRXFVPSWRaf9PE83Kzl3w3vdM` }",
        ),
        counter_examples=('FRAMEIO_TOKEN="fio-u-GVPqph00-ik2rCLVMmpN"', "FRAMEIO_TOKEN=fio-u-${TOKEN}"),
        remediation=_rotate("Frame.io developer site > Tokens > Delete"),
        references=("https://developer.frame.io/docs/getting-started/authentication",),
        severity=Severity.HIGH,
        tags=("frameio",),
    ),
    token_rule(
        "dropbox-access-token",
        "Dropbox short-lived access token",
        r"(?<![A-Za-z0-9_\-.])(?P<secret>sl\.(?:u\.)?[A-Za-z0-9_\-]{130,1400})" + _E,
        ("sl.",),
        examples=(
            'DROPBOX_ACCESS_TOKEN="sl.vGIuUe3sj-XB5bHhlzw-bKYXVl_qzJSu0jU3x5ERPbDU_oIbUJY2zslmHfwMyUDidqCJCjKMPtDKZnXXdScARdin1Az5dn7K59lVwMg5Emoxn2pbFWJZG_E8X_hI74xsmU2RnioUik"',
            "dbx = dropbox.Dropbox('sl.u.R0Am4EPTNKBD_GL-x2Kj_xEL-JR3G8DXWvoPgE3Rxg-2Kh7WCa8DvmiNqhyxXJg5_O0afw1HqplgF65b3XZKybQlNr2kfekXFu19mFzKobLuIIgtPDNzs8Xx4Zf_ZwpJhva3FEJYFI1A1p82Ns1DjEX_DScIvH-MtyPnXp-ypL-m_ckI_TU_inwoSQAdz8Al3y45IG5VoQePHRF7XDIXYcdc02SEqO-nqzI_OB2b0vGRjM6Im74hvCLjp_I78-J68EJ40sAaX4qv8bppNP5ucCvV_jUPRh51ao793f5ZMMYe')",
        ),
        counter_examples=(
            'DROPBOX_ACCESS_TOKEN="sl.J9ZR-UbF-FZlD6WzAnIU9PBNMI6FJPiTJdvKbTvO"',
            "import tsl.Od3Nv1_87pKBzg9ChYXB2iKe6UMPKvosCqtkbSAbR_MxJenf5InjcRi1kQ_kG22Cy7FXObwmYPTKMUbmIFmTb0VV2mwn67KHlR1T_i0wInrc6qZR4qbJQ2kyVh8sQ8hlww2Kg70Z0L",
        ),
        remediation=_rotate(
            "Dropbox: App Console > your app, or POST /2/auth/token/revoke; keep refresh tokens server-side"
        ),
        references=("https://developers.dropbox.com/oauth-guide",),
        severity=Severity.HIGH,
        min_entropy=4.5,
        tags=("dropbox",),
    ),
    token_rule(
        "mapbox-secret-token",
        "Mapbox secret access token",
        r"(?<![A-Za-z0-9_\-.])(?P<secret>sk\.eyJ1[A-Za-z0-9_\-]{20,300}\.[A-Za-z0-9_\-]{20,30})" + _E,
        ("sk.eyj1",),
        examples=(
            'MAPBOX_SECRET_TOKEN="sk.eyJ1Ijoibm9ydGh3aW5kLW1hcHMiLCJhIjoiY2x4Z2JjZ3ViNzljejJueWRzem15Y3doaCJ9.3n6Z1rHFIhp71dErdVUEiJ"',
            "MAPBOX_DOWNLOADS_TOKEN=sk.eyJ1IjoiZmxlZXR2aWV3IiwiYSI6ImNsenlkM3R0empueXNkb3J1ZDVhdzVub2wifQ.Sesahfqu9mdOVx8PjNfL3k",
        ),
        counter_examples=(
            'mapboxgl.accessToken = "pk.eyJ1Ijoibm9ydGh3aW5kLW1hcHMiLCJhIjoiY2x4Z2JjZ3ViNzljejJueWRzem15Y3doaCJ9.3n6Z1rHFIhp71dErdVUEiJ";',
            'MAPBOX_SECRET_TOKEN="sk.eyJ1"',
        ),
        remediation=_rotate("Mapbox: Account > Access tokens > Delete or rotate"),
        references=("https://docs.mapbox.com/accounts/guides/tokens/",),
        severity=Severity.HIGH,
        tags=("mapbox",),
    ),
    token_rule(
        "rapidapi-key",
        "RapidAPI key",
        _B + r"(?P<secret>[0-9a-f]{10}msh[0-9a-f]{15}p[0-9a-f]{6}jsn[0-9a-f]{12})" + _E,
        ("jsn",),
        examples=(
            "    'X-RapidAPI-Key': '5371a7b809msha32a5f2c8171f68p10af3fjsn294f6069b2a8',",
            'RAPIDAPI_KEY="bf75b11e37msh39a1306910b89e0p1331dcjsnd93cbd7df1b5"',
        ),
        counter_examples=(
            "    'X-RapidAPI-Key': 'cfc8b97d9amsh6fd903e5',",
            "    'X-RapidAPI-Key': process.env.RAPIDAPI_KEY,",
        ),
        remediation=_rotate(
            "RapidAPI: Developer Dashboard > Apps > Authorization > rotate the application key"
        ),
        references=("https://docs.rapidapi.com/docs/keys-and-key-rotation",),
        severity=Severity.HIGH,
        tags=("rapidapi",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
