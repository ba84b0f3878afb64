"""The minute tick's batched repository functions: one statement for many agencies, the same
answers as the per-agency functions they replace, and claims that stay exactly-once.

Every test runs on SQLite and on PostgreSQL (see ``tests/conftest.py``).
"""

from __future__ import annotations

import asyncio
from datetime import timedelta

from sqlalchemy import select
from sqlmodel import col

from storage import attendance as attendance_repo
from storage import geo as geo_repo
from storage import members as members_repo
from storage import outbox as outbox_repo
from storage import rules as rules_repo
from storage import whatsapp_links as links_repo
from storage.db import Database
from storage.outbox import NewMessage
from storage.tables import Member, OutboxMessage, WindowRun
from storage.tables_geo import LiveShare
from storage.tables_rules import ActivityReport, LeaveRequest
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

TUESDAY = MONDAY + timedelta(days=1)
LAST_WEEK = MONDAY - timedelta(days=7)

# --- claim_prompts: many runs in one UPDATE, each claimed once ---------------------------------


async def _runs(db: Database, count: int) -> list[int]:
    """One 07:30 run (open 00:30-01:00 UTC) for each of ``count`` agencies; their ids."""
    async with db.transaction() as session:
        agencies = [
            await add_agency(session, code=f"AG{i}", chat_id=-1000 - i) for i in range(count)
        ]
        await attendance_repo.ensure_runs(session, rows=[run_row(a) for a in agencies])
        runs = (await session.execute(select(WindowRun).order_by(col(WindowRun.id)))).scalars()
        return [r.id or 0 for r in runs]


async def _stamps(db: Database) -> dict[int, object]:
    async with db.read() as session:
        runs = (await session.execute(select(WindowRun))).scalars()
        return {r.id or 0: r.prompt_sent_at for r in runs}


async def test_claim_prompts_stamps_the_unclaimed_runs_once(db: Database) -> None:
    first, second, third = await _runs(db, 3)
    async with db.transaction() as session:
        assert await attendance_repo.claim_prompt(session, run_id=second, now=at(31))
    async with db.transaction() as session:
        loaded = await session.get(WindowRun, first)
        claimed = await attendance_repo.claim_prompts(
            session, run_ids=[first, second, third, first], now=at(35)
        )
        assert claimed == {first, third}
        assert loaded is not None and loaded.prompt_sent_at == at(35)  # the session sees it
        assert await attendance_repo.claim_prompts(session, run_ids=[first], now=at(36)) == set()
    async with db.transaction() as session:  # after commit, from another transaction
        assert await attendance_repo.claim_prompts(session, run_ids=[first, third], now=at(37)) == (
            set()
        )
        assert await attendance_repo.claim_prompts(session, run_ids=[], now=at(37)) == set()
    assert await _stamps(db) == {first: at(35), second: at(31), third: at(35)}
    async with db.read() as session:
        assert await attendance_repo.due_prompts(session, now=at(40)) == []


async def test_two_ticks_claiming_at_once_claim_each_run_exactly_once(db: Database) -> None:
    """A second tick (another process, a restart overlap) claiming while the first has not
    committed waits for it and gets only what the first did not claim."""
    first, second, third = await _runs(db, 3)
    slow_claimed = asyncio.Event()

    async def slow() -> set[int]:
        async with db.transaction() as session:
            claimed = await attendance_repo.claim_prompts(
                session, run_ids=[first, second], now=at(35)
            )
            slow_claimed.set()
            await asyncio.sleep(0.3)  # still uncommitted while the other one claims
            return claimed

    async def fast() -> set[int]:
        await slow_claimed.wait()
        async with db.transaction() as session:
            due = await attendance_repo.due_prompts(session, now=at(36))
            return await attendance_repo.claim_prompts(
                session, run_ids=[run.id or 0 for run, _ in due], now=at(36)
            )

    claimed_slow, claimed_fast = await asyncio.gather(slow(), fast())
    assert claimed_slow == {first, second}
    assert claimed_fast == {third}
    assert await _stamps(db) == {first: at(35), second: at(35), third: at(36)}


async def test_two_ticks_claiming_the_same_runs_split_nothing_twice(db: Database) -> None:
    runs = await _runs(db, 4)

    async def tick(now_minute: int) -> set[int]:
        async with db.transaction() as session:
            return await attendance_repo.claim_prompts(session, run_ids=runs, now=at(now_minute))

    one, other = await asyncio.gather(tick(35), tick(36))
    assert not one & other
    assert one | other == set(runs)


