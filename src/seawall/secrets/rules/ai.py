"""AI and LLM platforms: OpenAI, Anthropic, Hugging Face, Groq, Replicate, Perplexity, xAI, OpenRouter,
DeepSeek, Cohere, Mistral, LangSmith, Pinecone, Tavily, Weights & Biases."""

from __future__ import annotations

import dataclasses

from seawall.model import Severity
from seawall.secrets.rules._keyed import keyed
from seawall.secrets.rules.base import Rule, token_rule

_B = r"(?<![A-Za-z0-9_\-])"
_E = r"(?![A-Za-z0-9_\-])"

_OPENAI_REVOKE = (
    "Revoke the key on the OpenAI platform (Settings > API keys, or the project's / organization's "
    "admin keys page), create a new project-scoped key with restricted permissions, and load it from a "
    "secrets manager or environment variable."
)
_OPENAI_REFS = (
    "https://platform.openai.com/docs/api-reference/authentication",
    "https://help.openai.com/en/articles/5112595-best-practices-for-api-key-safety",
)
_ANTHROPIC_REVOKE = (
    "Disable and delete the key in the Anthropic Console (Settings > API keys, or Admin keys), create a "
    "new one in the right workspace and keep it in a secrets manager."
)


def _has_digit_and_upper(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isupper() for c in token)


