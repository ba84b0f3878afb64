"""The app's own Dispatcher, wired by ``bootstrap()``, talking to a fake Bot API.

``tg`` is a chat harness: people say things in chats (real update JSON, dated by the
virtual clock), the real Dispatcher handles them, and the test reads what the fake
Bot API recorded and what the database holds.

By default the fake does not enforce flood limits and the app's limiter is loosened,
so transcripts run fast; the rate-limit tests build their own app with real limits.
"""

from __future__ import annotations

import asyncio
import itertools
import shutil
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from aiogram.types import Update
from pydantic import SecretStr
from sqlmodel import col, select

from bot.bootstrap import App, bootstrap
from bot.clock import VirtualClock
from bot.config import Config, DatabaseConfig, LimitsConfig, TelegramConfig
from bot.transports.telegram.polling import process_batch
from handlers.summary import TickResult
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import members as members_repo
from storage.db import make_engine
from storage.migrate import upgrade
from storage.tables import Agency, LocationEvent, Member, Report, Supervisor
from tests.fakes.bot_api import Call, FakeBotAPI
from tests.transport.updates import JSON, Chat, Person, Updates

WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 25)  # a Wednesday, a working day

BOT = Person(42, "Hadir", username="hadir_test_bot", is_bot=True)
ADMIN = Person(501, "Siti", "Rahmawati", username="siti_admin")
BUDI = Person(601, "Budi", "Santoso", username="budi_s")
ANI = Person(602, "Ani", "Wulandari", username="ani_w")
KADIS = Person(701, "Hendra", "Kusuma", username="kadis_hendra")
GROUP = Chat(-1001234567890, "supergroup", "Diskominfo — WFH")

BUDI_NIP = "198503122010011002"
ANI_NIP = "199001012015032001"
KADIS_NIP = "197502021998031003"
AGENCY_CODE = "DISKOMINFO"
AGENCY_NAME = "Dinas Komunikasi dan Informatika"

FAST_LIMITS = LimitsConfig(
    global_per_second=10_000, per_chat_per_second=10_000, per_group_per_minute=10_000
)


def wib(hour: int, minute: int = 0, second: int = 0, *, day: date = DAY) -> datetime:
    return datetime.combine(day, time(hour, minute, second), tzinfo=WIB)


@dataclass
class Harness:
    app: App
    fake: FakeBotAPI
    clock: VirtualClock
    updates: Updates
    group: Chat = GROUP

    # time --------------------------------------------------------------------------------------
    def at(self, hour: int, minute: int = 0, second: int = 0) -> None:
        """Move the virtual clock to a WIB time on the test day."""
        self.clock.set(wib(hour, minute, second))

    # feeding updates ---------------------------------------------------------------------------
    def parse(self, raw: JSON) -> Update:
        return Update.model_validate(raw, context={"bot": self.app.bot})

    async def feed(self, raw: JSON) -> JSON:
        await self.app.dispatcher.feed_update(self.app.bot, self.parse(raw))
        return raw

    async def feed_batch(self, raws: list[JSON]) -> None:
        """As long polling does it: one getUpdates batch, processed concurrently."""
        await process_batch(self.app.dispatcher, self.app.bot, [self.parse(r) for r in raws])

    def _chat(self, chat: Chat | None, sender: Person) -> Chat:
        chat = chat or self.group
        if chat.type == "private":  # writing to the bot means having started it
            self.fake.started_users.add(sender.id)
        return chat

    async def say(
        self, sender: Person, text: str, *, chat: Chat | None = None, reply_to: JSON | None = None
    ) -> JSON:
        chat = self._chat(chat, sender)
        replied = reply_to["message"] if reply_to is not None else None
        return await self.feed(self.updates.text(chat, sender, text, reply_to=replied))

    async def share(self, sender: Person, *, chat: Chat | None = None, **location: Any) -> JSON:
        return await self.feed(self.updates.location(self._chat(chat, sender), sender, **location))

    async def tick(self) -> TickResult:
        return await self.app.tick()

    # shortcuts for the usual set-up ------------------------------------------------------------
    def make_admin(self, person: Person, status: str = "administrator") -> None:
        self.fake.admins.setdefault(self.group.id, {})[person.id] = status

    async def setup_agency(self) -> None:
        self.make_admin(ADMIN)
        await self.say(ADMIN, f"/setup {AGENCY_CODE} {AGENCY_NAME}")
        assert await self.agency() is not None

    async def register(self, person: Person, nip: str) -> JSON:
        raw = await self.say(person, f"/daftar {nip} {person.full_name}")
        assert await self.member(person) is not None, self.replies_to(raw)
        return raw

    # what the fake Bot API saw -----------------------------------------------------------------
    def replies_to(self, raw: JSON) -> list[str]:
        """Texts the bot sent in reply to the message of ``raw`` (in that chat)."""
        message = raw.get("message") or raw["edited_message"]
        return [
            str(c.params["text"])
            for c in self.fake.sent("sendMessage", chat_id=message["chat"]["id"])
            if (c.params.get("reply_parameters") or {}).get("message_id") == message["message_id"]
        ]

    def reply_to(self, raw: JSON) -> str:
        """The one reply to ``raw``; fails when there is none or more than one."""
        replies = self.replies_to(raw)
        assert len(replies) == 1, replies
        return replies[0]

    def reactions(self, raw: JSON) -> list[str]:
        message = raw.get("message") or raw["edited_message"]
        return [
            r["emoji"]
            for c in self.fake.sent("setMessageReaction", chat_id=message["chat"]["id"])
            if c.params.get("message_id") == message["message_id"]
            for r in c.params.get("reaction", [])
        ]

    def calls(self, method: str) -> list[Call]:
        return [c for c in self.fake.calls if c.method.lower() == method.lower()]

    # what the database holds -------------------------------------------------------------------
    async def agency(self, chat_id: int | None = None) -> Agency | None:
        async with self.app.db.read() as session:
            return await agencies_repo.get_by_chat(session, chat_id=chat_id or self.group.id)

    async def member(self, person: Person, chat_id: int | None = None) -> Member | None:
        agency = await self.agency(chat_id)
        if agency is None or agency.id is None:
            return None
        async with self.app.db.read() as session:
            return await members_repo.get_by_user(session, agency_id=agency.id, user_id=person.id)

    async def members(self) -> list[Member]:
        async with self.app.db.read() as session:
            return list((await session.execute(select(Member))).scalars())

    async def supervisors(self) -> list[Supervisor]:
        agency = await self.agency()
        assert agency is not None and agency.id is not None
        async with self.app.db.read() as session:
            return await agencies_repo.list_supervisors(session, agency_id=agency.id)

    async def reports(self, window: str, chat_id: int | None = None) -> dict[str, Report]:
        """Reports of the test day's ``window``, by member NIP."""
        agency = await self.agency(chat_id)
        assert agency is not None and agency.id is not None
        async with self.app.db.read() as session:
            rows = await attendance_repo.reports_for_window(
                session, agency_id=agency.id, day=DAY, window=window
            )
            by_id = {m.id: m.nip for m in (await session.execute(select(Member))).scalars()}
        return {by_id[r.member_id]: r for r in rows}

    async def all_reports(self) -> list[Report]:
        async with self.app.db.read() as session:
            return list((await session.execute(select(Report))).scalars())

    async def location_events(self) -> list[LocationEvent]:
        async with self.app.db.read() as session:
            query = select(LocationEvent).order_by(col(LocationEvent.id))
            return list((await session.execute(query)).scalars())