# --- the day's facts for many agencies ----------------------------------------------------------


async def _two_agencies(db: Database) -> tuple[int, int, int]:
    """Two agencies with Telegram, WhatsApp and unlinked members, leave and /lapor; and an
    agency with nobody. Returns their ids."""
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        empty = await add_agency(session, code="EMPTY", chat_id=-3)
        assert one.id is not None and two.id is not None and empty.id is not None
        people = [  # key, agency, name, Telegram user
            ("budi", one, "Budi", 601),
            ("ani", one, "Ani", 602),
            ("ani2", one, "Ani", 603),  # the same name: ordered by id after the name
            ("cici", one, "Cici", None),  # unlinked
            ("dodi", one, "Dodi", None),  # WhatsApp only, confirmed
            ("eka", one, "Eka", None),  # WhatsApp, not confirmed
            ("fajar", two, "Fajar", BIG_USER),
            ("gita", two, "Gita", None),  # WhatsApp, confirmed, then the number changed
        ]
        members: dict[str, Member] = {}
        for n, (key, agency, name, user) in enumerate(people, start=1):
            members[key] = await add_member(session, agency=agency, n=n, user_id=user, name=name)
        for name, phone, confirmed in [
            ("dodi", "6281100000001", True),
            ("eka", "6281100000002", False),
            ("gita", "6281100000003", True),
        ]:
            member = members[name]
            member.phone = phone
            link = await links_repo.upsert_link(
                session, member_id=member.id or 0, phone=phone, now=T0
            )
            if confirmed:
                link.confirmed_at = T0
        members["gita"].phone = "6281100000009"
        requests = [
            (members["budi"], "cuti", "approved", MONDAY, TUESDAY),
            (members["ani"], "izin", "pending", MONDAY, MONDAY),
            (members["ani2"], "sakit", "rejected", MONDAY, MONDAY),
            (members["fajar"], "dinas", "approved", TUESDAY, TUESDAY),
            (members["fajar"], "izin", "approved", LAST_WEEK, MONDAY - timedelta(days=1)),
        ]
        for member, kind, status, start, end in requests:
            session.add(
                LeaveRequest(
                    agency_id=member.agency_id,
                    member_id=member.id or 0,
                    kind=kind,
                    status=status,
                    start_day=start,
                    end_day=end,
                    created_at=T0,
                )
            )
        for member, day in [
            (members["budi"], MONDAY),
            (members["dodi"], MONDAY),
            (members["fajar"], TUESDAY),
        ]:
            session.add(
                ActivityReport(
                    member_id=member.id or 0,
                    agency_id=member.agency_id,
                    day=day,
                    text="rapat",
                    created_at=T0,
                    updated_at=T0,
                )
            )
        await session.flush()
        return one.id, two.id, empty.id


async def test_batched_reads_answer_as_the_per_agency_ones(db: Database) -> None:
    one, two, empty = await _two_agencies(db)
    agencies = [one, two, empty]
    async with db.read() as session:
        linked = await members_repo.list_linked_by_agency(session, agency_ids=[*agencies, one])
        on_whatsapp = await links_repo.linked_members_by_agency(session, agency_ids=agencies)
        leave = await rules_repo.leave_covering_by_agency(
            session, agency_ids=agencies, start=MONDAY, end=TUESDAY
        )
        keys = [(a, d) for a in agencies for d in (MONDAY, TUESDAY)]
        activity = await rules_repo.activity_reporters(session, keys=keys)
        assert set(linked) == set(on_whatsapp) == set(leave) == set(agencies)
        assert set(activity) == set(keys)
        for agency_id in agencies:
            alone = await members_repo.list_linked(session, agency_id=agency_id)
            assert [m.id for m in linked[agency_id]] == [m.id for m in alone]
            alone = await links_repo.linked_members(session, agency_id=agency_id)
            assert [m.id for m in on_whatsapp[agency_id]] == [m.id for m in alone]
            requests = await rules_repo.leave_covering(
                session, agency_id=agency_id, start=MONDAY, end=TUESDAY
            )
            assert [r.id for r in leave[agency_id]] == [r.id for r in requests]
            for day in (MONDAY, TUESDAY):
                reports = await rules_repo.activity_for_day(session, agency_id=agency_id, day=day)
                assert activity[(agency_id, day)] == set(reports)
        assert await members_repo.list_linked_by_agency(session, agency_ids=[]) == {}
        assert await rules_repo.activity_reporters(session, keys=[]) == {}
    names = {a: [m.full_name for m in linked[a]] for a in agencies}
    assert names == {one: ["Ani", "Ani", "Budi", "Dodi"], two: ["Fajar"], empty: []}
    assert [m.full_name for m in on_whatsapp[one]] == ["Dodi"] and on_whatsapp[two] == []
    assert [r.kind for r in leave[one]] == ["cuti", "izin"] and len(leave[two]) == 1
    assert [len(activity[(a, d)]) for a, d in keys] == [2, 0, 0, 1, 0, 0]


