"""The minute tick with the rules: days off, reminders once, summaries with every status.

Real storage (SQLite and PostgreSQL), the real ``WindowRounds``, a virtual clock; what the
tick decided is read from the outbox.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import holidays
from sqlalchemy import event, select
from sqlmodel import col

from bot.clock import VirtualClock
from handlers.calendar import HOLIDAY_CATEGORIES
from handlers.summary import WindowRounds
from storage import attendance as attendance_repo
from storage import rules as rules_repo
from storage.db import Database
from storage.tables import Agency, Member, OutboxMessage, WindowRun
from storage.tables_rules import LeaveRequest
from tests.storage.builders import add_agency, add_member, add_supervisor

WIB = ZoneInfo("Asia/Jakarta")
WEDNESDAY = date(2026, 11, 25)


def wib(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=WIB)


async def outbox(db: Database, kind: str | None = None) -> list[OutboxMessage]:
    async with db.read() as session:
        query = select(OutboxMessage).order_by(col(OutboxMessage.id))
        rows = list((await session.execute(query)).scalars())
    return [r for r in rows if kind in (None, r.kind)]


async def runs(db: Database) -> list[WindowRun]:
    async with db.read() as session:
        return list((await session.execute(select(WindowRun))).scalars())


async def tick_through(db: Database, day: date, start: str, end: str) -> None:
    """Tick every minute from ``start`` to ``end`` (WIB), as the scheduler would."""
    clock = VirtualClock(wib(day, *map(int, start.split(":"))))
    rounds = WindowRounds(db=db, clock=clock)
    while clock.now() <= wib(day, *map(int, end.split(":"))):
        await rounds.tick()
        clock.advance(minutes=1)


async def _agency(db: Database) -> Agency:
    async with db.transaction() as session:
        agency = await add_agency(session)
        for n in range(1, 3):
            await add_member(session, agency=agency, n=n, user_id=600 + n)
        await add_supervisor(session, agency=agency, user_id=700)
    return agency


async def test_no_windows_on_idul_fitri_cuti_bersama_as_the_package_lists_it(
    db: Database,
) -> None:
    listed = holidays.country_holidays(
        "ID", categories=HOLIDAY_CATEGORIES, language="id", years=2026
    )
    cuti_bersama = [
        d
        for d in listed.get_named("Cuti Bersama Hari Raya Idul Fitri", lookup="exact")
        if d.isoweekday() <= 5
    ]
    assert cuti_bersama
    await _agency(db)
    await tick_through(db, cuti_bersama[0], "07:00", "16:00")
    assert await runs(db) == []
    assert await outbox(db) == []


async def test_no_windows_on_an_agency_day_off_or_outside_the_wfh_period(db: Database) -> None:
    agency = await _agency(db)
    assert agency.id is not None
    async with db.transaction() as session:
        await rules_repo.add_day_off(
            session, agency_id=agency.id, day=WEDNESDAY, note="HUT Kota", now=wib(WEDNESDAY, 6)
        )
        await rules_repo.set_period(
            session,
            agency_id=agency.id,
            start=WEDNESDAY - timedelta(days=30),
            end=WEDNESDAY + timedelta(days=1),
            now=wib(WEDNESDAY, 6),
        )
    await tick_through(db, WEDNESDAY, "07:00", "08:30")  # the day off
    await tick_through(db, WEDNESDAY + timedelta(days=2), "07:00", "08:30")  # after the period
    assert await runs(db) == []
    await tick_through(db, WEDNESDAY + timedelta(days=1), "07:00", "08:30")  # inside: Thursday
    assert [r.window for r in await runs(db)] == ["07:30"]
    assert [m.kind for m in await outbox(db)] == ["prompt", "reminder", "summary"]


async def _everyone(db: Database) -> tuple[Agency, dict[str, Member]]:
    """Ani answers; Budi and Citra stay silent (Citra is piket); Hendra is pimpinan; Sri
    is satgas; Dewi has approved cuti; Eko a pending izin."""
    async with db.transaction() as session:
        agency = await add_agency(session)
        people: dict[str, Member] = {}
        for n, name in enumerate(["Ani", "Budi", "Citra", "Dewi", "Eko", "Hendra", "Sri"], 1):
            people[name] = await add_member(session, agency=agency, n=n, user_id=600 + n, name=name)
        people["Citra"].role = "piket"
        people["Hendra"].role = "pimpinan"
        people["Sri"].role = "satgas"
        await add_supervisor(session, agency=agency, user_id=700)
        assert agency.id is not None
        for name, status, kind in (("Dewi", "approved", "cuti"), ("Eko", "pending", "izin")):
            session.add(
                LeaveRequest(
                    agency_id=agency.id,
                    member_id=people[name].id or 0,
                    kind=kind,
                    start_day=WEDNESDAY - timedelta(days=1),
                    end_day=WEDNESDAY + timedelta(days=1),
                    reason="-",
                    status=status,
                    created_at=wib(WEDNESDAY, 6),
                )
            )
    return agency, people


async def _answer(db: Database, agency: Agency, member: Member, window: str, at: datetime) -> None:
    async with db.transaction() as session:
        await attendance_repo.upsert_reports(
            session,
            rows=[
                {
                    "member_id": member.id,
                    "agency_id": agency.id,
                    "day": WEDNESDAY,
                    "window": window,
                    "status": "hadir",
                    "first_at": at.astimezone(UTC),
                    "last_at": at.astimezone(UTC),
                    "latitude": -6.2,
                    "longitude": 106.8,
                    "accuracy": 10.0,
                    "live": False,
                    "chat_id": agency.telegram_chat_id,
                    "message_id": 1,
                }
            ],
        )


async def test_one_reminder_per_window_even_across_restarts(db: Database) -> None:
    agency, people = await _everyone(db)
    await tick_through(db, WEDNESDAY, "07:30", "07:44")
    await _answer(db, agency, people["Ani"], "07:30", wib(WEDNESDAY, 7, 40))
    assert await outbox(db, "reminder") == []
    # 07:45: halfway. A fresh WindowRounds each minute is a restart each minute.
    for minute in range(45, 60):
        clock = VirtualClock(wib(WEDNESDAY, 7, minute))
        await WindowRounds(db=db, clock=clock).tick()
    (reminder,) = await outbox(db, "reminder")
    assert reminder.chat_id == agency.telegram_chat_id
    assert reminder.created_at == wib(WEDNESDAY, 7, 45)
    # Budi and Citra: not Ani (answered), Hendra and Sri (exempt), Dewi (cuti), Eko (pending).
    assert reminder.payload["mentions"] == [[602, "Budi"], [603, "Citra"]]
    (prompt,) = await outbox(db, "prompt")
    assert prompt.payload["expected"] == 4  # Ani, Budi, Citra, Eko


async def test_nobody_to_remind_claims_the_window_and_sends_nothing(db: Database) -> None:
    agency, people = await _everyone(db)
    await tick_through(db, WEDNESDAY, "07:30", "07:31")
    for name in ("Ani", "Budi", "Citra"):
        await _answer(db, agency, people[name], "07:30", wib(WEDNESDAY, 7, 35))
    await tick_through(db, WEDNESDAY, "07:45", "07:50")
    assert await outbox(db, "reminder") == []
    (run,) = await runs(db)
    assert run.reminder_sent_at == wib(WEDNESDAY, 7, 45)


async def test_summary_counts_every_status_and_names_pimpinan_without_lapor(
    db: Database,
) -> None:
    agency, people = await _everyone(db)
    await tick_through(db, WEDNESDAY, "07:30", "07:35")
    await _answer(db, agency, people["Ani"], "07:30", wib(WEDNESDAY, 7, 32))
    await tick_through(db, WEDNESDAY, "07:36", "08:00")
    (morning,) = await outbox(db, "summary")
    payload: dict[str, Any] = morning.payload
    assert (payload["expected"], payload["on_time"], payload["late"]) == (4, 1, 0)
    assert payload["missing"] == ["Budi", "Citra"]
    assert payload["counts"] == {
        "hadir": 1,
        "terlambat": 0,
        "tidak_merespons": 2,
        "izin_menunggu": 1,
        "izin": 0,
        "sakit": 0,
        "cuti": 1,
        "dinas": 0,
        "dikecualikan": 2,
    }
    assert payload["names"]["dikecualikan"] == ["Hendra", "Sri"]
    assert payload["names"]["izin_menunggu"] == ["Eko"]
    assert "no_activity_report" not in payload  # only the last window asks for /lapor

    assert agency.id is not None
    async with db.transaction() as session:
        await rules_repo.upsert_activity(
            session,
            member_id=people["Sri"].id or 0,  # a satgas may report too; not required
            agency_id=agency.id,
            day=WEDNESDAY,
            text="Posko",
            now=wib(WEDNESDAY, 9),
        )
    await tick_through(db, WEDNESDAY, "15:00", "15:30")
    last = (await outbox(db, "summary"))[-1]
    assert last.payload["window"] == "15:00"
    assert last.payload["no_activity_report"] == ["Hendra"]


async def test_a_window_run_is_written_when_it_opens_not_every_minute(db: Database) -> None:
    await _agency(db)
    inserts: list[str] = []

    def record(*args: Any) -> None:
        if args[2].lstrip().upper().startswith("INSERT INTO WINDOW_RUNS"):
            inserts.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        await tick_through(db, WEDNESDAY, "07:00", "12:00")  # one WindowRounds, 301 ticks
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    assert len(inserts) == 2  # at 07:30 and at 11:30
    assert sorted(r.window for r in await runs(db)) == ["07:30", "11:30"]
    # A restarted process (a fresh WindowRounds) knows nothing and keeps the runs as they are.
    await tick_through(db, WEDNESDAY, "12:00", "12:01")
    assert len(await runs(db)) == 2 and len(await outbox(db, "prompt")) == 2
