"""Live-location coverage: a live share started before a window opens answers that window.

Run by the minute tick before the window rounds, for every window that has opened and
has no summary yet: a member with no report for it, whose live share started before the
opening and was still live then (not expired, not stopped), gets an on-time report marked
``covered``, with the share's latest point and its tier. Edits inside the window answer it
through the location writer as usual; this is for shares that did not move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.calendar import load_calendars
from handlers.checks import CheckContext, load_checks
from handlers.geo import GeoRules
from handlers.ports import Clock
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import geo as geo_repo
from storage.db import Database
from storage.tables import Agency, Member
from storage.tables_geo import LiveShare


@dataclass(frozen=True)
class OpenWindow:
    agency: Agency
    day: date
    window: str
    opens_at: datetime


class LiveCoverage:
    def __init__(self, *, db: Database, clock: Clock, rules: GeoRules | None = None) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules or GeoRules()

    async def tick(self) -> int:
        """Write covered reports for every open window; returns how many."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            found: list[tuple[OpenWindow, LiveShare, Member]] = []
            windows = await self._open_windows(session, now)
            live = await self._live_shares(session, windows)
            for window in windows:
                assert window.agency.id is not None
                shares = live[(window.agency.id, window.opens_at)]
                if not shares:
                    continue
                reports = await attendance_repo.reports_for_window(
                    session, agency_id=window.agency.id, day=window.day, window=window.window
                )
                answered = {r.member_id for r in reports}
                latest = {member.id: (share, member) for share, member in shares}  # newest last
                found.extend(
                    (window, share, member)
                    for member_id, (share, member) in latest.items()
                    if member_id not in answered and member.telegram_user_id is not None
                )
            if not found:
                return 0
            checks = await load_checks(
                session,
                rules=self._rules,
                seen=((w.agency, member, w.day) for w, _, member in found),
            )
            rows = [self._row(checks, window, share, member) for window, share, member in found]
            await attendance_repo.upsert_reports(session, rows=rows)
        return len(rows)

    @staticmethod
    async def _live_shares(
        session: AsyncSession, windows: list[OpenWindow]
    ) -> dict[tuple[int, datetime], list[tuple[LiveShare, Member]]]:
        """Live shares per (agency, opening): one query per distinct opening time, however
        many agencies share it."""
        by_opening: dict[datetime, set[int]] = {}
        for window in windows:
            by_opening.setdefault(window.opens_at, set()).add(window.agency.id or 0)
        found: dict[tuple[int, datetime], list[tuple[LiveShare, Member]]] = {}
        for opens_at, agency_ids in by_opening.items():
            shares = await geo_repo.live_in_agencies(session, agency_ids=agency_ids, at=opens_at)
            found |= {(agency_id, opens_at): rows for agency_id, rows in shares.items()}
        return found

    async def _open_windows(self, session: AsyncSession, now: datetime) -> list[OpenWindow]:
        """Today's windows that have opened and have no summary yet, from the schedules
        (not from the window runs: a window that opened while the bot was down is
        planned and summarised in the same tick, and must be covered before that)."""
        agencies = [a for a in await agencies_repo.list_active(session) if a.id is not None]
        if not agencies:
            return []
        days = {a.id or 0: schedule_of(a).local_day(now) for a in agencies}
        calendars = await load_calendars(
            session, agency_ids=days, start=min(days.values()), end=max(days.values())
        )
        summarised = await geo_repo.summarised_windows(session, keys=days.items())
        found: list[OpenWindow] = []
        for agency in agencies:
            assert agency.id is not None
            schedule = schedule_of(agency)
            for slot in schedule.slots_on(days[agency.id], days_off=calendars[agency.id]):
                if slot.opens_at <= now and (agency.id, slot.key) not in summarised:
                    found.append(OpenWindow(agency, slot.day, slot.key, slot.opens_at))
        return found

    @staticmethod
    def _row(
        checks: CheckContext, window: OpenWindow, share: LiveShare, member: Member
    ) -> dict[str, Any]:
        check = None
        if share.latitude is not None and share.longitude is not None:
            check = checks.check(
                window.agency,
                member,
                window.day,
                latitude=share.latitude,
                longitude=share.longitude,
                accuracy=share.accuracy,
                live=True,
            )
        return {
            "member_id": member.id,
            "agency_id": window.agency.id,
            "day": window.day,
            "window": window.window,
            "status": "hadir",
            "first_at": share.last_at,
            "last_at": share.last_at,
            "latitude": share.latitude,
            "longitude": share.longitude,
            "accuracy": share.accuracy,
            "live": True,
            "chat_id": share.chat_id,
            "message_id": share.message_id,
            "tier": check.tier.value if check and check.tier else None,
            "distance_m": check.distance_m if check else None,
            "covered": True,
        }
