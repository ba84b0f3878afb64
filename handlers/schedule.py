"""Reporting windows of an agency, in its own zone (WIB, WITA or WIT).

Pure code: no clock, no storage. Every datetime taken or returned is tz-aware;
returned instants are UTC, local dates and times are in the agency zone.
Holidays are not known here: methods that depend on the calendar take an optional
``days_off`` predicate (national holidays, cuti bersama, /libur days) supplied by
the caller; a day is a working day when its weekday is in ``working_days`` and
``days_off(day)`` is false.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import pairwise
from typing import TypeAlias
from zoneinfo import ZoneInfo

ZONES: dict[str, ZoneInfo] = {
    "WIB": ZoneInfo("Asia/Jakarta"),
    "WITA": ZoneInfo("Asia/Makassar"),
    "WIT": ZoneInfo("Asia/Jayapura"),
}

DaysOff: TypeAlias = Callable[[date], bool]
"""Calendar seam: returns True for a day off (holiday) that is not a weekend."""

MAX_WINDOWS = 8
MIN_DEADLINE_MINUTES = 1
MAX_DEADLINE_MINUTES = 240
_LAST_MINUTE_OF_DAY = 23 * 60 + 59

_CLOCK = re.compile(r"([0-9]{1,2})[:.]([0-9]{2})")

_DAY_ABBREVS = ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min")
_DAY_NAMES: dict[str, int] = {
    **{abbrev.lower(): iso for iso, abbrev in enumerate(_DAY_ABBREVS, start=1)},
    **dict.fromkeys(("senin", "mon", "monday"), 1),
    **dict.fromkeys(("selasa", "tue", "tues", "tuesday"), 2),
    **dict.fromkeys(("rabu", "wed", "wednesday"), 3),
    **dict.fromkeys(("kamis", "thu", "thur", "thurs", "thursday"), 4),
    **dict.fromkeys(("jumat", "fri", "friday"), 5),
    **dict.fromkeys(("sabtu", "sat", "saturday"), 6),
    **dict.fromkeys(("minggu", "ahad", "sun", "sunday"), 7),
}


def parse_zone(text: str) -> str:
    """``"wita"`` → ``"WITA"``; raises ValueError for anything else."""
    zone = text.strip().upper()
    if zone not in ZONES:
        raise ValueError(f"unknown zone {text!r}; expected one of {', '.join(ZONES)}")
    return zone


def parse_clock(text: str) -> time:
    """``"07:30"``, ``"07.30"``, ``"7:30"`` or ``"7.30"`` → ``time(7, 30)``."""
    match = _CLOCK.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a time (HH:MM or HH.MM): {text!r}")
    hour, minute = int(match[1]), int(match[2])
    if hour > 23 or minute > 59:
        raise ValueError(f"no such time of day: {text!r}")
    return time(hour, minute)


def parse_windows(tokens: Sequence[str]) -> tuple[time, ...]:
    """1 to 8 window times, any order, no duplicates; returned sorted."""
    if not 1 <= len(tokens) <= MAX_WINDOWS:
        raise ValueError(f"expected 1 to {MAX_WINDOWS} windows, got {len(tokens)}")
    times = [parse_clock(token) for token in tokens]
    ordered = tuple(sorted(times))
    for earlier, later in pairwise(ordered):
        if earlier == later:
            raise ValueError(f"duplicate window {format_clock(later)}")
    return ordered


def format_clock(t: time) -> str:
    return f"{t.hour:02d}:{t.minute:02d}"


def parse_days(text: str) -> frozenset[int]:
    """Working days as ISO weekdays: ``"Sen-Jum"``, ``"Sen, Rab, Jum"``, ``"Mon-Fri"``.

    Names are Indonesian (abbreviated or full, ``Jum'at`` too) or English,
    case-insensitive; items are separated by commas or spaces; a range may wrap
    around the week (``"Sab-Sen"`` is Saturday, Sunday, Monday).
    """
    normalized = re.sub(r"['’`]", "", text.casefold())
    normalized = re.sub(r"\s*[-–—]\s*", "-", normalized)
    items = [item for item in re.split(r"[,;\s]+", normalized) if item]
    if not items:
        raise ValueError("no days given")
    days: set[int] = set()
    for item in items:
        first, dash, last = item.partition("-")
        start = _day(first)
        end = _day(last) if dash else start
        day = start
        days.add(day)
        while day != end:
            day = day % 7 + 1
            days.add(day)
    return frozenset(days)


def _day(name: str) -> int:
    try:
        return _DAY_NAMES[name]
    except KeyError:
        raise ValueError(f"unknown day {name!r}") from None


def format_days(days: frozenset[int]) -> str:
    """Compact Indonesian form: ``"Sen-Jum"``, ``"Sen, Rab, Jum"``, ``"Sab-Sen"``.

    Runs of three or more days become a range; a run may wrap past Sunday.
    """
    _check_days(days)
    if len(days) == 7:
        return "Sen-Min"
    start = min(day for day in days if (day - 2) % 7 + 1 not in days)
    runs: list[list[int]] = []
    for offset in range(7):
        day = (start - 1 + offset) % 7 + 1
        if day not in days:
            continue
        if runs and (runs[-1][-1] % 7 + 1) == day:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts: list[str] = []
    for run in runs:
        names = [_DAY_ABBREVS[day - 1] for day in run]
        parts.append(f"{names[0]}-{names[-1]}" if len(run) >= 3 else ", ".join(names))
    return ", ".join(parts)


def _check_days(days: frozenset[int]) -> None:
    if not days:
        raise ValueError("at least one working day is required")
    if not days <= frozenset(range(1, 8)):
        raise ValueError(f"working days must be ISO weekdays 1-7, got {sorted(days)}")


def _require_aware(at: datetime) -> None:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"naive datetime {at.isoformat()}; pass a tz-aware UTC datetime")


@dataclass(frozen=True)
class WindowSlot:
    day: date  # local date in the agency zone
    opens: time  # local open time
    opens_at: datetime  # UTC
    deadline_at: datetime  # UTC

    @property
    def key(self) -> str:
        """Stable name of the window within its day, e.g. ``"07:30"``."""
        return format_clock(self.opens)


@dataclass(frozen=True)
class Schedule:
    zone: str = "WIB"
    windows: tuple[time, ...] = (time(7, 30), time(11, 30), time(15, 0))
    deadline_minutes: int = 30
    working_days: frozenset[int] = frozenset({1, 2, 3, 4, 5})

    def __post_init__(self) -> None:
        if self.zone not in ZONES:
            raise ValueError(f"unknown zone {self.zone!r}; expected one of {', '.join(ZONES)}")
        if not MIN_DEADLINE_MINUTES <= self.deadline_minutes <= MAX_DEADLINE_MINUTES:
            raise ValueError(
                f"deadline must be {MIN_DEADLINE_MINUTES} to {MAX_DEADLINE_MINUTES} minutes, "
                f"got {self.deadline_minutes}"
            )
        self._check_windows()
        _check_days(self.working_days)

    def _check_windows(self) -> None:
        windows = self.windows
        if not 1 <= len(windows) <= MAX_WINDOWS:
            raise ValueError(f"expected 1 to {MAX_WINDOWS} windows, got {len(windows)}")
        for t in windows:
            if t.tzinfo is not None or t.second or t.microsecond:
                raise ValueError(f"window {t} must be a local time in whole minutes")
        if any(a >= b for a, b in pairwise(windows)):
            raise ValueError("windows must be sorted and unique")
        last = windows[-1]
        if last.hour * 60 + last.minute + self.deadline_minutes > _LAST_MINUTE_OF_DAY:
            raise ValueError(
                f"window {format_clock(last)} + {self.deadline_minutes} min ends after 23:59; "
                "the deadline must fall on the same day"
            )

    @property
    def tz(self) -> ZoneInfo:
        return ZONES[self.zone]

    def local_day(self, at: datetime) -> date:
        _require_aware(at)
        return at.astimezone(self.tz).date()

    def is_working_day(self, day: date, *, days_off: DaysOff | None = None) -> bool:
        if day.isoweekday() not in self.working_days:
            return False
        return days_off is None or not days_off(day)

    def slots_on(self, day: date, *, days_off: DaysOff | None = None) -> list[WindowSlot]:
        """The day's windows in order; empty on a non-working day."""
        if not self.is_working_day(day, days_off=days_off):
            return []
        return list(_day_slots(self, day))

    def slot(self, day: date, key: str, *, days_off: DaysOff | None = None) -> WindowSlot | None:
        """The window named ``key`` (``"07:30"``) on ``day``, if that day has it."""
        if not self.is_working_day(day, days_off=days_off):
            return None
        for opens in self.windows:
            if format_clock(opens) == key:
                return self._slot(day, opens)
        return None

    def current_slot(self, at: datetime, *, days_off: DaysOff | None = None) -> WindowSlot | None:
        """The latest window of ``at``'s local day that has opened by ``at``.

        Stays the same after its deadline until the next window opens (late answers
        still belong to it); None before the first window or on a non-working day.
        """
        current = None
        for slot in self.slots_on(self.local_day(at), days_off=days_off):
            if slot.opens_at <= at:
                current = slot
        return current

    def is_on_time(self, slot: WindowSlot, at: datetime) -> bool:
        """True up to and including the deadline instant."""
        _require_aware(at)
        return at <= slot.deadline_at

    def _slot(self, day: date, opens: time) -> WindowSlot:
        opens_at = datetime.combine(day, opens, tzinfo=self.tz).astimezone(UTC)
        return WindowSlot(
            day=day,
            opens=opens,
            opens_at=opens_at,
            deadline_at=opens_at + timedelta(minutes=self.deadline_minutes),
        )


@lru_cache(maxsize=4096)
def _day_slots(schedule: Schedule, day: date) -> tuple[WindowSlot, ...]:
    """A day's windows, built once: every location update asks for its day's slots."""
    return tuple(schedule._slot(day, opens) for opens in schedule.windows)
