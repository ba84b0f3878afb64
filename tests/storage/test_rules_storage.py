"""The attendance-rule tables refuse bad rows; repositories upsert and claim once.

Every test runs on SQLite and on PostgreSQL (see ``tests/conftest.py``).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import IntegrityError

from storage import attendance as attendance_repo
from storage import rules as rules_repo
from storage.db import Database
from storage.tables_rules import ActivityReport, AgencyDayOff, LeaveDecision, LeaveRequest
from tests.storage.builders import MONDAY, T0, add_agency, add_member, at, run_row


async def _refused(db: Database, build: Any) -> None:
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            await build(session)


def leave(member_id: int, agency_id: int, **fields: Any) -> LeaveRequest:
    values: dict[str, Any] = {
        "agency_id": agency_id,
        "member_id": member_id,
        "kind": "cuti",
        "start_day": MONDAY,
        "end_day": MONDAY + timedelta(days=2),
        "created_at": T0,
        **fields,
    }
    return LeaveRequest(**values)


async def _member(db: Database) -> tuple[int, int]:
    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency, user_id=601)
    assert agency.id is not None and member.id is not None
    return agency.id, member.id


@pytest.mark.parametrize(
    "fields",
    [
        {"kind": "libur"},
        {"status": "maybe"},
        {"start_day": MONDAY, "end_day": MONDAY - timedelta(days=1)},  # reversed
    ],
)
async def test_leave_request_checks(db: Database, fields: dict[str, Any]) -> None:
    agency_id, member_id = await _member(db)

    async def bad(session: Any) -> None:
        session.add(leave(member_id, agency_id, **fields))

    await _refused(db, bad)


async def test_a_second_decision_is_impossible(db: Database) -> None:
    agency_id, member_id = await _member(db)
    async with db.transaction() as session:
        request = leave(member_id, agency_id)
        session.add(request)
        await session.flush()
        assert request.id is not None
        assert await rules_repo.claim_decision(session, request_id=request.id, status="approved")
        assert not await rules_repo.claim_decision(
            session, request_id=request.id, status="rejected"
        )
        session.add(
            LeaveDecision(
                request_id=request.id,
                decision="approved",
                decided_by=701,
                decider_name="Hendra",
                decided_at=T0,
            )
        )

    async def second(session: Any) -> None:
        session.add(
            LeaveDecision(
                request_id=request.id or 0,
                decision="rejected",
                decided_by=702,
                decider_name="Sri",
                decided_at=T0,
            )
        )

    await _refused(db, second)
    async with db.read() as session:
        decision = await rules_repo.decision_of(session, request_id=request.id)
        stored = await session.get(LeaveRequest, request.id)
    assert decision is not None and decision.decider_name == "Hendra"
    assert stored is not None and stored.status == "approved"


async def test_leave_covering_finds_overlaps_of_pending_and_approved_only(db: Database) -> None:
    agency_id, member_id = await _member(db)
    async with db.transaction() as session:
        session.add(leave(member_id, agency_id, status="approved"))
        session.add(leave(member_id, agency_id, kind="izin", status="rejected"))
        session.add(
            leave(
                member_id,
                agency_id,
                kind="sakit",
                status="pending",
                start_day=MONDAY + timedelta(days=7),
                end_day=MONDAY + timedelta(days=7),
            )
        )
    async with db.read() as session:
        kinds = [
            r.kind
            for r in await rules_repo.leave_covering(
                session,
                agency_id=agency_id,
                start=MONDAY + timedelta(days=2),
                end=date(2026, 12, 1),
            )
        ]
        none = await rules_repo.member_leave_overlapping(
            session, member_id=member_id, start=MONDAY + timedelta(days=3), end=MONDAY
        )
    assert kinds == ["cuti", "sakit"]
    assert none is None


async def test_agency_day_off_is_unique_and_re_described(db: Database) -> None:
    agency_id, _ = await _member(db)
    async with db.transaction() as session:
        await rules_repo.add_day_off(session, agency_id=agency_id, day=MONDAY, note="HUT", now=T0)
        await rules_repo.add_day_off(
            session, agency_id=agency_id, day=MONDAY, note="HUT Kota", now=T0
        )
    async with db.read() as session:
        rows = list((await session.execute(select(AgencyDayOff))).scalars())
    assert [(r.day, r.note) for r in rows] == [(MONDAY, "HUT Kota")]

    async def duplicate(session: Any) -> None:
        session.add(AgencyDayOff(agency_id=agency_id, day=MONDAY, note="x", created_at=T0))

    await _refused(db, duplicate)
    async with db.transaction() as session:
        assert await rules_repo.remove_day_off(session, agency_id=agency_id, day=MONDAY)
        assert not await rules_repo.remove_day_off(session, agency_id=agency_id, day=MONDAY)


async def test_wfh_period_is_one_per_agency(db: Database) -> None:
    agency_id, _ = await _member(db)
    end = MONDAY + timedelta(days=30)
    async with db.transaction() as session:
        await rules_repo.set_period(session, agency_id=agency_id, start=MONDAY, end=end, now=T0)
        await rules_repo.set_period(
            session, agency_id=agency_id, start=MONDAY + timedelta(days=1), end=end, now=T0
        )
    async with db.read() as session:
        periods = await rules_repo.periods(session, agency_ids=[agency_id])
    assert (periods[agency_id].start_day, periods[agency_id].end_day) == (
        MONDAY + timedelta(days=1),
        end,
    )
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            await rules_repo.set_period(session, agency_id=agency_id, start=end, end=MONDAY, now=T0)
    async with db.transaction() as session:
        assert await rules_repo.clear_period(session, agency_id=agency_id)


async def test_activity_report_is_one_per_member_and_day(db: Database) -> None:
    agency_id, member_id = await _member(db)
    async with db.transaction() as session:
        for text in ("Rapat", "Rapat koordinasi; laporan triwulan"):
            await rules_repo.upsert_activity(
                session, member_id=member_id, agency_id=agency_id, day=MONDAY, text=text, now=T0
            )
    async with db.read() as session:
        found = await rules_repo.activity_for_day(session, agency_id=agency_id, day=MONDAY)
    assert [a.text for a in found.values()] == ["Rapat koordinasi; laporan triwulan"]

    async def duplicate(session: Any) -> None:
        session.add(
            ActivityReport(
                member_id=member_id,
                agency_id=agency_id,
                day=MONDAY,
                text="x",
                created_at=T0,
                updated_at=T0,
            )
        )

    await _refused(db, duplicate)


async def test_claim_reminder_once(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        await attendance_repo.ensure_runs(session, rows=[run_row(agency)])
        (run,) = await attendance_repo.runs_for_day(session, agency_id=agency.id or 0, day=MONDAY)
        assert run.id is not None
        assert await rules_repo.reminder_candidates(session, now=at(45)) == []  # no prompt yet
        assert await attendance_repo.claim_prompt(session, run_id=run.id, now=at(30))
    async with db.transaction() as session:
        assert [r.id for r in await rules_repo.reminder_candidates(session, now=at(45))] == [run.id]
        assert await rules_repo.claim_reminder(session, run_id=run.id, now=at(45))
        assert not await rules_repo.claim_reminder(session, run_id=run.id, now=at(46))
        assert await rules_repo.reminder_candidates(session, now=at(46)) == []


async def test_calendars_of_many_agencies_in_one_query(db: Database) -> None:
    end = MONDAY + timedelta(days=6)
    async with db.transaction() as session:
        both = await add_agency(session, code="BOTH", chat_id=-1)
        off_only = await add_agency(session, code="OFF", chat_id=-2)
        period_only = await add_agency(session, code="PERIOD", chat_id=-3)
        plain = await add_agency(session, code="PLAIN", chat_id=-4)
        assert both.id and off_only.id and period_only.id and plain.id
        for agency_id, day, note in (
            (both.id, MONDAY + timedelta(days=2), "HUT Kota"),
            (both.id, MONDAY, "Rapat"),
            (both.id, end + timedelta(days=1), "after the range"),
            (off_only.id, MONDAY + timedelta(days=1), "Banjir"),
        ):
            await rules_repo.add_day_off(session, agency_id=agency_id, day=day, note=note, now=T0)
        for agency_id in (both.id, period_only.id):
            await rules_repo.set_period(
                session, agency_id=agency_id, start=MONDAY, end=end + timedelta(days=30), now=T0
            )
    ids = [both.id, off_only.id, period_only.id, plain.id, both.id]
    statements: list[str] = []

    def record(*args: Any) -> None:
        statements.append(args[2])

    event.listen(db.engine.sync_engine, "before_cursor_execute", record)
    try:
        async with db.read() as session:
            days_off, periods = await rules_repo.calendars(
                session, agency_ids=iter(ids), start=MONDAY, end=end
            )
            assert await rules_repo.calendars(session, agency_ids=[], start=MONDAY, end=end) == (
                [],
                {},
            )
    finally:
        event.remove(db.engine.sync_engine, "before_cursor_execute", record)
    assert len(statements) == 1
    assert [(d.agency_id, d.day, d.note) for d in days_off] == [
        (both.id, MONDAY, "Rapat"),
        (off_only.id, MONDAY + timedelta(days=1), "Banjir"),
        (both.id, MONDAY + timedelta(days=2), "HUT Kota"),
    ]
    assert {a: (p.start_day, p.end_day) for a, p in periods.items()} == {
        both.id: (MONDAY, end + timedelta(days=30)),
        period_only.id: (MONDAY, end + timedelta(days=30)),
    }
