"""Group admin commands: /setup, /zona, /jadwal, /tenggat, /atasan.

The router is filtered to groups and to admins (getChatMember or config super-admins);
the refusal router after it answers everyone else politely.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import IsAdmin, from_user, in_group
from bot.transports.telegram.replies import answer, answer_key
from handlers.results import fail
from handlers.setup import SetupService

ADMIN_COMMANDS = (
    "setup",
    "zona",
    "zone",
    "jadwal",
    "schedule",
    "tenggat",
    "deadline",
    "atasan",
    "supervisor",
)


async def on_setup(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    parts = (command.args or "").split(maxsplit=1)
    if len(parts) < 2:
        await answer(message, fail("setup.usage"), language)
        return
    await answer(
        message,
        await setup.register(chat_id=message.chat.id, code=parts[0], name=parts[1]),
        language,
    )


async def on_zone(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    reply = await setup.set_zone(chat_id=message.chat.id, text=command.args or "")
    await answer(message, reply, language)


async def on_schedule(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    tokens = [
        tok for tok in (command.args or "").replace(",", " ").split() if tok.lower() != "pukul"
    ]
    await answer(message, await setup.set_windows(chat_id=message.chat.id, tokens=tokens), language)


async def on_deadline(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    reply = await setup.set_deadline(chat_id=message.chat.id, text=command.args or "")
    await answer(message, reply, language)


async def on_supervisor(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    target = message.reply_to_message.from_user if message.reply_to_message else None
    if target is not None and not target.is_bot:
        reply = await setup.add_supervisor(
            chat_id=message.chat.id, user_id=target.id, display_name=target.full_name
        )
    elif command.args and command.args.strip().startswith("@"):
        reply = await setup.add_supervisor(
            chat_id=message.chat.id, user_id=None, display_name="", username=command.args.strip()
        )
    else:
        reply = fail("supervisor.usage")
    await answer(message, reply, language)


async def on_schedule_view(
    message: Message, command: CommandObject, setup: SetupService, language: str
) -> None:
    """Anyone may look at the schedule; only admins change it."""
    if command.args:
        await answer_key(message, "admin.only", language)
        return
    await answer(message, await setup.show_schedule(chat_id=message.chat.id), language)


async def on_not_admin(message: Message, language: str) -> None:
    await answer_key(message, "admin.only", language)


def build_router() -> Router:
    router = Router(name="admin")
    # Only admin commands may cost a getChatMember call, not every message seen in the group.
    router.message.filter(in_group, from_user, Command(*ADMIN_COMMANDS), IsAdmin())
    router.message.register(on_setup, Command("setup"))
    router.message.register(on_zone, Command("zona", "zone"))
    router.message.register(on_schedule, Command("jadwal", "schedule"))
    router.message.register(on_deadline, Command("tenggat", "deadline"))
    router.message.register(on_supervisor, Command("atasan", "supervisor"))
    return router


def build_refusal() -> Router:
    refusal = Router(name="admin_refusal")
    refusal.message.filter(in_group, from_user)
    refusal.message.register(on_schedule_view, Command("jadwal", "schedule"))
    refusal.message.register(on_not_admin, Command(*ADMIN_COMMANDS))
    return refusal
