"""Building the aiogram Bot and Dispatcher from config and services."""

from __future__ import annotations

from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer

from bot.transports.telegram import (
    activity,
    admin,
    anonymous,
    attendance,
    bkd,
    calendar,
    enrollment,
    export,
    help,
    leave,
    membership,
    piket,
    points,
    recap,
    roles,
)
from bot.transports.telegram.limiter import RateLimiter, ThrottleMiddleware


def build_bot(
    token: str,
    *,
    api_base: str,
    limiter: RateLimiter,
    max_retries: int = 5,
    session: BaseSession | None = None,
) -> Bot:
    session = session or AiohttpSession(api=TelegramAPIServer.from_base(api_base))
    session.middleware(ThrottleMiddleware(limiter, max_retries=max_retries))
    return Bot(token, session=session)


def build_dispatcher(**dependencies: Any) -> Dispatcher:
    """Routers in order: locations first (the hot path), then commands, then the fallbacks."""
    dp = Dispatcher(**dependencies)
    dp.include_routers(
        membership.build_router(),
        points.build_capture_router(),  # only while a /rumah or /kantor waits for its point
        attendance.build_router(),
        anonymous.build_router(),  # before every command router: they all need a person
        admin.build_router(),
        admin.build_refusal(),
        points.build_router(),
        piket.build_router(),
        roles.build_router(),
        roles.build_refusal(),
        calendar.build_router(),
        calendar.build_refusal(),
        leave.build_router(),
        activity.build_router(),
        recap.build_router(),
        enrollment.build_router(),
        bkd.build_router(),
        export.build_router(),
        help.build_router(),
    )
    return dp


async def privacy_problem(bot: Bot) -> tuple[str, bool]:
    """(username, True when the bot cannot read ordinary group messages)."""
    me = await bot.me()
    return me.username or str(me.id), not bool(me.can_read_all_group_messages)
