"""The migrated schema: it matches the tables, keeps time in UTC, and refuses bad rows.

Every test runs on SQLite and on PostgreSQL (see ``tests/conftest.py``).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from typing import Any

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError, StatementError

from storage import attendance as attendance_repo
from storage import outbox as outbox_repo
from storage.db import Database
from storage.migrate import alembic_config, upgrade
from storage.schema import metadata as schema_metadata
from storage.tables import Agency, Member, Report, WindowRun
from tests.storage.builders import (
    BIG_USER,
    MONDAY,
    T0,
    add_agency,
    add_member,
    add_supervisor,
    nip,
    report_row,
    run_row,
)

WIB = timezone(timedelta(hours=7))
TABLES = {
    "agencies",
    "members",
    "supervisors",
    "window_runs",
    "reports",
    "location_events",
    "outbox",
    "bot_state",
    "user_languages",
    "deletion_requests",
}


def _drift(connection: Connection) -> list[Any]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return list(compare_metadata(context, schema_metadata))


def _current_heads(connection: Connection) -> set[str]:
    return set(MigrationContext.configure(connection).get_current_heads())


def _table_names(connection: Connection) -> set[str]:
    return set(inspect(connection).get_table_names())


# --- migrations --------------------------------------------------------------


async def test_migrations_reach_the_one_head(db: Database) -> None:
    heads = ScriptDirectory.from_config(alembic_config()).get_heads()
    assert len(heads) == 1, f"the migration tree forked: {heads}; add a merge revision"
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_current_heads) == set(heads)
        assert TABLES <= await conn.run_sync(_table_names)


async def test_a_database_on_the_old_branch_heads_upgrades_to_the_merge(db: Database) -> None:
    """Installations migrated before 0007 stand on four heads; ``upgrade`` joins them."""

    def to(*revisions: str) -> Callable[[Connection], None]:
        def step(connection: Connection) -> None:
            config = alembic_config()
            config.attributes["connection"] = connection
            for revision in revisions:
                if revision == "base":
                    command.downgrade(config, revision)
                else:
                    command.upgrade(config, revision)

        return step

    async with db.engine.begin() as conn:
        await conn.run_sync(to("base", "0003", "0004", "0005", "0006"))
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_current_heads) == {"0003", "0004", "0005", "0006"}
    await upgrade(db.engine)
    head = set(ScriptDirectory.from_config(alembic_config()).get_heads())
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_current_heads) == head  # through 0007, to the one head
        assert await conn.run_sync(_drift) == []


async def test_migrated_schema_has_no_drift_from_the_tables(db: Database) -> None:
    # Nothing is ignored on either backend: the named constraints make the reflected
    # schema match storage.tables exactly (types compared too).
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_drift) == []


async def test_drift_check_sees_a_missing_index(db: Database) -> None:
    """The comparison above is live: an index the migrations lost is reported."""
    async with db.engine.begin() as conn:
        await conn.execute(text("DROP INDEX ix_outbox_status"))
    async with db.engine.connect() as conn:
        drift = await conn.run_sync(_drift)
    assert [(d[0], d[1].name) for d in drift] == [("add_index", "ix_outbox_status")]


async def test_downgrade_to_base_and_upgrade_again(db: Database) -> None:
    def downgrade(connection: Connection) -> None:
        config = alembic_config()
        config.attributes["connection"] = connection
        command.downgrade(config, "base")

    async with db.engine.begin() as conn:
        await conn.run_sync(downgrade)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_table_names) & TABLES == set()
    await upgrade(db.engine)
    async with db.engine.connect() as conn:
        assert await conn.run_sync(_drift) == []


# --- UTC timestamps ----------------------------------------------------------


async def test_utc_datetime_round_trips_as_aware_utc(db: Database) -> None:
    local = datetime(2026, 3, 2, 7, 30, 15, 123456, tzinfo=WIB)
    async with db.transaction() as session:
        agency = await add_agency(session)
        agency.created_at = local
    async with db.read() as session:
        stored = await session.get(Agency, agency.id)
        assert stored is not None
        assert stored.created_at == local
        assert stored.created_at.utcoffset() == timedelta(0)
        assert stored.created_at.tzinfo is not None
        assert (stored.created_at.hour, stored.created_at.microsecond) == (0, 123456)


async def test_utc_datetime_refuses_naive_values(db: Database) -> None:
    with pytest.raises(StatementError, match="naive") as caught:
        async with db.transaction() as session:
            await add_agency(session)
            session.add(Agency(code="X", name="X", created_at=datetime(2026, 3, 2), updated_at=T0))
    assert isinstance(caught.value.orig, ValueError)
    async with db.read() as session:
        assert (await session.execute(select(Agency))).all() == []


async def test_utc_values_compare_as_instants_in_queries(db: Database) -> None:
    """Runs stored from local times are found by a UTC ``now`` (stored normalised)."""
    async with db.transaction() as session:
        agency = await add_agency(session)
        row = run_row(agency)
        row["opens_at"] = row["opens_at"].astimezone(WIB)  # 07:30 WIB == 00:30 UTC
        await attendance_repo.ensure_runs(session, rows=[row])
    async with db.read() as session:
        assert await attendance_repo.due_prompts(session, now=T0 + timedelta(minutes=29)) == []
        due = await attendance_repo.due_prompts(session, now=T0 + timedelta(minutes=30))
        assert [run.window for run, _ in due] == ["07:30"]


# --- unique constraints ------------------------------------------------------


async def _refused(db: Database, build: Any) -> None:
    """``build(session)`` must violate a constraint; nothing it wrote may remain."""
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            await build(session)


async def test_agency_code_is_unique(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, code="DINKES", chat_id=-1)

    async def duplicate(session: Any) -> None:
        await add_agency(session, code="DINKES", chat_id=-2)

    await _refused(db, duplicate)


async def test_agency_chat_id_is_unique_but_may_be_absent_many_times(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, code="A", chat_id=-1)
        await add_agency(session, code="B", chat_id=None)
        await add_agency(session, code="C", chat_id=None)

    async def duplicate(session: Any) -> None:
        await add_agency(session, code="D", chat_id=-1)

    await _refused(db, duplicate)


async def test_member_nip_is_unique_per_agency(db: Database) -> None:
    async with db.transaction() as session:
        first = await add_agency(session, code="A", chat_id=-1)
        other = await add_agency(session, code="B", chat_id=-2)
        await add_member(session, agency=first, n=1)
        await add_member(session, agency=other, n=1)  # the same person in another agency

    async def duplicate(session: Any) -> None:
        await add_member(session, agency=first, n=1, name="Someone Else")

    await _refused(db, duplicate)


async def test_member_chat_account_is_unique_per_agency(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        await add_member(session, agency=agency, n=1, user_id=BIG_USER)
        await add_member(session, agency=agency, n=2, user_id=None)  # not linked yet
        await add_member(session, agency=agency, n=3, user_id=None)

    async def duplicate(session: Any) -> None:
        await add_member(session, agency=agency, n=4, user_id=BIG_USER)

    await _refused(db, duplicate)


async def test_supervisor_is_unique_per_agency(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        await add_supervisor(session, agency=agency, user_id=BIG_USER)

    async def duplicate(session: Any) -> None:
        await add_supervisor(session, agency=agency, user_id=BIG_USER)

    await _refused(db, duplicate)


async def test_ensure_runs_twice_keeps_one_run_and_its_stamps(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        await attendance_repo.ensure_runs(session, rows=[run_row(agency)])
        (run,) = await attendance_repo.runs_for_day(session, agency_id=agency.id or 0, day=MONDAY)
        assert await attendance_repo.claim_prompt(session, run_id=run.id or 0, now=T0)
    async with db.transaction() as session:
        moved = run_row(agency, opens=45, deadline=90)  # a re-plan must not rewrite history
        await attendance_repo.ensure_runs(session, rows=[moved, run_row(agency)])
    async with db.read() as session:
        runs = (await session.execute(select(WindowRun))).scalars().all()
    assert [(r.window, r.opens_at, r.prompt_sent_at) for r in runs] == [
        ("07:30", T0 + timedelta(minutes=30), T0)
    ]

    async def duplicate(session: Any) -> None:
        session.add(WindowRun(**run_row(agency)))

    await _refused(db, duplicate)


async def test_outbox_dedupe_key_admits_one_message(db: Database) -> None:
    async with db.transaction() as session:
        first = await outbox_repo.enqueue(
            session, dedupe_key="prompt:1", chat_id=-1, kind="prompt", payload={"n": 1}, now=T0
        )
        second = await outbox_repo.enqueue(
            session, dedupe_key="prompt:1", chat_id=-2, kind="prompt", payload={"n": 2}, now=T0
        )
    assert (first, second) == (True, False)
    async with db.read() as session:
        message = await outbox_repo.get_by_key(session, dedupe_key="prompt:1")
        assert message is not None
        assert (message.chat_id, message.payload) == (-1, {"n": 1})
        assert await outbox_repo.count_by_status(session, status="pending") == 1


# --- check and foreign-key constraints ---------------------------------------


@pytest.mark.parametrize("deadline", [0, 241])
async def test_deadline_outside_1_to_240_minutes_is_refused(db: Database, deadline: int) -> None:
    async def bad(session: Any) -> None:
        await add_agency(session, deadline_minutes=deadline)

    await _refused(db, bad)


async def test_deadline_bounds_are_accepted(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session, code="A", chat_id=-1, deadline_minutes=1)
        await add_agency(session, code="B", chat_id=-2, deadline_minutes=240)


async def test_unknown_zone_is_refused(db: Database) -> None:
    async def bad(session: Any) -> None:
        await add_agency(session, zone="XYZ")

    await _refused(db, bad)


async def test_nip_must_have_18_characters(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)

    async def bad(session: Any) -> None:
        session.add(
            Member(
                agency_id=agency.id or 0,
                nip=nip(1)[:17],
                full_name="Budi",
                created_at=T0,
                updated_at=T0,
            )
        )

    await _refused(db, bad)


async def test_report_status_must_be_known(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency)

    async def bad(session: Any) -> None:
        session.add(Report(**report_row(member, status="foo", when=T0)))

    await _refused(db, bad)


async def test_foreign_keys_are_enforced_and_cascade(db: Database) -> None:
    """SQLite only enforces them with ``PRAGMA foreign_keys=ON`` (storage.db sets it)."""

    async def orphan(session: Any) -> None:
        session.add(Member(agency_id=999, nip=nip(1), full_name="X", created_at=T0, updated_at=T0))

    await _refused(db, orphan)

    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency)
        await attendance_repo.upsert_reports(
            session, rows=[report_row(member, status="hadir", when=T0)]
        )
    async with db.transaction() as session:
        await session.delete(await session.get(Agency, agency.id))
    async with db.read() as session:
        assert (await session.execute(select(Member))).all() == []
        assert (await session.execute(select(Report))).all() == []
