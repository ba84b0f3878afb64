"""Shared set-up for the attendance-rule transport tests: an agency with two supervisors,
callback-query updates (a press on an inline button), and readers of the rule tables."""

from __future__ import annotations

import itertools
from typing import Any

from sqlmodel import col, select

from storage.tables_rules import ActivityReport, AgencyDayOff, LeaveDecision, LeaveRequest
from tests.transport.conftest import (
    ADMIN,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    KADIS,
    KADIS_NIP,
    Harness,
)
from tests.transport.updates import JSON, Chat, Person

SEKDIS = Person(702, "Sri", "Wahyuni", username="sekdis_sri")
DEWI = Person(603, "Dewi", "Lestari", username="dewi_l")
DEWI_NIP = "199002142015032004"

_callback_ids = itertools.count(9_000_001)


async def agency_with_supervisors(tg: Harness, *, started: bool = True) -> None:
    """Budi, Ani and Pak Hendra (KADIS, also a member) registered; Hendra and Ibu Sri
    (not a member) supervisors, both having started the bot; 07:00 WIB, Wednesday."""
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    hendra = await tg.register(KADIS, KADIS_NIP)
    await tg.say(ADMIN, "/atasan", reply_to=hendra)
    hello = await tg.say(SEKDIS, "Selamat pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)
    assert [s.telegram_user_id for s in await tg.supervisors()] == [KADIS.id, SEKDIS.id]
    if started:
        tg.fake.started_users.update({KADIS.id, SEKDIS.id})


def private(person: Person) -> Chat:
    return Chat.private(person)


def last_message_to(tg: Harness, person: Person) -> JSON:
    """The last message the bot sent to ``person`` (as the fake Bot API keeps it)."""
    ids = [mid for (chat, mid) in tg.fake.messages if chat == person.id]
    assert ids, f"nothing was sent to {person.first_name}"
    return tg.fake.messages[(person.id, max(ids))]


def buttons(message: JSON) -> list[tuple[str, str]]:
    """(text, callback_data) of every inline button on a message the bot sent."""
    rows = (message.get("reply_markup") or {}).get("inline_keyboard") or []
    return [(b["text"], b["callback_data"]) for row in rows for b in row]


async def press(tg: Harness, person: Person, message: JSON, data: str) -> JSON:
    """``person`` presses the inline button carrying ``data`` under ``message``."""
    raw: JSON = {
        "update_id": next(tg.updates._update_ids),
        "callback_query": {
            "id": str(next(_callback_ids)),
            "from": person.json(),
            "message": message,
            "chat_instance": f"ci{message['chat']['id']}",
            "data": data,
        },
    }
    return await tg.feed(raw)


def callback_answers(tg: Harness, raw: JSON) -> list[dict[str, Any]]:
    """answerCallbackQuery calls made for the press in ``raw``."""
    query_id = raw["callback_query"]["id"]
    return [
        c.params
        for c in tg.calls("answerCallbackQuery")
        if str(c.params.get("callback_query_id")) == query_id
    ]


async def leave_requests(tg: Harness) -> list[LeaveRequest]:
    async with tg.app.db.read() as session:
        query = select(LeaveRequest).order_by(col(LeaveRequest.id))
        return list((await session.execute(query)).scalars())


async def leave_decisions(tg: Harness) -> list[LeaveDecision]:
    async with tg.app.db.read() as session:
        return list((await session.execute(select(LeaveDecision))).scalars())


async def days_off(tg: Harness) -> list[AgencyDayOff]:
    async with tg.app.db.read() as session:
        query = select(AgencyDayOff).order_by(col(AgencyDayOff.day))
        return list((await session.execute(query)).scalars())


async def activity_reports(tg: Harness) -> list[ActivityReport]:
    async with tg.app.db.read() as session:
        return list((await session.execute(select(ActivityReport))).scalars())
