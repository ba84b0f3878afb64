"""Shared pieces of the benchmarks: the fake in its own process, config, a no-network session."""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections import Counter
from collections.abc import AsyncGenerator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

from aiogram import Bot
from aiogram.client.session.base import BaseSession
from aiogram.methods import SetMessageReaction, TelegramMethod
from aiogram.methods.base import TelegramType
from sqlalchemy import event

from bot.config import Config
from storage.db import Database

ROOT = Path(__file__).resolve().parents[1]

# Monday 23 November 2026, 07:30 WIB: the first window of the default schedule opens.
WINDOW_OPENS = datetime(2026, 11, 23, 0, 30, tzinfo=UTC)


def nip(seq: int, *, sex: int = 1) -> str:
    """A valid NIP: born 1985-03-12, appointed 2010-01, ``seq`` 1..999."""
    assert 1 <= seq <= 999 and sex in (1, 2)
    return f"19850312201001{sex}{seq:03d}"


def config_for(url: str, token: str, db_path: Path) -> Config:
    return Config.model_validate(
        {
            "telegram": {"token": token, "api_base": url},
            "database": {"url": f"sqlite+aiosqlite:///{db_path}"},
        }
    )


class RemoteFake:
    """``FakeBotAPI(**options)`` running in a child process (see ``_fake_process.py``)."""

    def __init__(self, **options: Any) -> None:
        self.options = options
        self.url = ""
        self.token = ""
        self._proc: asyncio.subprocess.Process | None = None

    async def __aenter__(self) -> Self:
        path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path)}
        self._proc = await asyncio.create_subprocess_exec(
            sys.executable,
            str(Path(__file__).with_name("_fake_process.py")),
            json.dumps(self.options),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            env=env,
            limit=64 * 1024 * 1024,
        )
        hello = await self._line()
        self.url, self.token = hello["url"], hello["token"]
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        proc = self._proc
        if proc is None:
            return
        assert proc.stdin is not None
        proc.stdin.write(b"quit\n")
        await proc.stdin.drain()
        proc.stdin.close()
        await proc.wait()
        self._proc = None

    async def _line(self) -> Any:
        assert self._proc is not None and self._proc.stdout is not None
        line = await self._proc.stdout.readline()
        if not line:
            raise RuntimeError("the fake Bot API process died; see its stderr above")
        return json.loads(line)

    async def stats(self) -> FakeStats:
        assert self._proc is not None and self._proc.stdin is not None
        self._proc.stdin.write(b"stats\n")
        await self._proc.stdin.drain()
        return FakeStats(**await self._line())


class FakeStats:
    """What the fake recorded: rows of (method, chat_id, status, monotonic arrival)."""

    def __init__(self, calls: list[list[Any]], rejected: list[list[Any]]) -> None:
        self.calls = calls
        self.rejected = rejected

    def sent(self, method: str) -> list[list[Any]]:
        name = method.lower()
        return [c for c in self.calls if c[0].lower() == name and c[2] == 200]

    def per_chat(self, method: str) -> Counter[int]:
        return Counter(c[1] for c in self.sent(method))


class NullSession(BaseSession):
    """No network: answers ``setMessageReaction`` with True and refuses everything else.

    Used to show how much of the real path is HTTP to the (fake) Bot API.
    """

    def __init__(self) -> None:
        super().__init__()
        self.calls: Counter[str] = Counter()

    async def close(self) -> None:
        return None

    async def make_request(
        self,
        bot: Bot,
        method: TelegramMethod[TelegramType],
        timeout: int | None = None,  # noqa: ASYNC109 (the BaseSession signature)
    ) -> TelegramType:
        self.calls[method.__api_method__] += 1
        if isinstance(method, SetMessageReaction):
            return True  # type: ignore[return-value]
        raise AssertionError(f"unexpected {method.__api_method__} in a no-network run")

    async def stream_content(
        self,
        url: str,
        headers: dict[str, Any] | None = None,
        timeout: int = 30,  # noqa: ASYNC109 (the BaseSession signature)
        chunk_size: int = 65536,
        raise_for_status: bool = True,
    ) -> AsyncGenerator[bytes, None]:
        raise AssertionError("no downloads in a benchmark")
        yield b""  # an async generator, as the base class declares


class StatementCounter:
    """Counts SQL statements sent to the database (an executemany counts once)."""

    def __init__(self, db: Database) -> None:
        self.count = 0
        event.listen(db.engine.sync_engine, "before_cursor_execute", self._seen)

    def _seen(self, *args: Any) -> None:
        self.count += 1
