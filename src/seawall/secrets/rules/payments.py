"""Payment providers: Stripe, Square, Braintree, Adyen, Plaid, Razorpay, Paystack, Flutterwave.

Publishable keys (Stripe ``pk_``, Flutterwave ``FLWPUBK``, Razorpay key ids) are meant for browsers and are
not reported.
"""

from __future__ import annotations

import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import UUID, keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"

# Keys published in Stripe's own documentation and tutorials: not secrets.
_STRIPE_DOCS_KEYS = frozenset({"sk_test_4eC39HqLyjWDarjtT1zdp7dc", "sk_test_BQokikJOvBiI2HlWgH4olfQ2"})


def _not_stripe_docs_key(secret: str) -> bool:
    return secret not in _STRIPE_DOCS_KEYS


_STRIPE_REVOKE = (
    "Roll the key in the Stripe Dashboard (Developers > API keys > Roll key), update the services that use "
    "it, and keep it in a secrets manager or environment variable; prefer restricted keys with least access."
)
_STRIPE_REFS = ("https://docs.stripe.com/keys", "https://docs.stripe.com/keys-best-practices")
# Paystack secret keys are sk_live_/sk_test_ followed by exactly 40 lowercase hex digits.
_NOT_PAYSTACK = r"(?![0-9a-f]{40}(?![A-Za-z0-9]))"

