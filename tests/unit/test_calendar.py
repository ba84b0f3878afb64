"""Working days and days off, with national holidays from the real ``holidays`` data."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import holidays
import pytest

from handlers.calendar import (
    HOLIDAY_CATEGORIES,
    AgencyCalendar,
    DayOff,
    OffKind,
    national_holiday,
    national_holidays,
    why_off,
    working_days_between,
)
from handlers.dates import format_range, parse_date
from handlers.schedule import Schedule

WEEKDAYS = Schedule()  # Sen-Jum
NO_EXTRA = AgencyCalendar()


def package_days(name: str, year: int) -> list[date]:
    """Days the package itself lists under ``name`` (Indonesian), looked up at test time."""
    listed = holidays.country_holidays(
        "ID", categories=HOLIDAY_CATEGORIES, language="id", years=year
    )
    return sorted(listed.get_named(name, lookup="exact"))


def test_idul_fitri_2026_as_the_package_lists_it_has_no_windows() -> None:
    (idul_fitri,) = package_days("Hari Raya Idul Fitri", 2026)
    cuti_bersama = package_days("Cuti Bersama Hari Raya Idul Fitri", 2026)
    assert cuti_bersama, "the government category lists the cuti bersama around Lebaran"
    for day in [idul_fitri, *cuti_bersama]:
        assert WEEKDAYS.slots_on(day, days_off=NO_EXTRA) == []
        off = why_off(WEEKDAYS, NO_EXTRA, day)
        assert off is not None
        if day.isoweekday() <= 5:
            assert off == DayOff(OffKind.NATIONAL, national_holiday(day) or "")
    # The first weekday after the whole Lebaran break is an ordinary working day again.
    after = max([idul_fitri, *cuti_bersama]) + timedelta(days=1)
    while after.isoweekday() > 5 or national_holiday(after):
        after += timedelta(days=1)
    assert [s.key for s in WEEKDAYS.slots_on(after, days_off=NO_EXTRA)] == [
        "07:30",
        "11:30",
        "15:00",
    ]


def test_national_holidays_between_spans_years_and_are_sorted() -> None:
    found = national_holidays(date(2025, 12, 20), date(2026, 1, 10))
    assert [d for d, _ in found] == sorted(d for d, _ in found)
    assert (date(2026, 1, 1), "Tahun Baru Masehi") in found
    assert any(d.year == 2025 for d, _ in found)  # Natal 2025


AGENCY = AgencyCalendar(
    days_off={date(2026, 11, 27): "HUT Kota Tangerang Selatan"},
    period=(date(2026, 11, 2), date(2026, 12, 18)),
)


@pytest.mark.parametrize(
    ("schedule", "calendar", "day", "expected"),
    [
        (WEEKDAYS, NO_EXTRA, date(2026, 11, 25), None),  # an ordinary Wednesday
        (WEEKDAYS, NO_EXTRA, date(2026, 11, 28), DayOff(OffKind.WEEKEND)),  # Saturday
        (Schedule(working_days=frozenset(range(1, 7))), NO_EXTRA, date(2026, 11, 28), None),
        (
            WEEKDAYS,
            NO_EXTRA,
            date(2026, 8, 17),
            DayOff(OffKind.NATIONAL, "Hari Kemerdekaan Republik Indonesia"),
        ),
        (
            WEEKDAYS,
            AGENCY,
            date(2026, 11, 27),
            DayOff(OffKind.AGENCY, "HUT Kota Tangerang Selatan"),
        ),
        (WEEKDAYS, AGENCY, date(2026, 11, 2), None),  # first day of the WFH period
        (WEEKDAYS, AGENCY, date(2026, 12, 18), None),  # last day of the WFH period
        (WEEKDAYS, AGENCY, date(2026, 10, 30), DayOff(OffKind.OUTSIDE_PERIOD)),
        (WEEKDAYS, AGENCY, date(2026, 12, 21), DayOff(OffKind.OUTSIDE_PERIOD)),
        # a national holiday outside the period is still reported as the holiday
        (WEEKDAYS, AGENCY, date(2026, 12, 25), DayOff(OffKind.NATIONAL, "Hari Raya Natal")),
    ],
)
def test_why_off(
    schedule: Schedule, calendar: AgencyCalendar, day: date, expected: DayOff | None
) -> None:
    assert why_off(schedule, calendar, day) == expected
    assert bool(schedule.slots_on(day, days_off=calendar)) is (expected is None)


@pytest.mark.parametrize(
    ("start", "end", "count"),
    [
        (date(2026, 11, 27), date(2026, 11, 30), 2),  # Friday to Monday across a weekend
        (date(2026, 11, 28), date(2026, 11, 29), 0),  # the weekend alone
        (date(2026, 11, 23), date(2026, 11, 27), 5),
        (date(2026, 12, 21), date(2026, 12, 25), 3),  # 24 and 25 December are off
    ],
)
def test_working_days_between(start: date, end: date, count: int) -> None:
    assert working_days_between(WEEKDAYS, NO_EXTRA, start, end) == count


@pytest.mark.parametrize(
    ("zone", "instant", "with_calendar", "without"),
    [
        # 1 January 2026 (a Thursday) is Tahun Baru everywhere, judged by the local day:
        # at 23:00 UTC on 31 December it is 06:00 WIB, 07:00 WITA, 08:00 WIT on 1 January.
        ("WIB", datetime(2025, 12, 31, 23, 0, tzinfo=UTC), None, None),  # before 07:30 anyway
        ("WITA", datetime(2025, 12, 31, 23, 35, tzinfo=UTC), None, "07:30"),  # 07:35 WITA
        ("WIT", datetime(2025, 12, 31, 23, 0, tzinfo=UTC), None, "07:30"),  # 08:00 WIT
        # 07:35 WIB on 1 January is 08:35 WITA, 09:35 WIT: all on the holiday
        ("WIB", datetime(2026, 1, 1, 0, 35, tzinfo=UTC), None, "07:30"),
        # the next morning (Friday 2 January) is a working day in every zone
        ("WIB", datetime(2026, 1, 2, 0, 35, tzinfo=UTC), "07:30", "07:30"),
        ("WITA", datetime(2026, 1, 1, 23, 35, tzinfo=UTC), "07:30", "07:30"),
        ("WIT", datetime(2026, 1, 1, 22, 35, tzinfo=UTC), "07:30", "07:30"),
        # 23:30 WIT on the holiday evening is 21:30 WIB of the same day
        ("WIT", datetime(2026, 1, 1, 14, 30, tzinfo=UTC), None, "15:00"),
    ],
)
def test_current_slot_on_a_holiday_in_each_zone(
    zone: str, instant: datetime, with_calendar: str | None, without: str | None
) -> None:
    schedule = Schedule(zone=zone)
    slot = schedule.current_slot(instant, days_off=NO_EXTRA)
    plain = schedule.current_slot(instant)
    assert (slot.key if slot else None) == with_calendar
    assert (plain.key if plain else None) == without


@pytest.mark.parametrize(
    ("text", "default_year", "expected"),
    [
        ("20-03-2026", None, date(2026, 3, 20)),
        ("20/03/2026", None, date(2026, 3, 20)),
        ("20.03.2026", None, date(2026, 3, 20)),
        ("1-3", 2026, date(2026, 3, 1)),
        ("29-02-2028", None, date(2028, 2, 29)),
    ],
)
def test_parse_date(text: str, default_year: int | None, expected: date) -> None:
    assert parse_date(text, default_year=default_year) == expected


@pytest.mark.parametrize(
    "text",
    ["31-02-2026", "29-02-2026", "00-01-2026", "32-01-2026", "12-13-2026", "2026-03-20", "x", ""],
)
def test_parse_date_refuses(text: str) -> None:
    with pytest.raises(ValueError):
        parse_date(text, default_year=2026)


def test_parse_date_needs_a_year() -> None:
    with pytest.raises(ValueError, match="year"):
        parse_date("20-03")


def test_format_range() -> None:
    assert format_range(date(2026, 3, 20), date(2026, 3, 20)) == "20-03-2026"
    assert format_range(date(2026, 3, 20), date(2026, 3, 24)) == "20-03-2026 – 24-03-2026"
