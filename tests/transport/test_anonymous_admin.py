"""A command from an anonymous admin (GroupAnonymousBot, sent as the group) gets one answer
saying how to send it as oneself, and changes nothing."""

from __future__ import annotations

from typing import Any

from sqlmodel import select

from bot.texts import t
from storage.tables import Agency
from tests.transport.conftest import Harness
from tests.transport.updates import Person

ANONYMOUS = Person(id=1087968824, first_name="Group", username="GroupAnonymousBot", is_bot=True)


def as_the_group(tg: Harness, raw: dict[str, Any]) -> dict[str, Any]:
    raw["message"]["sender_chat"] = tg.group.json()
    return raw


async def test_an_anonymous_admins_command_is_answered_not_ignored(tg: Harness) -> None:
    raw = as_the_group(tg, tg.updates.text(tg.group, ANONYMOUS, "/setup DISKOMINFO Dinas Kominfo"))
    await tg.feed(raw)
    assert tg.reply_to(raw) == t("admin.anonymous")
    assert tg.calls("getChatMember") == []  # nobody to ask about
    raw = tg.updates.text(tg.group, ANONYMOUS, "/jadwal")
    raw = as_the_group(tg, raw)
    await tg.feed(raw)
    assert tg.reply_to(raw) == t("admin.anonymous")
    async with tg.app.db.read() as session:
        assert list((await session.execute(select(Agency))).scalars()) == []


async def test_a_linked_channels_post_is_not_taken_for_an_admin(tg: Harness) -> None:
    channel = {"id": -1001111111111, "type": "channel", "title": "Kanal Dinas"}
    raw = tg.updates.text(tg.group, ANONYMOUS, "/setup DISKOMINFO Dinas Kominfo")
    raw["message"]["sender_chat"] = channel
    await tg.feed(raw)
    assert tg.fake.texts(tg.group.id) == []
