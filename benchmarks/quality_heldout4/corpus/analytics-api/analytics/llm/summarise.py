"""Visit-note summarisation with a hosted model (de-identified text only)."""

import anthropic
from groq import Groq

client = anthropic.Anthropic(api_key="sk-ant-api03-XgjuHxwYr-_AET2GtCdPpvalt9OLBJ1C7x33ByHf06OI1CqrPxstUeSZ7YMqLuMl_rubvnppogb32Wc7R-H5qDO7UuBm3AA")
fallback = Groq(api_key="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")
MODEL = "claude-3-5-sonnet-latest"
TOKEN_PARAM = "api_key"


def summarise(text: str) -> str:
    msg = client.messages.create(model=MODEL, max_tokens=400, messages=[{"role": "user", "content": text}])
    return msg.content[0].text
