"""/bantuan, /help, /start, and what to say to commands nobody handles."""

from __future__ import annotations

from aiogram import Bot, Router
from aiogram.filters import Command
from aiogram.types import Message

from bot.texts import t
from bot.transports.telegram.filters import from_user, in_group, in_private, is_admin
from bot.transports.telegram.replies import answer_key
from handlers.setup import SetupService


async def on_help(
    message: Message, bot: Bot, setup: SetupService, super_admins: frozenset[int], language: str
) -> None:
    assert message.from_user is not None
    parts = [t("help.member", language)]
    if await in_group(message) and await is_admin(message, bot, super_admins):
        parts.append(t("help.admin", language))
    if await in_private(message) and await setup.is_supervisor(user_id=message.from_user.id):
        parts.append(t("help.supervisor", language))
    await message.reply("\n\n".join(parts))


GROUP_COMMANDS = (
    "daftar",
    "register",
    "setup",
    "zona",
    "zone",
    "tenggat",
    "deadline",
    "atasan",
    "supervisor",
    "jadwal",
    "schedule",
    "peran",
    "role",
    "hari",
    "days",
    "libur",
    "holiday",
    "periode",
    "period",
)


async def on_group_only(message: Message, language: str) -> None:
    await answer_key(message, "group.only", language)


async def is_command(message: Message) -> bool:
    return bool(message.text and message.text.startswith("/"))


async def on_unknown(message: Message, bot: Bot, language: str) -> None:
    """Unknown commands: always in private; in a group only when addressed to this bot."""
    assert message.text is not None
    if await in_group(message):
        head = message.text.split(maxsplit=1)[0]
        me = await bot.me()
        if "@" not in head or head.split("@", 1)[1].lower() != (me.username or "").lower():
            return
    await answer_key(message, "unknown.command", language)


async def on_private_text(message: Message, language: str) -> None:
    await answer_key(message, "unknown.command", language)


def build_router() -> Router:
    router = Router(name="help")
    router.message.filter(from_user)
    router.message.register(on_help, Command("bantuan", "help", "start"))
    router.message.register(on_group_only, in_private, Command(*GROUP_COMMANDS))
    router.message.register(on_unknown, is_command)
    router.message.register(on_private_text, in_private)
    return router
