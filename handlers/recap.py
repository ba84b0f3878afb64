"""/rekap [DD-MM-YYYY]: one agency day, window by window, for supervisors and admins.

The same statuses as the summaries (:mod:`handlers.statuses`), computed when asked:
a window still open shows its running count, one not yet open says so, a day off
says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.calendar import DayOff, load_calendar, why_off
from handlers.dates import parse_date
from handlers.ports import Clock
from handlers.results import Reply, fail
from handlers.schedule import format_clock
from handlers.statuses import day_facts, window_reports
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage.db import Database
from storage.tables import Agency


@dataclass(frozen=True)
class WindowRecap:
    window: str
    deadline: str
    state: str  # closed, running, not_open
    tally: dict[str, Any] = field(default_factory=dict)  # Tally.payload(); empty if not open


@dataclass(frozen=True)
class DayRecap:
    agency: str
    code: str
    zone: str
    day: date
    language: str
    off: DayOff | None = None
    future: bool = False
    windows: list[WindowRecap] = field(default_factory=list)
    activity_done: list[str] = field(default_factory=list)
    activity_missing: list[str] = field(default_factory=list)


class RecapService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def recap(
        self, *, chat_id: int, user_id: int, private: bool, is_admin: bool, text: str
    ) -> list[DayRecap] | Reply:
        words = text.split()
        if len(words) > 1:
            return fail("recap.usage")
        async with self._db.read() as session:
            if private:
                agencies = await agencies_repo.supervised_agencies(session, user_id=user_id)
                if not agencies:
                    return fail("recap.forbidden")
            else:
                agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
                if agency is None or agency.id is None:
                    return fail("agency.missing")
                allowed = is_admin or await agencies_repo.get_supervisor(
                    session, agency_id=agency.id, user_id=user_id
                )
                if not allowed:
                    return fail("recap.forbidden")
                agencies = [agency]
            recaps = []
            for agency in sorted(agencies, key=lambda a: a.code):
                today = schedule_of(agency).local_day(self._clock.now())
                day = today
                if words:
                    try:
                        day = parse_date(words[0], default_year=today.year)
                    except ValueError:
                        if any(ch.isdigit() for ch in words[0]):
                            return fail("recap.bad_date", given=words[0])
                        return fail("recap.usage")
                recaps.append(await self._day(session, agency, day, today))
        return recaps

    async def _day(self, session: AsyncSession, agency: Agency, day: date, today: date) -> DayRecap:
        assert agency.id is not None
        schedule = schedule_of(agency)
        base = DayRecap(agency.name, agency.code, schedule.zone, day, agency.language)
        if day > today:
            return replace(base, future=True)
        calendar = await load_calendar(
            session, agency_id=agency.id, start=day, end=day + timedelta(days=1)
        )
        off = why_off(schedule, calendar, day)
        if off is not None:
            return replace(base, off=off)
        now = self._clock.now()
        runs = {
            r.window: r
            for r in await attendance_repo.runs_for_day(session, agency_id=agency.id, day=day)
        }
        slots = {s.key: (s.opens_at, s.deadline_at) for s in schedule.slots_on(day)}
        times = {**slots, **{k: (r.opens_at, r.deadline_at) for k, r in runs.items()}}
        facts = await day_facts(session, agency_id=agency.id, day=day)
        windows = []
        for key, (opens_at, deadline_at) in sorted(times.items(), key=lambda kv: kv[1][0]):
            deadline = format_clock(deadline_at.astimezone(schedule.tz).time())
            if opens_at > now:
                windows.append(WindowRecap(key, deadline, "not_open"))
                continue
            reports = await window_reports(session, agency_id=agency.id, day=day, window=key)
            state = "running" if deadline_at > now else "closed"
            windows.append(WindowRecap(key, deadline, state, facts.tally(reports).payload()))
        pimpinan = [m for m in facts.members if m.role == "pimpinan"]
        missing = facts.without_activity_report()
        done = [m.full_name for m in pimpinan if (m.id or 0) in facts.reported_activity]
        return replace(base, windows=windows, activity_done=done, activity_missing=missing)
