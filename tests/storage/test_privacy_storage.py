"""Reply languages and deletion requests against a migrated database (SQLite and PostgreSQL)."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from storage import privacy as privacy_repo
from storage.db import Database
from storage.tables_privacy import DeletionRequest, UserLanguage
from tests.storage.builders import BIG_CHAT, BIG_USER, T0, add_agency, add_member, at


async def test_a_user_language_is_upserted_for_a_64_bit_user_id(db: Database) -> None:
    async with db.transaction() as session:
        assert await privacy_repo.user_language(session, user_id=BIG_USER) is None
        await privacy_repo.set_user_language(session, user_id=BIG_USER, language="en", now=T0)
    async with db.transaction() as session:
        await privacy_repo.set_user_language(session, user_id=BIG_USER, language="id", now=at(5))
    async with db.read() as session:
        assert await privacy_repo.user_language(session, user_id=BIG_USER) == "id"
        [row] = (await session.execute(select(UserLanguage))).scalars().all()
        assert row.updated_at == at(5) and row.updated_at.utcoffset() is not None


async def test_only_known_languages_are_stored(db: Database) -> None:
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            await privacy_repo.set_user_language(session, user_id=1, language="jv", now=T0)


async def test_the_agency_language_is_read_and_set_by_its_group(db: Database) -> None:
    async with db.transaction() as session:
        await add_agency(session)
        assert await privacy_repo.agency_language(session, chat_id=BIG_CHAT) == "id"
        assert await privacy_repo.set_agency_language(
            session, chat_id=BIG_CHAT, language="en", now=at(1)
        )
        assert not await privacy_repo.set_agency_language(
            session, chat_id=-5, language="en", now=at(1)
        )
    async with db.read() as session:
        assert await privacy_repo.agency_language(session, chat_id=BIG_CHAT) == "en"
        assert await privacy_repo.agency_language(session, chat_id=-5) is None


async def test_one_pending_deletion_request_per_member_any_number_decided(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency, user_id=BIG_USER)
        assert agency.id is not None and member.id is not None
        ids = {"agency_id": agency.id, "member_id": member.id}
        first = await privacy_repo.request_deletion(session, **ids, now=T0)
        assert first is not None and first.status == "pending"
        assert await privacy_repo.request_deletion(session, **ids, now=at(1)) is None
        pending = await privacy_repo.pending_deletion(session, member_id=member.id)
        assert pending is not None and pending.id == first.id and pending.created_at == T0
        await session.execute(
            update(DeletionRequest)
            .where(col(DeletionRequest.id) == first.id)
            .values(status="refused", slot=None, decided_at=at(2))
        )
        assert await privacy_repo.pending_deletion(session, member_id=member.id) is None
        second = await privacy_repo.request_deletion(session, **ids, now=at(3))
        assert second is not None and second.id != first.id
    async with db.read() as session:
        rows = (await session.execute(select(DeletionRequest))).scalars().all()
        assert sorted(r.status for r in rows) == ["pending", "refused"]


async def test_a_pending_slot_must_match_the_status(db: Database) -> None:
    async with db.transaction() as session:
        agency = await add_agency(session)
        member = await add_member(session, agency=agency, user_id=BIG_USER)
        assert agency.id is not None and member.id is not None
        ids = (agency.id, member.id)
    with pytest.raises(IntegrityError):
        async with db.transaction() as session:
            session.add(
                DeletionRequest(
                    agency_id=ids[0], member_id=ids[1], status="done", slot="pending", created_at=T0
                )
            )