# --- the outbox: many messages in one statement ------------------------------------------------


async def test_enqueue_many_keeps_order_and_skips_existing_keys(db: Database) -> None:
    async with db.transaction() as session:
        assert await outbox_repo.enqueue(
            session, dedupe_key="prompt:2", chat_id=-2, kind="prompt", payload={}, now=T0
        )
    messages = [
        NewMessage("prompt:1", BIG_CHAT, "prompt", {"agency": "Satu", "expected": 3}, 7),
        NewMessage("prompt:2", -99, "prompt", {"agency": "again"}, 8),  # exists: skipped
        NewMessage("wa-prompt:1:5", 6281100000001, "prompt", {"name": "Dodi"}, 7, "whatsapp"),
        NewMessage("notice", -3, "summary_group", {"missing": ["Ani", "Budi"]}),  # no agency
    ]
    async with db.transaction() as session:
        await outbox_repo.enqueue_many(session, messages=messages, now=at(30))
        await outbox_repo.enqueue_many(session, messages=messages, now=at(31))  # all skipped
        await outbox_repo.enqueue_many(session, messages=[], now=at(31))
    async with db.read() as session:
        rows = (
            await session.execute(select(OutboxMessage).order_by(col(OutboxMessage.id)))
        ).scalars()
        stored = [
            (m.dedupe_key, m.chat_id, m.kind, m.payload, m.agency_id, m.transport, m.status)
            for m in rows
        ]
    assert stored == [
        ("prompt:2", -2, "prompt", {}, None, "telegram", "pending"),
        (
            "prompt:1",
            BIG_CHAT,
            "prompt",
            {"agency": "Satu", "expected": 3},
            7,
            "telegram",
            "pending",
        ),
        ("wa-prompt:1:5", 6281100000001, "prompt", {"name": "Dodi"}, 7, "whatsapp", "pending"),
        ("notice", -3, "summary_group", {"missing": ["Ani", "Budi"]}, None, "telegram", "pending"),
    ]
    async with db.read() as session:
        first = await outbox_repo.get_by_key(session, dedupe_key="prompt:1")
    assert first is not None and (first.created_at, first.attempts) == (at(30), 0)


async def test_mark_sent_many_marks_only_the_given_messages(db: Database) -> None:
    async with db.transaction() as session:
        for key in ("a", "b", "c"):
            await outbox_repo.enqueue(
                session, dedupe_key=key, chat_id=BIG_CHAT, kind="prompt", payload={}, now=T0
            )
    async with db.transaction() as session:
        ids = {m.dedupe_key: m.id or 0 for m in await outbox_repo.claim_pending(session)}
    async with db.transaction() as session:
        await outbox_repo.mark_sent_many(
            session, sent=[(ids["a"], 2_147_483_648), (ids["c"], None)], now=at(1)
        )
        await outbox_repo.mark_sent_many(session, sent=[], now=at(2))
    async with db.read() as session:
        rows = (await session.execute(select(OutboxMessage))).scalars()
        found = {m.dedupe_key: (m.status, m.sent_at, m.message_id) for m in rows}
    assert found == {
        "a": ("sent", at(1), 2_147_483_648),
        "b": ("sending", None, None),
        "c": ("sent", at(1), None),
    }


# --- live shares of many agencies at a window's opening ----------------------------------------


