"""Retention of coordinates (SPEC §9): purge what is older than the configured days.

``hadir purge`` calls :meth:`RetentionService.purge`; the running bot calls
:meth:`RetentionService.tick` every minute, which purges at most once per UTC day, on the
first tick from :data:`DAILY_AT` UTC (01:00 WIB, 02:00 WITA, 03:00 WIT: no window is open
in any zone). The day is remembered in memory: after a restart the first tick past that
hour purges again, which finds nothing new to do. What is purged, and what is kept, is
described in :mod:`storage.retention`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from handlers.ports import Clock
from storage import retention as retention_repo
from storage.db import Database
from storage.retention import Purged

log = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 90
MIN_RETENTION_DAYS = 1
MAX_RETENTION_DAYS = 3650
DAILY_AT = time(18, 0)  # UTC


@dataclass(frozen=True)
class PurgeResult:
    cutoff: datetime
    dry_run: bool
    purged: tuple[Purged, ...]

    @property
    def total(self) -> int:
        return sum(p.rows for p in self.purged)


class RetentionService:
    def __init__(self, *, db: Database, clock: Clock, days: int = DEFAULT_RETENTION_DAYS) -> None:
        if not MIN_RETENTION_DAYS <= days <= MAX_RETENTION_DAYS:
            raise ValueError(f"retention days must be {MIN_RETENTION_DAYS}..{MAX_RETENTION_DAYS}")
        self._db = db
        self._clock = clock
        self._days = days
        self._purged_on: date | None = None

    @property
    def days(self) -> int:
        return self._days

    def cutoff(self) -> datetime:
        """Coordinates received before this instant are purged."""
        return self._clock.now().astimezone(UTC) - timedelta(days=self._days)

    async def purge(self, *, dry_run: bool = False) -> PurgeResult:
        cutoff = self.cutoff()
        if dry_run:
            async with self._db.read() as session:
                purged = await retention_repo.purge_coordinates(
                    session, cutoff=cutoff, dry_run=True
                )
        else:
            async with self._db.transaction() as session:
                purged = await retention_repo.purge_coordinates(session, cutoff=cutoff)
        return PurgeResult(cutoff=cutoff, dry_run=dry_run, purged=tuple(purged))

    async def tick(self) -> PurgeResult | None:
        """Purge once per UTC day, from :data:`DAILY_AT`; None when it is not (yet) due.

        The day is marked before the purge runs: a failing purge is logged by the
        scheduler and tried again the next day, not on every tick.
        """
        now = self._clock.now().astimezone(UTC)
        if now.time() < DAILY_AT or self._purged_on == now.date():
            return None
        self._purged_on = now.date()
        result = await self.purge()
        if result.total:
            log.info(
                "retention: purged coordinates older than %s (%s)",
                result.cutoff.isoformat(timespec="seconds"),
                ", ".join(f"{p.table} {p.action} {p.rows}" for p in result.purged if p.rows),
            )
        return result
