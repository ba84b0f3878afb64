"""/peran ROLE (/role), an admin replying to a member's message in the agency group."""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import IsAdmin, from_user, in_group
from bot.transports.telegram.replies import answer, answer_key
from handlers.roles import RoleService

ROLE_COMMANDS = ("peran", "role")


async def on_role(
    message: Message, command: CommandObject, roles: RoleService, language: str
) -> None:
    replied = message.reply_to_message
    target = replied.from_user if replied is not None else None
    user_id = target.id if target is not None and not target.is_bot else None
    reply = await roles.set_role(chat_id=message.chat.id, user_id=user_id, text=command.args or "")
    await answer(message, reply, language)


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


def build_router() -> Router:
    router = Router(name="roles")
    router.message.filter(in_group, from_user, Command(*ROLE_COMMANDS), IsAdmin())
    router.message.register(on_role)
    return router


def build_refusal() -> Router:
    refusal = Router(name="roles_refusal")
    refusal.message.filter(in_group, from_user)
    refusal.message.register(on_not_admin, Command(*ROLE_COMMANDS))
    return refusal
