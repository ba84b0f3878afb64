"""Rows on both sides of the retention cutoff in every table that holds coordinates.

Shared by the storage tests and the ``hadir purge`` CLI test. ``add_world(db, now=…)``
puts, for a 90-day retention at ``now``, old and new reports, location events, live
shares, home points (the current one old), an office point and a red flag.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import insert, select
from sqlmodel import SQLModel

from storage.db import Database
from storage.retention import Purged
from storage.tables import LocationEvent, Report
from storage.tables_geo import AgencyGeo, HomePoint, LiveShare, LocationFlag
from tests.storage.builders import BIG_CHAT, add_agency, add_member

NOW = datetime(2026, 11, 25, 19, 0, tzinfo=UTC)
CUTOFF = NOW - timedelta(days=90)
OLD = CUTOFF - timedelta(days=1)
NEW = CUTOFF + timedelta(days=1)
LAT, LON, ACCURACY = -6.2, 106.8, 12.0
POINT = {"latitude": LAT, "longitude": LON, "accuracy": ACCURACY}
NO_POINT = {"latitude": None, "longitude": None, "accuracy": None}


def report(member_id: int, agency_id: int, when: datetime, message_id: int) -> Report:
    return Report(
        member_id=member_id,
        agency_id=agency_id,
        day=when.date(),
        window="07:30",
        status="terlambat" if message_id % 2 else "hadir",
        first_at=when - timedelta(minutes=5),
        last_at=when,
        live=True,
        chat_id=BIG_CHAT,
        message_id=message_id,
        tier="di_luar",
        distance_m=420.0,
        latitude=LAT,
        longitude=LON,
        accuracy=ACCURACY,
    )


def event(member_id: int, when: datetime, message_id: int) -> LocationEvent:
    return LocationEvent(
        member_id=member_id,
        chat_id=BIG_CHAT,
        message_id=message_id,
        at=when,
        latitude=LAT,
        longitude=LON,
        accuracy=ACCURACY,
    )


def share(member_id: int, message_id: int, *, last: datetime, until: datetime) -> LiveShare:
    return LiveShare(
        member_id=member_id,
        chat_id=BIG_CHAT,
        message_id=message_id,
        started_at=last - timedelta(hours=1),
        live_until=until,
        last_at=last,
        latitude=LAT,
        longitude=LON,
        accuracy=ACCURACY,
    )


def home(
    agency_id: int, member_id: int, when: datetime, *, state: str, slot: str | None
) -> dict[str, Any]:
    """A home_points row; inserted with Core so that a NULL slot (history) stays NULL."""
    return {
        "agency_id": agency_id,
        "member_id": member_id,
        "state": state,
        "slot": slot,
        "requested_at": when,
        "decided_at": None if state == "pending" else when + timedelta(hours=1),
        **POINT,
    }


async def add_world(db: Database, *, now: datetime = NOW) -> dict[str, int]:
    """Two members of one agency with old and new rows everywhere; returns the ids."""
    cutoff = now - timedelta(days=90)
    old, new = cutoff - timedelta(days=1), cutoff + timedelta(days=1)
    async with db.transaction() as session:
        agency = await add_agency(session)
        budi = await add_member(session, agency=agency, n=1, user_id=601)
        ani = await add_member(session, agency=agency, n=2, user_id=602)
        assert agency.id is not None and budi.id is not None and ani.id is not None
        a, b, c = agency.id, budi.id, ani.id
        session.add_all(
            [
                report(b, a, old, 1),
                report(b, a, old - timedelta(days=200), 2),
                report(b, a, cutoff, 3),  # exactly at the cutoff: kept
                report(b, a, new, 4),
                report(c, a, old, 5),
                event(b, old, 1),
                event(b, old - timedelta(days=30), 2),
                event(b, new, 4),
                event(c, old, 5),
                share(b, 1, last=old, until=old + timedelta(hours=8)),  # ended: deleted
                share(b, 2, last=old, until=now + timedelta(days=30)),  # live, stale: cleared
                share(b, 4, last=new, until=new + timedelta(hours=8)),  # recent: kept
                AgencyGeo(
                    agency_id=a, office_latitude=-6.17, office_longitude=106.82, updated_at=old
                ),
                LocationFlag(
                    agency_id=a,
                    member_id=b,
                    day=old.date(),
                    window="07:30",
                    kind="lompatan",
                    detail={"km": 420.0, "minutes": 10.0, "speed_kmh": 2520},
                    created_at=old,
                ),
            ]
        )
        homes = [
            home(a, b, old - timedelta(days=100), state="approved", slot="current"),
            home(a, b, old - timedelta(days=300), state="superseded", slot=None),
            home(a, c, old, state="rejected", slot=None),
            home(a, c, old, state="pending", slot="pending"),
            home(a, b, new, state="rejected", slot=None),
        ]
        await session.execute(insert(SQLModel.metadata.tables[HomePoint.__tablename__]), homes)
    return {"agency": a, "budi": b, "ani": c}


async def rows(db: Database, table: Any, order: Any) -> list[Any]:
    async with db.read() as session:
        return list((await session.execute(select(table).order_by(order))).scalars())


def coords(row: Any) -> dict[str, Any]:
    return {"latitude": row.latitude, "longitude": row.longitude, "accuracy": row.accuracy}


def counts(purged: tuple[Purged, ...]) -> dict[tuple[str, str], int]:
    return {(p.table, p.action): p.rows for p in purged}


EXPECTED = {
    ("reports", "cleared"): 3,
    ("location_events", "deleted"): 3,
    ("live_shares", "deleted"): 1,
    ("live_shares", "cleared"): 1,
    ("home_points", "deleted"): 3,
}
