"""Commands sent by an anonymous group admin ("Remain anonymous"): the message comes from
GroupAnonymousBot with the group itself as ``sender_chat``, so nobody can be checked or
recorded. Instead of silence, one answer saying how to send it as oneself.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.types import Message

from bot.transports.telegram.filters import in_group
from bot.transports.telegram.replies import answer_key


async def as_the_group(message: Message) -> bool:
    """Sent on behalf of this very group: only its admins can do that."""
    return message.sender_chat is not None and message.sender_chat.id == message.chat.id


async def is_command(message: Message) -> bool:
    return bool(message.text and message.text.startswith("/") and len(message.text) > 1)


async def on_anonymous_command(message: Message, language: str) -> None:
    await answer_key(message, "admin.anonymous", language)


def build_router() -> Router:
    router = Router(name="anonymous_admin")
    router.message.filter(in_group, as_the_group, is_command)
    router.message.register(on_anonymous_command)
    return router
