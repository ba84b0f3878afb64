"""Admins shape the agency calendar: /hari (working days), /libur (extra days off),
/periode (the WFH period). National holidays are built in (:mod:`handlers.calendar`)."""

from __future__ import annotations

from datetime import date, timedelta

from handlers.agency_schedule import days_field, schedule_of
from handlers.calendar import load_calendar, national_holiday, national_holidays
from handlers.dates import format_date, format_range, parse_date
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from handlers.schedule import format_days, parse_days
from storage import agencies as agencies_repo
from storage import rules as rules_repo
from storage.db import Database

MAX_NOTE = 200
UPCOMING_DAYS = 60
REMOVE_WORDS = ("hapus", "remove", "delete")


class CalendarService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def set_days(self, *, chat_id: int, text: str) -> Reply:
        days: frozenset[int] | None = None
        if text.strip():
            try:
                days = parse_days(text)
            except ValueError:
                return fail("days.usage")
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None:
                return fail("agency.missing")
            if days is None:
                shown = format_days(schedule_of(agency).working_days)
                return done("days.show", name=agency.name, days=shown)
            agency.working_days = days_field(days)
            agency.updated_at = self._clock.now()
        return done("days.set", days=format_days(days))

    async def day_off(self, *, chat_id: int, text: str) -> Reply:
        """``DD-MM-YYYY keterangan`` adds, ``hapus DD-MM-YYYY`` removes, nothing lists."""
        words = text.split()
        if not words:
            return await self._upcoming(chat_id)
        remove = words[0].casefold() in REMOVE_WORDS
        if remove:
            words = words[1:]
        if not words or (remove and len(words) != 1):
            return fail("holiday.usage")
        try:
            day = parse_date(words[0])
        except ValueError:
            if any(ch.isdigit() for ch in words[0]):
                return fail("holiday.bad_date", given=words[0])
            return fail("holiday.usage")
        note = " ".join(words[1:])
        if len(note) > MAX_NOTE:
            return fail("holiday.usage")
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            if remove:
                removed = await rules_repo.remove_day_off(session, agency_id=agency.id, day=day)
                key = "holiday.removed" if removed else "holiday.not_found"
                return done(key, date=format_date(day))
            national = national_holiday(day)
            if national is not None:
                return done("holiday.national", date=format_date(day), note=national)
            await rules_repo.add_day_off(
                session, agency_id=agency.id, day=day, note=note, now=self._clock.now()
            )
        return done("holiday.added", date=format_date(day), note=note or "-")

    async def _upcoming(self, chat_id: int) -> Reply:
        async with self._db.read() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            start = schedule_of(agency).local_day(self._clock.now())
            end = start + timedelta(days=UPCOMING_DAYS)
            calendar = await load_calendar(session, agency_id=agency.id, start=start, end=end)
        items: list[tuple[date, str]] = [
            (d, f"🇮🇩 {format_date(d)} {name}") for d, name in national_holidays(start, end)
        ]
        items += [
            (d, f"🏢 {format_date(d)} {note}".rstrip()) for d, note in calendar.days_off.items()
        ]
        if not items:
            return done("holiday.list_empty", days=UPCOMING_DAYS)
        lines = "\n".join(line for _, line in sorted(items))
        return done("holiday.list", days=UPCOMING_DAYS, items=lines)

    async def period(self, *, chat_id: int, text: str) -> Reply:
        """``DD-MM-YYYY DD-MM-YYYY`` sets, ``hapus`` clears, nothing shows."""
        words = text.split()
        clear = len(words) == 1 and words[0].casefold() in REMOVE_WORDS
        if words and not clear and len(words) != 2:
            return fail("period.usage")
        start = end = None
        if len(words) == 2:
            try:
                start, end = parse_date(words[0]), parse_date(words[1])
            except ValueError:
                bad = next(w for w in words if not _is_date(w))
                if any(ch.isdigit() for ch in bad):
                    return fail("period.bad_date", given=bad)
                return fail("period.usage")
            if end < start:
                return fail("period.reversed", start=words[0], end=words[1])
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            if clear:
                await rules_repo.clear_period(session, agency_id=agency.id)
                return done("period.cleared")
            if start is None or end is None:
                found = (await rules_repo.periods(session, agency_ids=[agency.id])).get(agency.id)
                if found is None:
                    return done("period.none")
                return done("period.show", range=format_range(found.start_day, found.end_day))
            await rules_repo.set_period(
                session, agency_id=agency.id, start=start, end=end, now=self._clock.now()
            )
        return done("period.set", range=format_range(start, end))


def _is_date(text: str) -> bool:
    try:
        parse_date(text)
    except ValueError:
        return False
    return True
