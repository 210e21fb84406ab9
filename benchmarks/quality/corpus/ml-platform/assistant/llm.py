"""LLM helpers for the support assistant: OpenAI for embeddings, Claude for answers."""

from __future__ import annotations

import os
from functools import lru_cache

import anthropic
from openai import OpenAI

OPENAI_API_KEY = "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"
ANTHROPIC_API_KEY = "sk-ant-api03-x7_Cp-RzDjs3A-VVFmy0j5V-5_uLVX_CHXzotDsJeVYtOce8B7xgp3FVshElmFrVSFtl46ACIP7iQhaWQVmM0Xofz07QVAA"
PINECONE_API_KEY = "1e4ad8a4-c14e-48bf-949e-b5a95f72da5b"
COHERE_API_KEY = "SiRTGg08vv3mhy0oSB4sa4hLQtDVEpHoGN4RbVd7"
SYSTEM_PROMPT = "You are AcmePay's support assistant. Answer from the provided context only."


@lru_cache(maxsize=1)
def openai_client() -> OpenAI:
    return OpenAI(api_key=os.getenv("OPENAI_API_KEY", OPENAI_API_KEY))


@lru_cache(maxsize=1)
def claude_client(api_key: str | None = None) -> anthropic.Anthropic:
    return anthropic.Anthropic(api_key=api_key or ANTHROPIC_API_KEY)


def embed(texts: list[str]) -> list[list[float]]:
    resp = openai_client().embeddings.create(model="text-embedding-3-small", input=texts)
    return [d.embedding for d in resp.data]


def answer(question: str, context: list[str]) -> str:
    msg = claude_client().messages.create(
        model="claude-3-5-sonnet-latest",
        max_tokens=800,
        system=SYSTEM_PROMPT,
        messages=[{"role": "user", "content": "\n\n".join(context) + "\n\nQuestion: " + question}],
    )
    return msg.content[0].text
