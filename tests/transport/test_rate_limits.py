"""Telegram's flood limits: kept on our side, and a 429 that slips through is waited out.

These tests run in real time (the limits are per wall-clock second), so they stay small.
"""

from __future__ import annotations

import asyncio
import itertools
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from bot.clock import VirtualClock
from bot.config import LimitsConfig
from bot.texts import t
from handlers.summary import TickResult
from tests.fakes.bot_api import FakeBotAPI
from tests.transport.conftest import (
    AGENCY_NAME,
    ANI,
    BUDI,
    BUDI_NIP,
    KADIS,
    Harness,
    MakeApp,
)
from tests.transport.updates import Chat, Person, Updates

TELEGRAM_LIMITS = LimitsConfig()  # 1/s per chat, 20/min per group, 30/s in all
LOOSE = LimitsConfig(global_per_second=100, per_chat_per_second=100, per_group_per_minute=100)


@asynccontextmanager
async def limited(
    make_app: MakeApp, clock: VirtualClock, *, limits: LimitsConfig, **fake: Any
) -> AsyncIterator[Harness]:
    """An app whose fake Bot API enforces Telegram's flood limits."""
    async with FakeBotAPI(token="4242:limited", enforce_limits=True, **fake) as api:
        app = await make_app(api, limits=limits)
        try:
            yield Harness(app, api, clock, Updates(clock))
        finally:
            await app.close()


async def test_a_burst_of_replies_in_one_group_is_spaced_not_refused(
    make_app: MakeApp, clock: VirtualClock
) -> None:
    async with limited(make_app, clock, limits=TELEGRAM_LIMITS) as tg:
        askers = [BUDI, ANI, KADIS, Person(603, "Dewi", "Lestari")]
        batch = [tg.updates.text(tg.group, who, "/jadwal") for who in askers]

        await tg.feed_batch(batch)  # one getUpdates batch, handled concurrently

        assert tg.fake.rejected == []
        replies = tg.fake.sent("sendMessage", chat_id=tg.group.id)
        assert len(replies) == 4
        assert {str(c.params["text"]) for c in replies} == {t("agency.missing")}
        assert [tg.replies_to(raw) for raw in batch] == [[t("agency.missing")]] * 4
        arrivals = [c.at for c in replies]
        assert all(b - a >= 1.0 for a, b in itertools.pairwise(arrivals))


async def test_replies_to_different_chats_are_not_held_back_by_each_other(
    make_app: MakeApp, clock: VirtualClock
) -> None:
    async with limited(make_app, clock, limits=TELEGRAM_LIMITS) as tg:
        people = [BUDI, ANI, KADIS]
        for person in people:
            tg.fake.started_users.add(person.id)
        batch = [tg.updates.text(Chat.private(p), p, "/bantuan") for p in people]

        await tg.feed_batch(batch)

        assert tg.fake.rejected == []
        replies = tg.fake.sent("sendMessage")
        assert sorted(c.chat_id for c in replies if c.chat_id) == sorted(p.id for p in people)
        arrivals = sorted(c.at for c in replies)
        assert arrivals[-1] - arrivals[0] < 0.9  # three chats, one second: no queueing


async def test_a_429_is_waited_out_and_the_reply_is_delivered_once(
    make_app: MakeApp, clock: VirtualClock
) -> None:
    # Our limiter believes 100/s per chat; the server allows 1/s and says 429.
    async with limited(make_app, clock, limits=LOOSE, per_chat_per_second=1) as tg:
        first = tg.updates.text(tg.group, BUDI, "/jadwal")
        second = tg.updates.text(tg.group, ANI, "/jadwal")

        await tg.feed_batch([first, second])

        assert len(tg.fake.rejected) == 1
        refused = tg.fake.rejected[0]
        assert refused.status == 429
        delivered = tg.fake.sent("sendMessage", chat_id=tg.group.id)
        assert len(delivered) == 2
        assert tg.replies_to(first) == [t("agency.missing")]
        assert tg.replies_to(second) == [t("agency.missing")]
        retried = [c for c in delivered if c.params == refused.params]
        assert len(retried) == 1
        assert retried[0].at - refused.at >= 1.0  # retry_after was 1 second


async def test_a_prompt_refused_with_429_goes_out_on_a_later_tick_exactly_once(
    make_app: MakeApp, clock: VirtualClock
) -> None:
    limits = LOOSE.model_copy(update={"max_retries": 0})  # give the notice back at once
    async with limited(make_app, clock, limits=limits, per_chat_per_second=1) as tg:
        tg.at(7, 0)
        await tg.setup_agency()
        await asyncio.sleep(1.05)  # keep the set-up itself clear of the server's limit
        await tg.register(BUDI, BUDI_NIP)  # a reply in the group a moment ago...
        rejected_before = len(tg.fake.rejected)
        tg.at(7, 30)

        first = await tg.tick()  # ...so the prompt right after it is refused
        assert first == TickResult(prompts=1, summaries=0)
        assert len(tg.fake.rejected) > rejected_before
        prompt = t(
            "prompt", agency=AGENCY_NAME, window="07:30", deadline="08:00", zone="WIB", expected=1
        )
        assert prompt not in tg.fake.texts(tg.group.id)

        await asyncio.sleep(1.1)
        tg.at(7, 31)
        await tg.tick()
        tg.at(7, 32)
        await tg.tick()

        assert tg.fake.texts(tg.group.id).count(prompt) == 1
