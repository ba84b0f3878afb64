"""Dates as Indonesians type them: DD-MM-YYYY, DD-MM (this year), with - / or . between."""

from __future__ import annotations

import re
from datetime import date, datetime, tzinfo

_DATE = re.compile(r"([0-9]{1,2})[-/.]([0-9]{1,2})(?:[-/.]([0-9]{4}))?")


def parse_date(text: str, *, default_year: int | None = None) -> date:
    """``"20-03-2026"`` → ``date(2026, 3, 20)``; ``"20-03"`` needs ``default_year``.

    Raises ValueError for anything else, including dates that do not exist (31-02-2026).
    """
    match = _DATE.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not a date (DD-MM-YYYY): {text!r}")
    day, month = int(match[1]), int(match[2])
    if match[3] is not None:
        year = int(match[3])
    elif default_year is not None:
        year = default_year
    else:
        raise ValueError(f"the year is missing: {text!r}")
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"no such date: {text!r}") from None


def has_year(text: str) -> bool:
    match = _DATE.fullmatch(text.strip())
    return match is not None and match[3] is not None


def format_date(day: date) -> str:
    return day.strftime("%d-%m-%Y")


def format_range(start: date, end: date) -> str:
    """``20-03-2026`` for one day, ``20-03-2026 – 24-03-2026`` for a range."""
    if start == end:
        return format_date(start)
    return f"{format_date(start)} – {format_date(end)}"


def format_clock_at(instant: datetime, zone: tzinfo) -> str:
    """``HH:MM`` of a UTC instant in an agency zone."""
    return instant.astimezone(zone).strftime("%H:%M")
