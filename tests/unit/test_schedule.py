from datetime import UTC, date, datetime, time, timedelta
from itertools import combinations
from zoneinfo import ZoneInfo

import pytest

from handlers.schedule import (
    Schedule,
    WindowSlot,
    format_clock,
    format_days,
    parse_clock,
    parse_days,
    parse_windows,
    parse_zone,
)

MONDAY = date(2025, 3, 3)
SATURDAY = date(2025, 3, 8)


def utc(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> datetime:
    return datetime(year, month, day, hour, minute, second, tzinfo=UTC)


# --- windows as UTC instants -------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "key", "opens_at"),
    [
        ("WIB", "07:30", utc(2025, 3, 3, 0, 30)),
        ("WIB", "11:30", utc(2025, 3, 3, 4, 30)),
        ("WIB", "15:00", utc(2025, 3, 3, 8, 0)),
        ("WITA", "07:30", utc(2025, 3, 2, 23, 30)),
        ("WITA", "15:00", utc(2025, 3, 3, 7, 0)),
        ("WIT", "07:30", utc(2025, 3, 2, 22, 30)),
        ("WIT", "11:30", utc(2025, 3, 3, 2, 30)),
        ("WIT", "15:00", utc(2025, 3, 3, 6, 0)),
    ],
)
def test_slot_instants_in_each_zone(zone: str, key: str, opens_at: datetime) -> None:
    slot = Schedule(zone=zone).slot(MONDAY, key)
    assert slot is not None
    assert slot.day == MONDAY
    assert slot.key == key
    assert slot.opens_at == opens_at
    assert slot.opens_at.tzinfo is UTC
    assert slot.deadline_at == opens_at + timedelta(minutes=30)


def test_slots_on_a_working_day_are_in_order() -> None:
    slots = Schedule(deadline_minutes=45).slots_on(MONDAY)
    assert [s.key for s in slots] == ["07:30", "11:30", "15:00"]
    assert slots[0] == WindowSlot(
        day=MONDAY,
        opens=time(7, 30),
        opens_at=utc(2025, 3, 3, 0, 30),
        deadline_at=utc(2025, 3, 3, 1, 15),
    )


@pytest.mark.parametrize(
    ("schedule", "day", "key"),
    [
        (Schedule(), SATURDAY, "07:30"),  # weekend
        (Schedule(), MONDAY, "09:00"),  # not a window
        (Schedule(), MONDAY, "7:30"),  # keys are canonical HH:MM
        (Schedule(working_days=frozenset({2, 3})), MONDAY, "07:30"),
    ],
)
def test_slot_absent(schedule: Schedule, day: date, key: str) -> None:
    assert schedule.slot(day, key) is None


# --- current slot ------------------------------------------------------------


@pytest.mark.parametrize(
    ("zone", "at", "expected"),
    [
        # WIT is UTC+9: 22:31 UTC on Sunday is 07:31 on Monday
        ("WIT", utc(2025, 3, 2, 22, 31), (MONDAY, "07:30")),
        ("WIT", utc(2025, 3, 2, 22, 29, 59), None),
        ("WITA", utc(2025, 3, 2, 23, 30), (MONDAY, "07:30")),
        # the same instant is 05:31 Monday in WIB: before the first window
        ("WIB", utc(2025, 3, 2, 22, 31), None),
        ("WIB", utc(2025, 3, 3, 0, 29, 59), None),
        ("WIB", utc(2025, 3, 3, 0, 30), (MONDAY, "07:30")),
        ("WIB", utc(2025, 3, 3, 4, 29, 59), (MONDAY, "07:30")),  # past deadline, still 07:30
        ("WIB", utc(2025, 3, 3, 4, 30), (MONDAY, "11:30")),
        ("WIB", utc(2025, 3, 3, 16, 59, 59), (MONDAY, "15:00")),  # 23:59:59 local
        ("WIB", utc(2025, 3, 3, 17, 0), None),  # midnight local: Tuesday, before 07:30
        ("WIB", utc(2025, 3, 8, 1, 0), None),  # Saturday 08:00
        ("WIT", utc(2025, 3, 7, 22, 31), None),  # Saturday 07:31 in WIT, Friday in UTC
    ],
)
def test_current_slot(zone: str, at: datetime, expected: tuple[date, str] | None) -> None:
    slot = Schedule(zone=zone).current_slot(at)
    assert (None if slot is None else (slot.day, slot.key)) == expected


def test_current_slot_accepts_any_aware_datetime() -> None:
    at = datetime(2025, 3, 3, 7, 31, tzinfo=ZoneInfo("Asia/Jayapura"))
    slot = Schedule(zone="WIT").current_slot(at)
    assert slot is not None
    assert slot.opens_at == utc(2025, 3, 2, 22, 30)


