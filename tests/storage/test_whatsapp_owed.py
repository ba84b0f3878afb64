"""What a WhatsApp user is owed until they next write: several items, the newest of a key
replacing the older, all taken at once (SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import timedelta

from storage import whatsapp_messages as messages_repo
from storage.db import Database
from storage.tables_whatsapp import WhatsAppContact
from tests.storage.builders import T0

PHONE = "+6281177776666"


async def test_items_pile_up_by_key_and_are_taken_once(db: Database) -> None:
    async with db.transaction() as session:
        for n, (kind, key) in enumerate(
            [("summary", "summary"), ("leave_request", "leave_request:7"), ("summary", "summary")]
        ):
            await messages_repo.owe(
                session,
                phone=PHONE,
                owed={"kind": kind, "payload": {"n": n}},
                key=key,
                now=T0 + timedelta(minutes=n),
            )
    async with db.transaction() as session:
        taken = await messages_repo.take_owed(session, phone=PHONE, now=T0 + timedelta(hours=1))
    # the second summary replaced the first; the leave request stays, older first
    assert [(i["kind"], i["payload"]["n"]) for i in taken] == [("leave_request", 1), ("summary", 2)]
    async with db.transaction() as session:
        assert await messages_repo.take_owed(session, phone=PHONE, now=T0) == []


async def test_a_single_item_stored_before_lists_is_still_delivered(db: Database) -> None:
    async with db.transaction() as session:
        session.add(
            WhatsAppContact(
                phone=PHONE, owed={"kind": "summary", "payload": {"n": 0}}, updated_at=T0
            )
        )
    async with db.transaction() as session:
        taken = await messages_repo.take_owed(session, phone=PHONE, now=T0)
    assert taken == [{"kind": "summary", "payload": {"n": 0}}]
