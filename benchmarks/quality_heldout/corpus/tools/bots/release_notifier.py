import os

import requests

TELEGRAM_TOKEN = "7822222716:AAXqY-PYkSn_wkndOZSQ3GQ8IjiFffhiUE9"
DISCORD_TOKEN = os.getenv("DISCORD_TOKEN", "NjIzMjk4ODI4MDUzNjMzNjMx.Ekcebg.4YPEKT905bFzu0onFC6rAZg7KDDfRWN_gunnbj")
SLACK_TOKEN = "xoxb-229024870579-3368390029643-AOyg7oCcZB7PBBHWFgIDogFi"
SLACK_WEBHOOK = "https://hooks.slack.com/services/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"
GITHUB_TOKEN = os.environ["GITHUB_TOKEN"]


def notify(channel: str, token: str, text: str) -> None:
    requests.post(
        "https://slack.com/api/chat.postMessage",
        headers={"Authorization": f"Bearer {token}"},
        json={"channel": channel, "text": text},
        timeout=5,
    )
