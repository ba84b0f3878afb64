"""[email] in the config: documented in config.example.toml, validated with the key named."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.config import ConfigError, load_config

ROOT = Path(__file__).resolve().parents[2]


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_documents_email_and_leaves_it_off() -> None:
    config = load_config(ROOT / "config.example.toml", env={})
    assert not config.email.enabled and config.email.mailed() == {}
    example = (ROOT / "config.example.toml").read_text(encoding="utf-8")
    for key in ("host", "port", "security", "user", "password", "from", "timeout_seconds"):
        assert f"\n{key} =" in example or f"\n# {key} =" in example, key
    assert "[email.recipients]" in example and "HADIR_SMTP_PASSWORD" in example


def test_a_full_email_section_with_the_password_from_the_environment(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        """
[email]
host = "smtp.bantenprov.go.id"
port = 465
security = "ssl"
user = "hadir"
from = "Hadir <hadir@bantenprov.go.id>"

[email.recipients]
bkdbanten = ["rekap@bkd.bantenprov.go.id", " kepala@bkd.bantenprov.go.id "]
""",
    )
    config = load_config(path, env={"HADIR_SMTP_PASSWORD": "rahasia"})
    email = config.email
    assert (email.host, email.port, email.security, email.user) == (
        "smtp.bantenprov.go.id", 465, "ssl", "hadir",
    )  # fmt: skip
    assert email.password is not None and email.password.get_secret_value() == "rahasia"
    assert "rahasia" not in repr(config)
    assert email.sender == "Hadir <hadir@bantenprov.go.id>"
    assert email.mailed() == {
        "BKDBANTEN": ["rekap@bkd.bantenprov.go.id", "kepala@bkd.bantenprov.go.id"]
    }


@pytest.mark.parametrize(
    ("section", "message"),
    [
        ('host = "smtp.x.go.id"', "config key email.from: required when email.host is set"),
        ('security = "tls"', "config key email.security:"),
        ("port = 0", "config key email.port:"),
        ("max_attempts = 0", "config key email.max_attempts:"),
        ('recipients = { BKD = ["bukan-alamat"] }', "config key email.recipients:"),
        ("smtp_host = 1", "config key email.smtp_host:"),
    ],
)
def test_a_wrong_key_stops_the_start_naming_it(tmp_path: Path, section: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_config(write(tmp_path, f"[email]\n{section}\n"), env={})
    assert str(caught.value).startswith(message)
