"""The location writer's batched lookups, against SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession

from storage import attendance as attendance_repo
from storage import geo as geo_repo
from storage import members as members_repo
from storage.db import Database
from storage.geo import HomeSpot, OfficeGeo, RecordedPoint
from storage.tables import Member
from tests.storage.builders import BIG_CHAT, BIG_USER, add_agency, add_member, at

SPOT = (-6.2088, 106.8456)


@contextmanager
def _count_statements(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        yield statements
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)


def _event(
    member: Member,
    *,
    message_id: int,
    minutes: int,
    point: tuple[float | None, float | None] = SPOT,
    accuracy: float | None = None,
) -> dict[str, Any]:
    return {
        "member_id": member.id,
        "chat_id": BIG_CHAT,
        "message_id": message_id,
        "edit_date": 0,
        "at": at(minutes),
        "latitude": point[0],
        "longitude": point[1],
        "accuracy": accuracy,
        "live_until": None,
    }


# --- red flags: identical coordinates and each member's latest point, in one query --------


async def test_points_for_flags_finds_the_spot_and_the_latest_points_in_one_query(
    db: Database,
) -> None:
    elsewhere = (-6.3, 106.9)
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        sri = await add_member(session, agency=one, n=1, user_id=1)
        adi = await add_member(session, agency=two, n=2, user_id=2)
        quiet = await add_member(session, agency=one, n=3, user_id=3)
        await attendance_repo.insert_location_events(
            session,
            rows=[
                _event(sri, message_id=1, minutes=30, accuracy=12.5),
                _event(sri, message_id=2, minutes=40, point=elsewhere, accuracy=8.0),
                _event(adi, message_id=3, minutes=20, point=elsewhere),
                _event(adi, message_id=4, minutes=35),
            ],
        )
    assert one.id and two.id and sri.id and adi.id and quiet.id
    async with db.read() as session:
        with _count_statements(db) as statements:
            at_spot, latest = await geo_repo.points_for_flags(
                session,
                pairs=iter([SPOT, (1.5, 2.5), SPOT]),
                member_ids=iter([sri.id, adi.id, quiet.id, sri.id]),
            )
    assert len(statements) == 1
    assert sorted(at_spot) == [
        RecordedPoint(sri.id, one.id, at(30), *SPOT, 12.5),
        RecordedPoint(adi.id, two.id, at(35), *SPOT, None),
    ]
    assert latest == {
        sri.id: RecordedPoint(sri.id, one.id, at(40), *elsewhere, 8.0),
        adi.id: RecordedPoint(adi.id, two.id, at(35), *SPOT, None),
    }


async def test_points_for_flags_asks_only_for_what_is_given(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency, user_id=1)
        await attendance_repo.insert_location_events(
            session,
            rows=[
                _event(member, message_id=1, minutes=30),
                _event(member, message_id=2, minutes=50, point=(None, None)),  # purged
            ],
        )
    assert agency.id and member.id
    async with db.read() as session:
        with _count_statements(db) as statements:
            assert await geo_repo.points_for_flags(session, pairs=[], member_ids=[]) == ([], {})
        assert statements == []
        only_spot = await geo_repo.points_for_flags(session, pairs=[SPOT], member_ids=[])
        only_latest = await geo_repo.points_for_flags(session, pairs=[], member_ids=[member.id])
    assert only_spot == ([RecordedPoint(member.id, agency.id, at(30), *SPOT, None)], {})
    # the latest point is the latest even when its coordinates are gone
    assert only_latest == (
        [],
        {member.id: RecordedPoint(member.id, agency.id, at(50), None, None, None)},
    )


# --- tiers: home and office points in one query --------------------------------------------


async def _home_point(session: AsyncSession, member: Member, *, approve: bool | None) -> None:
    """A /rumah request: approved, rejected, or (None) left pending."""
    assert member.id is not None
    point = await geo_repo.request_home_point(
        session,
        agency_id=member.agency_id,
        member_id=member.id,
        latitude=SPOT[0],
        longitude=SPOT[1],
        accuracy=10.0,
        now=at(0),
    )
    if approve is not None:
        assert point.id is not None
        assert await geo_repo.decide_home_point(
            session, point_id=point.id, approve=approve, decided_by=9, decider_name="Ibu", now=at(1)
        )


async def test_home_and_office_points_in_one_query_only_the_rows_that_exist(
    db: Database,
) -> None:
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        three = await add_agency(session, code="THREE", chat_id=-3)
        sri = await add_member(session, agency=one, n=1, user_id=1)
        adi = await add_member(session, agency=two, n=2, user_id=2)
        quiet = await add_member(session, agency=one, n=3, user_id=3)
        await _home_point(session, sri, approve=True)
        await _home_point(session, sri, approve=None)  # a newer request, not in use yet
        await _home_point(session, adi, approve=None)
        await _home_point(session, quiet, approve=False)
        assert one.id and two.id and three.id and sri.id and adi.id and quiet.id
        await geo_repo.update_agency_geo(
            session,
            agency_id=one.id,
            now=at(2),
            office_latitude=-6.17,
            office_longitude=106.82,
            office_radius_m=250,
        )
        await geo_repo.update_agency_geo(session, agency_id=three.id, now=at(2), home_radius_m=80)
    async with db.read() as session:
        with _count_statements(db) as statements:
            homes, offices = await geo_repo.home_and_office(
                session,
                member_ids=iter([sri.id, adi.id, quiet.id, sri.id]),
                agency_ids=iter([one.id, two.id, three.id]),
            )
            assert await geo_repo.home_and_office(session, member_ids=[], agency_ids=[]) == (
                {},
                {},
            )
        only_homes = await geo_repo.home_and_office(session, member_ids=[sri.id], agency_ids=[])
        only_offices = await geo_repo.home_and_office(session, member_ids=[], agency_ids=[three.id])
    assert len(statements) == 1
    assert homes == {sri.id: HomeSpot(*SPOT)}
    assert offices == {
        one.id: OfficeGeo(-6.17, 106.82, 250, None),
        three.id: OfficeGeo(None, None, None, 80),
    }
    assert only_homes == ({sri.id: HomeSpot(*SPOT)}, {})
    assert only_offices == ({}, {three.id: OfficeGeo(None, None, None, 80)})


# --- the writer's first lookup: agencies of the chats and their members, in one query -----


async def test_in_chats_finds_agencies_and_members_of_many_pairs_in_one_query(
    db: Database,
) -> None:
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        await add_agency(session, code="THREE", chat_id=-3)
        a1 = await add_member(session, agency=one, n=1, user_id=BIG_USER)
        a2 = await add_member(session, agency=one, n=2, user_id=2)
        b1 = await add_member(session, agency=two, n=1, user_id=BIG_USER)  # two agencies
        await add_member(session, agency=two, n=3, user_id=3)
    assert one.id and two.id
    pairs = [(-1, BIG_USER), (-1, 2), (-1, 3), (-2, BIG_USER), (-2, 2), (-9, 2), (-1, 2)]
    async with db.read() as session:
        with _count_statements(db) as statements:
            agencies, members = await members_repo.in_chats(session, pairs=iter(pairs))
            assert await members_repo.in_chats(session, pairs=[]) == ({}, {})
    assert len(statements) == 1
    assert {chat: a.id for chat, a in agencies.items()} == {-1: one.id, -2: two.id}
    # user 3 is a member of TWO but wrote only in ONE: not a member there, and not asked for
    assert {key: m.id for key, m in members.items()} == {
        (one.id, BIG_USER): a1.id,
        (one.id, 2): a2.id,
        (two.id, BIG_USER): b1.id,
    }
