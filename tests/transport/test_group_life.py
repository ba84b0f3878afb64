"""Groups change under the bot: upgraded to supergroups, the bot removed and added back."""

from __future__ import annotations

from bot.texts import t
from tests.transport.conftest import (
    ADMIN,
    AGENCY_NAME,
    ANI,
    ANI_NIP,
    BOT,
    BUDI,
    BUDI_NIP,
    Harness,
)
from tests.transport.updates import Chat

OLD_GROUP = Chat(-4012345678, "group", "Diskominfo WFH")
SUPERGROUP = Chat(-1004012345678, "supergroup", "Diskominfo WFH")
PROMPT_0730 = t(
    "prompt", agency=AGENCY_NAME, window="07:30", deadline="08:00", zone="WIB", expected=2
)


async def test_an_upgraded_group_keeps_its_agency_and_members(tg: Harness) -> None:
    tg.group = OLD_GROUP
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    old_agency = await tg.agency(OLD_GROUP.id)
    budi_before = await tg.member(BUDI, OLD_GROUP.id)
    assert old_agency is not None and budi_before is not None

    # Telegram sends both service messages; the second must change nothing more.
    await tg.feed(tg.updates.migrate_to(OLD_GROUP, ADMIN, SUPERGROUP.id))
    await tg.feed(tg.updates.migrate_from(SUPERGROUP, ADMIN, OLD_GROUP.id))

    assert await tg.agency(OLD_GROUP.id) is None
    moved = await tg.agency(SUPERGROUP.id)
    assert moved is not None and moved.id == old_agency.id
    budi_after = await tg.member(BUDI, SUPERGROUP.id)
    assert budi_after is not None and budi_after.id == budi_before.id
    assert len(await tg.members()) == 2

    tg.group = SUPERGROUP
    tg.at(7, 31)
    raw = await tg.share(BUDI)
    assert tg.reactions(raw) == ["👍"]
    assert list(await tg.reports("07:30", SUPERGROUP.id)) == [BUDI_NIP]

    tg.at(7, 32)
    await tg.tick()
    assert tg.fake.texts(SUPERGROUP.id)[-1] == PROMPT_0730
    assert PROMPT_0730 not in tg.fake.texts(OLD_GROUP.id)


async def test_migration_of_an_unknown_group_is_harmless(tg: Harness) -> None:
    await tg.feed(tg.updates.migrate_to(OLD_GROUP, ADMIN, SUPERGROUP.id))

    assert await tg.agency(SUPERGROUP.id) is None
    assert tg.fake.calls == []


async def test_removing_the_bot_pauses_the_agency_and_adding_it_back_resumes(
    tg: Harness,
) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    before = len(tg.fake.texts(tg.group.id))

    await tg.feed(tg.updates.my_chat_member(tg.group, ADMIN, BOT, old="member", new="left"))
    agency = await tg.agency()
    assert agency is not None and agency.paused is True

    tg.at(7, 31)
    paused_tick = await tg.tick()
    assert paused_tick.prompts == 0
    assert tg.fake.texts(tg.group.id)[before:] == []

    await tg.feed(tg.updates.my_chat_member(tg.group, ADMIN, BOT, old="left", new="member"))
    agency = await tg.agency()
    assert agency is not None and agency.paused is False
    assert len(await tg.members()) == 2

    tg.at(7, 40)
    resumed_tick = await tg.tick()
    tg.at(7, 41)
    await tg.tick()
    assert resumed_tick.prompts == 1
    assert tg.fake.texts(tg.group.id)[before:] == [PROMPT_0730]


async def test_a_kicked_bot_sends_no_summary_either(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    tg.at(7, 30)
    await tg.tick()
    before = len(tg.fake.calls)

    await tg.feed(
        tg.updates.my_chat_member(tg.group, ADMIN, BOT, old="administrator", new="kicked")
    )
    tg.at(8, 0)
    result = await tg.tick()

    assert result.summaries == 0
    assert [c.method for c in tg.fake.calls[before:]] == []


async def test_a_location_while_paused_is_answered_with_the_pause(tg: Harness) -> None:
    tg.at(7, 0)
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.feed(tg.updates.my_chat_member(tg.group, ADMIN, BOT, old="member", new="left"))
    tg.at(7, 31)

    raw = await tg.share(BUDI, chat=Chat.private(BUDI))

    assert tg.reply_to(raw) == t("location.paused")
    assert await tg.all_reports() == []


async def test_the_bot_joining_an_unknown_group_changes_nothing(tg: Harness) -> None:
    other = Chat(-1007777777777, "supergroup", "Grup baru")

    await tg.feed(tg.updates.my_chat_member(other, ADMIN, BOT, old="left", new="member"))

    assert await tg.agency(other.id) is None
    assert tg.fake.calls == []


async def test_a_user_blocking_the_bot_in_private_is_ignored(tg: Harness) -> None:
    await tg.setup_agency()
    private = Chat.private(BUDI)

    await tg.feed(tg.updates.my_chat_member(private, BUDI, BOT, old="member", new="kicked"))

    agency = await tg.agency()
    assert agency is not None and agency.paused is False
