"""/wa in the agency group: link a member (or a supervisor) to a WhatsApp number.

``/wa NIP +62… [Nama lengkap]`` and ``/wa atasan +62… Nama``; group admins only.
"""

from __future__ import annotations

from aiogram import Dispatcher, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.app import after_locations
from bot.transports.telegram.filters import IsAdmin, from_user, in_group
from bot.transports.telegram.replies import answer, answer_key
from handlers.results import fail
from handlers.whatsapp_links import WhatsAppLinks

COMMANDS = ("wa", "whatsapp")


async def on_wa(
    message: Message, command: CommandObject, whatsapp_links: WhatsAppLinks, language: str
) -> None:
    if not command.args:
        await answer(message, fail("wa.usage"), language)
        return
    await answer(
        message, await whatsapp_links.command(chat_id=message.chat.id, args=command.args), language
    )


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


def build_router() -> Router:
    """Admins get the command; everyone else in the group a polite refusal."""
    router = Router(name="whatsapp_admin")
    router.message.filter(in_group, from_user, Command(*COMMANDS))
    router.message.register(on_wa, IsAdmin())
    router.message.register(on_not_admin)
    return router


def install(dispatcher: Dispatcher) -> None:
    """Put the /wa router before the help router's fallbacks, which answer any command they
    see, but after the location routers: a location never meets it."""
    router = build_router()
    dispatcher.include_router(router)
    dispatcher.sub_routers.remove(router)
    dispatcher.sub_routers.insert(after_locations(dispatcher), router)
