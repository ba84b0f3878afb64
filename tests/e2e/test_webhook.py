"""Webhook mode: updates are accepted only with Telegram's secret token."""

from __future__ import annotations

import asyncio
import socket
import time
from pathlib import Path

import aiohttp

from bot.bootstrap import bootstrap
from bot.clock import SystemClock
from bot.config import Config
from bot.runtime import run
from tests.fakes.bot_api import FakeBotAPI


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _help_update(user: int) -> dict[str, object]:
    return {
        "update_id": 1,
        "message": {
            "message_id": 5,
            "from": {"id": user, "is_bot": False, "first_name": "Sri"},
            "chat": {"id": user, "type": "private", "first_name": "Sri"},
            "date": int(time.time()),
            "text": "/help",
            "entities": [{"type": "bot_command", "offset": 0, "length": 5}],
        },
    }


async def test_webhook_checks_the_secret_and_answers(tmp_path: Path) -> None:
    port = _free_port()
    async with FakeBotAPI() as fake:
        fake.started_users.add(77)
        config = Config.model_validate(
            {
                "telegram": {
                    "token": fake.token,
                    "api_base": fake.url,
                    "mode": "webhook",
                    "webhook_url": "https://hadir.example.invalid/telegram",
                    "webhook_secret": "s3cret",
                    "webhook_port": port,
                },
                "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"},
            }
        )
        app = await bootstrap(config, clock=SystemClock())
        stop = asyncio.Event()
        task = asyncio.create_task(run(app, stop))
        url = f"http://127.0.0.1:{port}/telegram"
        try:
            async with aiohttp.ClientSession() as http:
                async with asyncio.timeout(20):
                    while not fake.sent("setWebhook"):
                        await asyncio.sleep(0.05)
                wrong = await http.post(
                    url, json=_help_update(77), headers={"X-Telegram-Bot-Api-Secret-Token": "no"}
                )
                assert wrong.status == 401
                assert fake.texts(77) == []
                right = await http.post(
                    url,
                    json=_help_update(77),
                    headers={"X-Telegram-Bot-Api-Secret-Token": "s3cret"},
                )
                assert right.status == 200
        finally:
            stop.set()
            await asyncio.wait_for(task, timeout=10)
            await app.close()
    webhook = fake.sent("setWebhook")[0].params
    assert webhook["url"] == "https://hadir.example.invalid/telegram"
    assert webhook["secret_token"] == "s3cret"
    # handle_in_background=False: the reply exists by the time Telegram got its 200.
    assert len(fake.texts(77)) == 1 and "/daftar" in fake.texts(77)[0]
