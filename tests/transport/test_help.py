"""/bantuan, /help, /start and what happens to everything nobody handles."""

from __future__ import annotations

from bot.texts import t
from tests.transport.conftest import ADMIN, ANI, BUDI, BUDI_NIP, KADIS, Harness
from tests.transport.updates import Chat


def sections(*keys: str) -> str:
    return "\n\n".join(t(key) for key in keys)


async def test_bantuan_in_the_group_shows_an_admin_the_admin_section(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(ADMIN, "/bantuan")

    assert tg.reply_to(raw) == sections("help.member", "help.admin")


async def test_bantuan_in_the_group_shows_a_member_only_the_member_section(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, "/bantuan")

    assert tg.reply_to(raw) == sections("help.member")
    assert t("help.admin") not in tg.reply_to(raw)


async def test_help_in_private_shows_a_supervisor_the_supervisor_section(tg: Harness) -> None:
    await tg.setup_agency()
    hello = await tg.say(KADIS, "Pagi")
    await tg.say(ADMIN, "/atasan", reply_to=hello)

    raw = await tg.say(KADIS, "/help", chat=Chat.private(KADIS))

    assert tg.reply_to(raw) == sections("help.member", "help.supervisor")
    assert tg.fake.texts(KADIS.id) == [sections("help.member", "help.supervisor")]


async def test_start_in_private_for_someone_new_is_the_member_help(tg: Harness) -> None:
    raw = await tg.say(ANI, "/start", chat=Chat.private(ANI))

    assert tg.reply_to(raw) == sections("help.member")
    assert tg.calls("getChatMember") == []  # no admin section in private: nothing to ask


async def test_an_unknown_command_in_private_points_to_bantuan(tg: Harness) -> None:
    raw = await tg.say(BUDI, "/absen", chat=Chat.private(BUDI))

    assert tg.reply_to(raw) == t("unknown.command")
    assert "/bantuan" in tg.reply_to(raw)


async def test_plain_text_in_private_points_to_bantuan(tg: Harness) -> None:
    raw = await tg.say(BUDI, "Pak, saya izin hari ini", chat=Chat.private(BUDI))

    assert tg.reply_to(raw) == t("unknown.command")


async def test_group_commands_in_private_point_to_the_group(tg: Harness) -> None:
    private = Chat.private(ADMIN)

    raws = [await tg.say(ADMIN, text, chat=private) for text in ("/tenggat 45", "/atasan")]

    assert [tg.reply_to(r) for r in raws] == [t("group.only")] * 2


async def test_an_unknown_command_for_another_bot_in_the_group_is_ignored(tg: Harness) -> None:
    await tg.setup_agency()
    calls_before = len(tg.fake.calls)

    other_bot = await tg.say(BUDI, "/poll@quizbot Makan siang di mana?")
    bare = await tg.say(BUDI, "/roll")

    assert tg.replies_to(other_bot) == []
    assert tg.replies_to(bare) == []
    # only the bot's own name was looked up (once: aiogram caches getMe), nothing was sent
    assert [c.method for c in tg.fake.calls[calls_before:]] == ["getMe"]


async def test_an_unknown_command_addressed_to_us_in_the_group_is_answered(tg: Harness) -> None:
    await tg.setup_agency()

    raw = await tg.say(BUDI, "/absen@hadir_test_bot")

    assert tg.reply_to(raw) == t("unknown.command")


async def test_group_chatter_costs_no_api_call(tg: Harness) -> None:
    """Privacy mode is off, so the bot sees every message: ordinary ones must be free."""
    await tg.setup_agency()
    await tg.register(BUDI, BUDI_NIP)
    calls_before = len(tg.fake.calls)

    for text in ("Selamat pagi", "Siap, Bu", "Rapat jam 10 ya"):
        await tg.say(BUDI, text)
        await tg.say(ADMIN, text)

    assert tg.fake.calls[calls_before:] == []


async def test_help_names_the_personal_data_and_language_commands(tg: Harness) -> None:
    await tg.setup_agency()
    member = tg.reply_to(await tg.say(BUDI, "/bantuan", chat=Chat.private(BUDI)))
    admin = tg.reply_to(await tg.say(ADMIN, "/bantuan"))

    for command in ("/dataku", "/hapus_data", "/bahasa id|en"):
        assert command in member
    assert "/bahasa id|en — bahasa instansi" in admin
    english = t("help.member", "en")
    for command in ("/mydata", "/delete_data", "/language id|en"):
        assert command in english