_RULES: tuple[Rule, ...] = (
    token_rule(
        "stripe-secret-key",
        "Stripe live secret key",
        _B + r"(?P<secret>sk_live_" + _NOT_PAYSTACK + r"[A-Za-z0-9]{24,247})" + _E,
        ("sk_live_",),
        examples=(
            'STRIPE_SECRET_KEY="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"',
            "stripe.api_key = 'sk_live_7fIaFs8HVW1VsG6TyJ09pR2S'",
        ),
        counter_examples=(
            'STRIPE_PUBLISHABLE_KEY="pk_live_51Xpt1Hth7cUT4rrdtdXVgfzBjsEuangAUrJZgym9K95r8NhbNXdU1yevV3CrEjtYEf0dYVkuFxgSsuAInErJceZ9McdTSkIWYq"',
            "stripe.api_key = 'sk_live_YJ7CK3OU1iHi'",
            "PAYSTACK_SECRET_KEY=sk_live_49c58b56202c5614f5ad6f14ae9581b63d89da19",
        ),
        remediation=_STRIPE_REVOKE,
        references=_STRIPE_REFS,
        severity=Severity.CRITICAL,
        tags=("stripe", "payments"),
    ),
    token_rule(
        "stripe-restricted-key",
        "Stripe live restricted key",
        _B + r"(?P<secret>rk_live_[A-Za-z0-9]{24,247})" + _E,
        ("rk_live_",),
        examples=(
            'STRIPE_API_KEY="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"',
            "stripe:\n  key: rk_live_dLlMPXZsTZ7JezICproqCwdT",
        ),
        counter_examples=('STRIPE_API_KEY="rk_live_BlQodDjjzA"', "STRIPE_API_KEY=rk_live_${STRIPE_SUFFIX}"),
        remediation=_STRIPE_REVOKE,
        references=(*_STRIPE_REFS, "https://docs.stripe.com/keys/restricted-api-keys"),
        severity=Severity.HIGH,
        tags=("stripe", "payments"),
    ),
    token_rule(
        "stripe-test-key",
        "Stripe test-mode secret or restricted key",
        _B + r"(?P<secret>[rs]k_test_" + _NOT_PAYSTACK + r"[A-Za-z0-9]{24,247})" + _E,
        ("sk_test_", "rk_test_"),
        examples=(
            'STRIPE_SECRET_KEY="sk_test_51ZO76J4Ho7qPTpR0AEnslw6SlV9FDYbUUdVdt1sit050YCsJtWOfx1bj6XrlfZRPqpf5idLwfNS4xjevcATAOMAInRwhjf5MCr"',
            "const stripe = Stripe('rk_test_quSbkO9DGp16y5ZlBFY69phu');",
        ),
        counter_examples=(
            "stripe.api_key = 'sk_test_4eC39HqLyjWDarjtT1zdp7dc'",
            'STRIPE_KEY="pk_test_51wUEKdBh9kRFKJCAIAn6zJYj1tiiA94WVVB5YYfkKPJiM2yW29PbLMWSAcsrWryYAXeHHoCUqf8NS8FM6ipeXjTGCCeroRzz5N"',
        ),
        remediation=(
            "Test-mode keys cannot move money but expose test data and account configuration: roll the key "
            "in the Stripe Dashboard (test mode) and load it from the environment."
        ),
        references=_STRIPE_REFS,
        severity=Severity.LOW,
        validator=_not_stripe_docs_key,
        confidence=Confidence.MEDIUM,
        tags=("stripe", "payments"),
    ),
    token_rule(
        "stripe-webhook-secret",
        "Stripe webhook signing secret",
        _B + r"(?P<secret>whsec_[A-Za-z0-9]{32,64})" + _E,
        ("whsec_",),
        examples=(
            'STRIPE_WEBHOOK_SECRET="whsec_WDJ4yMzjFNea0qOCFJKNAMHqs04l9OwC"',
            "endpoint_secret = 'whsec_iefrC1pe15cTS8A0NLe3W2qThsSRvwS7w2vHxjkKw57E6zIEWEtrtOeo6z1N0bo6'",
        ),
        counter_examples=("STRIPE_WEBHOOK_SECRET=whsec_F0txkTX97uJc", 'STRIPE_WEBHOOK_SECRET="whsec_..."'),
        remediation=(
            "Roll the endpoint's signing secret in the Stripe Dashboard (Developers > Webhooks > endpoint > "
            "Roll secret) and keep it in a secrets manager; a leaked secret lets anyone forge events."
        ),
        references=("https://docs.stripe.com/webhooks#verify-events",),
        severity=Severity.MEDIUM,
        tags=("stripe", "payments"),
    ),
    token_rule(
        "square-access-token",
        "Square access token",
        _B + r"(?P<secret>sq0atp-[A-Za-z0-9_\-]{22})" + _E,
        ("sq0atp-",),
        examples=(
            'SQUARE_ACCESS_TOKEN="sq0atp-8Qg8k_HsARtF6TUoBu_Lnr"',
            "square:\n  access_token: sq0atp-Kn3vFi3Zyn9NTNqxFY2vKL",
        ),
        counter_examples=("SQUARE_ACCESS_TOKEN=sq0atp-k3LXN9sqcI", "SQUARE_ACCESS_TOKEN=sq0atp-<token>"),
        remediation=(
            "Revoke the token in the Square Developer Dashboard (application > Credentials, or the "
            "RevokeToken OAuth endpoint), generate a new one and store it in a secrets manager."
        ),
        references=("https://developer.squareup.com/docs/build-basics/access-tokens",),
        severity=Severity.CRITICAL,
        tags=("square", "payments"),
    ),
    token_rule(
        "square-oauth-secret",
        "Square application secret",
        _B + r"(?P<secret>sq0csp-[A-Za-z0-9_\-]{43})" + _E,
        ("sq0csp-",),
        examples=(
            'SQUARE_APPLICATION_SECRET="sq0csp-KIYAR5MaJOHcBSBVaCwtiUYaPZaIajwbJuhdb2wakD1"',
            "client_secret: sq0csp-5DyalJ4CFS2uz_HY56DD7vOJv5PMT9ghn2t1YkasYzC",
        ),
        counter_examples=(
            "client_secret: sq0csp-4B2KsZrT1rFXlABv8GFv",
            "client_secret: sq0csp-${SQUARE_SECRET}",
        ),
        remediation=(
            "Replace the application secret in the Square Developer Dashboard (application > OAuth > "
            "Replace secret) and keep the new one in a secrets manager."
        ),
        references=("https://developer.squareup.com/docs/oauth-api/overview",),
        severity=Severity.HIGH,
        tags=("square", "payments"),
    ),
    token_rule(
        "square-bearer-token",
        "Square access token (EAAA format)",
        keyed("square", r"EAAA[A-Za-z0-9_\-]{60}"),
        ("square",),
        examples=(
            'SQUARE_ACCESS_TOKEN="EAAA26zgh-O3dFo0Jx78qiTlG6IaVDxkFRLQOOMMYDD9xDCJsA-vT5YGayDYFabm"',
            "squareClient = new Client({ squareAccessToken: 'EAAAspMNtUe7Q_yUf7hzcuy8MfKyXCPOIpTMfm9USXgCVDiqJSbmGgWy7f-q-wk6' })",
        ),
        counter_examples=(
            'SQUARE_ACCESS_TOKEN="EAAAhn9jbQyewiJmOAfta4XM"',
            'FB_TOKEN="EAAAbgX_WrQUp1hy3nngcwJBKoldtH4W8-q1wTz8TEmWD1-OcTrPi1iE8Ol-cVWU"',
        ),
        remediation=(
            "Revoke the token in the Square Developer Dashboard (application > Credentials) or with the "
            "RevokeToken endpoint, and load its replacement from a secrets manager."
        ),
        references=("https://developer.squareup.com/docs/build-basics/access-tokens",),
        severity=Severity.CRITICAL,
        ignore_case=True,
        tags=("square", "payments"),
    ),
    token_rule(
        "braintree-access-token",
        "Braintree (PayPal) access token",
        r"(?P<secret>access_token\$(?:production|sandbox)\$[0-9a-z]{16}\$[0-9a-f]{32})(?![0-9a-f])",
        ("access_token$production$", "access_token$sandbox$"),
        examples=(
            'BRAINTREE_ACCESS_TOKEN="access_token$production$td5zd8lbtbafrciy$9139d0d47bc20e69ccae50cb5dc70f7a"',
            "gateway = braintree.BraintreeGateway(access_token='access_token$sandbox$edrvhjv1owxf91ko$0a473884b28df94398cf0e5665b8430c')",
        ),
        counter_examples=(
            "BRAINTREE_ACCESS_TOKEN=access_token$production$ara79x7ttpwbxdkp$f45c78b2b154",
            "BRAINTREE_ACCESS_TOKEN=access_token$production$$",
        ),
        remediation=(
            "Revoke the access token (PayPal developer dashboard > app > Revoke, or the Braintree Control "
            "Panel), issue a new one and store it in a secrets manager."
        ),
        references=("https://developer.paypal.com/braintree/docs/guides/authentication/overview",),
        severity=Severity.CRITICAL,
        tags=("braintree", "paypal", "payments"),
    ),
    token_rule(
        "adyen-api-key",
        "Adyen API key",
        r"(?<![A-Za-z0-9+/=])(?P<secret>AQE[A-Za-z0-9+/]{60,200}={0,2}-[A-Za-z0-9+/]{40,60}={0,2})"
        r"(?![A-Za-z0-9+/])",
        ("aqe",),
        examples=(
            'ADYEN_API_KEY="AQEF5RLDQ5r/UMFYPtFg2YcDG1MeXhKNci7X/OUiwecSybfW8uBYmM3pJe6IxBUXXPQujQI4m4fI0CqZn7VY7P3QSDP9n==-55uGNX7ZxOT2r6FJhxaBqHm4IgpbJfg/vcLSiLOxCQ2=-f2cd8e"',
            "adyen.client.xapikey = 'AQEvqLwSW8LsvXbpaRqhKx5P4rmkzeBVvORq90HVlaNeZYsMSH9udiws/AEcH7NLWnCklurdxPyLfxAotf/ozeUNHJbIohYT+a4QpTKPJvitR1ronRugEOKcYWl=-gpLHZ56/AerJkQYjb2nVT+DCV+kdvXT6e3JxNEnqIio='",
        ),
        counter_examples=('ADYEN_API_KEY="AQE1mY+Er+tEzKFEWx7rrOt"', "ADYEN_API_KEY=${ADYEN_API_KEY}"),
        remediation=(
            "Generate a new key for the API credential in the Adyen Customer Area (Developers > API "
            "credentials), delete the leaked one, and keep keys in a secrets manager."
        ),
        references=("https://docs.adyen.com/development-resources/api-credentials/",),
        severity=Severity.CRITICAL,
        tags=("adyen", "payments"),
    ),
    token_rule(
        "plaid-access-token",
        "Plaid access token",
        _B + r"(?P<secret>access-(?:production|development)-" + UUID + ")" + _E,
        ("access-production-", "access-development-"),
        examples=(
            'PLAID_ACCESS_TOKEN="access-production-18ccf193-ba8a-4bc0-456e-bc7530ebdf92"',
            "access_token = 'access-development-da39a910-3e81-5718-5eff-aafe817dd071'",
        ),
        counter_examples=(
            'PLAID_ACCESS_TOKEN="access-sandbox-7babfb8b-4fe7-3977-400c-96c2383f6798"',
            "PLAID_ACCESS_TOKEN=access-production-ca9c0c06",
        ),
        remediation=(
            "Rotate the access token with Plaid's /item/access_token/invalidate endpoint (or remove the Item), "
            "and keep access tokens encrypted in your datastore rather than in code."
        ),
        references=("https://plaid.com/docs/api/tokens/",),
        severity=Severity.HIGH,
        tags=("plaid", "payments"),
    ),
    token_rule(
        "plaid-secret",
        "Plaid API secret",
        keyed("plaid", r"[0-9a-f]{30}", then="secret"),
        ("plaid",),
        examples=(
            'PLAID_SECRET="cdec054ed8748db0162c0a45508deb"',
            "plaid_client = Client(plaid_secret='c7a9d29148cd593a83a3a13024ad63', env='production')",
        ),
        counter_examples=('PLAID_CLIENT_ID="e53c3a3abf41f0ddb76bd43f"', "PLAID_SECRET=${PLAID_SECRET}"),
        remediation=(
            "Rotate the secret in the Plaid Dashboard (Team settings > Keys), update your servers and keep it "
            "in a secrets manager."
        ),
        references=("https://plaid.com/docs/quickstart/glossary/#secret",),
        severity=Severity.HIGH,
        ignore_case=True,
        confidence=Confidence.MEDIUM,
        tags=("plaid", "payments"),
    ),
    token_rule(
        "razorpay-key-secret",
        "Razorpay key secret",
        keyed("razorpay|rzp", r"[A-Za-z0-9]{24}", then="secret"),
        ("razorpay", "rzp"),
        examples=(
            'RAZORPAY_KEY_SECRET="NPw0Z2qXVPGvsLk5DYQOxBdd"',
            "razorpay:\n  razorpay_secret: s51WOrCPCGheTCcu7dvrclVZ",
        ),
        counter_examples=('RAZORPAY_KEY_ID="rzp_live_QvFQpc6ULe48Jc"', "RAZORPAY_KEY_SECRET=tgRB9xGHAqXJ"),
        remediation=(
            "Regenerate the API key in the Razorpay Dashboard (Account & Settings > API keys) and keep the "
            "secret on the server, in a secrets manager."
        ),
        references=("https://razorpay.com/docs/api/authentication/",),
        severity=Severity.HIGH,
        ignore_case=True,
        confidence=Confidence.MEDIUM,
        tags=("razorpay", "payments"),
    ),
    token_rule(
        "paystack-secret-key",
        "Paystack live secret key",
        _B + r"(?P<secret>sk_live_[0-9a-f]{40})" + _E,
        ("sk_live_",),
        examples=(
            'PAYSTACK_SECRET_KEY="sk_live_ca49f7924dad3414dc647c7eab2cadc07d1a6ba4"',
            "const paystack = Paystack('sk_live_1b6c20a3a820ecc978633065edafbcedf4487d7d');",
        ),
        counter_examples=(
            'PAYSTACK_PUBLIC_KEY="pk_live_0f9ca35e90c91920ff91b3dbfbd44f3cd99e13f0"',
            "PAYSTACK_SECRET_KEY=sk_live_9433fbf3cc7adf23fc10",
        ),
        remediation=(
            "Generate new API keys in the Paystack Dashboard (Settings > API Keys & Webhooks), then store "
            "the secret key in a secrets manager."
        ),
        references=("https://paystack.com/docs/api/authentication/",),
        severity=Severity.CRITICAL,
        tags=("paystack", "payments"),
    ),
    token_rule(
        "flutterwave-secret-key",
        "Flutterwave secret key",
        _B + r"(?P<secret>FLWSECK(?:_TEST)?-[0-9a-f]{32}-X)" + _E,
        ("flwseck",),
        examples=(
            'FLW_SECRET_KEY="FLWSECK-8594d3dfb198f91e1d58af47d2333c77-X"',
            "secretKey: 'FLWSECK_TEST-b129204760df4feabb4d7e3bd4047c7e-X'",
        ),
        counter_examples=(
            'FLW_PUBLIC_KEY="FLWPUBK-e2ec33840cec5dd22b2f959bd25c294e-X"',
            'FLW_SECRET_KEY="FLWSECK-cc96e1529827dbb7-X"',
        ),
        remediation=(
            "Regenerate the API keys in the Flutterwave Dashboard (Settings > API) and store the secret key "
            "in a secrets manager."
        ),
        references=("https://developer.flutterwave.com/docs/authentication",),
        severity=Severity.CRITICAL,
        tags=("flutterwave", "payments"),
    ),
    token_rule(
        "flutterwave-encryption-key",
        "Flutterwave encryption key",
        _B + r"(?P<secret>FLWSECK(?:_TEST)?[0-9a-f]{12})" + _E,
        ("flwseck",),
        examples=('FLW_ENCRYPTION_KEY="FLWSECK_TEST83ca48dca6ff"', "encryption_key: FLWSECKf2bdc6fb4a2f"),
        counter_examples=("encryption_key: FLWSECK8e0bc0", 'FLW_ENCRYPTION_KEY="FLWSECK_TEST"'),
        remediation=(
            "Regenerate the API keys (which also rotates the encryption key) in the Flutterwave Dashboard "
            "and store them in a secrets manager."
        ),
        references=("https://developer.flutterwave.com/docs/authentication",),
        severity=Severity.HIGH,
        tags=("flutterwave", "payments"),
    ),
    token_rule(
        "mollie-live-api-key",
        "Mollie live API key",
        # ``live_`` and 30 letters and digits (Mollie's test keys start ``test_`` and take no payments).
        _B + r"(?P<secret>live_(?=[A-Za-z]{0,29}[0-9])(?=[0-9]{0,29}[A-Za-z])[A-Za-z0-9]{30})" + _E,
        ("live_",),
        examples=(
            'MOLLIE_API_KEY="live_SSSXM0cC4PBUo6Lvt8fpKG65ex7kws"',
            "$mollie->setApiKey('live_q0jYRYdelGspy5xCZUbAxD4y9iROgo');",
        ),
        counter_examples=(
            "MOLLIE_API_KEY=test_SSSXM0cC4PBUo6Lvt8fpKG65ex7kws",
            "live_streamingconfigurationoverride = true",
            'MOLLIE_API_KEY="live_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"',
        ),
        remediation=(
            "Reset the live API key in the Mollie dashboard (Developers > API keys), deploy the new one "
            "from a secrets store, and remove the old one from the repository and its history."
        ),
        references=("https://docs.mollie.com/reference/authentication",),
        severity=Severity.CRITICAL,
        tags=("mollie", "payments"),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
