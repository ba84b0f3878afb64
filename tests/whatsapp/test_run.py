"""`hadir run --whatsapp-only`: the scheduler and the webhook, as an operator starts them."""

from __future__ import annotations

import asyncio
import signal
import socket
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from pydantic import SecretStr

from bot.bootstrap import bootstrap
from bot.clock import SystemClock
from bot.config import Config, DatabaseConfig, TelegramConfig
from bot.runtime import run
from tests.e2e.test_cli import _env, _hadir
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.graph_api import FakeGraphAPI
from tests.whatsapp.conftest import VERIFY_TOKEN, whatsapp_config


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def test_whatsapp_only_serves_the_webhook_and_stops_on_sigterm(tmp_path: Path) -> None:
    port = free_port()
    async with FakeGraphAPI() as meta:
        config = tmp_path / "hadir.toml"
        config.write_text(
            f'[whatsapp]\nphone_number_id = "{meta.phone_number_id}"\n'
            f'webhook_port = {port}\nwebhook_path = "/wa-hook"\n',
            encoding="utf-8",
        )
        env = _env(
            tmp_path,
            HADIR_CONFIG=str(config),
            HADIR_WHATSAPP_TOKEN=meta.token,
            HADIR_WHATSAPP_APP_SECRET=meta.app_secret,
            HADIR_WHATSAPP_VERIFY_TOKEN="verify-me",
            HADIR_WHATSAPP_API_BASE=meta.api_base,
        )
        proc = await _hadir("run", "--whatsapp-only", env=env)
        url = f"http://127.0.0.1:{port}/wa-hook"
        meta.webhook_url = url
        params = {"hub.mode": "subscribe", "hub.verify_token": "verify-me", "hub.challenge": "42"}
        async with aiohttp.ClientSession() as http, asyncio.timeout(60):
            while True:  # start-up imports are slow on a loaded machine
                try:
                    async with http.get(url, params=params) as response:
                        assert (response.status, await response.text()) == (200, "42")
                        break
                except aiohttp.ClientConnectionError:
                    await asyncio.sleep(0.1)
        user = meta.user("+6285700001111", "Orang Lain")
        assert await user.send(user.text("halo", datetime.now(UTC))) == 200
        async with asyncio.timeout(30):
            while not meta.texts(user.wa_id):
                await asyncio.sleep(0.05)
        proc.send_signal(signal.SIGTERM)
        _, err = await asyncio.wait_for(proc.communicate(), timeout=15)
    assert proc.returncode == 0, err.decode()[-2000:]
    assert "Traceback" not in err.decode()
    assert meta.texts(user.wa_id)[0].startswith("Nomor ini belum terdaftar di Hadir.")


async def test_whatsapp_only_without_whatsapp_config_names_what_is_missing(
    tmp_path: Path,
) -> None:
    proc = await _hadir("run", "--whatsapp-only", env=_env(tmp_path))
    _, err = await proc.communicate()
    assert proc.returncode == 2
    lines = err.decode().strip().splitlines()
    assert len(lines) == 1 and "HADIR_WHATSAPP_TOKEN" in lines[0], lines


async def test_both_webhooks_share_one_server_when_host_and_port_match(tmp_path: Path) -> None:
    port = free_port()
    async with FakeBotAPI() as fake, FakeGraphAPI() as meta:
        config = Config(
            telegram=TelegramConfig(
                token=SecretStr(fake.token),
                api_base=fake.url,
                mode="webhook",
                webhook_url="https://hadir.example.invalid/telegram",
                webhook_secret=SecretStr("s3cret"),
                webhook_port=port,
            ),
            database=DatabaseConfig(url=f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"),
            whatsapp=whatsapp_config(meta, webhook_port=port),
        )
        app = await bootstrap(config, clock=SystemClock())
        stop = asyncio.Event()
        task = asyncio.create_task(run(app, stop))
        params = {"hub.mode": "subscribe", "hub.verify_token": VERIFY_TOKEN, "hub.challenge": "7"}
        try:
            async with aiohttp.ClientSession() as http:
                async with asyncio.timeout(20):
                    while not fake.sent("setWebhook"):
                        await asyncio.sleep(0.05)
                async with http.get(f"http://127.0.0.1:{port}/whatsapp", params=params) as got:
                    assert (got.status, await got.text()) == (200, "7")
                async with http.post(f"http://127.0.0.1:{port}/telegram", json={}) as refused:
                    assert refused.status == 401  # Telegram's route, with its own secret check
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=10)
            await app.close()
