"""Repository functions against a real, migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event, select

from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import members as members_repo
from storage import outbox as outbox_repo
from storage import state as state_repo
from storage.db import Database
from storage.tables import LocationEvent, Member, OutboxMessage, Report, WindowRun
from tests.storage.builders import (
    BIG_CHAT,
    BIG_USER,
    MONDAY,
    T0,
    add_agency,
    add_member,
    at,
    report_row,
    run_row,
)

# --- reports: one per member and window, first evidence decides -------------


async def _report(db: Database) -> Report:
    async with db.read() as session:
        (report,) = (await session.execute(select(Report))).scalars().all()
        return report


async def _member(db: Database) -> Member:
    async with db.transaction() as session:
        agency = await add_agency(session)
        return await add_member(session, agency=agency, user_id=BIG_USER)


async def test_on_time_report_stays_on_time_when_late_evidence_follows(db: Database) -> None:
    member = await _member(db)
    for row in (
        report_row(member, status="hadir", when=at(35), latitude=-6.1, message_id=10),
        report_row(member, status="terlambat", when=at(70), latitude=-6.3, message_id=11),
    ):
        async with db.transaction() as session:
            await attendance_repo.upsert_reports(session, rows=[row])
    report = await _report(db)
    assert report.status == "hadir"
    assert (report.first_at, report.last_at) == (at(35), at(70))
    assert (report.latitude, report.message_id) == (-6.3, 11)  # the newest point


async def test_late_report_becomes_on_time_when_earlier_evidence_arrives(db: Database) -> None:
    """A redelivered or reordered on-time update wins over the late one seen first."""
    member = await _member(db)
    for row in (
        report_row(member, status="terlambat", when=at(70), latitude=-6.3, message_id=11),
        report_row(member, status="hadir", when=at(40), latitude=-6.1, message_id=10),
    ):
        async with db.transaction() as session:
            await attendance_repo.upsert_reports(session, rows=[row])
    report = await _report(db)
    assert report.status == "hadir"
    assert (report.first_at, report.last_at) == (at(40), at(70))  # first_at is the minimum
    assert (report.latitude, report.message_id) == (-6.3, 11)  # the older point did not win


async def test_late_stays_late_and_a_live_update_moves_the_point(db: Database) -> None:
    member = await _member(db)
    first = report_row(member, status="terlambat", when=at(65), latitude=-6.1, live=True)
    update = report_row(member, status="terlambat", when=at(75), latitude=-6.2, live=True)
    for row in (first, update, first):  # the first one redelivered at the end
        async with db.transaction() as session:
            await attendance_repo.upsert_reports(session, rows=[row])
    report = await _report(db)
    assert (report.status, report.first_at, report.last_at) == ("terlambat", at(65), at(75))
    assert (report.latitude, report.live, report.chat_id) == (-6.2, True, BIG_CHAT)


async def test_upsert_reports_writes_many_members_in_one_call(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        members = [await add_member(session, agency=agency, n=n, user_id=n) for n in (1, 2, 3)]
    async with db.transaction() as session:
        await attendance_repo.upsert_reports(
            session, rows=[report_row(m, status="hadir", when=at(35)) for m in members]
        )
        await attendance_repo.upsert_reports(
            session, rows=[report_row(m, status="terlambat", when=at(65)) for m in members[1:]]
        )
    async with db.read() as session:
        reports = await attendance_repo.reports_for_window(
            session, agency_id=agency.id or 0, day=MONDAY, window="07:30"
        )
    assert sorted((r.member_id, r.status, r.last_at) for r in reports) == [
        (members[0].id, "hadir", at(35)),
        (members[1].id, "hadir", at(65)),
        (members[2].id, "hadir", at(65)),
    ]


# --- location events: each point once ---------------------------------------


def _event(member: Member, *, message_id: int, edit_date: int, minutes: int) -> dict[str, Any]:
    return {
        "member_id": member.id,
        "chat_id": BIG_CHAT,
        "message_id": message_id,
        "edit_date": edit_date,
        "at": at(minutes),
        "latitude": -6.2,
        "longitude": 106.8,
        "accuracy": None,
        "live_until": at(minutes + 60),
    }


async def test_location_events_are_recorded_once_per_edit(db: Database) -> None:
    member = await _member(db)
    original = _event(member, message_id=5, edit_date=0, minutes=35)
    edit = _event(member, message_id=5, edit_date=1_772_411_000, minutes=40)
    async with db.transaction() as session:
        await attendance_repo.insert_location_events(session, rows=[original, edit])
    async with db.transaction() as session:  # redelivered after a restart
        await attendance_repo.insert_location_events(session, rows=[edit, original])
    async with db.read() as session:
        events = (await session.execute(select(LocationEvent))).scalars().all()
    assert sorted((e.message_id, e.edit_date, e.at, e.chat_id) for e in events) == [
        (5, 0, at(35), BIG_CHAT),
        (5, 1_772_411_000, at(40), BIG_CHAT),
    ]


# --- window runs: what is due, claimed once ---------------------------------


async def _two_agencies_with_runs(db: Database) -> tuple[int, int]:
    """An active and a paused agency, each with a 07:30 run (open 00:30-01:00 UTC)."""
    async with db.transaction() as session:
        active = await add_agency(session, code="ACTIVE", chat_id=-1)
        paused = await add_agency(session, code="PAUSED", chat_id=-2, paused=True)
        await attendance_repo.ensure_runs(
            session,
            rows=[
                run_row(active, window="11:30", opens=270, deadline=300),
                run_row(active),
                run_row(paused),
            ],
        )
    assert active.id is not None and paused.id is not None
    return active.id, paused.id


async def _due(db: Database, minutes: int) -> tuple[list[str], list[str]]:
    """(prompt windows, summary windows) due ``minutes`` after T0."""
    async with db.read() as session:
        prompts = await attendance_repo.due_prompts(session, now=at(minutes))
        summaries = await attendance_repo.due_summaries(session, now=at(minutes))
    assert all(not agency.paused for _, agency in prompts + summaries)
    return [r.window for r, _ in prompts], [r.window for r, _ in summaries]


async def test_due_prompts_and_summaries_follow_the_window_and_skip_paused(db: Database) -> None:
    active, _ = await _two_agencies_with_runs(db)
    assert await _due(db, 29) == ([], [])  # not open yet
    assert await _due(db, 30) == (["07:30"], [])  # open (inclusive)
    assert await _due(db, 59) == (["07:30"], [])
    assert await _due(db, 60) == ([], ["07:30"])  # deadline: no prompt after it, summary due
    assert await _due(db, 300) == ([], ["07:30", "11:30"])  # ordered by deadline
    async with db.read() as session:
        ((run, agency),) = await attendance_repo.due_prompts(session, now=at(30))
    assert (agency.id, agency.code, run.agency_id) == (active, "ACTIVE", active)


async def test_claim_prompt_once_then_it_is_no_longer_due(db: Database) -> None:
    await _two_agencies_with_runs(db)
    async with db.transaction() as session:
        ((run, _),) = await attendance_repo.due_prompts(session, now=at(35))
        assert await attendance_repo.claim_prompt(session, run_id=run.id or 0, now=at(35))
        assert not await attendance_repo.claim_prompt(session, run_id=run.id or 0, now=at(36))
    async with db.transaction() as session:  # and after commit, from another transaction
        assert not await attendance_repo.claim_prompt(session, run_id=run.id or 0, now=at(37))
    assert await _due(db, 40) == ([], [])
    async with db.read() as session:
        stored = await session.get(WindowRun, run.id)
    assert stored is not None and stored.prompt_sent_at == at(35)


async def test_claim_summary_once_and_a_summarised_run_is_never_prompted(db: Database) -> None:
    await _two_agencies_with_runs(db)
    async with db.transaction() as session:
        ((run, _),) = await attendance_repo.due_summaries(session, now=at(60))
        assert await attendance_repo.claim_summary(session, run_id=run.id or 0, now=at(60))
    async with db.transaction() as session:
        assert not await attendance_repo.claim_summary(session, run_id=run.id or 0, now=at(61))
    assert await _due(db, 61) == ([], [])
    assert await _due(db, 45) == ([], [])  # a clock running behind must not re-prompt it


async def test_paused_agency_is_due_again_once_resumed(db: Database) -> None:
    await _two_agencies_with_runs(db)
    async with db.transaction() as session:
        assert await agencies_repo.set_paused(session, chat_id=-2, paused=False, now=at(31))
    assert await _due(db, 35) == (["07:30", "07:30"], [])
    async with db.read() as session:
        assert {a.code for a in await agencies_repo.list_active(session)} == {"ACTIVE", "PAUSED"}


# --- outbox: claimed before sending ------------------------------------------


async def _enqueue(db: Database, *keys: str) -> None:
    async with db.transaction() as session:
        for key in keys:
            added = await outbox_repo.enqueue(
                session,
                dedupe_key=key,
                chat_id=BIG_CHAT,
                kind="prompt",
                payload={"agency": "Dinas Kominfo", "missing": ["Budi", "Sri"]},
                now=T0,
                agency_id=None,
            )
            assert added


async def _statuses(db: Database) -> dict[str, tuple[str, int]]:
    async with db.read() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars().all()
    return {m.dedupe_key: (m.status, m.attempts) for m in rows}


async def test_claim_pending_moves_pending_to_sending_once(db: Database) -> None:
    await _enqueue(db, "a", "b", "c")
    async with db.transaction() as session:
        claimed = await outbox_repo.claim_pending(session, limit=2)
    assert [m.dedupe_key for m in claimed] == ["a", "b"]
    assert claimed[0].payload == {"agency": "Dinas Kominfo", "missing": ["Budi", "Sri"]}
    assert claimed[0].chat_id == BIG_CHAT
    async with db.transaction() as session:
        rest = await outbox_repo.claim_pending(session)
    async with db.transaction() as session:
        assert await outbox_repo.claim_pending(session) == []
    assert [m.dedupe_key for m in rest] == ["c"]
    assert await _statuses(db) == {"a": ("sending", 1), "b": ("sending", 1), "c": ("sending", 1)}


async def test_overlapping_claims_never_hand_out_the_same_message(db: Database) -> None:
    """Two senders claiming at once (two processes, a deploy overlap) split the work."""
    await _enqueue(db, "a", "b", "c")
    first_claimed = asyncio.Event()

    async def slow() -> list[str]:
        async with db.transaction() as session:
            claimed = await outbox_repo.claim_pending(session)
            first_claimed.set()
            await asyncio.sleep(0.3)  # still uncommitted while the other one claims
            return [m.dedupe_key for m in claimed]

    async def fast() -> list[str]:
        await first_claimed.wait()
        async with db.transaction() as session:
            return [m.dedupe_key for m in await outbox_repo.claim_pending(session)]

    first, second = await asyncio.gather(slow(), fast())
    assert sorted(first + second) == ["a", "b", "c"]
    assert await _statuses(db) == {"a": ("sending", 1), "b": ("sending", 1), "c": ("sending", 1)}


async def test_outbox_mark_sent_release_and_mark_failed(db: Database) -> None:
    await _enqueue(db, "sent", "retry", "failed")
    async with db.transaction() as session:
        ids = {m.dedupe_key: m.id or 0 for m in await outbox_repo.claim_pending(session)}
    async with db.transaction() as session:
        await outbox_repo.mark_sent(
            session, outbox_id=ids["sent"], message_id=2_147_483_648, now=at(1)
        )
        await outbox_repo.release(session, outbox_id=ids["retry"], error="flood wait")
        await outbox_repo.mark_failed(session, outbox_id=ids["failed"], error="x" * 600)
    async with db.read() as session:
        sent = await outbox_repo.get_by_key(session, dedupe_key="sent")
        failed = await outbox_repo.get_by_key(session, dedupe_key="failed")
        retry = await outbox_repo.get_by_key(session, dedupe_key="retry")
        assert await outbox_repo.count_by_status(session, status="sent") == 1
    assert sent is not None and failed is not None and retry is not None
    assert (sent.status, sent.sent_at, sent.message_id, sent.error) == (
        "sent",
        at(1),
        2_147_483_648,
        None,
    )
    assert (failed.status, failed.error) == ("failed", "x" * 500)
    assert (retry.status, retry.error) == ("pending", "flood wait")
    async with db.transaction() as session:  # released: claimed again, attempts counted
        assert [m.dedupe_key for m in await outbox_repo.claim_pending(session)] == ["retry"]
    assert (await _statuses(db))["retry"] == ("sending", 2)


# --- state, agencies, members ------------------------------------------------


async def test_state_get_and_overwrite(db: Database) -> None:
    async with db.transaction() as session:
        assert await state_repo.get_value(session, key="telegram_offset") is None
        await state_repo.set_value(session, key="telegram_offset", value="100")
    async with db.transaction() as session:
        await state_repo.set_value(session, key="telegram_offset", value="101")
        await state_repo.set_value(session, key="other", value="x")
    async with db.read() as session:
        assert await state_repo.get_value(session, key="telegram_offset") == "101"
        assert await state_repo.get_value(session, key="other") == "x"


async def test_move_chat_follows_a_supergroup_upgrade_and_keeps_members(db: Database) -> None:
    group, supergroup = -4_012_345_678, BIG_CHAT
    async with db.transaction() as session:
        agency = await add_agency(session, chat_id=group)
        await add_member(session, agency=agency, n=1, user_id=BIG_USER)
    async with db.transaction() as session:
        assert await agencies_repo.move_chat(
            session, old_chat_id=group, new_chat_id=supergroup, now=at(5)
        )
        assert not await agencies_repo.move_chat(
            session, old_chat_id=group, new_chat_id=supergroup, now=at(6)
        )
    async with db.read() as session:
        assert await agencies_repo.get_by_chat(session, chat_id=group) is None
        moved = await agencies_repo.get_by_chat(session, chat_id=supergroup)
        assert moved is not None
        assert (moved.id, moved.telegram_chat_id, moved.updated_at) == (agency.id, BIG_CHAT, at(5))
        member = await members_repo.get_by_user(session, agency_id=moved.id or 0, user_id=BIG_USER)
        assert member is not None and member.nip.endswith("0001")
        assert list(await agencies_repo.by_chats(session, chat_ids=[supergroup, group])) == [
            BIG_CHAT
        ]


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


async def test_by_agency_users_finds_many_pairs_in_one_query(db: Database) -> None:
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        a1 = await add_member(session, agency=one, n=1, user_id=BIG_USER)
        a2 = await add_member(session, agency=one, n=2, user_id=2)
        b1 = await add_member(session, agency=two, n=1, user_id=BIG_USER)  # same person, 2 agencies
        await add_member(session, agency=two, n=2, user_id=None)
    assert one.id is not None and two.id is not None
    pairs = [(one.id, BIG_USER), (one.id, 2), (two.id, BIG_USER), (two.id, 2), (one.id, 2)]
    async with db.read() as session:
        with _count_statements(db) as statements:
            found = await members_repo.by_agency_users(session, pairs=iter(pairs))
    assert len(statements) == 1
    assert {key: m.id for key, m in found.items()} == {
        (one.id, BIG_USER): a1.id,
        (one.id, 2): a2.id,
        (two.id, BIG_USER): b1.id,
    }
    async with db.read() as session:
        assert await members_repo.by_agency_users(session, pairs=[]) == {}
        by_user = await members_repo.by_users(session, user_ids=[BIG_USER, 2, 3])
    assert {k: sorted(m.id or 0 for m in v) for k, v in by_user.items()} == {
        BIG_USER: sorted([a1.id or 0, b1.id or 0]),
        2: [a2.id],
    }


async def test_member_lookups(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        await add_member(session, agency=agency, n=1, user_id=11, name="Sri", username="SriW")
        await add_member(session, agency=agency, n=2, user_id=None, name="Adi")
        await add_member(session, agency=agency, n=3, user_id=12, name="Budi")
    assert agency.id is not None
    async with db.read() as session:
        linked = await members_repo.list_linked(session, agency_id=agency.id)
        by_name = await members_repo.get_by_username(session, agency_id=agency.id, username="sriw")
        by_nip = await members_repo.get_by_nip(
            session, agency_id=agency.id, nip="198503122010010002"
        )
        assert await agencies_repo.is_member(session, user_id=12)
        assert not await agencies_repo.is_member(session, user_id=13)
    assert [m.full_name for m in linked] == ["Budi", "Sri"]
    assert by_name is not None and by_name.full_name == "Sri"
    assert by_nip is not None and by_nip.full_name == "Adi"


async def test_big_telegram_ids_survive_every_column(db: Database) -> None:
    """Supergroup and user ids exceed 32 bits: BIGINT columns keep them exactly."""
    huge_message = 2**40 + 7
    async with db.transaction() as session:
        agency = await add_agency(session, chat_id=BIG_CHAT)
        member = await add_member(session, agency=agency, user_id=BIG_USER)
        row = report_row(member, status="hadir", when=at(35), message_id=huge_message)
        await attendance_repo.upsert_reports(session, rows=[row])
        await attendance_repo.insert_location_events(
            session, rows=[_event(member, message_id=huge_message, edit_date=2**33, minutes=35)]
        )
        await outbox_repo.enqueue(
            session, dedupe_key="k", chat_id=BIG_CHAT, kind="summary", payload={}, now=T0
        )
    async with db.read() as session:
        found = await agencies_repo.get_by_chat(session, chat_id=BIG_CHAT)
        assert found is not None and found.telegram_chat_id == BIG_CHAT
        stored = await members_repo.get_by_user(session, agency_id=found.id or 0, user_id=BIG_USER)
        assert stored is not None and stored.telegram_user_id == BIG_USER
        report = await _report(db)
        assert (report.chat_id, report.message_id) == (BIG_CHAT, huge_message)
        event_row = (await session.execute(select(LocationEvent))).scalar_one()
        assert (event_row.chat_id, event_row.message_id, event_row.edit_date) == (
            BIG_CHAT,
            huge_message,
            2**33,
        )
        message = await outbox_repo.get_by_key(session, dedupe_key="k")
        assert message is not None and message.chat_id == BIG_CHAT
