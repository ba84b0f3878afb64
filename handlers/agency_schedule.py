"""The schedule an agency row describes."""

from __future__ import annotations

from functools import lru_cache

from handlers.schedule import Schedule, parse_windows
from storage.tables import Agency


def schedule_of(agency: Agency) -> Schedule:
    return _schedule(agency.zone, agency.windows, agency.deadline_minutes, agency.working_days)


@lru_cache(maxsize=4096)
def _schedule(zone: str, windows: str, deadline_minutes: int, working_days: str) -> Schedule:
    return Schedule(
        zone=zone,
        windows=parse_windows(windows.split()),
        deadline_minutes=deadline_minutes,
        working_days=frozenset(int(d) for d in working_days.split(",") if d),
    )


def days_field(days: frozenset[int]) -> str:
    return ",".join(str(d) for d in sorted(days))
