"""Slack tokens (``xox?-``, ``xapp-``) and webhook URLs."""

from __future__ import annotations

from seawall.model import Severity
from seawall.secrets.rules.base import Rule, token_rule

_REVOKE = (
    "Revoke the token (api.slack.com/apps > your app > OAuth & Permissions > Revoke, or the auth.revoke "
    "API method), reinstall the app to obtain a new one, and load it from a secrets manager or CI secret."
)
_WEBHOOK = (
    "Delete the webhook (api.slack.com/apps > your app > Incoming Webhooks, or the workflow's trigger in "
    "Workflow Builder), create a new one, and keep its URL in a secrets manager: the URL alone lets anyone "
    "post to the channel."
)
_REFS = ("https://api.slack.com/concepts/token-types", "https://api.slack.com/authentication/best-practices")
_B = r"(?<![A-Za-z0-9_\-.])"
_E = r"(?![A-Za-z0-9_\-])"

RULES: tuple[Rule, ...] = (
    token_rule(
        "slack-bot-token",
        "Slack bot token",
        _B + r"(?P<secret>xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{24,34})" + _E,
        ("xoxb-",),
        examples=(
            'SLACK_BOT_TOKEN="xoxb-375127179819-6614743402561-XwpAvQXVm1KTqsIUYU2heAwR"',
            "client = WebClient(token='xoxb-20481362954-7780767418093-mjaXpHvfNROfUE90LMRw3Gry')",
        ),
        counter_examples=(
            "SLACK_BOT_TOKEN=xoxb-479910538950-zfOaFDnU0M",
            'SLACK_BOT_TOKEN="xoxb-your-bot-token-here"',
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-user-token",
        "Slack user token",
        _B + r"(?P<secret>xoxp-[0-9]{8,14}-[0-9]{8,14}-[0-9]{8,14}-[0-9a-f]{32})" + _E,
        ("xoxp-",),
        examples=(
            'SLACK_USER_TOKEN="xoxp-199346154424-967543963540-5034830665871-a41823e8641363f4a1cd892155278604"',
            "slack:\n  token: xoxp-24534031108-594450112723-4771302981391-6b1c91865b93ac39bb03bb0070d51f87",
        ),
        counter_examples=(
            "SLACK_USER_TOKEN=xoxp-400462226348-280150056093-6d1f7c5bac7a0b40dcaf5bcf0ea6b0da",
            'SLACK_USER_TOKEN="xoxp-0000000000-0000000000-0000000000-00000000000000000000000000000000"',
        ),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.CRITICAL,
        tags=("slack",),
    ),
    token_rule(
        "slack-workspace-token",
        "Slack workspace app token (legacy xoxa)",
        _B + r"(?P<secret>xoxa-(?:[0-9]-)?(?:[0-9]{8,14}-){1,3}[A-Za-z0-9]{24,64})" + _E,
        ("xoxa-",),
        examples=(
            'token = "xoxa-2-301161560521-150384491106-9421894205155-007b985fcb1d057eb10a2b9a03d9834d7ca6d1ecf8ddad6c7f6ee8b6cbd26d9d"',
            "SLACK_TOKEN=xoxa-43621975158-631299043784-VHsLUb1iYgBCXyyR6XbvwwgSupEOGEFS",
        ),
        counter_examples=("SLACK_TOKEN=xoxa-2-611520761453-short", "SLACK_TOKEN=xoxa-${WORKSPACE_TOKEN}"),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-legacy-token",
        "Slack legacy or session token (xoxo, xoxs)",
        _B + r"(?P<secret>xox[os]-(?:[0-9]{8,14}-){1,3}[A-Za-z0-9]{24,64})" + _E,
        ("xoxo-", "xoxs-"),
        examples=(
            'SLACK_LEGACY_TOKEN="xoxs-442645187459-156586284051-5650758815549-ffa9d35e8c9dbee76f22808e9241796897c7b3a7946ce89037cdd938617f8880"',
            "token: xoxo-74762749270-683148158382-622vgXYH6H3oc89DsXJefH6Xqsp37SnV",
        ),
        counter_examples=("token: xoxs-973956876513-abc", 'token: "xoxo-"'),
        remediation=_REVOKE,
        references=_REFS,
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-refresh-token",
        "Slack refresh token",
        _B + r"(?P<secret>xoxr-(?:[0-9]-)?(?:[0-9]{8,14}-){0,3}[A-Za-z0-9]{24,200})" + _E,
        ("xoxr-",),
        examples=(
            'SLACK_REFRESH_TOKEN="xoxr-769249714264-2454220337897-7UKfDZ5waTTyq6usoCgDBLLL2cjBGsJW5br11BiK"',
            '{"refresh_token": "xoxr-1-asCc8MUBwWDljTkDMaPmc1ab7uquqNQoWaC38tg1DvtcsQb1zXsgEeSSjHqKbvP9Gtjr9wI6tYJsAo6irssrBYIaHgAcHlEM4WcwVtDwLFefoqsZtJFvjdMu"}',
        ),
        counter_examples=(
            "SLACK_REFRESH_TOKEN=xoxr-lwcEV4RXMr",
            'SLACK_REFRESH_TOKEN="xoxr-<refresh-token>"',
        ),
        remediation=_REVOKE,
        references=(*_REFS, "https://api.slack.com/authentication/rotation"),
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-rotating-token",
        "Slack rotating access or configuration token (xoxe.xoxp, xoxe.xoxb)",
        _B + r"(?P<secret>xoxe\.xox[bp]-[0-9]-[A-Za-z0-9]{100,260})" + _E,
        ("xoxe.xox",),
        examples=(
            'SLACK_CONFIG_TOKEN="xoxe.xoxp-1-orbR1o9iQbCoqvylt4DzyJHU6XXvie4hBmgSM8Ef60YXztD2Cqlzwm8mxMuBJvw31rIfqwperdTiPej2daY9QqWLA6xIj5fFJaDuVbYsbi4WGh0TYm2fpDAKptLwdaG8BCKTTqAxj52ELbaEXXRji4qrClpX2pOs3JIm9w"',
            "token: xoxe.xoxb-1-035pEtsLXmC4csYcVQ4dCVy04LAMXECA4uI0UFSOy5nGpmdL8GDCChpFW87YN6s3yVFFFUHr32UKeaDTerk0MdLAcXsmaLQhiTPUyf2hVxjlAM2YXipmUBnlFtBaiJ7qLhqtIzHKuEbV7hd8oG",
        ),
        counter_examples=(
            "SLACK_CONFIG_TOKEN=xoxe.xoxp-1-fHJicLecg7UUCVDpxWFtWdVSAUNZSyYNnwdp2Rzt",
            'SLACK_CONFIG_TOKEN="xoxe.xoxp-1-"',
        ),
        remediation=_REVOKE,
        references=(*_REFS, "https://api.slack.com/authentication/config-tokens"),
        severity=Severity.CRITICAL,
        tags=("slack",),
    ),
    token_rule(
        "slack-config-refresh-token",
        "Slack configuration refresh token (xoxe)",
        _B + r"(?P<secret>xoxe-[0-9]-[A-Za-z0-9]{100,260})" + _E,
        ("xoxe-",),
        examples=(
            'SLACK_CONFIG_REFRESH_TOKEN="xoxe-1-IksFQDPk866zyKAixs86qvIgab9Sgc7P9sohzYHKjEss2yvbhl5Ku78l9rFwOCJz9QLSSoZVs3E4A3loEu30UIMiJZd6UYkHUEC0bvAXkm4xYlCZhFj8eSGH1pTc7ytvAxitklThOul8yM178X"',
            '{"refresh_token": "xoxe-1-Volsko2jAFffyi4lYLtEbzXcltOVWXMzrmlDr7HO9e0AhZcJddjOX2cxm8R81xxDoPBkbZbPILB4yBLLNmv1n9H91VEqPKpoOC9i5JpTnCc46bKfxTX8vsdD7mVD9fbn3tDKZ5MNgMer"}',
        ),
        counter_examples=("refresh: xoxe-1-ExrpFLCFyDDOEkPjmz8bIah2huq2gP", 'refresh: "xoxe-1-<token>"'),
        remediation=_REVOKE,
        references=(*_REFS, "https://api.slack.com/authentication/config-tokens"),
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-app-token",
        "Slack app-level token",
        _B + r"(?P<secret>xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,14}-[0-9a-f]{64})" + _E,
        ("xapp-",),
        examples=(
            'SLACK_APP_TOKEN="xapp-1-AKAUER2PY8H-7305316628621-dc74adfb005e0fc9e380b1af4b458a98ede7e84ce608398fd62a53f2c105cc2f"',
            "app = App(token=bot, app_token='xapp-1-A13ZEUJU3JG-9757294933422-a0db419f4001c438661b37f99de66dad429143c588835b029fb09ff7be4eadd2')",
        ),
        counter_examples=(
            "SLACK_APP_TOKEN=xapp-1-AX9ZKVK3LQT-2423130296628-09b8ee1576f78d454fdd",
            'SLACK_APP_TOKEN="xapp-1-..."',
        ),
        remediation=_REVOKE,
        references=(*_REFS, "https://api.slack.com/authentication/token-types#app-level"),
        severity=Severity.HIGH,
        tags=("slack",),
    ),
    token_rule(
        "slack-webhook-url",
        "Slack incoming webhook URL",
        r"(?P<secret>https://hooks\.slack\.com/services/T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{24})"
        + r"(?![A-Za-z0-9])",
        ("hooks.slack.com/services/",),
        examples=(
            'SLACK_WEBHOOK_URL="https://hooks.slack.com/services/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"',
            "webhook: https://hooks.slack.com/services/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",
        ),
        counter_examples=(
            "webhook: https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
            "webhook: https://hooks.slack.com/services/${SLACK_WEBHOOK_PATH}",
        ),
        remediation=_WEBHOOK,
        references=("https://api.slack.com/messaging/webhooks",),
        severity=Severity.MEDIUM,
        tags=("slack", "webhook"),
    ),
    token_rule(
        "slack-workflow-webhook-url",
        "Slack workflow webhook URL",
        r"(?P<secret>https://hooks\.slack\.com/(?:workflows|triggers)/T[A-Z0-9]{8,12}/"
        r"(?:A[A-Z0-9]{8,12}/)?[0-9]{12,20}/[A-Za-z0-9]{24,32})(?![A-Za-z0-9])",
        ("hooks.slack.com/workflows/", "hooks.slack.com/triggers/"),
        examples=(
            "SLACK_WORKFLOW_URL=https://hooks.slack.com/workflows/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",
            'url = "https://hooks.slack.com/triggers/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"',
        ),
        counter_examples=(
            "see https://hooks.slack.com/workflows/T8UAAFU5D7W/AAIZ541ADOO/",
            'url = "https://hooks.slack.com/triggers/${TEAM}/${TRIGGER}/${SECRET}"',
        ),
        remediation=_WEBHOOK,
        references=("https://slack.com/help/articles/360041352714",),
        severity=Severity.MEDIUM,
        tags=("slack", "webhook"),
    ),
)
