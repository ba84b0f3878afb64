"""A whole agency day through the public entry points, with two restarts.

The real wiring (``bootstrap``), the real long-polling loop against the fake Bot API
(which enforces Telegram's limits), the real tick, and a virtual clock. The bot is
stopped twice: once while a window opens (its prompt must still go out before the
deadline, and an update sent meanwhile must not be lost) and once across a deadline
(no prompt any more, but the summary). Nothing may be sent twice.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from bot.bootstrap import App, bootstrap
from bot.clock import VirtualClock
from bot.config import Config
from bot.texts import t
from bot.transports.telegram.polling import poll
from tests.fakes.bot_api import FakeBotAPI

GROUP = -1001234567890
ADMIN, SUPERVISOR = 1000, 2000
MEMBERS = {
    1: ("198503122010011002", "Budi Santoso"),
    2: ("199001012015032001", "Ani Lestari"),
    3: ("198811302012121003", "Dewi Kartika"),
    4: ("197905052005011004", "Eko Prasetyo"),
}
DAY = datetime(2026, 11, 25, tzinfo=UTC)  # a Wednesday; WIB = UTC+7


def wib(hhmm: str) -> datetime:
    hours, minutes = map(int, hhmm.split(":"))
    return DAY + timedelta(hours=hours - 7, minutes=minutes)


class Chat:
    """Builds the update JSON Telegram would send from this group."""

    def __init__(self, fake: FakeBotAPI, clock: VirtualClock) -> None:
        self.fake, self.clock = fake, clock
        self.message_id = 100

    def _message(self, user: int, **content: Any) -> dict[str, Any]:
        self.message_id += 1
        return {
            "message_id": self.message_id,
            "from": {"id": user, "is_bot": False, "first_name": f"U{user}", "username": f"u{user}"},
            "chat": {"id": GROUP, "type": "supergroup", "title": "DISKOMINFO"},
            "date": int(self.clock.now().timestamp()),
            **content,
        }

    def command(self, user: int, text: str) -> int:
        head = text.split()[0]
        entity = {"type": "bot_command", "offset": 0, "length": len(head)}
        return self.fake.push_update({"message": self._message(user, text=text, entities=[entity])})

    def location(self, user: int, *, live: bool = False) -> dict[str, Any]:
        location: dict[str, Any] = {"latitude": -6.2 + user / 1000, "longitude": 106.8}
        if live:
            location |= {"live_period": 28800, "horizontal_accuracy": 12.0}
        message = self._message(user, location=location)
        self.fake.push_update({"message": message})
        return message

    def live_edit(self, message: dict[str, Any]) -> int:
        edited = {**message, "edit_date": int(self.clock.now().timestamp())}
        return self.fake.push_update({"edited_message": edited})


class Runner:
    """Starts and stops `hadir run`'s moving parts: polling plus the tick."""

    def __init__(self, config: Config, clock: VirtualClock) -> None:
        self.config, self.clock = config, clock
        self.app: App | None = None
        self.stop = asyncio.Event()
        self.task: asyncio.Task[None] | None = None

    async def start(self) -> App:
        self.app = await bootstrap(self.config, clock=self.clock)
        self.stop = asyncio.Event()
        self.task = asyncio.create_task(
            poll(self.app.dispatcher, self.app.bot, self.app.db, self.stop, poll_timeout=1)
        )
        return self.app

    async def shutdown(self) -> None:
        assert self.app is not None and self.task is not None
        self.stop.set()
        await asyncio.wait_for(self.task, timeout=10)
        await self.app.close()
        self.app = None

    async def settle(self, fake: FakeBotAPI) -> None:
        """Wait until every pushed update is processed and confirmed."""
        async with asyncio.timeout(30):
            while fake.confirmed_offset <= fake._last_update_id:
                await asyncio.sleep(0.02)

    async def until(self, fake: FakeBotAPI, hhmm: str) -> None:
        """Advance minute by minute to ``hhmm`` WIB, ticking as the scheduler would."""
        assert self.app is not None
        await self.settle(fake)
        while self.clock.now() < wib(hhmm):
            self.clock.advance(minutes=1)
            await self.app.tick()


