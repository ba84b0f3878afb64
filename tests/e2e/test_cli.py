"""The `hadir` console script as an operator meets it."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import time
from pathlib import Path

from tests.fakes.bot_api import FakeBotAPI


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADIR_")}
    env["HADIR_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"
    env["HADIR_CONFIG"] = ""
    env.update(extra)
    return env


async def _hadir(*args: str, env: dict[str, str]) -> asyncio.subprocess.Process:
    return await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )


async def test_run_without_token_is_one_line_naming_the_variable(tmp_path: Path) -> None:
    proc = await _hadir("run", env=_env(tmp_path))
    _, err = await proc.communicate()
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "HADIR_TELEGRAM_TOKEN" in lines[0], lines
    assert "Traceback" not in err.decode()


async def test_bad_database_url_names_the_key(tmp_path: Path) -> None:
    proc = await _hadir("migrate", env=_env(tmp_path, HADIR_DATABASE_URL="mysql://nope"))
    _, err = await proc.communicate()
    assert proc.returncode == 2
    assert "database.url" in err.decode() and "Traceback" not in err.decode()


async def test_check_warns_when_privacy_mode_hides_group_messages(tmp_path: Path) -> None:
    async with FakeBotAPI(can_read_all_group_messages=False) as fake:
        env = _env(tmp_path, HADIR_TELEGRAM_TOKEN=fake.token, HADIR_TELEGRAM_API_BASE=fake.url)
        proc = await _hadir("check", env=env)
        _, err = await proc.communicate()
    assert proc.returncode == 1
    assert "/setprivacy" in err.decode()


async def test_run_polls_the_configured_api_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    async with FakeBotAPI() as fake:
        fake.started_users.add(77)
        env = _env(tmp_path, HADIR_TELEGRAM_TOKEN=fake.token, HADIR_TELEGRAM_API_BASE=fake.url)
        proc = await _hadir("run", env=env)
        fake.push_update(
            {
                "message": {
                    "message_id": 1,
                    "from": {"id": 77, "is_bot": False, "first_name": "Sri"},
                    "chat": {"id": 77, "type": "private", "first_name": "Sri"},
                    "date": int(time.time()),
                    "text": "/bantuan",
                    "entities": [{"type": "bot_command", "offset": 0, "length": 8}],
                }
            }
        )
        async with asyncio.timeout(60):  # start-up imports are slow on a loaded machine
            while not fake.texts(77) or fake.confirmed_offset < 2:
                await asyncio.sleep(0.05)
        started = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), timeout=10)
        stopped_in = time.monotonic() - started
    assert proc.returncode == 0, err.decode()[-2000:]
    assert stopped_in < 10
    assert "Traceback" not in err.decode()
    assert any("/daftar" in text for text in fake.texts(77))
    assert {c.method.lower() for c in fake.calls} >= {"getme", "deletewebhook", "getupdates"}