@pytest.mark.parametrize(
    ("zone", "at", "day"),
    [
        ("WIB", utc(2025, 3, 2, 16, 59), date(2025, 3, 2)),
        ("WIB", utc(2025, 3, 2, 17, 0), date(2025, 3, 3)),
        ("WITA", utc(2025, 3, 2, 16, 0), date(2025, 3, 3)),
        ("WIT", utc(2025, 3, 2, 15, 0), date(2025, 3, 3)),
    ],
)
def test_local_day(zone: str, at: datetime, day: date) -> None:
    assert Schedule(zone=zone).local_day(at) == day


# --- deadline ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("at", "on_time"),
    [
        (utc(2025, 3, 3, 0, 30), True),  # the moment it opens
        (utc(2025, 3, 3, 1, 0), True),  # exactly at the deadline
        (utc(2025, 3, 3, 1, 0, 1), False),  # one second late
        (utc(2025, 3, 3, 4, 0), False),
    ],
)
def test_is_on_time(at: datetime, on_time: bool) -> None:
    schedule = Schedule()
    slot = schedule.slot(MONDAY, "07:30")
    assert slot is not None
    assert schedule.is_on_time(slot, at) is on_time


def test_naive_datetimes_are_refused() -> None:
    schedule = Schedule()
    naive = datetime(2025, 3, 3, 1, 0)
    slot = schedule.slot(MONDAY, "07:30")
    assert slot is not None
    with pytest.raises(ValueError, match="naive"):
        schedule.local_day(naive)
    with pytest.raises(ValueError, match="naive"):
        schedule.current_slot(naive)
    with pytest.raises(ValueError, match="naive"):
        schedule.is_on_time(slot, naive)


# --- working days and the holiday seam ---------------------------------------


def test_days_off_seam() -> None:
    schedule = Schedule()
    holidays = {MONDAY}

    def days_off(day: date) -> bool:
        return day in holidays

    assert schedule.is_working_day(MONDAY)
    assert not schedule.is_working_day(MONDAY, days_off=days_off)
    assert schedule.slots_on(MONDAY, days_off=days_off) == []
    assert schedule.slot(MONDAY, "07:30", days_off=days_off) is None
    assert schedule.current_slot(utc(2025, 3, 3, 1, 0), days_off=days_off) is None
    assert schedule.current_slot(utc(2025, 3, 4, 1, 0), days_off=days_off) is not None


@pytest.mark.parametrize(
    ("working_days", "day", "expected"),
    [
        (frozenset({1, 2, 3, 4, 5}), SATURDAY, False),
        (frozenset({1, 2, 3, 4, 5, 6}), SATURDAY, True),
        (frozenset({6, 7}), MONDAY, False),
    ],
)
def test_is_working_day(working_days: frozenset[int], day: date, expected: bool) -> None:
    assert Schedule(working_days=working_days).is_working_day(day) is expected
    assert bool(Schedule(working_days=working_days).slots_on(day)) is expected


# --- Schedule validation -----------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"deadline_minutes": 0}, "deadline"),
        ({"deadline_minutes": 241}, "deadline"),
        ({"windows": (time(7, 30), time(23, 50))}, "same day"),
        ({"windows": (time(23, 30),)}, "same day"),
        ({"windows": (time(20, 0),), "deadline_minutes": 240}, "same day"),
        ({"zone": "GMT+7"}, "zone"),
        ({"zone": "wib"}, "zone"),  # the field holds the canonical name
        ({"windows": ()}, "windows"),
        ({"windows": tuple(time(h) for h in range(6, 15))}, "windows"),  # 9 windows
        ({"windows": (time(11, 30), time(7, 30))}, "sorted"),
        ({"windows": (time(7, 30), time(7, 30))}, "unique"),
        ({"windows": (time(7, 30, 15),)}, "whole minutes"),
        ({"working_days": frozenset()}, "working day"),
        ({"working_days": frozenset({0, 1})}, "weekdays"),
        ({"working_days": frozenset({8})}, "weekdays"),
    ],
)
def test_schedule_validation(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Schedule(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "schedule",
    [
        Schedule(),
        Schedule(deadline_minutes=1),
        Schedule(deadline_minutes=240),
        Schedule(windows=(time(23, 29),), deadline_minutes=30),  # deadline 23:59
        Schedule(windows=tuple(time(h) for h in range(7, 15))),  # 8 windows
        Schedule(zone="WIT", working_days=frozenset({7})),
    ],
)
def test_schedule_accepted(schedule: Schedule) -> None:
    assert schedule.tz.key.startswith("Asia/")


# --- parsing and formatting --------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [("WIB", "WIB"), ("wib", "WIB"), (" Wita ", "WITA"), ("wit", "WIT")],
)
def test_parse_zone(text: str, expected: str) -> None:
    assert parse_zone(text) == expected


