"""Turning use-case answers into Telegram replies."""

from __future__ import annotations

from aiogram.types import Message, ReactionTypeEmoji

from bot.texts import render, t
from bot.transports.split import split_text as split
from handlers.results import Reply

MAX_TEXT = 4096


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Parts that fit one Telegram message each."""
    return split(text, limit)


async def answer(message: Message, reply: Reply, language: str) -> None:
    for chunk in split_text(render(reply, language)):
        await message.reply(chunk)


async def answer_key(message: Message, key: str, language: str, **params: object) -> None:
    await message.reply(t(key, language, **params))


async def react(message: Message, emoji: str) -> None:
    await message.react([ReactionTypeEmoji(emoji=emoji)])
