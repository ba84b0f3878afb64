"""/daftar NIP Full Name, in the agency group."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import from_user, in_group
from bot.transports.telegram.replies import answer
from handlers.enrollment import EnrollmentService


async def on_register(
    message: Message, command: CommandObject, enrollment: EnrollmentService, language: str
) -> None:
    assert message.from_user is not None
    reply = await enrollment.register(
        chat_id=message.chat.id,
        user_id=message.from_user.id,
        username=message.from_user.username,
        args=command.args or "",
    )
    await answer(message, reply, language)


def build_router() -> Router:
    router = Router(name="enrollment")
    router.message.filter(in_group, from_user)
    router.message.register(on_register, Command("daftar", "register"))
    return router
