"""Turning use-case answers into Telegram replies."""

from __future__ import annotations

from aiogram.types import Message, ReactionTypeEmoji

from bot.texts import render, t
from handlers.results import Reply

MAX_TEXT = 4096


def split_text(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split on line breaks so each piece fits one Telegram message."""
    chunks: list[str] = []
    current = ""
    for line in text.split("\n"):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) > limit:
            chunks.append(current)
            current = line
        else:
            current = candidate
    if current or not chunks:
        chunks.append(current)
    return chunks


async def answer(message: Message, reply: Reply, language: str) -> None:
    for chunk in split_text(render(reply, language)):
        await message.reply(chunk)


async def answer_key(message: Message, key: str, language: str, **params: object) -> None:
    await message.reply(t(key, language, **params))


async def react(message: Message, emoji: str) -> None:
    await message.react([ReactionTypeEmoji(emoji=emoji)])
