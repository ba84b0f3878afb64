"""/lapor text (/report): today's activity report, in the group or in private."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import from_user, in_private
from bot.transports.telegram.replies import answer
from handlers.activity import ActivityService


async def on_report(
    message: Message, command: CommandObject, activity: ActivityService, language: str
) -> None:
    assert message.from_user is not None
    reply = await activity.report(
        chat_id=message.chat.id,
        user_id=message.from_user.id,
        private=await in_private(message),
        text=command.args or "",
    )
    await answer(message, reply, language)


def build_router() -> Router:
    router = Router(name="activity")
    router.message.filter(from_user)
    router.message.register(on_report, Command("lapor", "report"))
    return router
