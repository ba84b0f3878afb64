"""Working days and days off.

A day has windows when its weekday is an agency working day (/hari) and it is none of:
an Indonesian national holiday or cuti bersama (the ``holidays`` package, SPEC §5), an
agency day off (/libur), or a day outside the agency's WFH period (/periode) when one
is set. :class:`AgencyCalendar` is the ``days_off`` predicate that
:class:`handlers.schedule.Schedule` takes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache

import holidays
from sqlalchemy.ext.asyncio import AsyncSession

from handlers.schedule import Schedule
from storage import rules as rules_repo

HOLIDAY_CATEGORIES = ("public", "government")  # government: cuti bersama


@lru_cache(maxsize=32)
def _national(year: int) -> dict[date, str]:
    found = holidays.country_holidays(
        "ID", categories=HOLIDAY_CATEGORIES, language="id", years=year
    )
    return {day: str(name) for day, name in found.items()}


def preload_national_holidays(year: int) -> None:
    """Load ``year``'s national holidays now. The ``holidays`` package imports its whole
    country registry on first use (0.1-0.4 s of CPU): at start-up, not in the first tick."""
    _national(year)


def national_holiday(day: date) -> str | None:
    """The national holiday or cuti bersama on ``day`` (Indonesian name), if any."""
    return _national(day.year).get(day)


def national_holidays(start: date, end: date) -> list[tuple[date, str]]:
    found: list[tuple[date, str]] = []
    for year in range(start.year, end.year + 1):
        found.extend((d, n) for d, n in _national(year).items() if start <= d <= end)
    return sorted(found)


class OffKind(StrEnum):
    WEEKEND = "weekend"
    NATIONAL = "national"
    AGENCY = "agency"
    OUTSIDE_PERIOD = "outside_period"


@dataclass(frozen=True)
class DayOff:
    kind: OffKind
    note: str = ""


@dataclass(frozen=True)
class AgencyCalendar:
    """One agency's days off besides its weekends; callable as a ``days_off`` predicate."""

    days_off: Mapping[date, str] = field(default_factory=dict)
    period: tuple[date, date] | None = None

    def off(self, day: date) -> DayOff | None:
        name = national_holiday(day)
        if name is not None:
            return DayOff(OffKind.NATIONAL, name)
        if day in self.days_off:
            return DayOff(OffKind.AGENCY, self.days_off[day])
        if self.period is not None and not self.period[0] <= day <= self.period[1]:
            return DayOff(OffKind.OUTSIDE_PERIOD)
        return None

    def __call__(self, day: date) -> bool:
        return self.off(day) is not None


def why_off(schedule: Schedule, calendar: AgencyCalendar, day: date) -> DayOff | None:
    """Why ``day`` has no windows for this agency; None on a working day."""
    if day.isoweekday() not in schedule.working_days:
        return DayOff(OffKind.WEEKEND)
    return calendar.off(day)


def working_days_between(
    schedule: Schedule, calendar: AgencyCalendar, start: date, end: date
) -> int:
    days = (start + timedelta(n) for n in range((end - start).days + 1))
    return sum(1 for day in days if why_off(schedule, calendar, day) is None)


async def load_calendars(
    session: AsyncSession, *, agency_ids: Iterable[int], start: date, end: date
) -> dict[int, AgencyCalendar]:
    """Calendars of several agencies for ``start``..``end``, in one query."""
    ids = set(agency_ids)
    extra: dict[int, dict[date, str]] = {i: {} for i in ids}
    days_off, periods = await rules_repo.calendars(session, agency_ids=ids, start=start, end=end)
    for row in days_off:
        extra[row.agency_id][row.day] = row.note
    return {
        i: AgencyCalendar(
            days_off=extra[i],
            period=(periods[i].start_day, periods[i].end_day) if i in periods else None,
        )
        for i in ids
    }


async def load_calendar(
    session: AsyncSession, *, agency_id: int, start: date, end: date
) -> AgencyCalendar:
    calendars = await load_calendars(session, agency_ids=[agency_id], start=start, end=end)
    return calendars[agency_id]
