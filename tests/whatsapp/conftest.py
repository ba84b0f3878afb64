"""The real app (``bootstrap``) with both transports: Telegram against the fake Bot API, WhatsApp
against the fake Graph API, its webhook served by aiohttp on 127.0.0.1.

``wa`` runs on SQLite and on PostgreSQL (through the shared ``database_url`` fixture). People
on Telegram speak through ``wa.tg`` (the transport tests' harness: real update JSON, the real
Dispatcher); people on WhatsApp are ``wa.user(...)``, posting real, signed webhook payloads.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiohttp.test_utils import TestServer
from pydantic import SecretStr
from sqlmodel import col, select

from bot.bootstrap import App, bootstrap
from bot.clock import VirtualClock
from bot.config import Config, DatabaseConfig, TelegramConfig, WhatsAppConfig
from bot.transports.whatsapp.transport import WhatsAppTransport
from storage.tables import Member, Report
from storage.tables_whatsapp import WhatsAppLink, WhatsAppMessage
from tests.fakes.bot_api import FakeBotAPI
from tests.fakes.graph_api import FakeGraphAPI, WhatsAppUser
from tests.transport.conftest import ADMIN, AGENCY_NAME, FAST_LIMITS, Harness
from tests.transport.updates import Updates

WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 25)  # a Wednesday, a working day
VERIFY_TOKEN = "hadir-verify-7c1f"
__all__ = ["ADMIN", "AGENCY_NAME", "DAY", "WA", "wib"]


def wib(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return datetime.combine(DAY, time(hour, minute, second), tzinfo=WIB)


def whatsapp_config(meta: FakeGraphAPI, **overrides: Any) -> WhatsAppConfig:
    values: dict[str, Any] = {
        "phone_number_id": meta.phone_number_id,
        "token": SecretStr(meta.token),
        "app_secret": SecretStr(meta.app_secret),
        "verify_token": SecretStr(VERIFY_TOKEN),
        "api_base": meta.api_base,
        "per_user_interval_seconds": 0,  # pacing has its own tests on a fake clock
        **overrides,
    }
    return WhatsAppConfig(**values)


@dataclass
class WA:
    app: App
    meta: FakeGraphAPI
    bot_api: FakeBotAPI
    clock: VirtualClock
    tg: Harness
    server: TestServer

    @property
    def transport(self) -> WhatsAppTransport:
        assert self.app.whatsapp is not None
        return self.app.whatsapp

    def at(self, hour: int, minute: int = 0, second: int = 0) -> None:
        self.clock.set(wib(hour, minute, second))

    def user(self, phone: str, name: str = "Pengguna") -> WhatsAppUser:
        return self.meta.user(phone, name)

    async def settle(self) -> None:
        """Until the app's replies and Meta's status callbacks have all arrived."""
        for _ in range(20):
            await self.transport.idle()
            await self.meta.settle()
            await asyncio.sleep(0)
            if not self.meta._tasks and not self.transport.sender._tasks:
                return

    async def send(self, user: WhatsAppUser, message: dict[str, Any], **post: Any) -> int:
        status = await user.send(message, **post)
        await self.settle()
        return status

    async def tick(self) -> None:
        await self.app.tick()
        await self.settle()

    async def until(self, hour: int, minute: int = 0) -> None:
        """Minute by minute to ``hour:minute`` WIB, ticking as the scheduler would."""
        while self.clock.now() < wib(hour, minute):
            self.clock.advance(minutes=1)
            await self.tick()

    # set-up ------------------------------------------------------------------------------------
    async def setup_agency(self) -> None:
        await self.tg.setup_agency()

    async def link(self, user: WhatsAppUser, nip: str, *, confirm: bool = True) -> Member:
        """The admin links ``user`` with /wa; the invitation goes out; the user replies."""
        raw = await self.tg.say(ADMIN, f"/wa {nip} {user.phone} {user.name}")
        assert self.tg.reply_to(raw).startswith("📱"), self.tg.reply_to(raw)
        await self.tick()
        invite = self.meta.sent("template", user.wa_id)[-1]
        if confirm:
            reply = user.button("Ya, ini saya", self.clock.now(), reply_to=invite.wamid or "")
            await self.send(user, reply)
        member = await self.member(nip)
        assert member is not None
        return member

    # what the database holds -------------------------------------------------------------------
    async def member(self, nip: str) -> Member | None:
        async with self.app.db.read() as session:
            result = await session.execute(select(Member).where(col(Member.nip) == nip))
            return result.scalar_one_or_none()

    async def link_row(self, nip: str) -> WhatsAppLink | None:
        member = await self.member(nip)
        assert member is not None
        async with self.app.db.read() as session:
            result = await session.execute(
                select(WhatsAppLink).where(col(WhatsAppLink.member_id) == member.id)
            )
            return result.scalar_one_or_none()

    async def reports(self) -> list[Report]:
        async with self.app.db.read() as session:
            return list((await session.execute(select(Report))).scalars())

    async def messages(self) -> list[WhatsAppMessage]:
        async with self.app.db.read() as session:
            query = select(WhatsAppMessage).order_by(col(WhatsAppMessage.id))
            return list((await session.execute(query)).scalars())


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(wib(7, 0))


@pytest.fixture
async def bot_api() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token="4242:whatsapp-test", enforce_limits=False) as api:
        yield api


@pytest.fixture
async def meta() -> AsyncIterator[FakeGraphAPI]:
    async with FakeGraphAPI() as fake:
        yield fake


async def start_wa(
    database_url: str,
    bot_api: FakeBotAPI,
    meta: FakeGraphAPI,
    clock: VirtualClock,
    **overrides: Any,
) -> WA:
    config = Config(
        telegram=TelegramConfig(token=SecretStr(bot_api.token), api_base=bot_api.url),
        database=DatabaseConfig(url=database_url),
        limits=FAST_LIMITS,
        whatsapp=whatsapp_config(meta, **overrides),
    )
    app = await bootstrap(config, clock=clock)
    assert app.whatsapp is not None
    server = TestServer(app.whatsapp.webhook.application(), host="127.0.0.1")
    await server.start_server()
    meta.webhook_url = str(server.make_url("/whatsapp"))
    return WA(app, meta, bot_api, clock, Harness(app, bot_api, clock, Updates(clock)), server)


async def stop_wa(wa: WA) -> None:
    await wa.settle()
    await wa.server.close()
    await wa.app.close()


@pytest.fixture
async def wa(
    database_url: str, bot_api: FakeBotAPI, meta: FakeGraphAPI, clock: VirtualClock
) -> AsyncIterator[WA]:
    harness = await start_wa(database_url, bot_api, meta, clock)
    try:
        yield harness
    finally:
        await stop_wa(harness)
