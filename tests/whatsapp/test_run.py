"""`hadir run --whatsapp-only`: the scheduler and the webhook, as an operator starts them."""

from __future__ import annotations

import asyncio
import signal
import socket
from datetime import UTC, datetime
from pathlib import Path

import aiohttp

from tests.e2e.test_cli import _env, _hadir
from tests.fakes.graph_api import FakeGraphAPI


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
