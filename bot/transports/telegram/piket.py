"""/piket: today's office-duty roster. Admins set it (reply, or names/NIPs); anyone views it."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import IsAdmin, from_user, in_group, in_private
from bot.transports.telegram.replies import answer, answer_key
from handlers.piket import PiketService
from handlers.results import fail


async def only_views(message: Message) -> bool:
    """/piket alone, not in reply to anyone: show the roster."""
    text = message.text or ""
    return len(text.split(maxsplit=1)) < 2 and message.reply_to_message is None


async def on_piket_set(
    message: Message, command: CommandObject, piket: PiketService, language: str
) -> None:
    replied = message.reply_to_message
    target = replied.from_user if replied is not None else None
    if command.args:
        reply = await piket.set_roster(chat_id=message.chat.id, args=command.args)
    elif target is not None and not target.is_bot:
        reply = await piket.add(chat_id=message.chat.id, user_id=target.id)
    else:
        reply = fail("piket.usage")
    await answer(message, reply, language)


async def on_piket_show(message: Message, piket: PiketService, language: str) -> None:
    await answer(message, await piket.show(chat_id=message.chat.id), language)


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


async def on_group_only(message: Message, language: str) -> None:
    await answer_key(message, "group.only", language)


def build_router() -> Router:
    router = Router(name="piket")
    router.message.filter(from_user, Command("piket"))
    router.message.register(on_group_only, in_private)
    router.message.register(on_piket_show, in_group, only_views)
    admin = Router(name="piket_admin")
    admin.message.filter(in_group, IsAdmin())
    admin.message.register(on_piket_set)
    refusal = Router(name="piket_refusal")
    refusal.message.register(on_not_admin, in_group)
    router.include_routers(admin, refusal)
    return router
