"""[whatsapp] config: defaults, environment overrides, and a clear error naming the key."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.config import ConfigError, WhatsAppConfig, load_config
from handlers.phone import InvalidPhone, parse_phone

ROOT = Path(__file__).resolve().parents[2]
ON = {
    "HADIR_WHATSAPP_TOKEN": "EAAG-token",
    "HADIR_WHATSAPP_APP_SECRET": "app-secret",
    "HADIR_WHATSAPP_VERIFY_TOKEN": "verify",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_off_by_default_with_the_official_graph_api() -> None:
    config = load_config(env={})
    assert not config.whatsapp.enabled
    assert config.whatsapp.api_base == "https://graph.facebook.com/v21.0"


def test_secrets_and_api_base_come_from_the_environment(tmp_path: Path) -> None:
    path = write(tmp_path, '[whatsapp]\nphone_number_id = "106540352242922"\n')
    env = {**ON, "HADIR_WHATSAPP_API_BASE": "http://127.0.0.1:9999/v21.0/"}
    whatsapp = load_config(path, env=env).whatsapp
    assert whatsapp.enabled
    assert whatsapp.token is not None and whatsapp.token.get_secret_value() == "EAAG-token"
    assert whatsapp.app_secret is not None and "app-secret" not in repr(whatsapp)
    assert whatsapp.api_base == "http://127.0.0.1:9999/v21.0"


@pytest.mark.parametrize(
    ("toml", "env", "key", "says"),
    [
        ("", {"HADIR_WHATSAPP_TOKEN": "t"}, "whatsapp", "go together"),
        ('phone_number_id = "1"', {"HADIR_WHATSAPP_TOKEN": "t"}, "whatsapp", "app_secret"),
        ('phone_number_id = "+62 812"', ON, "whatsapp.phone_number_id", "numeric"),
        ('phone_number_id = "1"\napi_base = "graph.facebook.com"', ON, "whatsapp.api_base", "URL"),
        ('phone_number_id = "1"\nwebhook_path = "whatsapp"', ON, "whatsapp.webhook_path", "/"),
        ('phone_number_id = "1"\nper_user_burst = 0', ON, "whatsapp.per_user_burst", ""),
        ('phone_number_id = "1"\ntemplate = "x"', ON, "whatsapp.template", ""),
    ],
)
def test_a_wrong_value_names_its_key(
    tmp_path: Path, toml: str, env: dict[str, str], key: str, says: str
) -> None:
    path = write(tmp_path, f"[whatsapp]\n{toml}\n")
    with pytest.raises(ConfigError) as raised:
        load_config(path, env=env)
    message = str(raised.value)
    assert message.startswith(f"config key {key}:") and says in message


def test_the_example_config_documents_every_key() -> None:
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    section = text.split("\n[whatsapp]\n", 1)[1].split("\n[", 1)[0]
    documented = set(re.findall(r"^#? ?([a-z_]+) = ", section, re.M))
    assert documented == set(WhatsAppConfig.model_fields)
    for variable in (*ON, "HADIR_WHATSAPP_API_BASE"):
        assert variable in text


@pytest.mark.parametrize(
    ("written", "e164"),
    [
        ("+62 812-3456-7890", "+6281234567890"),
        ("0812 3456 7890", "+6281234567890"),
        ("6281234567890", "+6281234567890"),
        ("+62 (0)812 3456 7890", "+6281234567890"),
        ("0062.812.3456.7890", "+6281234567890"),
        ("+1 650 555 1234", "+16505551234"),
    ],
)
def test_phone_numbers_as_people_write_them(written: str, e164: str) -> None:
    assert parse_phone(written) == e164


@pytest.mark.parametrize("written", ["12", "+62 812 abc", "", "+0812345678", "1" * 16])
def test_not_phone_numbers(written: str) -> None:
    with pytest.raises(InvalidPhone):
        parse_phone(written)
