"""Configuration: a TOML file, one pydantic model per section, environment overrides.

Precedence: defaults < TOML file (HADIR_CONFIG, or ./config.toml when present) <
environment (HADIR_TELEGRAM_TOKEN, HADIR_TELEGRAM_API_BASE, HADIR_DATABASE_URL,
HADIR_WEBHOOK_URL). A wrong key stops the start with the key named.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

DEFAULT_API_BASE = "https://api.telegram.org"


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TelegramConfig(Section):
    token: SecretStr | None = None
    api_base: str = DEFAULT_API_BASE
    mode: Literal["polling", "webhook"] = "polling"
    webhook_url: str | None = None
    webhook_secret: SecretStr | None = None
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8080, ge=1, le=65535)
    super_admins: list[int] = Field(default_factory=list)

    @field_validator("api_base")
    @classmethod
    def _strip_slash(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")


class DatabaseConfig(Section):
    url: str = "sqlite+aiosqlite:///hadir.db"

    @field_validator("url")
    @classmethod
    def _driver(cls, value: str) -> str:
        if not value.startswith(("sqlite+aiosqlite://", "postgresql+asyncpg://")):
            raise ValueError("use sqlite+aiosqlite:///FILE or postgresql+asyncpg://…")
        return value


class LimitsConfig(Section):
    """Telegram's sending limits, as the outbound sender keeps them."""

    global_per_second: int = Field(default=30, ge=1)
    per_chat_per_second: int = Field(default=1, ge=1)
    per_group_per_minute: int = Field(default=20, ge=1)
    max_retries: int = Field(default=5, ge=0)


class SchedulerConfig(Section):
    tick_seconds: int = Field(default=60, ge=1, le=3600)


class Config(Section):
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    scheduler: SchedulerConfig = Field(default_factory=SchedulerConfig)
    language: Literal["id", "en"] = "id"


class ConfigError(Exception):
    """Bad configuration; the message names the key."""


ENV_KEYS: dict[str, tuple[str, str]] = {
    "HADIR_TELEGRAM_TOKEN": ("telegram", "token"),
    "HADIR_TELEGRAM_API_BASE": ("telegram", "api_base"),
    "HADIR_WEBHOOK_URL": ("telegram", "webhook_url"),
    "HADIR_DATABASE_URL": ("database", "url"),
}


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None) -> Config:
    env = os.environ if env is None else env
    data: dict[str, Any] = {}
    path = (
        path or env.get("HADIR_CONFIG") or ("config.toml" if Path("config.toml").exists() else None)
    )
    if path:
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"config file not found: {path}") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: {exc}") from exc
    for name, (section, key) in ENV_KEYS.items():
        if env.get(name):
            data.setdefault(section, {})[key] = env[name]
    if env.get("HADIR_WEBHOOK_URL"):
        data["telegram"]["mode"] = "webhook"
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"config key {where}: {first['msg']}") from exc
