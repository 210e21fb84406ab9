"""Messaging, chat and social platforms: Twilio, Telegram, Discord, Microsoft Teams, Twitter/X, Meta,
Twitch, Mattermost, Zoom, LinkedIn, and Agora's real-time voice and video."""

from __future__ import annotations

import base64
import binascii
import dataclasses

from seawall.model import Confidence, Severity
from seawall.secrets.rules._keyed import ASSIGN, NAME, keyed
from seawall.secrets.rules.base import Rule, token_rule

_E = r"(?![A-Za-z0-9_\-])"
_UUID_CI = r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"


def _discord_token_ok(token: str) -> bool:
    """The first segment of a Discord bot token is the base64 of the bot's numeric user id."""
    first = token.split(".", 1)[0]
    try:
        raw = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4))
    except (binascii.Error, ValueError):
        return False
    return raw.isdigit() and 17 <= len(raw) <= 20


def _mixed(token: str) -> bool:
    return (
        any(c.isupper() for c in token)
        and any(c.islower() for c in token)
        and any(c.isdigit() for c in token)
    )


_RULES: tuple[Rule, ...] = (
    token_rule(
        "twilio-api-key",
        "Twilio API key SID",
        r"(?<![A-Za-z0-9_\-])(?P<secret>SK[0-9a-f]{32})" + _E,
        ("sk",),
        examples=(
            'TWILIO_API_KEY="SKf54ed11b9f42d739aee8d7c208c21db0"',
            "client = Client('SK15d917c3b19cb126fc5b16e932c4a8cc', api_secret, account_sid)",
        ),
        counter_examples=(
            'TWILIO_ACCOUNT_SID="AC960baa5b8e20d8adba9139e42bf81e09"',
            "TWILIO_API_KEY=SK3110a8cba62bef081307",
        ),
        description=(
            "Twilio API key SID found in source. It identifies a key whose secret is usually stored next to it; "
            "together they give full API access."
        ),
        remediation=(
            "Delete the API key in the Twilio Console (Account > API keys & tokens), create a new one and keep "
            "both its SID and secret in a secrets manager."
        ),
        references=("https://www.twilio.com/docs/iam/api-keys",),
        severity=Severity.MEDIUM,
        min_entropy=3.0,
        confidence=Confidence.MEDIUM,
        tags=("twilio",),
    ),
    token_rule(
        "twilio-auth-token",
        "Twilio auth token or API key secret",
        keyed("twilio", r"[0-9a-f]{32}", then="auth|token|secret"),
        ("twilio",),
        examples=(
            'TWILIO_AUTH_TOKEN="229a61ab579923de4e4d54bddd974fa5"',
            "twilio:\n  twilio_api_secret: 2c13cb541d8811d094532483e2de23f4",
        ),
        counter_examples=(
            'TWILIO_ACCOUNT_SID="AC63e5e6e550d2e137df2fec169193b474"',
            "TWILIO_AUTH_TOKEN=${TWILIO_AUTH_TOKEN}",
        ),
        remediation=(
            "Rotate the auth token in the Twilio Console (Account > API keys & tokens > Request a secondary "
            "token, then promote it), or delete the API key; keep secrets in a secrets manager."
        ),
        references=("https://www.twilio.com/docs/iam/credentials/api",),
        severity=Severity.CRITICAL,
        ignore_case=True,
        tags=("twilio",),
    ),
    token_rule(
        "twilio-auth-token-after-sid",
        "Twilio auth token written after its account SID",
        # ``Client("AC...", "...")``, ``new Twilio(...)``, ``TwilioClient.Init(...)``: the SID, then the token.
        r"(?<![A-Za-z0-9_])[\"']AC[0-9a-f]{32}[\"'][ \t]*,[ \t]*(?:\r?\n[ \t]*)?[\"'](?P<secret>[0-9a-f]{32})[\"']",
        ('"ac', "'ac"),  # the SID's quote too: "ac" alone is in nearly every file
        examples=(
            'client = Client("AC8f3b2a1c9d7e6f5a4b3c2d1e0f9a8b7c", "9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d")',
            "const client = new Twilio('AC63e5e6e550d2e137df2fec169193b474',\n"
            "    '229a61ab579923de4e4d54bddd974fa5');",
            'TwilioClient.Init("AC960baa5b8e20d8adba9139e42bf81e09", "2c13cb541d8811d094532483e2de23f4");',
        ),
        counter_examples=(
            'client = Client("AC960baa5b8e20d8adba9139e42bf81e09", os.environ["TWILIO_AUTH_TOKEN"])',
            'client = Client("AC960baa5b8e20d8adba9139e42bf81e09", "00000000000000000000000000000000")',
            'lookup("AC960baa5b8e20d8adba9139e42bf81e09", "MG63e5e6e550d2e137df2fec169193b474")',
        ),
        remediation=(
            "Rotate the auth token in the Twilio Console (Account > API keys & tokens > Request a secondary "
            "token, then promote it), and load it from a secrets manager."
        ),
        references=("https://www.twilio.com/docs/iam/credentials/api",),
        severity=Severity.CRITICAL,
        min_entropy=3.0,
        tags=("twilio",),
    ),
    token_rule(
        "telegram-bot-token",
        "Telegram bot token",
        r"(?<![0-9])(?P<secret>[0-9]{8,10}:AA[A-Za-z0-9_\-]{33})" + _E,
        (":aa",),
        examples=(
            'TELEGRAM_BOT_TOKEN="2891392899:AAdLyqQibZCbCpkJDCUNYFZdHxmN0aIRA7h"',
            "requests.post('https://api.telegram.org/bot521544744:AAVah4nLMJdZTdqAXuVi-enDIm7aDP1Kmqx/sendMessage', json=msg)",
        ),
        counter_examples=(
            "TELEGRAM_BOT_TOKEN=2758762616:AAHL0iu0vR9UgeKc2g6c-s",
            "TELEGRAM_BOT_TOKEN=123456789:AAxxxxxxxxxxxxxxxx",
        ),
        remediation=(
            "Revoke the token with @BotFather (/revoke), which issues a new one, and load it from a secrets "
            "manager or environment variable."
        ),
        references=("https://core.telegram.org/bots/features#botfather",),
        severity=Severity.HIGH,
        tags=("telegram",),
    ),
    token_rule(
        "discord-bot-token",
        "Discord bot token",
        r"(?:discord"
        + NAME
        + r"{0,30}?(?:token|secret|auth)"
        + NAME
        + r"{0,20}?"
        + ASSIGN
        + r"|\.(?:run|login)\([ \t]*[\"'])"
        + r"(?P<secret>[MNO][A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})"
        + _E,
        ("discord", ".run(", ".login("),
        examples=(
            'DISCORD_TOKEN="MTE4NzM1NDcyNjA5MTIzNDU2Nw.bqxKNi.w_08TPPM6aAI0wFjjiC7lL3dHigyQLtGH_xDvO"',
            "bot.run('OTg3MTIzNDU2Nzg5MDEyMzQ1.WVug30.0Z28q3n7Ur7wk0OIvAyLKVgH3a36PpBmMgp-0I')",
        ),
        counter_examples=(
            # First segment is not a base64 user id.
            "bot.run('MzZabcdefghijklmnopqrstuvw.WVug30.0Z28q3n7Ur7wk0OIvAyLKVgH3a36PpBmMgp-0I')",
            "bot.run(os.environ['DISCORD_TOKEN'])",
        ),
        remediation=(
            "Reset the token in the Discord Developer Portal (Applications > your app > Bot > Reset Token) and "
            "load the new one from an environment variable or secrets manager."
        ),
        references=("https://discord.com/developers/docs/topics/oauth2#bots",),
        severity=Severity.HIGH,
        validator=_discord_token_ok,
        ignore_case=True,
        tags=("discord",),
    ),
    token_rule(
        "discord-webhook-url",
        "Discord webhook URL",
        r"(?P<secret>https://(?:(?:ptb|canary)\.)?discord(?:app)?\.com/api(?:/v[0-9]{1,2})?/webhooks/"
        r"[0-9]{17,20}/[A-Za-z0-9_\-]{60,68})" + _E,
        ("discord.com/api", "discordapp.com/api"),
        examples=(
            'DISCORD_WEBHOOK="https://discord.com/api/webhooks/1540452952546464622/TmXywhjPxRfatoATypHGZpnnz90V49QcEYAv28drCuAVPaRzBZs8hsqR3prI3KQZoJB4"',
            "url: https://discordapp.com/api/webhooks/943756462355170427/LyjbkrVpIDQ9pYQ5t2OvULEbOMqgrK3cpnYHCgIbFOoTlr446QPhQ3GI4x3WutMrb7dF",
        ),
        counter_examples=(
            "url: https://discord.com/api/webhooks/2866915818690652635/${WEBHOOK_TOKEN}",
            "see https://discord.com/api/webhooks/{webhook.id}/{webhook.token}",
        ),
        remediation=(
            "Delete the webhook (channel settings > Integrations > Webhooks), create a new one and keep its URL "
            "in a secrets manager: the URL alone lets anyone post to the channel."
        ),
        references=("https://discord.com/developers/docs/resources/webhook",),
        severity=Severity.MEDIUM,
        tags=("discord", "webhook"),
    ),
    token_rule(
        "microsoft-teams-webhook-url",
        "Microsoft Teams incoming webhook URL",
        r"(?P<secret>https://(?:[a-z0-9\-]+\.webhook\.office\.com/webhookb2|outlook\.office(?:365)?\.com/webhook)/"
        + _UUID_CI
        + "@"
        + _UUID_CI
        + r"/IncomingWebhook/[0-9a-fA-F]{32}/"
        + _UUID_CI
        + r"(?:/[A-Za-z0-9_\-]{20,64})?)"
        + _E,
        ("webhook.office.com", "outlook.office.com/webhook", "outlook.office365.com/webhook"),
        examples=(
            "TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/a327566b-5926-3567-25d3-a20f5ac07828"
            "@605ed99a-92d9-fe1e-fb15-8fca645c3c05/IncomingWebhook/3f84267f36664fd13f7e03b453faf0f7/da12a11d-e9b1-e5df-8c0f"
            "-51eb1a4493d1/V24aGa7w_p4uwjQLMHhsy_C7pM0h-QID7m2I-LWmyD",
            'url = "https://outlook.office.com/webhook/58ec0ce5-67ad-1d19-0f04-7ff10bc8bdb2@ecfc0569-2a11'
            '-0358-17e5-ad1031ba1cf1/IncomingWebhook/4a00d6a6b57002658c65320d864df795/a88aa1ed-4c90-eb02-637b-661dbe1c017c"',
        ),
        counter_examples=(
            "TEAMS_WEBHOOK=https://contoso.webhook.office.com/webhookb2/${TEAMS_WEBHOOK_PATH}",
            "see https://outlook.office.com/webhook/ for the old endpoint",
        ),
        remediation=(
            "Remove the Incoming Webhook connector (or the Workflows flow) from the channel, create a new one "
            "and keep its URL in a secrets manager."
        ),
        references=(
            "https://learn.microsoft.com/en-us/microsoftteams/platform/webhooks-and-connectors/how-to/add-incoming-webhook",
        ),
        severity=Severity.MEDIUM,
        tags=("microsoft-teams", "webhook"),
    ),
    token_rule(
        "twitter-bearer-token",
        "Twitter/X app-only bearer token",
        r"(?<![A-Za-z0-9%+/=])(?P<secret>AAAAAAAAAAAAAAAAAAAAA[A-Za-z0-9%]{60,140})(?![A-Za-z0-9%+/=])",
        ("aaaaaaaaaaaaaaaaaaaaa",),
        examples=(
            'TWITTER_BEARER_TOKEN="AAAAAAAAAAAAAAAAAAAAAuSGlAAAAAAXUzY%2BQZEyTY52ahAe1f6xjYni%3D0DGlFgLfA9jboYVpKsqwl6XvT7eTExtjBII1hwHo8YpF3CPfY2"',
            "client = tweepy.Client(bearer_token='AAAAAAAAAAAAAAAAAAAAAC9wJAAAAAAAROaHujCbpnStJzOJz0KsO39iDcx5Xsl2B38Hk8zirQrfZL297WjiWDlvCe4ShSpk6m3JLw')",
        ),
        counter_examples=(
            'icon = "data:image/png;base64,iVBORw0KGgoBpwq2lZdamtwDS5ZRun62WBCX0J24R/AAAAAAAAAAAAAAAAAAAAAv0oinkbMavfgygBRt7GBbgpEt1eDk1KxpBxrJZRtQ51Jo2s4sx5nwY0vPuRN5xD59rheUxeladpIoHmf+Qx8=="',
            'TWITTER_BEARER_TOKEN="AAAAAAAAAAAAAAAAAAAAAQTQfW9EfJ7"',
            'TWITTER_BEARER_TOKEN="AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"',
        ),
        remediation=(
            "Regenerate the bearer token in the X Developer Portal (Projects & Apps > Keys and tokens) and keep "
            "it in a secrets manager."
        ),
        references=("https://developer.x.com/en/docs/authentication/oauth-2-0/bearer-tokens",),
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=3.5,
        tags=("twitter", "x"),
    ),
    token_rule(
        "twitter-api-secret",
        "Twitter/X API key secret or access token secret",
        keyed("twitter|tweepy", r"[A-Za-z0-9]{45}|[A-Za-z0-9]{50}", then="secret"),
        ("twitter", "tweepy"),
        examples=(
            'TWITTER_API_SECRET="9PlsZiOONnzShUO3HOH2rVBg2j3soFXgQCMFR69vkfD3NZkzL5"',
            "TWITTER_ACCESS_TOKEN_SECRET=UldjFDOUpuxKdbYNDtQ9KPMVw2bD5vedjSlDCPad28j5x",
        ),
        counter_examples=(
            'TWITTER_API_KEY="DlEerPezBwrikJo6gEtR2Grwz"',
            "TWITTER_API_SECRET=${TWITTER_API_SECRET}",
        ),
        remediation=(
            "Regenerate the consumer keys or access token in the X Developer Portal (Keys and tokens) and keep "
            "them in a secrets manager."
        ),
        references=("https://developer.x.com/en/docs/authentication/oauth-1-0a/api-key-and-secret",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.8,
        tags=("twitter", "x"),
    ),
    token_rule(
        "twitter-access-token",
        "Twitter/X OAuth 1.0a access token",
        keyed("twitter|tweepy", r"[0-9]{6,20}-[A-Za-z0-9]{40}", then="token"),
        ("twitter", "tweepy"),
        examples=(
            'TWITTER_ACCESS_TOKEN="2851456417852954389-9VVCTPT6gL01mS2imm7PJSf93tvMQrrxkz0CX2Uo"',
            "twitter_access_token: 9227737632-U0qxutli1yhaPeXmM7BI5S1iXUzdRDDRlfqUbeZU",
        ),
        counter_examples=(
            'TWITTER_ACCESS_TOKEN="5121119516240118573-EEVR871nnBKD"',
            "TWITTER_ACCESS_TOKEN=$TW_TOKEN",
        ),
        remediation=(
            "Revoke and regenerate the access token in the X Developer Portal (Keys and tokens) and keep it in "
            "a secrets manager."
        ),
        references=(
            "https://developer.x.com/en/docs/authentication/oauth-1-0a/obtaining-user-access-tokens",
        ),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("twitter", "x"),
    ),
    token_rule(
        "facebook-access-token",
        "Facebook/Meta Graph API access token",
        r"(?<![A-Za-z0-9_\-+/=])(?P<secret>EAA[A-Za-z0-9]{90,400})(?![A-Za-z0-9_\-+/=])",
        ("eaa",),
        examples=(
            'FB_PAGE_ACCESS_TOKEN="EAAGXosXrsJ9OzZBTTCjiRsl2YcBhDI9D7qUzsRbOC2Cbz67SNsETWCx5XgOhygkCotx2iA6S5yjQgrVJWrNZMoE8crkCfWeFi0B4NBHXSMN91IFM59WZUUulDKLZEcUWRdJ5lDNgdXMFg5V4MMNgdCDcszeLqvn65snBuJ7FML1qQu7iHT9Z2cK"',
            "graph = facebook.GraphAPI(access_token='EAACEdEose0cBADCey6isKsiox0EBAy9C2L4zYRo7QyxgOXEqOJoaLqnWBRkEnotkS8t3MmlJKxwulXn71ldg6BlUoxY0nKGovd53PIKLmcRigTlwmK3E9ssDIxFzE79zMXQLlsqHWt0qB9xhdL0ujSw9jsL5Tdg23gO')",
        ),
        counter_examples=(
            'FB_PAGE_ACCESS_TOKEN="EAAG0MjnigLO6Q0HElpq1eRONuMw5zcOMmswYBizHc7B"',
            "EAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        ),
        remediation=(
            "Invalidate the token (change the app secret in the Meta App Dashboard, or remove the app's access "
            "for that user/page), issue a new one and keep it in a secrets manager."
        ),
        references=("https://developers.facebook.com/docs/facebook-login/guides/access-tokens",),
        severity=Severity.HIGH,
        validator=_mixed,
        min_entropy=4.0,
        tags=("facebook", "meta"),
    ),
    token_rule(
        "facebook-app-secret",
        "Facebook/Meta app secret",
        keyed("facebook|meta_app|fb_", r"[0-9a-f]{32}", then="secret"),
        ("facebook", "meta_app", "fb_"),
        examples=(
            'FACEBOOK_APP_SECRET="70c5adbcdd0101d91311219593c8bb89"',
            "FB_CLIENT_SECRET=b8d17d98c56ef79d60bc112195ebde0c",
        ),
        counter_examples=('FACEBOOK_APP_ID="8539502811363590"', "FACEBOOK_APP_SECRET=${FACEBOOK_APP_SECRET}"),
        remediation=(
            "Reset the app secret in the Meta App Dashboard (App settings > Basic > Reset) and keep it on the "
            "server side, in a secrets manager."
        ),
        references=("https://developers.facebook.com/docs/facebook-login/security/#appsecret",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("facebook", "meta"),
    ),
    token_rule(
        "twitch-token",
        "Twitch OAuth token or client secret",
        keyed("twitch", r"(?:oauth:)?[a-z0-9]{30}", then="secret|token|oauth|password"),
        ("twitch",),
        examples=(
            'TWITCH_CLIENT_SECRET="xtdom5ytpwuxkmf10r19k4zplbn4wr"',
            "twitch_oauth_token: oauth:efelrbk4mkaoifrm8jpdpgz2rsw4pe",
        ),
        counter_examples=('TWITCH_CLIENT_ID="78vmn8y0z21g57smezm9"', "TWITCH_OAUTH_TOKEN=oauth:${TOKEN}"),
        remediation=(
            "Revoke the token (POST https://id.twitch.tv/oauth2/revoke) or generate a new client secret in the "
            "Twitch Developer Console, and keep it in a secrets manager."
        ),
        references=("https://dev.twitch.tv/docs/authentication/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.5,
        tags=("twitch",),
    ),
    token_rule(
        "mattermost-access-token",
        "Mattermost personal access or bot token",
        keyed("mattermost", r"[a-z0-9]{26}", then="token|secret|password"),
        ("mattermost",),
        examples=(
            'MATTERMOST_TOKEN="s7es0cxrwnd2v7arnw3lvwbs0j"',
            "mattermost:\n  mattermost_bot_token: 6825clmoqgcz8d5og7coz5q91n",
        ),
        counter_examples=('MATTERMOST_TEAM_ID="6vcnyqznqh8pkkf0pcawts7pwy"', "MATTERMOST_TOKEN=${MM_TOKEN}"),
        remediation=(
            "Revoke the token (Profile > Security > Personal access tokens, or Integrations > Bot accounts) "
            "and keep the new one in a secrets manager."
        ),
        references=("https://developers.mattermost.com/integrate/reference/personal-access-token/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.5,
        tags=("mattermost",),
    ),
    token_rule(
        "zoom-client-secret",
        "Zoom app client secret or webhook secret token",
        keyed("zoom", r"[A-Za-z0-9_\-]{22,40}", then="secret"),
        ("zoom",),
        examples=(
            'ZOOM_CLIENT_SECRET="KVeMwXU4kLanXCNoe3kHz5cjEl6Rs4QM"',
            "zoom_webhook_secret_token: zfX2_OaxBnutLLEQcEPBf0",
        ),
        counter_examples=(
            'ZOOM_CLIENT_ID="G6mcTRS7985kEP3lQMp1FN"',
            "ZOOM_CLIENT_SECRET=${ZOOM_CLIENT_SECRET}",
        ),
        remediation=(
            "Regenerate the client secret (or webhook secret token) in the Zoom App Marketplace (Manage > your "
            "app > App credentials) and keep it in a secrets manager."
        ),
        references=("https://developers.zoom.us/docs/internal-apps/s2s-oauth/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.8,
        confidence=Confidence.MEDIUM,
        tags=("zoom",),
    ),
    token_rule(
        "linkedin-client-secret",
        "LinkedIn app client secret",
        keyed(
            "linkedin", r"WPL_AP[0-9]\.[A-Za-z0-9]{16}\.[A-Za-z0-9+/=]{8,40}|[A-Za-z0-9]{16}", then="secret"
        ),
        ("linkedin",),
        examples=(
            'LINKEDIN_CLIENT_SECRET="vTBWxmETGIab3V7e"',
            "linkedin_secret: WPL_AP1.Qxg4ttlBducjGDWJ.0O31bA9h==",
        ),
        counter_examples=('LINKEDIN_CLIENT_ID="7fjylss6d4ha9n"', "LINKEDIN_CLIENT_SECRET=${LINKEDIN_SECRET}"),
        remediation=(
            "Generate a new client secret in the LinkedIn Developer Portal (My apps > Auth) and keep it in a "
            "secrets manager."
        ),
        references=("https://learn.microsoft.com/en-us/linkedin/shared/authentication/authentication",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.3,
        confidence=Confidence.MEDIUM,
        tags=("linkedin",),
    ),
    token_rule(
        "agora-app-certificate",
        "Agora app certificate",
        # The App ID beside it is public (every client holds it); the certificate signs the RTC and RTM
        # tokens that let a client into a channel.
        keyed("agora|appcertificate|app_certificate", r"[0-9a-f]{32}", then="certificate|cert"),
        ("agora", "appcertificate", "app_certificate"),
        examples=(
            "  static const String agoraAppCertificate = '882315fb46207a9a1af7f2a02872912c';",
            "AGORA_APP_CERTIFICATE=5cfd2fd1755d40ecb72977518be15d3b",
        ),
        counter_examples=(
            "  static const String agoraAppId = 'da557fca47dc490647868ca561ee925b';",
            "AGORA_APP_CERTIFICATE=${AGORA_APP_CERTIFICATE}",
        ),
        remediation=(
            "Enable a secondary certificate in Agora Console (Project management > your project), move "
            "token servers to it, then delete the leaked one; keep it on the token server only."
        ),
        references=("https://docs.agora.io/en/video-calling/get-started/manage-agora-account",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=3.0,
        confidence=Confidence.MEDIUM,
        tags=("agora",),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