MakeApp = Callable[..., Awaitable[App]]
MakeHarness = Callable[..., Awaitable[Harness]]


@pytest.fixture
def clock() -> VirtualClock:
    return VirtualClock(wib(7, 0))


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI(token="4242:transport-test", enforce_limits=False) as api:
        yield api


@dataclass
class _Apps:
    opened: list[App] = field(default_factory=list)
    numbers: itertools.count[int] = field(default_factory=lambda: itertools.count(1))


@pytest.fixture(scope="session")
def migrated_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An SQLite file built once by the real migrations; each app starts from a copy."""
    path = tmp_path_factory.mktemp("template") / "hadir.db"

    async def build() -> None:
        engine = make_engine(f"sqlite+aiosqlite:///{path}")
        await upgrade(engine)
        await engine.dispose()  # closes the last connection: the WAL is folded into the file

    asyncio.run(build())
    return path


@pytest.fixture
async def make_app(
    tmp_path: Path, clock: VirtualClock, migrated_sqlite: Path
) -> AsyncIterator[MakeApp]:
    """Bootstrap the real app against a fake Bot API, each on its own SQLite file."""
    apps = _Apps()

    async def make(
        api: FakeBotAPI,
        *,
        limits: LimitsConfig = FAST_LIMITS,
        super_admins: tuple[int, ...] = (),
        language: str = "id",
    ) -> App:
        database = tmp_path / f"hadir-{next(apps.numbers)}.db"
        shutil.copyfile(migrated_sqlite, database)
        config = Config(
            telegram=TelegramConfig(
                token=SecretStr(api.token), api_base=api.url, super_admins=list(super_admins)
            ),
            database=DatabaseConfig(url=f"sqlite+aiosqlite:///{database}"),
            limits=limits,
            language=language,
        )
        app = await bootstrap(config, clock=clock, migrate=False)
        apps.opened.append(app)
        return app

    yield make
    for app in apps.opened:
        await app.close()


@pytest.fixture
async def make_harness(make_app: MakeApp, fake: FakeBotAPI, clock: VirtualClock) -> MakeHarness:
    async def make(**config: Any) -> Harness:
        return Harness(await make_app(fake, **config), fake, clock, Updates(clock))

    return make


@pytest.fixture
async def tg(make_harness: MakeHarness) -> Harness:
    return await make_harness()
