"""The fake Bot API behaves like Telegram as seen through a real aiogram Bot."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.exceptions import (
    TelegramBadRequest,
    TelegramForbiddenError,
    TelegramRetryAfter,
    TelegramUnauthorizedError,
)
from aiogram.filters import CommandStart
from aiogram.types import (
    BufferedInputFile,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
)

from tests.fakes.bot_api import FakeBotAPI

USER = 1001
GROUP = -1001234567890


def make_bot(fake: FakeBotAPI, token: str | None = None) -> Bot:
    api = TelegramAPIServer.from_base(fake.url)
    return Bot(token or fake.token, session=AiohttpSession(api=api))


@asynccontextmanager
async def running(**kwargs: Any) -> AsyncIterator[tuple[FakeBotAPI, Bot]]:
    async with FakeBotAPI(**kwargs) as fake:
        bot = make_bot(fake)
        try:
            yield fake, bot
        finally:
            await bot.session.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeBotAPI]:
    async with FakeBotAPI() as api:
        yield api


@pytest.fixture
async def bot(fake: FakeBotAPI) -> AsyncIterator[Bot]:
    bot = make_bot(fake)
    yield bot
    await bot.session.close()


async def test_listens_on_loopback_only(fake: FakeBotAPI) -> None:
    assert fake.url.startswith("http://127.0.0.1:")


async def test_get_me(bot: Bot, fake: FakeBotAPI) -> None:
    me = await bot.get_me()
    assert (me.id, me.is_bot, me.username) == (42, True, "hadir_test_bot")
    assert me.can_join_groups is True
    assert me.can_read_all_group_messages is True
    assert me.supports_inline_queries is False
    assert [c.method for c in fake.calls] == ["getMe"]


async def test_get_me_privacy_mode_is_configurable() -> None:
    async with running(can_read_all_group_messages=False, username="other_bot") as (_, bot):
        me = await bot.get_me()
    assert me.can_read_all_group_messages is False
    assert me.username == "other_bot"


async def test_send_message_is_recorded(bot: Bot, fake: FakeBotAPI) -> None:
    fake.started_users.add(USER)
    keyboard = InlineKeyboardMarkup(
        inline_keyboard=[[InlineKeyboardButton(text="Hadir", callback_data="in")]]
    )
    first = await bot.send_message(USER, "Selamat pagi", reply_markup=keyboard)
    second = await bot.send_message(GROUP, "Rekap")

    assert (first.message_id, first.chat.id, first.chat.type, first.text) == (
        1,
        USER,
        "private",
        "Selamat pagi",
    )
    assert first.from_user is not None and first.from_user.id == 42
    assert first.reply_markup is not None
    assert first.reply_markup.model_dump() == keyboard.model_dump()
    assert abs(first.date.timestamp() - time.time()) < 5
    assert (second.message_id, second.chat.type) == (1, "supergroup")

    [call] = fake.sent(chat_id=USER)
    assert call.params["chat_id"] == USER and call.chat_id == USER
    assert call.params["text"] == "Selamat pagi"
    assert call.params["reply_markup"]["inline_keyboard"][0][0]["callback_data"] == "in"
    assert fake.texts() == ["Selamat pagi", "Rekap"]
    assert fake.texts(GROUP) == ["Rekap"]


async def test_message_ids_increase_per_chat_and_chat_types(bot: Bot, fake: FakeBotAPI) -> None:
    fake.enforce_limits = False
    ids = [(await bot.send_message(-555, f"m{i}")).message_id for i in range(3)]
    assert ids == [1, 2, 3]
    assert (await bot.send_message(-556, "x")).chat.type == "group"


async def test_files_locations_edits_and_copies(bot: Bot, fake: FakeBotAPI) -> None:
    fake.enforce_limits = False
    fake.started_users.add(USER)
    doc = await bot.send_document(USER, BufferedInputFile(b"%PDF-1", "rekap.pdf"), caption="Rekap")
    photo = await bot.send_photo(USER, BufferedInputFile(b"\x89PNG", "selfie.png"))
    where = await bot.send_location(USER, latitude=-6.2, longitude=106.8)
    assert doc.document is not None and doc.caption == "Rekap"
    assert photo.photo and photo.photo[0].width > 0
    assert where.location is not None and where.location.latitude == -6.2
    assert fake.sent("sendDocument")[0].files == {"document": b"%PDF-1"}
    assert fake.sent("sendPhoto")[0].files == {"photo": b"\x89PNG"}

    edited = await bot.edit_message_text("Rekap v2", chat_id=USER, message_id=doc.message_id)
    assert isinstance(edited, type(doc)) and edited.text == "Rekap v2"
    copied = await bot.copy_message(GROUP, from_chat_id=USER, message_id=doc.message_id)
    forwarded = await bot.forward_message(GROUP, from_chat_id=USER, message_id=where.message_id)
    assert copied.message_id == 1
    assert forwarded.message_id == 2 and forwarded.location is not None
    assert forwarded.forward_origin is not None
    assert await bot.delete_message(USER, doc.message_id) is True
    assert await bot.answer_callback_query("cb1", text="ok") is True


async def test_message_text_limits(bot: Bot, fake: FakeBotAPI) -> None:
    with pytest.raises(TelegramBadRequest, match="message is too long"):
        await bot.send_message(GROUP, "x" * 4097)
    assert fake.calls[0].status == 400 and fake.texts() == []
    await bot.send_message(GROUP, "x" * 4096)  # failed sends do not count towards the limits


async def test_forbidden_until_user_started_the_bot(bot: Bot, fake: FakeBotAPI) -> None:
    with pytest.raises(TelegramForbiddenError, match="can't initiate conversation"):
        await bot.send_message(USER, "Halo")
    [attempt] = fake.calls
    assert (attempt.method, attempt.chat_id, attempt.status) == ("sendMessage", USER, 403)
    assert fake.texts(USER) == []

    fake.started_users.add(USER)
    message = await bot.send_message(USER, "Halo")
    assert message.message_id == 1
    assert fake.texts(USER) == ["Halo"]


async def test_global_limit_31st_message_in_a_second_is_rejected(
    bot: Bot, fake: FakeBotAPI
) -> None:
    await asyncio.gather(*(bot.send_message(-1000 - i, "Pengingat") for i in range(30)))
    with pytest.raises(TelegramRetryAfter) as excinfo:
        await bot.send_message(-2000, "Pengingat")
    assert excinfo.value.retry_after == 1
    assert len(fake.sent()) == 30
    [rejected] = fake.rejected
    assert (rejected.chat_id, rejected.status) == (-2000, 429)
    assert all(c.status == 200 for c in fake.calls)


async def test_per_chat_limit(bot: Bot, fake: FakeBotAPI) -> None:
    fake.started_users.add(USER)
    await bot.send_message(USER, "satu")
    with pytest.raises(TelegramRetryAfter) as excinfo:
        await bot.send_message(USER, "dua")
    assert excinfo.value.retry_after == 1
    assert fake.texts(USER) == ["satu"]
    assert len(fake.rejected) == 1
    await bot.send_message(GROUP, "another chat is unaffected")


async def test_window_slides_and_rejections_do_not_count(fake: FakeBotAPI, bot: Bot) -> None:
    fake.started_users.add(USER)
    await bot.send_message(USER, "satu")
    await asyncio.sleep(0.6)
    with pytest.raises(TelegramRetryAfter) as excinfo:
        await bot.send_message(USER, "ditolak")
    assert excinfo.value.retry_after == 1
    await asyncio.sleep(0.5)
    await bot.send_message(USER, "dua")  # "satu" left the window; "ditolak" never entered it
    assert fake.texts(USER) == ["satu", "dua"]
    assert [c.params["text"] for c in fake.rejected] == ["ditolak"]


async def test_per_group_per_minute_limit() -> None:
    async with running(per_group_per_minute=3, per_chat_per_second=100) as (fake, bot):
        for i in range(3):
            await bot.send_message(GROUP, f"m{i}")
        with pytest.raises(TelegramRetryAfter) as excinfo:
            await bot.send_message(GROUP, "m3")
        assert 59 <= excinfo.value.retry_after <= 60
        await bot.send_message(GROUP - 1, "other group is fine")
        fake.started_users.add(USER)
        for i in range(5):  # private chats have no per-minute limit
            await bot.send_message(USER, f"p{i}")
    assert fake.texts(GROUP) == ["m0", "m1", "m2"]
    assert [c.params["text"] for c in fake.rejected] == ["m3"]


async def test_limits_can_be_disabled() -> None:
    async with running(enforce_limits=False) as (fake, bot):
        for i in range(35):
            await bot.send_message(GROUP, str(i))
    assert len(fake.texts(GROUP)) == 35 and fake.rejected == []


async def test_get_updates_offset_and_redelivery(bot: Bot, fake: FakeBotAPI) -> None:
    chat = {"id": USER, "type": "private", "first_name": "Budi"}
    user = {"id": USER, "is_bot": False, "first_name": "Budi"}
    message = {"message_id": 7, "date": int(time.time()), "chat": chat, "from": user}
    first = fake.push_update({"message": {**message, "text": "/start"}})
    second = fake.push_update({"message": {**message, "message_id": 8, "text": "hadir"}})
    assert (first, second) == (1, 2)

    updates = await bot.get_updates()
    assert [u.update_id for u in updates] == [1, 2]
    assert updates[0].message is not None and updates[0].message.text == "/start"
    assert [u.update_id for u in await bot.get_updates()] == [1, 2]  # not confirmed yet
    assert [u.update_id for u in await bot.get_updates(limit=1)] == [1]

    assert [u.update_id for u in await bot.get_updates(offset=2)] == [2]
    assert fake.confirmed_offset == 2
    assert [u.update_id for u in await bot.get_updates()] == [2]  # redelivered
    assert await bot.get_updates(offset=3) == []
    assert fake.confirmed_offset == 3
    assert fake.push_update({"update_id": 10, "message": message}) == 10
    assert fake.push_update({"message": message}) == 11


async def test_long_poll_returns_early_when_update_arrives(bot: Bot, fake: FakeBotAPI) -> None:
    started = time.monotonic()
    assert await bot.get_updates(timeout=30) == []
    assert 0.9 <= time.monotonic() - started < 2.5  # capped at one second

    async def push_soon() -> None:
        await asyncio.sleep(0.1)
        fake.push_update(
            {"message": {"message_id": 1, "date": 0, "chat": {"id": 5, "type": "private"}}}
        )

    started = time.monotonic()
    pusher = asyncio.create_task(push_soon())
    updates = await bot.get_updates(timeout=30)
    await pusher
    assert [u.update_id for u in updates] == [1]
    assert time.monotonic() - started < 0.8


async def test_get_chat_member_statuses(bot: Bot, fake: FakeBotAPI) -> None:
    fake.admins[GROUP] = {7: "creator", 8: "administrator"}
    statuses = [(await bot.get_chat_member(GROUP, uid)).status for uid in (7, 8, 9)]
    assert statuses == ["creator", "administrator", "member"]
    member = await bot.get_chat_member(GROUP, 9)
    assert (member.user.id, member.user.is_bot, member.user.first_name) == (9, False, "User9")
    assert (await bot.get_chat_member(-5, 7)).status == "member"
    admins = await bot.get_chat_administrators(GROUP)
    assert sorted(a.user.id for a in admins) == [7, 8]
    chat = await bot.get_chat(GROUP)
    assert (chat.id, chat.type) == (GROUP, "supergroup")


async def test_wrong_token_is_unauthorized(fake: FakeBotAPI) -> None:
    bot = make_bot(fake, token="43:WRONG")
    try:
        with pytest.raises(TelegramUnauthorizedError):
            await bot.get_me()
    finally:
        await bot.session.close()
    assert fake.calls == []


async def test_raw_http_routing_and_parsing(fake: FakeBotAPI) -> None:
    fake.started_users.add(USER)
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{fake.url}/bot{fake.token}/noSuchMethod") as resp:
            assert resp.status == 404
            assert await resp.json() == {
                "ok": False,
                "error_code": 404,
                "description": "Not Found: method not found",
            }
        async with http.get(f"{fake.url}/bot{fake.token}/GETME") as resp:
            assert (await resp.json())["result"]["id"] == 42
        body = {"chat_id": USER, "text": "json body", "disable_notification": True}
        async with http.post(f"{fake.url}/bot{fake.token}/sendMessage", json=body) as resp:
            assert resp.status == 200
        url = f"{fake.url}/bot{fake.token}/sendMessage?chat_id={GROUP}&text=query"
        async with http.get(url) as resp:
            assert resp.status == 200
        async with http.post(
            f"{fake.url}/bot{fake.token}/sendMessage", json={"chat_id": -777}
        ) as resp:
            assert resp.status == 400
    assert fake.texts() == ["json body", "query"]
    assert fake.sent(chat_id=GROUP)[0].params["chat_id"] == GROUP
    assert fake.sent(chat_id=USER)[0].params["disable_notification"] is True


async def test_dispatcher_polling_round_trip(bot: Bot, fake: FakeBotAPI) -> None:
    dp = Dispatcher()

    @dp.message(CommandStart())
    async def on_start(message: Message) -> None:
        await message.answer("Selamat datang")

    fake.started_users.add(USER)
    fake.push_update(
        {
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": USER, "type": "private", "first_name": "Budi"},
                "from": {"id": USER, "is_bot": False, "first_name": "Budi"},
                "text": "/start",
                "entities": [{"type": "bot_command", "offset": 0, "length": 6}],
            }
        }
    )
    polling = asyncio.create_task(dp.start_polling(bot, handle_signals=False, polling_timeout=1))
    for _ in range(100):
        if fake.texts(USER) and fake.confirmed_offset == 2:
            break
        await asyncio.sleep(0.05)
    await dp.stop_polling()
    await polling
    assert fake.texts(USER) == ["Selamat datang"]
    [reply] = fake.sent(chat_id=USER)
    assert fake.confirmed_offset == 2  # the handled update was confirmed
    assert reply.params["chat_id"] == USER