@pytest.mark.parametrize("text", ["", "GMT+7", "Asia/Jakarta", "WIBB", "W I B"])
def test_parse_zone_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_zone(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("07:30", time(7, 30)),
        ("07.30", time(7, 30)),
        ("7:30", time(7, 30)),
        ("7.30", time(7, 30)),
        (" 15:00 ", time(15, 0)),
        ("0:00", time(0, 0)),
        ("00.00", time(0, 0)),
        ("23:59", time(23, 59)),
    ],
)
def test_parse_clock(text: str, expected: time) -> None:
    assert parse_clock(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "24:00",
        "07:5",
        "07:60",
        "7",
        "0730",
        "07:30:00",
        "007:30",
        "-1:30",
        "07,30",
        "pukul 07.30",
        "",
        "７:３０",  # full-width digits
    ],
)
def test_parse_clock_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_clock(text)


@pytest.mark.parametrize(
    ("t", "text"), [(time(7, 30), "07:30"), (time(0, 5), "00:05"), (time(23, 59), "23:59")]
)
def test_format_clock(t: time, text: str) -> None:
    assert format_clock(t) == text


@pytest.mark.parametrize(
    ("tokens", "expected"),
    [
        (["07:30", "11:30", "15:00"], (time(7, 30), time(11, 30), time(15, 0))),
        (["15.00", "7.30"], (time(7, 30), time(15, 0))),
        (["08:00"], (time(8, 0),)),
        ([f"{h}:00" for h in range(8, 16)], tuple(time(h) for h in range(8, 16))),
    ],
)
def test_parse_windows(tokens: list[str], expected: tuple[time, ...]) -> None:
    assert parse_windows(tokens) == expected


@pytest.mark.parametrize(
    ("tokens", "message"),
    [
        ([], "1 to 8"),
        ([f"{h}:00" for h in range(8, 17)], "1 to 8"),
        (["07:30", "7.30"], "duplicate"),
        (["07:30", "25:00"], "time"),
    ],
)
def test_parse_windows_rejects(tokens: list[str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_windows(tokens)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sen-Jum", {1, 2, 3, 4, 5}),
        ("sen-jum", {1, 2, 3, 4, 5}),
        ("Sen - Jum", {1, 2, 3, 4, 5}),
        ("Senin-Sabtu", {1, 2, 3, 4, 5, 6}),
        ("Senin–Jumat", {1, 2, 3, 4, 5}),  # en dash
        ("Sen,Rab,Jum", {1, 3, 5}),
        ("Sen, Rab, Jum", {1, 3, 5}),
        ("sen rab jum", {1, 3, 5}),
        ("Jum'at", {5}),
        ("Jum’at, Sabtu", {5, 6}),
        ("Minggu", {7}),
        ("Mon-Fri", {1, 2, 3, 4, 5}),
        ("monday,WEDNESDAY", {1, 3}),
        ("Sab-Sen", {6, 7, 1}),
        ("Jum-Sel", {5, 6, 7, 1, 2}),
        ("Sen-Sen", {1}),
        ("Sen-Min", {1, 2, 3, 4, 5, 6, 7}),
        ("Sen-Rab, Jum", {1, 2, 3, 5}),
    ],
)
def test_parse_days(text: str, expected: set[int]) -> None:
    assert parse_days(text) == frozenset(expected)


@pytest.mark.parametrize(
    "text", ["", " , ", "Senen", "Sen-", "-Jum", "Sen-Rab-Jum", "1-5", "Sen/Jum", "weekdays"]
)
def test_parse_days_rejects(text: str) -> None:
    with pytest.raises(ValueError):
        parse_days(text)


@pytest.mark.parametrize(
    ("days", "text"),
    [
        ({1, 2, 3, 4, 5}, "Sen-Jum"),
        ({1, 2, 3, 4, 5, 6}, "Sen-Sab"),
        ({1, 3, 5}, "Sen, Rab, Jum"),
        ({1, 2}, "Sen, Sel"),
        ({1, 2, 3, 5}, "Sen-Rab, Jum"),
        ({6, 7, 1}, "Sab-Sen"),
        ({6, 7}, "Sab, Min"),
        ({7}, "Min"),
        ({1, 2, 3, 4, 5, 6, 7}, "Sen-Min"),
    ],
)
def test_format_days(days: set[int], text: str) -> None:
    assert format_days(frozenset(days)) == text


def test_format_days_round_trips_every_nonempty_set() -> None:
    all_days = range(1, 8)
    for size in range(1, 8):
        for combo in combinations(all_days, size):
            days = frozenset(combo)
            assert parse_days(format_days(days)) == days, days


@pytest.mark.parametrize("days", [set(), {0}, {1, 8}])
def test_format_days_rejects(days: set[int]) -> None:
    with pytest.raises(ValueError):
        format_days(frozenset(days))
