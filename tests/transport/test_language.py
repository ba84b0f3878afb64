"""/bahasa id|en: a person's own reply language in private, the agency's in its group."""

from __future__ import annotations

from sqlmodel import select

from bot.texts import t
from storage.tables_privacy import UserLanguage
from tests.transport.conftest import (
    ADMIN,
    ANI,
    ANI_NIP,
    BUDI,
    BUDI_NIP,
    GROUP,
    Harness,
    MakeHarness,
)
from tests.transport.updates import Chat

BUDI_DM = Chat.private(BUDI)
ANI_DM = Chat.private(ANI)


async def _stored(tg: Harness) -> dict[int, str]:
    async with tg.app.db.read() as session:
        rows = (await session.execute(select(UserLanguage))).scalars()
        return {row.telegram_user_id: row.language for row in rows}


async def test_private_choice_is_stored_and_used_for_that_user_only(tg: Harness) -> None:
    raw = await tg.say(BUDI, "/bahasa en", chat=BUDI_DM)
    assert tg.reply_to(raw) == t("language.set_user", "en")
    assert await _stored(tg) == {BUDI.id: "en"}

    helped = await tg.say(BUDI, "/bantuan", chat=BUDI_DM)
    assert tg.reply_to(helped) == t("help.member", "en")
    other = await tg.say(ANI, "/help", chat=ANI_DM)
    assert tg.reply_to(other) == t("help.member", "id")

    back = await tg.say(BUDI, "/language id", chat=BUDI_DM)
    assert tg.reply_to(back) == t("language.set_user", "id")
    assert await _stored(tg) == {BUDI.id: "id"}
    again = await tg.say(BUDI, "/bantuan", chat=BUDI_DM)
    assert tg.reply_to(again) == t("help.member", "id")


async def test_no_argument_shows_the_current_language_and_a_bad_one_the_usage(
    tg: Harness,
) -> None:
    shown = await tg.say(BUDI, "/bahasa", chat=BUDI_DM)
    assert tg.reply_to(shown) == t("language.show", "id", language="id")
    bad = await tg.say(BUDI, "/bahasa jawa", chat=BUDI_DM)
    assert tg.reply_to(bad) == t("language.usage", "id")
    assert await _stored(tg) == {}
    await tg.say(BUDI, "/bahasa english", chat=BUDI_DM)
    shown = await tg.say(BUDI, "/language", chat=BUDI_DM)
    assert tg.reply_to(shown) == t("language.show", "en", language="en")


async def test_group_language_is_set_by_admins_for_the_agency(tg: Harness) -> None:
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.register(ANI, ANI_NIP)
    refused = await tg.say(BUDI, "/bahasa en")
    assert tg.reply_to(refused) == t("admin.only", "id")
    agency = await tg.agency()
    assert agency is not None and agency.language == "id"

    raw = await tg.say(ADMIN, "/bahasa en")
    assert tg.reply_to(raw) == t("language.set_agency", "en")
    agency = await tg.agency()
    assert agency is not None and agency.language == "en"
    helped = await tg.say(ANI, "/bantuan")
    assert tg.reply_to(helped) == t("help.member", "en")
    shown = await tg.say(BUDI, "/bahasa")  # anyone may look
    assert tg.reply_to(shown) == t("language.show", "en", language="en")
    bad = await tg.say(ADMIN, "/bahasa sunda")
    assert tg.reply_to(bad) == t("language.usage", "en")
    # The group's language does not follow anyone into their private chat.
    private = await tg.say(ANI, "/bantuan", chat=ANI_DM)
    assert tg.reply_to(private) == t("help.member", "id")


async def test_a_personal_choice_does_not_change_the_group_replies(tg: Harness) -> None:
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    await tg.say(BUDI, "/bahasa en", chat=BUDI_DM)
    in_group = await tg.say(BUDI, "/bantuan")
    assert tg.reply_to(in_group) == t("help.member", "id")


async def test_a_group_that_is_no_agency_cannot_take_a_language(tg: Harness) -> None:
    tg.make_admin(ADMIN)
    raw = await tg.say(ADMIN, "/bahasa en", chat=GROUP)
    assert tg.reply_to(raw) == t("agency.missing", "id")


async def test_with_english_configured_a_new_agency_starts_in_english(
    make_harness: MakeHarness,
) -> None:
    tg = await make_harness(language="en")
    await tg.setup_agency()
    agency = await tg.agency()
    assert agency is not None and agency.language == "en"
    await tg.register(BUDI, BUDI_NIP)
    assert tg.reply_to(await tg.say(BUDI, "/help")) == t("help.member", "en")
    # Until someone chooses, a private chat follows the configured language too.
    assert tg.reply_to(await tg.say(BUDI, "/help", chat=BUDI_DM)) == t("help.member", "en")
    await tg.say(BUDI, "/bahasa id", chat=BUDI_DM)
    assert tg.reply_to(await tg.say(BUDI, "/help", chat=BUDI_DM)) == t("help.member", "id")
    assert tg.reply_to(await tg.say(BUDI, "/help")) == t("help.member", "en")
