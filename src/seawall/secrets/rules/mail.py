"""Transactional email: SendGrid, Mailgun, Mailchimp, Mandrill, Postmark, SparkPost, Brevo, Mailjet, Resend."""

from __future__ import annotations

import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import UUID, keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-.])"
_E = r"(?![A-Za-z0-9_\-])"

_RULES: tuple[Rule, ...] = (
    token_rule(
        "resend-api-key",
        "Resend API key",
        # ``re_``, an 8-character id, ``_`` and 24 characters of secret.
        _B + r"(?P<secret>re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})" + _E,
        ("re_",),
        examples=(
            "Also the Resend key for the marketing site is re_cugFLNag_yzFlz5DcSKi9yNGV3MMKOULT if you need it.",
            "const resend = new Resend('re_Hx7pQ2vL_m9Wz4RtKq8vW3mZp2Lx7Yb9C');",
        ),
        counter_examples=(
            "RESEND_API_KEY=re_123456789",
            "def re_compile_pattern_cache_for_tests(): pass",
            "re_aaaaaaaa_aaaaaaaaaaaaaaaaaaaaaaaa",
        ),
        remediation="Delete the key in the Resend dashboard (API Keys) and keep its replacement in a secrets manager.",
        references=("https://resend.com/docs/create-an-api-key",),
        severity=Severity.HIGH,
        min_entropy=3.5,
        tags=("resend", "email"),
    ),
    token_rule(
        "sendgrid-api-key",
        "SendGrid API key",
        _B + r"(?P<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})" + _E,
        ("sg.",),
        examples=(
            'SENDGRID_API_KEY="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"',
            "sg = SendGridAPIClient('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')",
        ),
        counter_examples=(
            'SENDGRID_API_KEY="SG.xDypbr7JnUimrqng0Tulig.XkwQfNZC_BrNiD5hGRkK"',
            "msg.iwtRRG6Pst_EeywSP9rnyd.EJzj019jxDNLfapS8rl2mkizcz9qn0MfzCJZT_-6Tgn",
        ),
        remediation=(
            "Delete the key in SendGrid (Settings > API Keys), create one with restricted access, and keep "
            "it in a secrets manager."
        ),
        references=("https://www.twilio.com/docs/sendgrid/ui/account-and-settings/api-keys",),
        severity=Severity.HIGH,
        tags=("sendgrid", "email"),
    ),
    token_rule(
        "mailgun-api-key",
        "Mailgun API key (key- format)",
        _B + r"(?P<secret>key-[0-9a-f]{32})" + _E,
        ("key-",),
        examples=(
            'MAILGUN_API_KEY="key-95fab12b691e3a50811bb2c3e4c544e0"',
            "auth=('api', 'key-f87d0874621c9f5a7e686f1262308f39')",
        ),
        counter_examples=(
            'MAILGUN_PUBLIC_KEY="pubkey-08b9d3e17264a016a3094424a7a67d88"',
            "cache_key-b176aaf065e9bcd6fe7e69cdba95a3f6",
        ),
        remediation=(
            "Delete the key and create a new one in Mailgun (API Security > Add new key), and keep it in a "
            "secrets manager."
        ),
        references=("https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/",),
        severity=Severity.HIGH,
        min_entropy=3.0,
        tags=("mailgun", "email"),
    ),
    token_rule(
        "mailgun-private-key",
        "Mailgun private API key",
        keyed("mailgun", r"[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}"),
        ("mailgun",),
        examples=(
            'MAILGUN_API_KEY="6be1d75ae86f82143ea45e2d8f6f4344-5d74338f-412547f3"',
            "mailgun:\n  mailgun_key: ae7860483b78f96f0bc9452a39ca1a90-7ed424cb-108e8a9a",
        ),
        counter_examples=(
            'MAILGUN_DOMAIN="mg.shop.test"',
            "MAILGUN_API_KEY=de3a232bea8aca93f80a80268dda00c6-6be91c7f",
        ),
        remediation=(
            "Delete the key and create a new one in Mailgun (API Security), and keep it in a secrets manager."
        ),
        references=("https://documentation.mailgun.com/docs/mailgun/api-reference/authentication/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("mailgun", "email"),
    ),
    token_rule(
        "mailgun-webhook-signing-key",
        "Mailgun webhook signing key",
        keyed("mailgun", r"[0-9a-f]{32}", then="signing|webhook"),
        ("mailgun",),
        examples=(
            'MAILGUN_WEBHOOK_SIGNING_KEY="f71d17c9895d6ee0636e2c03f9cccd6b"',
            "mailgun_signing_key: 91fee6a77cbec0ba9022e67d032c8826",
        ),
        counter_examples=(
            "MAILGUN_WEBHOOK_SIGNING_KEY=8303642697534ca84729",
            "MAILGUN_WEBHOOK_URL=https://hooks.shop.test/mg",
        ),
        remediation=(
            "Reset the HTTP webhook signing key in Mailgun (Sending > Webhooks) and keep it in a secrets manager."
        ),
        references=(
            "https://documentation.mailgun.com/docs/mailgun/user-manual/tracking-messages/#securing-webhooks",
        ),
        severity=Severity.MEDIUM,
        ignore_case=True,
        confidence=Confidence.MEDIUM,
        tags=("mailgun", "email"),
    ),
    token_rule(
        "mailchimp-api-key",
        "Mailchimp API key",
        r"(?<![A-Za-z0-9_\-])(?P<secret>[0-9a-f]{32}-us[0-9]{1,2})" + _E,
        ("-us",),
        examples=(
            'MAILCHIMP_API_KEY="692b320a2f0bab9f5751e76ed074eb29-us21"',
            "client.set_config({'api_key': 'ad9f0edd9dda43cbf45c57a49cfb7510-us6'})",
        ),
        counter_examples=("MAILCHIMP_API_KEY=ad3c50bc3073fb658c6a-us6", "MAILCHIMP_SERVER_PREFIX=us6"),
        remediation=(
            "Revoke the key in Mailchimp (Profile > Extras > API keys) and create a new one; keep it in a "
            "secrets manager."
        ),
        references=("https://mailchimp.com/developer/marketing/guides/quick-start/#generate-your-api-key",),
        severity=Severity.HIGH,
        min_entropy=3.0,
        tags=("mailchimp", "email"),
    ),
    token_rule(
        "mandrill-api-key",
        "Mandrill (Mailchimp Transactional) API key",
        keyed("mandrill", r"[A-Za-z0-9_\-]{22}", then="key|token|secret|api|password"),
        ("mandrill",),
        examples=(
            'MANDRILL_API_KEY="SXGG9ktnHEOgkKVxGAiOyW"',
            "mandrill_client = MandrillClient(mandrill_key='FCzdbF5Dxfu21K_us0fDqP')",
        ),
        counter_examples=(
            'MANDRILL_TEMPLATE="welcome-email-template"',
            'MANDRILL_API_KEY="wTt_fh63BrQg"',
            "MANDRILL_API_KEY=${MANDRILL_API_KEY}",
        ),
        remediation=(
            "Delete the key in Mailchimp Transactional (Settings > SMTP & API Info) and create a new one; keep "
            "it in a secrets manager."
        ),
        references=("https://mailchimp.com/developer/transactional/guides/quick-start/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.5,
        tags=("mandrill", "email"),
    ),
    token_rule(
        "postmark-server-token",
        "Postmark server or account token",
        keyed("postmark", UUID, then="token|key|secret|api"),
        ("postmark",),
        examples=(
            'POSTMARK_SERVER_TOKEN="59b7eb03-b8ff-e7f7-4c71-fb31061df2b4"',
            "  -H 'X-Postmark-Server-Token: 0b3fdb70-48da-006d-ac9e-896e99058fae' \\",
        ),
        counter_examples=(
            'postmark_message_id = "a54c6667-ae5c-4d9d-8d60-9250f557ca30"',
            'POSTMARK_SERVER_TOKEN="71d66242-1ab7"',
            "X-Postmark-Server-Token: POSTMARK_API_TEST",
        ),
        remediation=(
            "Regenerate the token in Postmark (Server > API Tokens, or Account > API Tokens) and keep it in a "
            "secrets manager."
        ),
        references=("https://postmarkapp.com/developer/api/overview#authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("postmark", "email"),
    ),
    token_rule(
        "sparkpost-api-key",
        "SparkPost API key",
        keyed("sparkpost", r"[0-9a-f]{40}", then="key|token|secret|api|password"),
        ("sparkpost",),
        examples=(
            'SPARKPOST_API_KEY="37c91563e33d3184425d3ae8aec7de8b6450f157"',
            "sp = SparkPost(sparkpost_key='08c6804e0e260553ef5f1769e690ebfad0cf3f07')",
        ),
        counter_examples=(
            'SPARKPOST_API_KEY="a97d9afa508387c85a8abbc945a7d098"',
            "SPARKPOST_API_KEY=$SPARKPOST_API_KEY",
        ),
        remediation=(
            "Delete the key in SparkPost (Configuration > API Keys), create one with minimal grants and keep "
            "it in a secrets manager."
        ),
        references=("https://developers.sparkpost.com/api/#header-authorization",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("sparkpost", "email"),
    ),
    token_rule(
        "brevo-api-key",
        "Brevo (Sendinblue) API key",
        _B + r"(?P<secret>xkeysib-[0-9a-f]{64}-[A-Za-z0-9]{16})" + _E,
        ("xkeysib-",),
        examples=(
            'BREVO_API_KEY="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"',
            "api-key: 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",
        ),
        counter_examples=(
            "BREVO_API_KEY=xkeysib-a8a4999d1f3dc8ba11c07cb909996489-XCDaEwXfvru2NR4x",
            'BREVO_API_KEY="xkeysib-..."',
        ),
        remediation=(
            "Delete the key in Brevo (SMTP & API > API keys), create a new one and keep it in a secrets manager."
        ),
        references=("https://developers.brevo.com/docs/getting-started",),
        severity=Severity.HIGH,
        tags=("brevo", "sendinblue", "email"),
    ),
    token_rule(
        "brevo-smtp-key",
        "Brevo (Sendinblue) SMTP key",
        _B + r"(?P<secret>xsmtpsib-[0-9a-f]{64}-[A-Za-z0-9]{16})" + _E,
        ("xsmtpsib-",),
        examples=(
            'SMTP_PASSWORD="xsmtpsib-e2df585abe5ab589456bdb2556e92b08e4f2d830868817d0b338717e5c441a03-DbeufyH2vLl84s0R"',
            "password: xsmtpsib-dfdf0faa9c8b11f4c365c861ebbb3404bfd13b91d2461c2dd4f794ac4ab81dc0-5dCzx2hfKlJ9Uhr5",
        ),
        counter_examples=(
            "SMTP_PASSWORD=xsmtpsib-2323d31e365ed59557666cc8d03e6d922678e732",
            'SMTP_PASSWORD="xsmtpsib-<key>"',
        ),
        remediation=(
            "Delete the SMTP key in Brevo (SMTP & API > SMTP), generate a new one and keep it in a secrets "
            "manager."
        ),
        references=("https://help.brevo.com/hc/en-us/articles/7959631848850",),
        severity=Severity.HIGH,
        tags=("brevo", "sendinblue", "email"),
    ),
    token_rule(
        "mailjet-api-secret",
        "Mailjet API secret key",
        keyed("mailjet|mj_apikey", r"[0-9a-f]{32}", then="secret|private"),
        ("mailjet", "mj_apikey"),
        examples=(
            'MAILJET_API_SECRET="89a0c44404c6e89153be5d967ccf1b17"',
            "MJ_APIKEY_PRIVATE=42d93470468b2be81a246c4cac1268f3",
        ),
        counter_examples=(
            'MAILJET_API_KEY="bd723d51036dffaa25c5d4dd27ab293a"',
            "MAILJET_SECRET_KEY=${MAILJET_SECRET_KEY}",
        ),
        remediation=(
            "Regenerate the secret key in Mailjet (Account settings > API Key Management) and keep it in a "
            "secrets manager."
        ),
        references=("https://dev.mailjet.com/email/guides/#authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        confidence=Confidence.MEDIUM,
        tags=("mailjet", "email"),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
