"""/hari (/days), /libur (/holiday), /periode (/period) in the agency group.

Anyone may look (the command alone); only admins change anything.
"""

from __future__ import annotations

from aiogram import Router
from aiogram.filters import Command, CommandObject
from aiogram.types import Message

from bot.transports.telegram.filters import IsAdmin, from_user, in_group
from bot.transports.telegram.replies import answer, answer_key
from handlers.calendar_admin import CalendarService

DAYS = ("hari", "days")
HOLIDAY = ("libur", "holiday")
PERIOD = ("periode", "period")
CALENDAR_COMMANDS = (*DAYS, *HOLIDAY, *PERIOD)


async def on_days(
    message: Message, command: CommandObject, calendar: CalendarService, language: str
) -> None:
    await answer(
        message, await calendar.set_days(chat_id=message.chat.id, text=command.args or ""), language
    )


async def on_holiday(
    message: Message, command: CommandObject, calendar: CalendarService, language: str
) -> None:
    await answer(
        message, await calendar.day_off(chat_id=message.chat.id, text=command.args or ""), language
    )


async def on_period(
    message: Message, command: CommandObject, calendar: CalendarService, language: str
) -> None:
    await answer(
        message, await calendar.period(chat_id=message.chat.id, text=command.args or ""), language
    )


async def on_view(
    message: Message, command: CommandObject, calendar: CalendarService, language: str
) -> None:
    """Not an admin: the command alone shows the setting; anything more is refused."""
    if command.args:
        await answer_key(message, "admin.only", language)
    elif command.command.lower() in DAYS:
        await on_days(message, command, calendar, language)
    elif command.command.lower() in HOLIDAY:
        await on_holiday(message, command, calendar, language)
    else:
        await on_period(message, command, calendar, language)


def build_router() -> Router:
    router = Router(name="calendar")
    router.message.filter(in_group, from_user, Command(*CALENDAR_COMMANDS), IsAdmin())
    router.message.register(on_days, Command(*DAYS))
    router.message.register(on_holiday, Command(*HOLIDAY))
    router.message.register(on_period, Command(*PERIOD))
    return router


def build_refusal() -> Router:
    refusal = Router(name="calendar_refusal")
    refusal.message.filter(in_group, from_user)
    refusal.message.register(on_view, Command(*CALENDAR_COMMANDS))
    return refusal
