"""/dataku (/mydata) and /hapus_data (/delete_data): personal data, in private chats only."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.texts import render_my_data
from bot.transports.telegram.filters import from_user, in_group, in_private
from bot.transports.telegram.replies import answer, answer_key, split_text
from handlers.deletion import DeletionService
from handlers.my_data import MyDataService

MY_DATA = ("dataku", "mydata")
DELETE_DATA = ("hapus_data", "delete_data")


async def on_my_data(message: Message, my_data: MyDataService, language: str) -> None:
    assert message.from_user is not None
    reply = await my_data.my_data(user_id=message.from_user.id)
    if reply.key != "mydata.card":
        await answer(message, reply, language)
        return
    for chunk in split_text(render_my_data(reply.params, language)):
        await message.reply(chunk)


async def on_delete_data(message: Message, deletion: DeletionService, language: str) -> None:
    assert message.from_user is not None
    await answer(message, await deletion.request(user_id=message.from_user.id), language)


async def on_private_only(message: Message, language: str) -> None:
    await answer_key(message, "mydata.private", language)


async def on_delete_in_group(message: Message, language: str) -> None:
    await answer_key(message, "deletion.private", language)


def build_router() -> Router:
    router = Router(name="privacy")
    router.message.filter(from_user)
    router.message.register(on_my_data, in_private, Command(*MY_DATA))
    router.message.register(on_private_only, in_group, Command(*MY_DATA))
    router.message.register(on_delete_data, in_private, Command(*DELETE_DATA))
    router.message.register(on_delete_in_group, in_group, Command(*DELETE_DATA))
    return router
