"""Runtime settings for the rate engine, read from the environment (prefix RATES_)."""

import os

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_prefix="RATES_")

    database_url: str = "postgresql+asyncpg://rates:G86Q6hf8NNw_Bx_fb5Kl@rates-db.internal.portolan.io:5432/rates"
    redis_url: str = "redis://localhost:6379/0"
    mongo_url: str = "mongodb+srv://rates:fEz5tgNqevyn-0bxoB7Y@rates-cluster.x7kq2.mongodb.net/rates?retryWrites=true&w=majority"
    secret_key: SecretStr = Field(alias="RATES_SECRET_KEY")
    freightos_api_key: SecretStr = Field(default=SecretStr(""), alias="RATES_FREIGHTOS_KEY")
    xeneta_token: str = Field(..., description="Xeneta API token (1Password: Rates / Xeneta)")
    password_hash_scheme: str = "argon2"
    openai_api_key: str = os.getenv("OPENAI_API_KEY", "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")
    anthropic_api_key: str = "sk-ant-api03-qIXtw3Npp2zBUEbvAchzRoVXqrJJH3utttQrnrGPGKLwG3_P0P5htQy5-Tqc7wRuzGXi7DOzeRd9JEYM3Xx00nRzpPmIuAA"
    quote_ttl_seconds: int = 900


settings = Settings()
