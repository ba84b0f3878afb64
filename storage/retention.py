"""Purging old coordinates (SPEC §9, UU 27/2022): set-based statements, one per step.

Coordinates are personal data. Everything collected before the cutoff goes, table by table:

- ``reports``: latitude, longitude and accuracy become NULL when the report's latest point
  (``last_at``) is older than the cutoff. The row stays: status, tier, distance, live,
  covered and the timestamps are the attendance record and are kept.
- ``location_events``: deleted when received (``at``) before the cutoff. Each row is one
  raw point of the track (message or live edit) and is nothing without its coordinates;
  the report of the window keeps what it meant. The red-flag look-ups (same point on
  another day, impossible jump) then only see points inside the retention period.
- ``live_shares``: deleted once the share ended (``live_until``) before the cutoff: it can
  cover no window any more. A share still live whose last point (``last_at``) is older
  than the cutoff keeps its row with the coordinates NULL (it still covers windows, as a
  live share without a point does).
- ``home_points``: rows that are not the member's current point (pending requests never
  decided, rejected and superseded points) are deleted when requested before the cutoff.
  A home point is nothing but its coordinates, and the columns are NOT NULL. The current
  approved point (``slot = 'current'``) is configuration, not history: kept, however old.
- ``agency_geo``: the office point is the agency's configuration: kept.
- ``location_flags``: kept; ``detail`` holds no coordinates (another day, another member,
  or km/minutes/speed of a jump), only what supervisors were told.

The age is counted from when the coordinates were received. Each step is one UPDATE or
DELETE over the rows it matches (no per-row loop); running it again finds nothing. A dry
run counts the same conditions with SELECT count(*) and changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import LocationEvent, Report
from storage.tables_geo import HomePoint, LiveShare
from storage.upsert import affected

Action = Literal["cleared", "deleted"]


@dataclass(frozen=True)
class Purged:
    """Rows of one table whose coordinates were cleared (set to NULL) or that were deleted."""

    table: str
    action: Action
    rows: int


@dataclass(frozen=True)
class _Step:
    table: Any
    action: Action
    where: ColumnElement[bool]
    cleared: tuple[str, ...] = ()


def _located(table: Any) -> ColumnElement[bool]:
    return or_(
        col(table.latitude).is_not(None),
        col(table.longitude).is_not(None),
        col(table.accuracy).is_not(None),
    )


def _steps(cutoff: datetime) -> list[_Step]:
    coordinates = ("latitude", "longitude", "accuracy")
    return [
        _Step(
            Report,
            "cleared",
            and_(col(Report.last_at) < cutoff, _located(Report)),
            coordinates,
        ),
        _Step(LocationEvent, "deleted", col(LocationEvent.at) < cutoff),
        _Step(LiveShare, "deleted", col(LiveShare.live_until) < cutoff),
        _Step(
            LiveShare,
            "cleared",
            and_(
                col(LiveShare.live_until) >= cutoff,  # disjoint from the deletion above
                col(LiveShare.last_at) < cutoff,
                _located(LiveShare),
            ),
            coordinates,
        ),
        _Step(
            HomePoint,
            "deleted",
            and_(
                or_(col(HomePoint.slot).is_(None), col(HomePoint.slot) != "current"),
                col(HomePoint.requested_at) < cutoff,
            ),
        ),
    ]


async def purge_coordinates(
    session: AsyncSession, *, cutoff: datetime, dry_run: bool = False
) -> list[Purged]:
    """Clear or delete every coordinate received before ``cutoff``; the rows touched per step.

    With ``dry_run`` the rows that would be touched are counted and nothing is written.
    """
    if cutoff.tzinfo is None:
        raise ValueError("cutoff must be tz-aware UTC")
    purged: list[Purged] = []
    for step in _steps(cutoff):
        name = step.table.__tablename__
        if dry_run:
            count = select(func.count()).select_from(step.table).where(step.where)
            rows = int((await session.execute(count)).scalar_one())
        elif step.action == "cleared":
            stmt: Any = (
                update(step.table)
                .where(step.where)
                .values({column: None for column in step.cleared})
                .execution_options(synchronize_session=False)
            )
            rows = affected(await session.execute(stmt))
        else:
            stmt = delete(step.table).where(step.where).execution_options(synchronize_session=False)
            rows = affected(await session.execute(stmt))
        purged.append(Purged(name, step.action, rows))
    return purged