_RULES: tuple[Rule, ...] = (
    token_rule(
        "openai-project-key",
        "OpenAI project API key",
        _B + r"(?P<secret>sk-proj-[A-Za-z0-9_\-]{40,300})" + _E,
        ("sk-proj-",),
        examples=(
            'OPENAI_API_KEY="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"',
            "client = OpenAI(api_key='sk-proj-DLynjhGsf_mnjLT_ibXTZiqPDubkkr0fimXCt0_7weFFOiuqT3BlbkFJsDvw0DlkbasQxLlQ1QQwQPfNveycYljYU_fa2u_nTuqExNeB')",
        ),
        counter_examples=('OPENAI_API_KEY="sk-proj-fjNzb2fLcdejPYUH"', 'OPENAI_API_KEY="sk-proj-..."'),
        remediation=_OPENAI_REVOKE,
        references=_OPENAI_REFS,
        severity=Severity.CRITICAL,
        min_entropy=4.0,
        tags=("openai", "ai"),
    ),
    token_rule(
        "openai-service-account-key",
        "OpenAI service account API key",
        _B + r"(?P<secret>sk-svcacct-[A-Za-z0-9_\-]{40,300})" + _E,
        ("sk-svcacct-",),
        examples=(
            'OPENAI_API_KEY="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"',
            "openai:\n  api_key: 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",
        ),
        counter_examples=(
            'OPENAI_API_KEY="sk-svcacct-j5tl84hm02PrCX44"',
            "OPENAI_API_KEY=sk-svcacct-${SUFFIX}",
        ),
        remediation=_OPENAI_REVOKE,
        references=_OPENAI_REFS,
        severity=Severity.CRITICAL,
        min_entropy=4.0,
        tags=("openai", "ai"),
    ),
    token_rule(
        "openai-admin-key",
        "OpenAI admin API key",
        _B + r"(?P<secret>sk-admin-[A-Za-z0-9_\-]{40,300})" + _E,
        ("sk-admin-",),
        examples=(
            'OPENAI_ADMIN_KEY="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"',
            "headers = {'Authorization': 'Bearer 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'}",
        ),
        counter_examples=(
            'OPENAI_ADMIN_KEY="sk-admin-Njkye8WJX3330dNE"',
            'OPENAI_ADMIN_KEY="sk-admin-<key>"',
        ),
        remediation=_OPENAI_REVOKE,
        references=(*_OPENAI_REFS, "https://platform.openai.com/docs/api-reference/administration"),
        severity=Severity.CRITICAL,
        min_entropy=4.0,
        tags=("openai", "ai"),
    ),
    token_rule(
        "openai-api-key",
        "OpenAI API key (user or legacy format)",
        _B
        + r"(?P<secret>sk-(?!proj-|svcacct-|admin-)(?:None-)?[A-Za-z0-9_\-]{20,74}T3BlbkFJ[A-Za-z0-9_\-]{20,74})"
        + _E,
        ("t3blbkfj",),
        examples=(
            'OPENAI_API_KEY="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"',
            "openai.api_key = 'sk-None-uubOzD_MZvOOKcS55qzlVcIb78Ph0-ROrbvcMGfUmFMLuwOhT3BlbkFJBaBJQjTjRS3Rwv1Xs4mJ9Y3IacReW_hABKJjfwZqUhOdpL_r'",
        ),
        counter_examples=('OPENAI_API_KEY="sk-sQsnhoDqEET3BlbkFJKvySKRwUg7"', 'OPENAI_API_KEY="sk-..."'),
        remediation=_OPENAI_REVOKE,
        references=_OPENAI_REFS,
        severity=Severity.CRITICAL,
        tags=("openai", "ai"),
    ),
    token_rule(
        "anthropic-api-key",
        "Anthropic API key",
        _B + r"(?P<secret>sk-ant-api0[0-9]-[A-Za-z0-9_\-]{80,100}AA)" + _E,
        ("sk-ant-api",),
        examples=(
            'ANTHROPIC_API_KEY="sk-ant-api03-eXXjMmkic8GwML-hU5dI4wFkWuBKAicQFtbhAwghZkoBT2p4X0Q3JfDdBPmTFA5bEz_j9X0hUKBNbnBQMngJfC8AFdP8JAA"',
            "client = anthropic.Anthropic(api_key='sk-ant-api03-0vj8uTZVo7GE1foCzXJJ3WyBqOJKbiouhnNUlubI8M729HxcETACPFvFd0pw23G1JqXNkzB0OY1x_WMCpSZZPhkQNqMe2AA')",
        ),
        counter_examples=(
            'ANTHROPIC_API_KEY="sk-ant-api03-AjUPT-dB92ykxLfQwvfjAA"',
            'ANTHROPIC_API_KEY="sk-ant-api03-..."',
        ),
        remediation=_ANTHROPIC_REVOKE,
        references=("https://docs.anthropic.com/en/api/overview#authentication",),
        severity=Severity.CRITICAL,
        tags=("anthropic", "ai"),
    ),
    token_rule(
        "anthropic-admin-key",
        "Anthropic Admin API key",
        _B + r"(?P<secret>sk-ant-admin0[0-9]-[A-Za-z0-9_\-]{80,100}AA)" + _E,
        ("sk-ant-admin",),
        examples=(
            'ANTHROPIC_ADMIN_KEY="sk-ant-admin01-zwpmv50fqpAKCr_j1qxmqkCEhR1B6VgwT15F8yQh8bV1WSVjNZGFDzVNgr_LsXuIamXuSJxBnkcyGKg16lbCM2P8NQRjxAA"',
            "  --header 'x-api-key: sk-ant-admin01-dt89uD8vax9Iz2X9CSk9KVJFgSZuO_W3i5CMvVGVHrfReZRe8tJB449EjhFrh1Xvu7uS3oV9RyBVeOO1eS-adLwOVy1h0AA' \\",
        ),
        counter_examples=(
            'ANTHROPIC_ADMIN_KEY="sk-ant-admin01-CFshIAOHuqe8aN7vLy9HhVMCY0v2Cx"',
            "ANTHROPIC_ADMIN_KEY=$ADMIN_KEY",
        ),
        remediation=_ANTHROPIC_REVOKE,
        references=("https://docs.anthropic.com/en/api/administration-api",),
        severity=Severity.CRITICAL,
        tags=("anthropic", "ai"),
    ),
    token_rule(
        "huggingface-token",
        "Hugging Face user access token",
        _B + r"(?P<secret>hf_[A-Za-z0-9]{34})" + _E,
        ("hf_",),
        examples=(
            'HF_TOKEN="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"',
            "login(token='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')",
        ),
        counter_examples=(
            'HF_TOKEN="hf_UOVFuicDydSBMeCtYUyx"',
            "model_id = 'hf_internal_testing_tiny_random_bert'",
        ),
        remediation=(
            "Invalidate the token on huggingface.co (Settings > Access Tokens > Invalidate and refresh), prefer "
            "fine-grained tokens, and keep it in a secrets manager or CI secret."
        ),
        references=("https://huggingface.co/docs/hub/security-tokens",),
        severity=Severity.HIGH,
        min_entropy=3.8,
        tags=("huggingface", "ai"),
    ),
    token_rule(
        "huggingface-org-token",
        "Hugging Face organization API token (legacy)",
        _B + r"(?P<secret>api_org_[A-Za-z0-9]{34})" + _E,
        ("api_org_",),
        examples=(
            'HF_ORG_TOKEN="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"',
            "headers = {'Authorization': 'Bearer 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'}",
        ),
        counter_examples=('HF_ORG_TOKEN="api_org_xltjTvyWJsPl"', "HF_ORG_TOKEN=api_org_${NAME}"),
        remediation=(
            "Revoke the organization token in the Hugging Face organization settings and migrate to "
            "fine-grained user tokens kept in a secrets manager."
        ),
        references=("https://huggingface.co/docs/hub/security-tokens",),
        severity=Severity.HIGH,
        min_entropy=3.8,
        tags=("huggingface", "ai"),
    ),
    token_rule(
        "groq-api-key",
        "Groq API key",
        _B + r"(?P<secret>gsk_[A-Za-z0-9]{52})" + _E,
        ("gsk_",),
        examples=(
            'GROQ_API_KEY="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"',
            "client = Groq(api_key='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')",
        ),
        counter_examples=('GROQ_API_KEY="gsk_3Nba3ssLudy3LnH2DolL"', 'GROQ_API_KEY="gsk_..."'),
        remediation="Delete the key in the GroqCloud console (API Keys) and keep its replacement in a secrets manager.",
        references=("https://console.groq.com/docs/quickstart",),
        severity=Severity.HIGH,
        tags=("groq", "ai"),
    ),
    token_rule(
        "replicate-api-token",
        "Replicate API token",
        _B + r"(?P<secret>r8_[A-Za-z0-9]{37})" + _E,
        ("r8_",),
        examples=(
            'REPLICATE_API_TOKEN="r8_fHu4of4IuHYl36BA9bE7HeyPRROyBUSYE5abo"',
            "export REPLICATE_API_TOKEN=r8_adInyYIREWO9L00M02T2eOhCywowf9pMZM5K1",
        ),
        counter_examples=('REPLICATE_API_TOKEN="r8_PcP43PlvHXL0"', "REPLICATE_API_TOKEN=r8_${TOKEN}"),
        remediation=(
            "Disable the token on replicate.com (Account > API tokens), create a new one and keep it in a "
            "secrets manager."
        ),
        references=("https://replicate.com/docs/topics/security/api-tokens",),
        severity=Severity.HIGH,
        tags=("replicate", "ai"),
    ),
    token_rule(
        "perplexity-api-key",
        "Perplexity API key",
        _B + r"(?P<secret>pplx-[A-Za-z0-9]{48})" + _E,
        ("pplx-",),
        examples=(
            'PERPLEXITY_API_KEY="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"',
            "client = OpenAI(api_key='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', base_url=url)",
        ),
        counter_examples=('PERPLEXITY_API_KEY="pplx-V09OydfN6cpq4Bqw"', 'PERPLEXITY_API_KEY="pplx-..."'),
        remediation="Delete the key in Perplexity (Settings > API) and keep its replacement in a secrets manager.",
        references=("https://docs.perplexity.ai/guides/getting-started",),
        severity=Severity.HIGH,
        tags=("perplexity", "ai"),
    ),
    token_rule(
        "xai-api-key",
        "xAI (Grok) API key",
        _B + r"(?P<secret>xai-[A-Za-z0-9]{80})" + _E,
        ("xai-",),
        examples=(
            'XAI_API_KEY="xai-ergbxZ9SxkAOZsYUkheot8r4eapVBBoqsi1w2HtOHRgALyoaZ0y8stGz3l54E8tyilR5WMRb8yxBmLwQ"',
            "client = Client(api_key='xai-dNEYabPXwMMnTrR8Q4rGYO5OXvafbn5NxlJx7AbVs4hkECG0zu3OEVOtuZo1E1FlWhU7dcMvO44mGfOK')",
        ),
        counter_examples=('XAI_API_KEY="xai-Y2VWBbcAR6pYuKa1VrmJV1Rl5PjnjA"', "XAI_API_KEY=xai-${KEY}"),
        remediation="Delete the key in the xAI console (API Keys) and keep its replacement in a secrets manager.",
        references=("https://docs.x.ai/docs/overview",),
        severity=Severity.HIGH,
        tags=("xai", "ai"),
    ),
    token_rule(
        "openrouter-api-key",
        "OpenRouter API key",
        _B + r"(?P<secret>sk-or-v1-[0-9a-f]{64})" + _E,
        ("sk-or-v1-",),
        examples=(
            'OPENROUTER_API_KEY="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"',
            "api_key='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'",
        ),
        counter_examples=(
            'OPENROUTER_API_KEY="sk-or-v1-dd3f9db606fdd56aec86"',
            'OPENROUTER_API_KEY="sk-or-v1-..."',
        ),
        remediation="Delete the key on openrouter.ai (Keys) and keep its replacement in a secrets manager.",
        references=("https://openrouter.ai/docs/api-reference/authentication",),
        severity=Severity.HIGH,
        tags=("openrouter", "ai"),
    ),
    token_rule(
        "deepseek-api-key",
        "DeepSeek API key",
        keyed("deepseek", r"sk-[0-9a-f]{32}"),
        ("deepseek",),
        examples=(
            'DEEPSEEK_API_KEY="sk-81efc0a176e07b3a002622e348dda79f"',
            "deepseek:\n  deepseek_key: sk-78db5e2332f2d1089354f8ae95b84799",
        ),
        counter_examples=('DEEPSEEK_API_KEY="sk-0d78154bdbd6fc90"', "DEEPSEEK_API_KEY=${DEEPSEEK_API_KEY}"),
        remediation="Delete the key on platform.deepseek.com (API keys) and keep its replacement in a secrets manager.",
        references=("https://api-docs.deepseek.com/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("deepseek", "ai"),
    ),
    token_rule(
        "cohere-api-key",
        "Cohere API key",
        keyed("cohere|co_api_key", r"[A-Za-z0-9]{40}", then="key|token|secret|api"),
        ("cohere", "co_api_key"),
        examples=(
            'COHERE_API_KEY="4lN359fLcYIDPVrDmWiVMaAtB1q8yZpVkj85Ixxz"',
            "co = cohere.ClientV2(cohere_api_key='pSakfoUmcVt6azj7lgZrncIILd2oS0fI6jhmZLIe')",
        ),
        counter_examples=('COHERE_API_KEY="H30noziWlvJUIcVBTUkV"', "COHERE_API_KEY=${COHERE_API_KEY}"),
        remediation="Delete the key in the Cohere dashboard (API Keys) and keep its replacement in a secrets manager.",
        references=("https://docs.cohere.com/reference/about",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=4.0,
        validator=_has_digit_and_upper,
        tags=("cohere", "ai"),
    ),
    token_rule(
        "mistral-api-key",
        "Mistral AI API key",
        keyed("mistral", r"[A-Za-z0-9]{32}", then="key|token|secret|api"),
        ("mistral",),
        examples=(
            'MISTRAL_API_KEY="8nOVxbsmDLsr7EZdayfJd9IdBz5ocdzh"',
            "client = Mistral(mistral_api_key='jVRd0tIyr2ON68ZboaG8QSoFunse5feL')",
        ),
        counter_examples=('MISTRAL_MODEL="mistral-large-latest"', "MISTRAL_API_KEY=${MISTRAL_API_KEY}"),
        remediation="Delete the key in La Plateforme (API Keys) and keep its replacement in a secrets manager.",
        references=("https://docs.mistral.ai/getting-started/quickstart/",),
        severity=Severity.HIGH,
        ignore_case=True,
        min_entropy=4.0,
        validator=_has_digit_and_upper,
        tags=("mistral", "ai"),
    ),
    token_rule(
        "langsmith-api-key",
        "LangSmith personal access token or service key",
        _B + r"(?P<secret>lsv2_(?:pt|sk)_[0-9a-f]{32}_[0-9a-f]{10})" + _E,
        ("lsv2_pt_", "lsv2_sk_"),
        examples=(
            'LANGSMITH_API_KEY="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"',
            "LANGCHAIN_API_KEY=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",
        ),
        counter_examples=(
            'LANGSMITH_API_KEY="lsv2_pt_0f83883060176d21_9ab06d1643"',
            'LANGSMITH_API_KEY="lsv2_pt_..."',
        ),
        remediation=(
            "Delete the key in LangSmith (Settings > API Keys) and keep its replacement in a secrets manager."
        ),
        references=(
            "https://docs.smith.langchain.com/administration/how_to_guides/organization_management/create_account_api_key",
        ),
        severity=Severity.HIGH,
        tags=("langsmith", "ai"),
    ),
    token_rule(
        "pinecone-api-key",
        "Pinecone API key",
        _B + r"(?P<secret>pcsk_[A-Za-z0-9]{4,8}_[A-Za-z0-9]{40,80})" + _E,
        ("pcsk_",),
        examples=(
            'PINECONE_API_KEY="pcsk_2HYLw_Y9rXICn4EBISCiE84hR6IVJHgYY5twffF7dLJlyjiMjFIcgRpPwbn7oI1TWABMd"',
            "pc = Pinecone(api_key='pcsk_mMzPsD_pzvnGZCoUYQaXYud5YlaY90t2NpzTATSQrcDfME97ByLYdjZUzkRpQKu9rCf8yd')",
        ),
        counter_examples=('PINECONE_API_KEY="pcsk_u9N0N_8O8kHQGXTS"', 'PINECONE_API_KEY="pcsk_..."'),
        remediation=(
            "Delete the key in the Pinecone console (API Keys) and keep its replacement in a secrets manager."
        ),
        references=("https://docs.pinecone.io/guides/projects/manage-api-keys",),
        severity=Severity.HIGH,
        tags=("pinecone", "ai"),
    ),
    token_rule(
        "tavily-api-key",
        "Tavily API key",
        _B + r"(?P<secret>tvly-(?:dev-|prod-)?[A-Za-z0-9]{30,40})" + _E,
        ("tvly-",),
        examples=(
            'TAVILY_API_KEY="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"',
            "client = TavilyClient(api_key='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')",
        ),
        counter_examples=('TAVILY_API_KEY="tvly-9GzakqzTx8"', 'TAVILY_API_KEY="tvly-YOUR_API_KEY"'),
        remediation="Delete the key in the Tavily dashboard and keep its replacement in a secrets manager.",
        references=("https://docs.tavily.com/documentation/quickstart",),
        severity=Severity.MEDIUM,
        tags=("tavily", "ai"),
    ),
    token_rule(
        "wandb-api-key",
        "Weights & Biases API key",
        keyed("wandb|weights_and_biases", r"[0-9a-f]{40}", then="key|token|secret"),
        ("wandb", "weights_and_biases"),
        examples=(
            'WANDB_API_KEY="c929daaad8e9ad22bd211f5cd7196951769996b0"',
            'os.environ["WANDB_API_KEY"] = "5935eda68af1acdb79d029787112ed230c9862ba"',
        ),
        counter_examples=(
            'WANDB_RUN_COMMIT="e17ba0681becc234658290458830ce1ce4928888"',
            'WANDB_PROJECT="50e1dc497fd1"',
            "WANDB_API_KEY=${WANDB_API_KEY}",
        ),
        remediation=(
            "Revoke the key on wandb.ai (User settings > API keys), create a new one and keep it in a secrets "
            "manager or CI secret."
        ),
        references=("https://docs.wandb.ai/support/find_api_key/",),
        severity=Severity.HIGH,
        ignore_case=True,
        tags=("wandb", "ai"),
    ),
    token_rule(
        "wandb-login-key",
        "Weights & Biases API key passed to wandb.login",
        # In a notebook's source the quotes are escaped (``wandb.login(key=\\"...\\")``).
        r"wandb\.login\([^()\n]{0,80}?(?<![\w])key[ \t]*=[ \t]*\\{0,3}[\"'](?P<secret>[0-9a-f]{40})(?![0-9a-f])",
        ("wandb.login",),
        examples=(
            'wandb.login(key="88f1501ae1c2e268540a3da03b8beec361614641")',
            '    "wandb.login(key=\\"5935eda68af1acdb79d029787112ed230c9862ba\\")\\n",',
        ),
        counter_examples=(
            'wandb.login(key=os.environ["WANDB_API_KEY"])',
            'wandb.login(relogin=True, host="e17ba0681becc234658290458830ce1ce4928888")',
        ),
        remediation=(
            "Revoke the key on wandb.ai (User settings > API keys), create a new one and keep it in a secrets "
            "manager or CI secret."
        ),
        references=("https://docs.wandb.ai/ref/python/login/",),
        severity=Severity.HIGH,
        tags=("wandb", "ai"),
    ),
)

# Context rules never span lines and always contain their keyword: run them only on keyword lines.
RULES: tuple[Rule, ...] = tuple(
    dataclasses.replace(r, line_scoped=True) if r.ignore_case else r for r in _RULES
)
