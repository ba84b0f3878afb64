"""`hadir demo`: one agency day, offline, in a few seconds.

The real wiring (``bootstrap``) runs against a SQLite file, a virtual clock and an
in-process fake chat (:mod:`bot.demo_chat`): real update JSON goes through the real
Dispatcher, the minute tick sends prompts and summaries through the real outbox and
sender, and the chat prints what its members would see.
"""

from __future__ import annotations

import logging
import sys
import tempfile
from collections.abc import Mapping
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.ext.asyncio import AsyncSession

from bot.clock import VirtualClock
from bot.config import Config, DatabaseConfig, LimitsConfig
from bot.demo_chat import JSON, DemoChat
from bot.demo_feed import ChatFeed
from bot.demo_reports import link_to_bkd, write_outputs
from bot.demo_script import Cast, DayScript, Step
from bot.demo_whatsapp import WhatsAppDemo, demo_whatsapp_config
from bot.texts import WEEKDAYS, t
from bot.transports.telegram.app import privacy_problem
from handlers.schedule import ZONES, parse_clock
from handlers.statuses import Status, day_facts, window_reports
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage.tables import Agency

if TYPE_CHECKING:
    from bot.bootstrap import App

DAY = date(2026, 11, 25)  # a Wednesday, not a holiday
ZONE = "WIB"
WINDOWS = ("07:30", "11:30", "15:00")  # what the admin sets with /jadwal
DEADLINE_MINUTES = 30  # and /tenggat
START, END = time(6, 55), time(16, 0)
GROUP: JSON = {"id": -1001987654321, "type": "supergroup", "title": "ASN DISKOMINFO Tangsel"}
RULE = "─" * 72


