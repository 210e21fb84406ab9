"""Google Cloud / Google APIs credentials: API keys, OAuth client secrets and tokens, service-account keys,
and legacy Firebase Cloud Messaging server keys."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import token_rule
from seawall.secrets.validators import pem_body_ok

_OAUTH_REFS = (
    "https://developers.google.com/identity/protocols/oauth2",
    "https://support.google.com/cloud/answer/15549257",
)

RULES = (
    token_rule(
        "google-api-key",
        "Google API key",
        r"(?<![A-Za-z0-9_-])(?P<secret>AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])",
        ("aiza",),
        description=(
            "A Google Cloud API key (Maps, Gemini, Firebase, YouTube...). Unrestricted keys can be used by "
            "anyone to consume quota or, for Gemini and other paid APIs, to run up charges."
        ),
        examples=(
            'GOOGLE_API_KEY="AIza2xBaxedRxN-UXa0nW_9kFQChHQ-RqE2uuh2"',
            "genai.configure(api_key='AIza56qr0UuZomBgXNw7jrZ7xLT23rEpieG59JS')",
        ),
        counter_examples=(
            'GOOGLE_API_KEY="AIza2xBaxedRxN-UXa0nW_9kFQChHQ-RqE2uuh"',  # 33 characters after AIza
            'apiKey: "AIzaSyXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
            "GOOGLE_API_KEY=${GOOGLE_API_KEY}",
        ),
        remediation=(
            "Delete or regenerate the key in Google Cloud console > APIs & Services > Credentials, add API "
            "and application restrictions to the replacement, and load it from Secret Manager or an "
            "environment variable instead of source."
        ),
        references=(
            "https://cloud.google.com/docs/authentication/api-keys",
            "https://cloud.google.com/docs/authentication/api-keys-best-practices",
        ),
        severity=Severity.HIGH,
        min_entropy=3.5,
    ),
    token_rule(
        "google-oauth-client-secret",
        "Google OAuth client secret",
        r"(?<![A-Za-z0-9_-])(?P<secret>GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])",
        ("gocspx-",),
        examples=(
            'GOOGLE_CLIENT_SECRET="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"',
            '{"installed": {"client_id": "4821.apps.googleusercontent.com", '
            '"client_secret": "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"}}',
        ),
        counter_examples=(
            'GOOGLE_CLIENT_SECRET="GOCSPX-SmwXk1gTOEfBih8pVpHb06eD"',  # too short
            'GOOGLE_CLIENT_SECRET="GOCSPX-<your-client-secret>"',
        ),
        remediation=(
            "Add a new secret to the OAuth client in Google Cloud console > APIs & Services > Credentials, "
            "deploy it, then delete the leaked secret; keep client secrets in Secret Manager."
        ),
        references=_OAUTH_REFS,
        severity=Severity.HIGH,
        min_entropy=3.5,
    ),
    token_rule(
        "google-oauth-refresh-token",
        "Google OAuth refresh token",
        r"(?<![A-Za-z0-9_/:.-])(?P<secret>1//0[A-Za-z0-9_-]{40,})(?![A-Za-z0-9_-])",
        ("1//0",),
        description=(
            "A Google OAuth 2.0 refresh token ('1//0...'), as stored by gcloud in "
            "application_default_credentials.json or by apps after consent. It mints access tokens for the "
            "granted scopes until revoked."
        ),
        examples=(
            '"refresh_token": "1//0tHTB2PrRV4Oeh1PsWpfwZZyo97hLd_GI3Z-2_PnsKlVYyHLp9ktC3IH2xvxnn_RXlIS8365J_'
            '6mmhvXAa5SfdHEW6XR8pUT8iys",',
            "GOOGLE_REFRESH_TOKEN=1//09kTg3vQ2LmZx7RfNc-YpUa6sWdE0oHjB4iK_lXnT8qVrGz5yMeP1wCbSdAu9Jh2",
        ),
        counter_examples=(
            "GOOGLE_REFRESH_TOKEN=1//0abc",
            "url = 'https://1//0tHTB2PrRV4Oeh1PsWpfwZZyo97hLd_GI3Z-2_PnsKlV'",  # inside a URL
        ),
        remediation=(
            "Revoke the grant at https://myaccount.google.com/permissions (or POST the token to "
            "https://oauth2.googleapis.com/revoke), then re-authorise; never commit "
            "application_default_credentials.json."
        ),
        references=_OAUTH_REFS,
        severity=Severity.HIGH,
        min_entropy=4.0,
    ),
    token_rule(
        "google-oauth-access-token",
        "Google OAuth access token",
        r"(?<![A-Za-z0-9_.-])(?P<secret>ya29\.[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])",
        ("ya29.",),
        description="A Google OAuth 2.0 access token ('ya29.'). It is short-lived (about one hour).",
        examples=(
            "curl -H 'Authorization: Bearer ya29.LyNfJik1Nt29-x6hhgNBlg71G-Sddlo3PbVoghhtcvvlR6AwxMaPnDNMvDOnwo"
            "PuF_L9q4gKfPvcrt20-q_h_DisUoSStjm7QRMLFcA66HPgBilw9OCae1buAphGsmHPYmFUKpYDxqSqJrFXv_kYeL'",
            'ACCESS_TOKEN = "ya29.a0AfB_byC3kR9tLm2QxZ7vN4pW8sJ1hD6gF0eYuI5oTqXcVbAzKjHnMlPsRdEwGtUy"',
        ),
        counter_examples=(
            'ACCESS_TOKEN = "ya29.abc"',
            "ACCESS_TOKEN = $(gcloud auth print-access-token)",
        ),
        remediation=(
            "The token expires within an hour; revoke it now with "
            "`curl -d token=... https://oauth2.googleapis.com/revoke` and revoke the refresh token or key "
            "that minted it. Obtain tokens at runtime from the client library."
        ),
        references=_OAUTH_REFS,
        severity=Severity.MEDIUM,
        min_entropy=4.0,
    ),
    token_rule(
        "google-service-account-private-key",
        "Google Cloud service account private key (JSON key file)",
        r'"private_key"[ \t]*:[ \t]*"(?P<secret>-----BEGIN (?:RSA )?PRIVATE KEY-----\\n[A-Za-z0-9+/=\\]{64,8000}?'
        r'-----END (?:RSA )?PRIVATE KEY-----(?:\\n)?)"',
        ('"private_key"',),
        description=(
            "The private_key field of a Google service-account JSON key file ('type': 'service_account'). "
            "It authenticates as the service account with all of its IAM roles and does not expire."
        ),
        examples=(
            '  "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgGCwWClcex45J7y8UL85xpqJ5rSgsJ'
            "\\n5ZTGglFvuaOlxhySnmT555RiCGVIMkFUkgjnQyXn3oyKX4835FBjzn8tYRGpd/f0\\nnGk4VnmAEMiyQVtcYPa1N+UQoZNKeMVK"
            'Alh83ECIf7BPZPExFSg46Q==\\n-----END PRIVATE KEY-----\\n",',
            '{"type": "service_account", "project_id": "billing-prod-31", "private_key": "-----BEGIN PRIVATE '
            "KEY-----\\nMIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKggMPHNSQzZrMgdEBtkK/kj4Gru8KTF\\nzi1fBpPlr8bhAfTEdUsx+1B"
            "2DuNW7bm/BQW0lOZEGj7sPFBRI8a2nxJyuK2TjLuQ\\nrWei1ElEjywDZurxOWe/StG4erRNzJDyFZ/qgPX5+apX3bCh9vz6iw==\\n"
            '-----END PRIVATE KEY-----\\n"}',
        ),
        counter_examples=(
            '  "private_key": "-----BEGIN PRIVATE KEY-----\\n...\\n-----END PRIVATE KEY-----\\n",',
            '  "private_key": "-----BEGIN PRIVATE KEY-----\\nREPLACE_ME\\n-----END PRIVATE KEY-----\\n",',
            '  "private_key": "${GCP_PRIVATE_KEY}",',
        ),
        remediation=(
            "Delete the key in Google Cloud console > IAM & Admin > Service accounts > Keys (or "
            "`gcloud iam service-accounts keys delete`), audit its use in Cloud Audit Logs, and switch to "
            "Workload Identity Federation or attached service accounts instead of JSON key files."
        ),
        references=(
            "https://cloud.google.com/iam/docs/keys-create-delete",
            "https://cloud.google.com/iam/docs/best-practices-for-managing-service-account-keys",
        ),
        severity=Severity.CRITICAL,
        validator=pem_body_ok,
    ),
    token_rule(
        "google-fcm-server-key",
        "Firebase Cloud Messaging legacy server key",
        r"(?<![A-Za-z0-9_-])(?P<secret>AAAA[A-Za-z0-9_-]{7}:APA91b[A-Za-z0-9_-]{134})(?![A-Za-z0-9_-])",
        ("apa91b",),
        description="A legacy FCM server key; it lets anyone send push notifications to the app's users.",
        examples=(
            "FCM_SERVER_KEY=AAAAfP8fFHx:APA91bkd3h2XzcIFu9QEyj_QzOpdxuf3gedQekaSSmQ2BWKOIIN-VZWgjfnU3CzXW8Jqtnv"
            "Lo28jLsbvTHvPCgu1nhDMescvSdA43LiAOoWLBt3c9WJmX70t2-lg9LcpvrufkGhBktVu",
            "headers = {'Authorization': 'key=AAAAfP8fFHx:APA91bkd3h2XzcIFu9QEyj_QzOpdxuf3gedQekaSSmQ2BWKOI"
            "IN-VZWgjfnU3CzXW8JqtnvLo28jLsbvTHvPCgu1nhDMescvSdA43LiAOoWLBt3c9WJmX70t2-lg9LcpvrufkGhBktVu'}",
        ),
        counter_examples=(
            "FCM_SERVER_KEY=AAAAfP8fFHx:APA91bkd3h2XzcIFu9QEyj",
            "registration_id = 'fP8fFHx:APA91bkd3h2XzcIFu9QEyj_QzOpdxuf3gedQekaSSmQ2BWKOIIN'",
        ),
        remediation=(
            "Delete the server key in Firebase console > Project settings > Cloud Messaging, and migrate to "
            "the HTTP v1 API with short-lived OAuth tokens from a service account kept out of source."
        ),
        references=("https://firebase.google.com/docs/cloud-messaging/migrate-v1",),
        severity=Severity.HIGH,
    ),
)
