"""[data] retention_days: 90 by default, documented, overridable, checked with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, DataConfig, load_config

ROOT = Path(__file__).resolve().parents[2]


def test_the_example_documents_ninety_days() -> None:
    config = load_config(ROOT / "config.example.toml", env={})
    assert config.data.retention_days == 90 == load_config(None, env={}).data.retention_days
    text = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    section = text.split("\n[data]\n", 1)[1].split("\n[", 1)[0]
    assert {line.split(" = ")[0] for line in section.splitlines() if " = " in line} == set(
        DataConfig.model_fields
    )
    assert "HADIR_RETENTION_DAYS" in text


def test_the_environment_overrides_the_file(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text("[data]\nretention_days = 365\n", encoding="utf-8")
    assert load_config(path, env={}).data.retention_days == 365
    assert load_config(path, env={"HADIR_RETENTION_DAYS": "30"}).data.retention_days == 30


@pytest.mark.parametrize("days", ["0", "3651", "sembilan puluh"])
def test_a_wrong_value_names_the_key(days: str) -> None:
    with pytest.raises(ConfigError) as raised:
        load_config(None, env={"HADIR_RETENTION_DAYS": days})
    assert str(raised.value).startswith("config key data.retention_days:")
