"""The one wiring place: config, engine, clock, services, transports."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

import httpx
from aiogram import Bot, Dispatcher
from aiogram.client.session.base import BaseSession

from bot.config import Config
from bot.mail import RollupMailer, build_mailer
from bot.notifier import Notifier, Outbound
from bot.transports.telegram import whatsapp as telegram_whatsapp
from bot.transports.telegram.app import build_bot, build_dispatcher
from bot.transports.telegram.bkd_outbound import BkdOutbound
from bot.transports.telegram.limiter import RateLimiter
from bot.transports.telegram.outbound import TelegramOutbound
from bot.transports.whatsapp.commands import text_commands
from bot.transports.whatsapp.transport import WhatsAppTransport, build_whatsapp
from handlers.activity import ActivityService
from handlers.attendance import AttendanceService
from handlers.bkd import BkdService
from handlers.calendar import preload_national_holidays
from handlers.calendar_admin import CalendarService
from handlers.coverage import LiveCoverage
from handlers.deletion import DeletionService
from handlers.enrollment import EnrollmentService
from handlers.export_access import ExportAccess
from handlers.exports import ExportService
from handlers.language import LanguageService
from handlers.leave import LeaveService
from handlers.my_data import MyDataService
from handlers.notices import NoticeService
from handlers.piket import PiketService
from handlers.points import PointsService
from handlers.ports import Clock
from handlers.recap import RecapService
from handlers.retention import RetentionService
from handlers.roles import RoleService
from handlers.rollup import TRANSPORT as ROLLUP_TRANSPORT
from handlers.rollup import RollupService
from handlers.setup import SetupService
from handlers.summary import TickResult, WindowRounds
from handlers.whatsapp_links import WhatsAppLinks
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
    rollups: RollupService | None = None
    mailer: RollupMailer | None = None
    whatsapp: WhatsAppTransport | None = None
    coverage: LiveCoverage | None = None
    piket: PiketService | None = None
    retention: RetentionService | None = None

    async def tick(self) -> TickResult:
        """One scheduler step: decide what is due, then send what is owed."""
        if self.coverage is not None:  # live shares answer open windows before any summary
            await self.coverage.tick()
        result = await self.rounds.tick()
        if self.whatsapp is not None:  # numbers from a roster import get their invitation
            await self.whatsapp.tick()
        if self.piket is not None:
            await self.piket.tick()
        if self.rollups is not None:
            await self.rollups.tick()
        if self.mailer is not None:
            self.mailer.kick()  # in the background: SMTP never holds up the tick
        await self.notifier.flush()
        if self.retention is not None:  # once a UTC day, after everything owed was sent
            await self.retention.tick()
        return result

    async def close(self) -> None:
        if self.mailer is not None:
            await self.mailer.close()
        if self.whatsapp is not None:
            await self.whatsapp.close()
        await self.attendance.drain()
        await self.bot.session.close()
        await self.db.close()


async def bootstrap(
    config: Config,
    *,
    clock: Clock,
    session: BaseSession | None = None,
    migrate: bool = True,
    whatsapp_http: httpx.AsyncBaseTransport | None = None,
) -> App:
    db = Database(make_engine(config.database.url))
    if migrate:
        await upgrade(db.engine)
    preload_national_holidays(clock.now().year)
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
    setup = SetupService(db=db, clock=clock, language=config.language)
    enrollment = EnrollmentService(db=db, clock=clock)
    rules = config.rules.geo()
    attendance = AttendanceService(db=db, clock=clock, rules=rules)
    notices = NoticeService(db=db, clock=clock)
    piket = PiketService(db=db, clock=clock, rules=rules)
    outbound: dict[str, Outbound] = {"telegram": TelegramOutbound(bot, language=config.language)}
    outbound[ROLLUP_TRANSPORT] = BkdOutbound(bot, language=config.language)
    leave = LeaveService(db=db, clock=clock)
    whatsapp_links = WhatsAppLinks(db=db, clock=clock, enabled=config.whatsapp.enabled)
    whatsapp = (
        build_whatsapp(
            config.whatsapp,
            db=db,
            clock=clock,
            attendance=attendance,
            links=whatsapp_links,
            language=config.language,
            commands=text_commands(leave=leave, activity=ActivityService(db=db, clock=clock)),
            decide_leave=leave.decide,
            http_transport=whatsapp_http,
        )
        if config.whatsapp.enabled
        else None
    )
    if whatsapp is not None:
        outbound["whatsapp"] = whatsapp.outbound
    notifier = Notifier(notices=notices, outbound=outbound)
    exports = ExportService(db=db, clock=clock)
    dispatcher = build_dispatcher(
        bkd=BkdService(db=db, clock=clock),
        exports=exports,
        my_data=MyDataService(db=db, clock=clock, exports=exports),
        deletion=DeletionService(db=db, clock=clock, retention_days=config.data.retention_days),
        export_access=ExportAccess(db=db, clock=clock),
        whatsapp_links=whatsapp_links,
        setup=setup,
        enrollment=enrollment,
        attendance=attendance,
        language=config.language,
        super_admins=frozenset(config.telegram.super_admins),
        notifier=notifier,
        roles=RoleService(db=db, clock=clock),
        calendar=CalendarService(db=db, clock=clock),
        leave=leave,
        activity=ActivityService(db=db, clock=clock),
        recap=RecapService(db=db, clock=clock),
        points=PointsService(db=db, clock=clock, rules=rules),
        piket=piket,
        languages=LanguageService(db=db, clock=clock, default=config.language),
    )
    telegram_whatsapp.install(dispatcher)  # /wa before the fallbacks that answer any command
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
        rollups=RollupService(
            db=db,
            clock=clock,
            email_recipients=config.email.mailed(),
            piket_rotation=config.rules.piket_rotation,
        ),
        mailer=build_mailer(config.email, db=db, clock=clock),
        whatsapp=whatsapp,
        coverage=LiveCoverage(db=db, clock=clock, rules=rules),
        piket=piket,
        retention=RetentionService(db=db, clock=clock, days=config.data.retention_days),
    )
