"""Async filters (aiogram runs sync callables in a thread: keep hot paths async)."""

from __future__ import annotations

from aiogram import Bot
from aiogram.filters import Filter
from aiogram.types import ChatMemberAdministrator, ChatMemberOwner, Message


async def in_group(message: Message) -> bool:
    return message.chat.type in ("group", "supergroup")


async def in_private(message: Message) -> bool:
    return message.chat.type == "private"


async def has_location(message: Message) -> bool:
    return message.location is not None


async def from_user(message: Message) -> bool:
    return message.from_user is not None and not message.from_user.is_bot


async def is_admin(message: Message, bot: Bot, super_admins: frozenset[int]) -> bool:
    """Creator/administrator of this group (asked of Telegram), or a super-admin from config."""
    user = message.from_user
    if user is None:
        return False
    if user.id in super_admins:
        return True
    if message.chat.type == "private":
        return False
    member = await bot.get_chat_member(message.chat.id, user.id)
    return isinstance(member, ChatMemberOwner | ChatMemberAdministrator)


class IsAdmin(Filter):
    async def __call__(self, message: Message, bot: Bot, super_admins: frozenset[int]) -> bool:
        return await is_admin(message, bot, super_admins)
