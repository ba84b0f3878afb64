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
    language,
    leave,
    membership,
    piket,
    points,
    privacy,
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


# Every router an update passes costs it ~15-20 µs (outer middlewares wrapped, root filters
# checked) before any filter of ours runs: locations go first and meet no other router.
LOCATION_ROUTER = "attendance"


def build_dispatcher(**dependencies: Any) -> Dispatcher:
    """Routers in order: locations first (the hot path), then commands, then the fallbacks."""
    dp = Dispatcher(**dependencies)
    if "languages" in dependencies:  # answer each person and group in their own language
        dp.update.outer_middleware(language.ReplyLanguage(dependencies["languages"]))
    dp.include_routers(
        # the point capture first, only while a /rumah or /kantor waits for its point
        attendance.build_router(first=points.register_capture),
        membership.build_router(),
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
        language.build_router(),
        privacy.build_router(),
        help.build_router(),
    )
    return dp


def after_locations(dp: Dispatcher) -> int:
    """Where a command router goes: after the location routers, before every fallback."""
    return [router.name for router in dp.sub_routers].index(LOCATION_ROUTER) + 1


async def privacy_problem(bot: Bot) -> tuple[str, bool]:
    """(username, True when the bot cannot read ordinary group messages)."""
    me = await bot.me()
    return me.username or str(me.id), not bool(me.can_read_all_group_messages)