async def test_live_in_agencies_finds_shares_live_at_the_opening(db: Database) -> None:
    opening = at(30)
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        empty = await add_agency(session, code="EMPTY", chat_id=-3)
        shares = {  # name: agency, started, live until, stopped, last point
            "newer": (one, at(10), at(90), None, at(25)),
            "older": (one, at(5), at(90), None, at(20)),
            "stopped later": (two, at(10), at(90), at(40), at(28)),
            "stopped before": (two, at(10), at(90), at(29), at(28)),
            "expired": (two, at(10), at(30), None, at(28)),
            "started after": (two, at(31), at(90), None, at(31)),
        }
        for n, (name, (agency, started, until, stopped, last)) in enumerate(shares.items()):
            member = await add_member(session, agency=agency, n=n, user_id=700 + n, name=name)
            session.add(
                LiveShare(
                    member_id=member.id or 0,
                    chat_id=agency.telegram_chat_id or 0,
                    message_id=n,
                    started_at=started,
                    live_until=until,
                    stopped_at=stopped,
                    last_at=last,
                )
            )
        await session.flush()
        ids = [one.id or 0, two.id or 0, empty.id or 0]
    async with db.read() as session:
        found = await geo_repo.live_in_agencies(session, agency_ids=ids, at=opening)
        assert await geo_repo.live_in_agencies(session, agency_ids=[], at=opening) == {}
    names = {agency_id: [m.full_name for _, m in rows] for agency_id, rows in found.items()}
    assert names == {ids[0]: ["older", "newer"], ids[1]: ["stopped later"], ids[2]: []}


# --- reminders: many claims in one UPDATE, reports of many windows in one query ----------------


async def test_two_ticks_claiming_reminders_at_once_claim_each_run_exactly_once(
    db: Database,
) -> None:
    first, second, third = await _runs(db, 3)
    async with db.transaction() as session:
        assert await rules_repo.claim_reminder(session, run_id=third, now=at(44))
    slow_claimed = asyncio.Event()

    async def slow() -> set[int]:
        async with db.transaction() as session:
            claimed = await rules_repo.claim_reminders(session, run_ids=[first], now=at(45))
            slow_claimed.set()
            await asyncio.sleep(0.3)  # still uncommitted while the other one claims
            return claimed

    async def fast() -> set[int]:
        await slow_claimed.wait()
        async with db.transaction() as session:
            return await rules_repo.claim_reminders(
                session, run_ids=[first, second, third], now=at(46)
            )

    claimed_slow, claimed_fast = await asyncio.gather(slow(), fast())
    assert (claimed_slow, claimed_fast) == ({first}, {second})
    async with db.read() as session:
        runs = (await session.execute(select(WindowRun))).scalars()
        stamps = {r.id: r.reminder_sent_at for r in runs}
        assert await rules_repo.claim_reminders(session, run_ids=[], now=at(47)) == set()
    assert stamps == {first: at(45), second: at(46), third: at(44)}


async def test_reports_for_windows_answers_as_reports_for_window(db: Database) -> None:
    async with db.transaction() as session:
        one = await add_agency(session, code="ONE", chat_id=-1)
        two = await add_agency(session, code="TWO", chat_id=-2)
        ani = await add_member(session, agency=one, n=1, user_id=601)
        budi = await add_member(session, agency=one, n=2, user_id=602)
        fajar = await add_member(session, agency=two, n=3, user_id=603)
    rows = [
        report_row(ani, status="hadir", when=at(35)),
        report_row(budi, status="terlambat", when=at(65), message_id=2),
        report_row(fajar, status="hadir", when=at(40), message_id=3),
        {**report_row(ani, status="hadir", when=at(275), message_id=4), "window": "11:30"},
        {**report_row(ani, status="hadir", when=at(35), message_id=5), "day": TUESDAY},
    ]
    async with db.transaction() as session:
        await attendance_repo.upsert_reports(session, rows=rows)
    keys = [
        (agency.id or 0, day, window)
        for agency in (one, two)
        for day in (MONDAY, TUESDAY)
        for window in ("07:30", "11:30")
    ]
    async with db.read() as session:
        found = await attendance_repo.reports_for_windows(session, keys=[*keys, keys[0]])
        assert set(found) == set(keys)
        for agency_id, day, window in keys:
            alone = await attendance_repo.reports_for_window(
                session, agency_id=agency_id, day=day, window=window
            )
            assert sorted(r.id or 0 for r in found[(agency_id, day, window)]) == sorted(
                r.id or 0 for r in alone
            )
        assert await attendance_repo.reports_for_windows(session, keys=[]) == {}
    statuses = {k: sorted(r.status for r in v) for k, v in found.items() if v}
    assert statuses == {
        (one.id, MONDAY, "07:30"): ["hadir", "terlambat"],
        (one.id, MONDAY, "11:30"): ["hadir"],
        (one.id, TUESDAY, "07:30"): ["hadir"],
        (two.id, MONDAY, "07:30"): ["hadir"],
    }
