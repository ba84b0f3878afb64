"""Retention (SPEC §9): coordinates older than the cutoff go, statuses stay.

Real storage (SQLite and PostgreSQL) built by the migrations, rows on both sides of the
cutoff in every table that holds coordinates, the real ``RetentionService`` on a
virtual clock.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlmodel import col

from bot.bootstrap import bootstrap
from bot.clock import VirtualClock
from bot.config import Config, DatabaseConfig, DataConfig
from handlers.retention import RetentionService
from storage.db import Database
from storage.tables import LocationEvent, Report
from storage.tables_geo import AgencyGeo, HomePoint, LiveShare, LocationFlag
from tests.storage.retention_world import (
    CUTOFF,
    EXPECTED,
    NO_POINT,
    NOW,
    OLD,
    POINT,
    add_world,
    coords,
    counts,
    event,
    rows,
)


async def test_old_coordinates_go_and_statuses_stay(db: Database) -> None:
    ids = await add_world(db)
    reports_before = await rows(db, Report, col(Report.message_id))
    service = RetentionService(db=db, clock=VirtualClock(NOW), days=90)
    assert service.cutoff() == CUTOFF

    result = await service.purge()

    assert result.cutoff == CUTOFF and not result.dry_run
    assert counts(result.purged) == EXPECTED
    assert result.total == 11
    reports = await rows(db, Report, col(Report.message_id))
    assert [r.message_id for r in reports] == [1, 2, 3, 4, 5]  # every report is still there
    for before, after in zip(reports_before, reports, strict=True):
        kept = ("status", "tier", "distance_m", "live", "first_at", "last_at", "day", "window")
        assert {k: getattr(after, k) for k in kept} == {k: getattr(before, k) for k in kept}
    cleared = {r.message_id for r in reports if coords(r) == NO_POINT}
    assert cleared == {1, 2, 5}
    assert all(coords(r) == POINT for r in reports if r.message_id in (3, 4))

    events = await rows(db, LocationEvent, col(LocationEvent.message_id))
    assert [(e.member_id, e.message_id, coords(e)) for e in events] == [(ids["budi"], 4, POINT)]
    shares = await rows(db, LiveShare, col(LiveShare.message_id))
    assert [(s.message_id, coords(s)) for s in shares] == [(2, NO_POINT), (4, POINT)]
    homes = await rows(db, HomePoint, col(HomePoint.id))
    assert [(h.member_id, h.state, h.slot) for h in homes] == [
        (ids["budi"], "approved", "current"),  # the point in use is configuration: kept
        (ids["budi"], "rejected", None),  # recent history: kept
    ]
    (office,) = await rows(db, AgencyGeo, col(AgencyGeo.agency_id))
    assert (office.office_latitude, office.office_longitude) == (-6.17, 106.82)
    (flag,) = await rows(db, LocationFlag, col(LocationFlag.id))
    assert flag.kind == "lompatan" and flag.detail["km"] == 420.0

    again = await service.purge()
    assert again.total == 0 and set(counts(again.purged)) == set(EXPECTED)
    assert [coords(r) for r in await rows(db, Report, col(Report.message_id))] == [
        coords(r) for r in reports
    ]


async def test_a_dry_run_counts_the_same_rows_and_changes_nothing(db: Database) -> None:
    await add_world(db)
    service = RetentionService(db=db, clock=VirtualClock(NOW), days=90)
    tables = (Report, LocationEvent, LiveShare, HomePoint)
    before = [[_snapshot(r) for r in await rows(db, t, col(t.id))] for t in tables]

    dry = await service.purge(dry_run=True)

    assert dry.dry_run and counts(dry.purged) == EXPECTED
    assert [[_snapshot(r) for r in await rows(db, t, col(t.id))] for t in tables] == before
    assert counts((await service.purge()).purged) == EXPECTED


async def test_the_retention_period_moves_the_cutoff(db: Database) -> None:
    await add_world(db)
    long = RetentionService(db=db, clock=VirtualClock(NOW), days=3650)
    assert (await long.purge()).total == 0
    short = RetentionService(db=db, clock=VirtualClock(NOW), days=1)
    purged = counts((await short.purge()).purged)
    assert purged[("reports", "cleared")] == 5 and purged[("location_events", "deleted")] == 4


async def test_the_tick_purges_once_per_utc_day_from_18_utc(db: Database) -> None:
    ids = await add_world(db)
    clock = VirtualClock(datetime(2026, 11, 25, 17, 59, tzinfo=UTC))
    service = RetentionService(db=db, clock=clock, days=90)

    assert await service.tick() is None  # 00:59 WIB: not yet
    assert len(await rows(db, LocationEvent, col(LocationEvent.id))) == 4
    clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC))
    first = await service.tick()
    assert first is not None and first.total == 11
    async with db.transaction() as session:  # old, but after today's purge: waits for tomorrow
        session.add(event(ids["ani"], OLD, 9))
    for minutes in (1, 60, 359):  # the rest of the UTC day: nothing more
        clock.set(datetime(2026, 11, 25, 18, 0, tzinfo=UTC) + timedelta(minutes=minutes))
        assert await service.tick() is None
    clock.set(datetime(2026, 11, 26, 17, 59, tzinfo=UTC))
    assert await service.tick() is None
    assert len(await rows(db, LocationEvent, col(LocationEvent.id))) == 2
    clock.set(datetime(2026, 11, 26, 18, 1, tzinfo=UTC))
    second = await service.tick()
    assert second is not None and counts(second.purged)[("location_events", "deleted")] == 1
    assert await service.tick() is None


def _snapshot(row: Any) -> dict[str, Any]:
    return dict(row.model_dump())


async def test_the_running_bot_purges_from_its_tick_once_a_day(
    database_url: str, db: Database
) -> None:
    """``App.tick`` as the scheduler calls it, with [data] retention_days from the config."""
    ids = await add_world(db)
    clock = VirtualClock(datetime(2026, 11, 25, 17, 0, tzinfo=UTC))
    config = Config(database=DatabaseConfig(url=database_url), data=DataConfig(retention_days=60))
    app = await bootstrap(config, clock=clock, migrate=False)
    try:
        assert app.retention is not None and app.retention.days == 60
        await app.tick()
        assert all(coords(r) == POINT for r in await rows(db, Report, col(Report.id)))
        clock.set(datetime(2026, 11, 25, 18, 0, 30, tzinfo=UTC))
        await app.tick()
        assert all(coords(r) == NO_POINT for r in await rows(db, Report, col(Report.id)))
        async with db.transaction() as session:
            session.add(event(ids["budi"], OLD, 9))
        clock.advance(minutes=1)
        await app.tick()
        assert len(await rows(db, LocationEvent, col(LocationEvent.id))) == 1  # not today
        clock.set(datetime(2026, 11, 26, 18, 0, tzinfo=UTC))
        await app.tick()
        assert await rows(db, LocationEvent, col(LocationEvent.id)) == []
    finally:
        await app.close()