async def test_agency_day_with_restarts(tmp_path: Path) -> None:
    clock = VirtualClock(wib("06:50"))
    async with FakeBotAPI() as fake:
        fake.admins[GROUP] = {ADMIN: "creator"}
        fake.started_users.add(SUPERVISOR)
        config = Config.model_validate(
            {
                "telegram": {"token": fake.token, "api_base": fake.url},
                "database": {"url": f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"},
            }
        )
        run = Runner(config, clock)
        chat = Chat(fake, clock)
        await run.start()

        # 06:50 set-up
        chat.command(ADMIN, "/setup DISKOMINFO Dinas Komunikasi dan Informatika")
        await run.settle(fake)
        for user, (nip, name) in MEMBERS.items():
            chat.command(user, f"/daftar {nip} {name}")
        supervisor_note = chat._message(SUPERVISOR, text="Siap, saya atasan.")
        fake.push_update({"message": supervisor_note})
        await run.settle(fake)
        reply = chat._message(ADMIN, text="/atasan", reply_to_message=supervisor_note)
        reply["entities"] = [{"type": "bot_command", "offset": 0, "length": 7}]
        fake.push_update({"message": reply})

        # 07:30 window: Budi static on time, Ani live (with edits), Dewi late, Eko silent
        await run.until(fake, "07:35")
        chat.location(1)
        live = chat.location(2, live=True)
        await run.until(fake, "07:50")
        chat.live_edit(live)
        await run.until(fake, "08:10")
        chat.location(3)  # after the 08:00 deadline: late
        await run.until(fake, "09:00")

        # Down from 09:00 to 11:40: the 11:30 window opens meanwhile; Budi answers at 11:35.
        await run.shutdown()
        clock.set(wib("11:35"))
        chat.location(1)
        clock.set(wib("11:40"))
        await run.start()
        await run.until(fake, "14:50")

        # Down from 14:50 to 15:45, across the 15:00 window's 15:30 deadline.
        await run.shutdown()
        clock.set(wib("15:45"))
        await run.start()
        await run.until(fake, "16:30")
        await run.shutdown()

    group_texts = fake.texts(GROUP)
    prompts = [x for x in group_texts if x.startswith("📍")]
    summaries = fake.texts(SUPERVISOR)
    assert len(prompts) == 2, prompts  # 07:30, and 11:30 caught up after the restart
    assert any("11:30" in p for p in prompts) and not any("15:00 WIB —" in p for p in prompts)
    assert len(summaries) == 3, summaries  # one per window, the 15:00 one after restart
    assert Counter(s.splitlines()[1].split("jendela ")[1][:5] for s in summaries) == {
        "07:30": 1,
        "11:30": 1,
        "15:00": 1,
    }
    morning, midday, afternoon = summaries
    assert "hadir 2 · terlambat 0 · tidak merespons 2" in morning
    assert "Dewi Kartika" in morning and "Eko Prasetyo" in morning
    assert "Budi Santoso" not in morning and "Ani Lestari" not in morning
    # Budi's 11:35 location was sent while the bot was down and still counted on time;
    # Ani's live location (8 h from 07:35) is still live as 11:30 and 15:00 open: it answers both.
    assert "hadir 2" in midday and "Budi Santoso" not in midday and "Ani Lestari" not in midday
    assert "tidak merespons 3" in afternoon and "Ani Lestari" not in afternoon
    # Reactions, not messages, for accepted answers; the late one gets its own emoji.
    reactions = [c.params["reaction"][0]["emoji"] for c in fake.sent("setMessageReaction")]
    assert sorted(reactions) == sorted(["👍", "👍", "👌", "👍"])
    assert not fake.rejected, "the throttled sender must not hit Telegram's limits"
    assert (
        t(
            "register.created",
            name="Ani Lestari",
            nip=MEMBERS[2][0],
            agency="Dinas Komunikasi dan Informatika",
        )
        in group_texts
    )
