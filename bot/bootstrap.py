"""The one wiring place: config, engine, clock, services, transports."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession

from bot.config import Config
from bot.notifier import Notifier, Outbound
from bot.transports.telegram.app import build_bot, build_dispatcher
from bot.transports.telegram.limiter import RateLimiter
from bot.transports.telegram.outbound import TelegramOutbound
from handlers.activity import ActivityService
from handlers.attendance import AttendanceService
from handlers.calendar_admin import CalendarService
from handlers.coverage import LiveCoverage
from handlers.enrollment import EnrollmentService
from handlers.leave import LeaveService
from handlers.notices import NoticeService
from handlers.piket import PiketService
from handlers.points import PointsService
from handlers.ports import Clock
from handlers.recap import RecapService
from handlers.roles import RoleService
from handlers.setup import SetupService
from handlers.summary import TickResult, WindowRounds
from storage.db import Database, make_engine
from storage.migrate import upgrade

log = logging.getLogger(__name__)


@dataclass
class App:
    config: Config
    clock: Clock
    db: Database
    setup: SetupService
    enrollment: EnrollmentService
    attendance: AttendanceService
    rounds: WindowRounds
    notices: NoticeService
    notifier: Notifier
    bot: Bot
    dispatcher: Dispatcher
    limiter: RateLimiter
    outbound: dict[str, Outbound] = field(default_factory=dict)
    coverage: LiveCoverage | None = None
    piket: PiketService | None = None

    async def tick(self) -> TickResult:
        """One scheduler step: decide what is due, then send what is owed."""
        if self.coverage is not None:  # live shares answer open windows before any summary
            await self.coverage.tick()
        result = await self.rounds.tick()
        if self.piket is not None:
            await self.piket.tick()
        await self.notifier.flush()
        return result

    async def close(self) -> None:
        await self.attendance.drain()
        await self.bot.session.close()
        await self.db.close()


async def bootstrap(
    config: Config,
    *,
    clock: Clock,
    session: BaseSession | None = None,
    migrate: bool = True,
) -> App:
    db = Database(make_engine(config.database.url))
    if migrate:
        await upgrade(db.engine)
    limits = config.limits
    limiter = RateLimiter(
        global_per_second=limits.global_per_second,
        per_chat_per_second=limits.per_chat_per_second,
        per_group_per_minute=limits.per_group_per_minute,
    )
    token = config.telegram.token.get_secret_value() if config.telegram.token else "0:offline"
    bot = build_bot(
        token,
        api_base=config.telegram.api_base,
        limiter=limiter,
        max_retries=limits.max_retries,
        session=session,
    )
    setup = SetupService(db=db, clock=clock)
    enrollment = EnrollmentService(db=db, clock=clock)
    rules = config.rules.geo()
    attendance = AttendanceService(db=db, clock=clock, rules=rules)
    notices = NoticeService(db=db, clock=clock)
    piket = PiketService(db=db, clock=clock, rules=rules)
    outbound: dict[str, Outbound] = {"telegram": TelegramOutbound(bot, language=config.language)}
    notifier = Notifier(notices=notices, outbound=outbound)
    dispatcher = build_dispatcher(
        setup=setup,
        enrollment=enrollment,
        attendance=attendance,
        language=config.language,
        super_admins=frozenset(config.telegram.super_admins),
        notifier=notifier,
        roles=RoleService(db=db, clock=clock),
        calendar=CalendarService(db=db, clock=clock),
        leave=LeaveService(db=db, clock=clock),
        activity=ActivityService(db=db, clock=clock),
        recap=RecapService(db=db, clock=clock),
        points=PointsService(db=db, clock=clock, rules=rules),
        piket=piket,
    )
    return App(
        config=config,
        clock=clock,
        db=db,
        setup=setup,
        enrollment=enrollment,
        attendance=attendance,
        rounds=WindowRounds(db=db, clock=clock),
        notices=notices,
        notifier=notifier,
        bot=bot,
        dispatcher=dispatcher,
        limiter=limiter,
        outbound=outbound,
        coverage=LiveCoverage(db=db, clock=clock, rules=rules),
        piket=piket,
    )
