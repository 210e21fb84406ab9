"""Slack app for on-call: /incident and /deploy commands."""

import logging
import os

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler

logging.basicConfig(level=logging.INFO)

app = App(
    token=os.environ.get("SLACK_BOT_TOKEN", "xoxb-926563647115-4807499681211-Q0S3fbwDYytza6EoqDwNQMAt"),
    signing_secret="107fc850a3b73ef29536a9a935af25f1",
)
APP_LEVEL_TOKEN = "xapp-1-A6982K0409B-1379801825063-23fc784a49c3e6121c0b32ca181064bc559dccde83cb96c26a48961b73aca6e6"
ADMIN_USER_TOKEN = "xoxp-749829024165-704244444888-5450947652820-ccdfb65420b84f1846751514f52dab4b"  # used by the channel archiver


@app.command("/incident")
def open_incident(ack, body, client):
    ack()
    channel = client.conversations_create(name=f"inc-{body['trigger_id'][-6:]}")["channel"]["id"]
    client.chat_postMessage(channel=channel, text=f"Incident opened by <@{body['user_id']}>")


@app.command("/deploy")
def deploy(ack, respond, command):
    ack()
    service = command["text"].strip()
    if not service:
        respond("usage: /deploy <service>")
        return
    respond(f"Deploying {service}...")


if __name__ == "__main__":
    SocketModeHandler(app, APP_LEVEL_TOKEN).start()
