"""The location checks of one group-commit batch: tiers, red flags and live shares.

Called by the location writer inside its transaction, after the batch was classified and
before it is written: a fixed number of queries per batch (points and rosters, identical
coordinates and each member's latest point), never one per update.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.checks import load_checks
from handlers.geo import FlagKind, GeoRules, TrackPoint, is_jump, same_coordinates, speed_kmh
from handlers.geo import distance_m as geodesic
from storage import geo as geo_repo
from storage.tables import Agency, Member


@dataclass(frozen=True)
class Seen:
    """One accepted location point of the batch, with the window it answers (if any)."""

    agency: Agency
    member: Member
    at: datetime
    latitude: float
    longitude: float
    accuracy: float | None
    chat_id: int
    message_id: int
    live_started: datetime | None  # the original message date of a live location
    live_until: datetime | None
    stopped: bool  # the edit that ends a live location
    day: date | None  # the window answered, when one is open
    window: str | None

    @property
    def member_id(self) -> int:
        return self.member.id or 0

    def point(self) -> TrackPoint:
        return TrackPoint(self.member_id, self.at, self.latitude, self.longitude, self.accuracy)


class Annotator:
    def __init__(self, rules: GeoRules) -> None:
        self._rules = rules

    async def annotate(
        self,
        session: AsyncSession,
        seen: Sequence[Seen],
        reports: dict[tuple[int, Any, str], dict[str, Any]],
    ) -> None:
        """Add tier and distance to the report rows; write live shares and flags."""
        if not seen:
            return
        members = {s.member_id: s for s in seen}
        checks = await load_checks(
            session,
            rules=self._rules,
            seen=((members[k[0]].agency, members[k[0]].member, k[1]) for k in reports),
        )
        for (member_id, day, _), row in reports.items():
            first = members[member_id]
            check = checks.check(
                first.agency,
                first.member,
                day,
                latitude=row["latitude"],
                longitude=row["longitude"],
                accuracy=row["accuracy"],
                live=row["live"],
            )
            row["tier"] = check.tier.value if check.tier else None
            row["distance_m"] = check.distance_m
        await geo_repo.upsert_live_shares(session, rows=live_rows(seen))
        flags = await self._flags(session, seen)
        await geo_repo.insert_flags(session, rows=flags)

    async def _flags(self, session: AsyncSession, seen: Sequence[Seen]) -> list[dict[str, Any]]:
        answering = [s for s in seen if s.day is not None and s.window is not None]
        if not answering:
            return []
        flags: dict[tuple[int, Any, str, str], dict[str, Any]] = {}

        def flag(who: Seen | tuple[int, int], kind: FlagKind, on: Seen, **detail: Any) -> None:
            member_id, agency_id = (who.member_id, who.agency.id) if isinstance(who, Seen) else who
            assert on.day is not None and on.window is not None
            flags.setdefault(
                (member_id, on.day, on.window, kind.value),
                {
                    "agency_id": agency_id,
                    "member_id": member_id,
                    "day": on.day,
                    "window": on.window,
                    "kind": kind.value,
                    "detail": detail,
                    "created_at": on.at,
                },
            )

        recorded, latest = await geo_repo.points_for_flags(
            session,
            pairs=((s.latitude, s.longitude) for s in answering),
            member_ids=(s.member_id for s in seen),
        )
        # identical coordinates: against the record, and within the batch
        at_spot: dict[tuple[float, float], list[tuple[int, int, datetime]]] = defaultdict(list)
        for point in recorded:
            if point.latitude is not None and point.longitude is not None:
                at_spot[(point.latitude, point.longitude)].append(
                    (point.member_id, point.agency_id, point.at)
                )
        for s in answering:
            at_spot[(s.latitude, s.longitude)].append((s.member_id, s.agency.id or 0, s.at))
        for s in answering:
            schedule = schedule_of(s.agency)
            for member_id, agency_id, at in at_spot[(s.latitude, s.longitude)]:
                other_day = schedule.local_day(at)
                if member_id == s.member_id and other_day != s.day:
                    flag(s, FlagKind.SAME_POINT_DAYS, s, other_day=other_day.isoformat())
                elif member_id != s.member_id and agency_id == s.agency.id:
                    slot = schedule.current_slot(at)
                    if slot is not None and (slot.day, slot.key) == (s.day, s.window):
                        flag(s, FlagKind.SAME_POINT_MEMBERS, s, other_member_id=member_id)
                        flag(
                            (member_id, agency_id),
                            FlagKind.SAME_POINT_MEMBERS,
                            s,
                            other_member_id=s.member_id,
                        )

        # impossible jumps: each member's points in time order, from the latest recorded one
        by_member: dict[int, list[Seen]] = defaultdict(list)
        for s in seen:
            by_member[s.member_id].append(s)
        for member_id, points in by_member.items():
            points.sort(key=lambda s: s.at)
            previous = latest.get(member_id)
            before: TrackPoint | None = None
            if (
                previous is not None
                and previous.latitude is not None
                and previous.longitude is not None
            ):
                before = TrackPoint(
                    member_id, previous.at, previous.latitude, previous.longitude, previous.accuracy
                )
            for s in points:
                now = s.point()
                known = (member_id, s.day, s.window, FlagKind.JUMP.value) in flags
                if before is not None and before.at <= now.at and not same_coordinates(before, now):
                    if s.day is not None and not known and is_jump(before, now):
                        km = geodesic(
                            before.latitude, before.longitude, now.latitude, now.longitude
                        )
                        flag(
                            s,
                            FlagKind.JUMP,
                            s,
                            km=round(km / 1000, 1),
                            minutes=round((now.at - before.at).total_seconds() / 60, 1),
                            speed_kmh=shown_speed(speed_kmh(before, now, distance=km)),
                        )
                before = now
        return list(flags.values())


def shown_speed(kmh: float) -> int:
    return 99_999 if math.isinf(kmh) else min(round(kmh), 99_999)


def live_rows(seen: Sequence[Seen]) -> list[dict[str, Any]]:
    rows: dict[tuple[int, int], dict[str, Any]] = {}
    for s in sorted(seen, key=lambda s: s.at):
        if s.live_started is None or s.live_until is None:
            continue
        rows[(s.chat_id, s.message_id)] = {
            "member_id": s.member_id,
            "chat_id": s.chat_id,
            "message_id": s.message_id,
            "started_at": s.live_started,
            "live_until": s.at if s.stopped else s.live_until,
            "stopped_at": s.at if s.stopped else None,
            "last_at": s.at,
            "latitude": s.latitude,
            "longitude": s.longitude,
            "accuracy": s.accuracy,
        }
    return list(rows.values())
