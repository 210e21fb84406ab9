"""Publish a trained model to Replicate and announce it on Slack."""

import json
import subprocess
import sys
import urllib.request

REPLICATE_API_TOKEN = "r8_q95OS4IRVDZDy4DOdRNe1rYB6v919bDjysHlK"
SLACK_BOT_TOKEN = "xoxb-372989434962-4136017796033-JAtJihd9yfbyWHAE51kN8AqT"


def post_to_slack(token: str, channel: str, text: str) -> bool:
    req = urllib.request.Request(
        "https://slack.com/api/chat.postMessage",
        data=json.dumps({"channel": channel, "text": text}).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return json.load(resp)["ok"]


def main(version: str) -> int:
    env = {"REPLICATE_API_TOKEN": REPLICATE_API_TOKEN}
    subprocess.run(["cog", "push", f"r8.im/acmepay/mcc-classifier@{version}"], check=True, env=env)
    post_to_slack(SLACK_BOT_TOKEN, "#ml-releases", f"mcc-classifier {version} published")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
