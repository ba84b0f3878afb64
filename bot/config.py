"""Configuration: a TOML file, one pydantic model per section, environment overrides.

Precedence: defaults < TOML file (HADIR_CONFIG, or ./config.toml when present) <
environment (HADIR_TELEGRAM_TOKEN, HADIR_TELEGRAM_API_BASE, HADIR_DATABASE_URL,
HADIR_WEBHOOK_URL, HADIR_WHATSAPP_TOKEN, HADIR_WHATSAPP_APP_SECRET,
HADIR_WHATSAPP_VERIFY_TOKEN, HADIR_WHATSAPP_API_BASE, HADIR_RETENTION_DAYS). A wrong key
stops the start with the key named.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SecretStr,
    ValidationError,
    field_validator,
    model_validator,
)

from handlers.geo import (
    DEFAULT_HOME_RADIUS_M,
    DEFAULT_OFFICE_RADIUS_M,
    DEFAULT_PIKET_MINIMUM,
    MAX_RADIUS_M,
    MIN_RADIUS_M,
    GeoRules,
)
from handlers.retention import DEFAULT_RETENTION_DAYS, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS
from handlers.schedule import parse_days

DEFAULT_API_BASE = "https://api.telegram.org"
DEFAULT_GRAPH_API = "https://graph.facebook.com/v21.0"


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


class RulesConfig(Section):
    """Location and duty-roster rules; agencies may change their radii with /radius."""

    office_radius_m: int = Field(default=DEFAULT_OFFICE_RADIUS_M, ge=MIN_RADIUS_M, le=MAX_RADIUS_M)
    home_radius_m: int = Field(default=DEFAULT_HOME_RADIUS_M, ge=MIN_RADIUS_M, le=MAX_RADIUS_M)
    piket_minimum: int = Field(default=DEFAULT_PIKET_MINIMUM, ge=0, le=1000)
    # Weekly rotation: agency code -> days ("Sen", "Sel-Rab", "Jumat") -> NIPs on duty.
    piket_rotation: dict[str, dict[str, list[str]]] = Field(default_factory=dict)

    @field_validator("piket_rotation")
    @classmethod
    def _rotation(cls, value: dict[str, dict[str, list[str]]]) -> dict[str, dict[str, list[str]]]:
        for code, days in value.items():
            for spec, nips in days.items():
                try:
                    parse_days(spec)
                except ValueError as exc:
                    raise ValueError(f"{code}.{spec}: {exc}") from None
                bad = [nip for nip in nips if not (len(nip) == 18 and nip.isdigit())]
                if bad:
                    raise ValueError(f"{code}.{spec}: not an 18-digit NIP: {', '.join(bad)}")
        return value

    def geo(self) -> GeoRules:
        rotation: dict[str, dict[int, tuple[str, ...]]] = {}
        for code, days in self.piket_rotation.items():
            weekly = rotation.setdefault(code.upper(), {})
            for spec, nips in days.items():
                for weekday in parse_days(spec):
                    weekly[weekday] = (*weekly.get(weekday, ()), *nips)
        return GeoRules(
            office_radius_m=self.office_radius_m,
            home_radius_m=self.home_radius_m,
            piket_minimum=self.piket_minimum,
            piket_rotation=rotation,
        )


class DataConfig(Section):
    """Personal data: location coordinates are kept this many days, then purged (SPEC §9)."""

    retention_days: int = Field(
        default=DEFAULT_RETENTION_DAYS, ge=MIN_RETENTION_DAYS, le=MAX_RETENTION_DAYS
    )


class WhatsAppConfig(Section):
    """The WhatsApp Business Cloud API; off until ``phone_number_id`` and ``token`` are set."""

    phone_number_id: str = ""
    token: SecretStr | None = None
    app_secret: SecretStr | None = None
    verify_token: SecretStr | None = None
    api_base: str = DEFAULT_GRAPH_API
    prompt_template: str = "hadir_laporan"
    summary_template: str = "hadir_rekap"
    link_template: str = "hadir_tautan"
    template_language: str = "id"
    webhook_host: str = "127.0.0.1"
    webhook_port: int = Field(default=8081, ge=1, le=65535)
    webhook_path: str = "/whatsapp"
    messages_per_second: int = Field(default=80, ge=1, le=1000)
    per_user_interval_seconds: float = Field(default=6.0, ge=0, le=60)
    per_user_burst: int = Field(default=3, ge=1, le=45)
    max_retries: int = Field(default=5, ge=0, le=20)
    timeout_seconds: float = Field(default=30, gt=0, le=300)

    @field_validator("api_base")
    @classmethod
    def _base_url(cls, value: str) -> str:
        if not value.startswith(("http://", "https://")):
            raise ValueError("must be an http(s) URL")
        return value.rstrip("/")

    @field_validator("phone_number_id")
    @classmethod
    def _digits(cls, value: str) -> str:
        if value and not value.isdigit():
            raise ValueError("the numeric phone number ID from WhatsApp Manager (not the number)")
        return value

    @field_validator("webhook_path")
    @classmethod
    def _path(cls, value: str) -> str:
        if not value.startswith("/"):
            raise ValueError("must start with /")
        return value

    @model_validator(mode="after")
    def _complete(self) -> WhatsAppConfig:
        if bool(self.phone_number_id) != bool(self.token and self.token.get_secret_value()):
            raise ValueError("phone_number_id and token (HADIR_WHATSAPP_TOKEN) go together")
        if self.enabled:
            for key in ("app_secret", "verify_token"):
                value = getattr(self, key)
                if value is None or not value.get_secret_value():
                    raise ValueError(f"{key} is required when WhatsApp is on (the webhook)")
        return self

    @property
    def enabled(self) -> bool:
        return bool(self.phone_number_id and self.token and self.token.get_secret_value())


class EmailConfig(Section):
    """SMTP for the BKD roll-up's e-mail copy; off while ``host`` is empty."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    host: str = ""
    port: int = Field(default=587, ge=1, le=65535)
    security: Literal["starttls", "ssl", "none"] = "starttls"
    user: str = ""
    password: SecretStr | None = None
    sender: str = Field(default="", alias="from")
    recipients: dict[str, list[str]] = Field(default_factory=dict)  # BKD code -> addresses
    timeout_seconds: float = Field(default=30, gt=0, le=600)
    max_attempts: int = Field(default=5, ge=1, le=20)
    retry_seconds: int = Field(default=60, ge=1, le=3600)

    @field_validator("recipients")
    @classmethod
    def _addresses(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for code, addresses in value.items():
            for address in addresses:
                if "@" not in address.strip("@") or " " in address.strip():
                    raise ValueError(f"{code}: not an e-mail address: {address!r}")
        return {code.upper(): [a.strip() for a in to] for code, to in value.items()}

    @property
    def enabled(self) -> bool:
        return bool(self.host)

    def mailed(self) -> dict[str, list[str]]:
        """Recipients by BKD code when e-mail is on; nothing otherwise."""
        return dict(self.recipients) if self.enabled else {}


class Config(Section):
    telegram: TelegramConfig = Field(default_factory=TelegramConfig)
    database: DatabaseConfig = Field(default_factory=DatabaseConfig)
    limits: LimitsConfig = Field(default_factory=LimitsConfig)
    scheduler: SchedulerConfig = Field(default_factory=SchedulerConfig)
    email: EmailConfig = Field(default_factory=EmailConfig)
    whatsapp: WhatsAppConfig = Field(default_factory=WhatsAppConfig)
    rules: RulesConfig = Field(default_factory=RulesConfig)
    data: DataConfig = Field(default_factory=DataConfig)
    language: Literal["id", "en"] = "id"


class ConfigError(Exception):
    """Bad configuration; the message names the key."""


ENV_KEYS: dict[str, tuple[str, str]] = {
    "HADIR_TELEGRAM_TOKEN": ("telegram", "token"),
    "HADIR_TELEGRAM_API_BASE": ("telegram", "api_base"),
    "HADIR_WEBHOOK_URL": ("telegram", "webhook_url"),
    "HADIR_DATABASE_URL": ("database", "url"),
    "HADIR_SMTP_PASSWORD": ("email", "password"),
    "HADIR_WHATSAPP_TOKEN": ("whatsapp", "token"),
    "HADIR_WHATSAPP_APP_SECRET": ("whatsapp", "app_secret"),
    "HADIR_WHATSAPP_VERIFY_TOKEN": ("whatsapp", "verify_token"),
    "HADIR_WHATSAPP_API_BASE": ("whatsapp", "api_base"),
    "HADIR_RETENTION_DAYS": ("data", "retention_days"),
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
    email = data.get("email")
    if isinstance(email, dict) and email.get("host") and not email.get("from"):
        raise ConfigError("config key email.from: required when email.host is set")
    try:
        return Config.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise ConfigError(f"config key {where}: {first['msg']}") from exc