async def run_demo(keep: str | None = None, *, whatsapp: bool = False) -> int:
    """Simulate the day; keep the SQLite database in ``keep`` if given. Returns the exit code."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.WARNING)  # the chat is the output; no log noise
    try:
        if keep is not None:
            path = _new_file(keep)
            if path is None:
                print(f"error: {keep} exists; choose a new file for --keep", file=sys.stderr)
                return 2
            return await _simulate(path, kept=True, whatsapp=whatsapp)
        with tempfile.TemporaryDirectory(prefix="hadir-demo-") as tmp:
            return await _simulate(Path(tmp) / "demo.db", kept=False, whatsapp=whatsapp)
    finally:
        root.setLevel(level)


def _new_file(keep: str) -> Path | None:
    """The --keep path, unless a file is already there (the demo never overwrites one)."""
    path = Path(keep)
    return None if path.exists() else path


def demo_config(database: Path) -> Config:
    # Virtual time: Telegram's per-second and per-minute limits are real-time limits,
    # so the demo lifts them rather than sleep through a day's sends.
    return Config(
        database=DatabaseConfig(url=f"sqlite+aiosqlite:///{database}"),
        limits=LimitsConfig(
            global_per_second=100_000, per_chat_per_second=100_000, per_group_per_minute=100_000
        ),
    )


async def _simulate(database: Path, *, kept: bool, whatsapp: bool = False) -> int:
    # Imported here, after logging is quietened: Alembic logs as it is imported.
    from bot.bootstrap import bootstrap

    zone = ZONES[ZONE]
    clock = VirtualClock(datetime.combine(DAY, START, tzinfo=zone))
    cast = Cast()
    chat = DemoChat(
        clock=clock,
        zone=zone,
        zone_name=ZONE,
        group=GROUP,
        people=cast.everyone,
        owner_id=cast.admin.id,
    )
    # --whatsapp: one more member, on WhatsApp only, through an in-process Graph API
    wa = WhatsAppDemo(clock=clock.now, zone=zone, say=chat.echo) if whatsapp else None
    config = demo_config(database)
    if wa is not None:
        config = config.model_copy(update={"whatsapp": demo_whatsapp_config()})
    http = wa.transport() if wa is not None else None
    app = await bootstrap(config, clock=clock, session=chat, whatsapp_http=http)
    if wa is not None:
        wa.attach(app)
    try:
        username, blind = await privacy_problem(app.bot)
        weekday = WEEKDAYS["en"][DAY.weekday()]
        print(f"Hadir demo — {weekday} {DAY:%d %B %Y}, {ZONE} (Asia/Jakarta), virtual clock")
        print(f"Database: {database if kept else 'a temporary SQLite file'}")
        print(t("check.privacy" if blind else "check.ok", "en", username=username))
        print(RULE)
        feed = ChatFeed(dispatcher=app.dispatcher, bot=app.bot, chat=chat, clock=clock)
        script = DayScript(feed, cast)
        extra = wa.plan(lambda text: feed.say(cast.admin, text)) if wa is not None else {}
        prompts, summaries = await _run_day(app, chat, clock, script, extra)
        print(f"\n{RULE}")
        reports = await _recap(app)
        sent_summaries = sum(1 for s in chat.transcript.sent if s.text.startswith("📋"))
        print(
            f"Tally: {prompts} prompts sent · {summaries} windows summarised "
            f"({sent_summaries} summary messages delivered, "
            f"{len(chat.transcript.refused)} refused with 403) · {reports} reports recorded · "
            f"{len(chat.transcript.reactions)} reactions"
        )
        if wa is not None:
            print(wa.tally())
        await link_to_bkd(app.db, clock, agency_chat=int(GROUP["id"]), admin=cast.admin.id)
        await write_outputs(app.db, clock, code="DISKOMINFO", day=DAY, windows=WINDOWS)
        if kept:
            print(f"The database is kept in {database}.")
    finally:
        await app.close()
    return 0


async def _run_day(
    app: App,
    chat: DemoChat,
    clock: VirtualClock,
    script: DayScript,
    extra: Mapping[str, tuple[str, Step]] | None = None,
) -> tuple[int, int]:
    """Minute by minute: tick (prompts, summaries), then whatever the script says."""
    plan = script.plan()
    assert not plan.keys() & (extra or {}).keys(), "one step per minute"
    plan.update(extra or {})
    zone = ZONES[ZONE]
    minute = datetime.combine(DAY, START, tzinfo=zone)
    end = datetime.combine(DAY, END, tzinfo=zone)
    prompts = summaries = 0
    while minute <= end:
        clock.set(max(minute, clock.now()))
        key = f"{minute:%H:%M}"
        caption, step = plan.get(key, (_caption(key), None))
        chat.heading = f"{key} {ZONE} — {caption}"
        result = await app.tick()
        prompts, summaries = prompts + result.prompts, summaries + result.summaries
        if step is not None:
            await step()
        minute += timedelta(minutes=1)
    return prompts, summaries


def _caption(key: str) -> str:
    for window in WINDOWS:
        opens = datetime.combine(DAY, parse_clock(window))
        if key == window:
            return f"window {window} opens: the prompt goes to the group"
        if key == f"{opens + timedelta(minutes=DEADLINE_MINUTES):%H:%M}":
            return f"deadline of window {window}: summaries to the supervisors"
    return ""


async def _recap(app: App) -> int:
    """Print each window's statuses as the database holds them; return how many reports."""
    print(f"Day recap from the database ({DAY:%d-%m-%Y}):")
    total = 0
    async with app.db.read() as session:
        agency = await _agency(session)
        assert agency.id is not None
        facts = await day_facts(session, agency_id=agency.id, day=DAY)
        for run in await attendance_repo.runs_for_day(session, agency_id=agency.id, day=DAY):
            reports = await window_reports(session, agency_id=agency.id, day=DAY, window=run.window)
            total += len(reports)
            tally = facts.tally(reports)
            parts = [f"{t('status.hadir')} {tally.count(Status.HADIR)}"]
            parts += [
                f"{t(f'status.{s.value}')} {_names(tally.names(s))}"
                for s in Status
                if s is not Status.HADIR
                and (s in (Status.TERLAMBAT, Status.MISSING) or tally.count(s))
            ]
            print(f"  {run.window}  {' · '.join(parts)}")
    return total


def _names(names: list[str]) -> str:
    return f"{len(names)}: {', '.join(names)}" if names else "0"


async def _agency(session: AsyncSession) -> Agency:
    agency = await agencies_repo.get_by_chat(session, chat_id=int(GROUP["id"]))
    assert agency is not None, "the demo group was not registered"
    return agency
