"""/bahasa id|en (/language), and the middleware that answers everyone in their language.

In private the language is the person's own; in a group it is the agency's (set by its
admins). The middleware overrides the Dispatcher's global ``language`` for every update,
from :class:`handlers.language.LanguageService`'s in-memory cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from aiogram import BaseMiddleware, Bot, Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Chat, Message, TelegramObject, User

from bot.transports.telegram.filters import from_user, in_group, is_admin
from bot.transports.telegram.replies import answer, answer_key
from handlers.language import LanguageService

LANGUAGE_COMMANDS = ("bahasa", "language")


class ReplyLanguage(BaseMiddleware):
    """Outer update middleware: sets ``language`` for the handlers that answer this update."""

    def __init__(self, languages: LanguageService) -> None:
        self._languages = languages

    async def __call__(
        self,
        handler: Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]],
        event: TelegramObject,
        data: dict[str, Any],
    ) -> Any:
        chat: Chat | None = data.get("event_chat")
        user: User | None = data.get("event_from_user")
        if chat is not None and chat.type == "private" and user is not None:
            data["language"] = await self._languages.for_user(user_id=user.id)
        elif chat is not None and chat.type in ("group", "supergroup"):
            data["language"] = await self._languages.for_group(chat_id=chat.id)
        return await handler(event, data)


async def on_language(
    message: Message,
    command: CommandObject,
    bot: Bot,
    languages: LanguageService,
    super_admins: frozenset[int],
    language: str,
) -> None:
    assert message.from_user is not None
    args = (command.args or "").strip()
    if not args:
        await answer(message, await languages.show(current=language), language)
        return
    if await in_group(message):
        if not await is_admin(message, bot, super_admins):
            await answer_key(message, "admin.only", language)
            return
        reply = await languages.set_for_group(chat_id=message.chat.id, text=args)
    else:
        reply = await languages.set_for_user(user_id=message.from_user.id, text=args)
    # A confirmation reads best in the language just chosen.
    await answer(message, reply, reply.params.get("language", language))


def build_router() -> Router:
    router = Router(name="language")
    router.message.filter(from_user)
    router.message.register(on_language, Command(*LANGUAGE_COMMANDS))
    return router
