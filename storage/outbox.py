"""The outbox: messages owed, claimed before sending, so none goes out twice."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, inspect, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import OutboxMessage
from storage.upsert import affected, insert_for

# Batches go to the Core table: an ORM bulk INSERT groups rows by the keys that are not None
# (``agency_id`` may be), which would split one executemany into several statements.
OUTBOX = cast(Table, inspect(OutboxMessage).local_table)


@dataclass(frozen=True)
class NewMessage:
    """One message for :func:`enqueue_many`."""

    dedupe_key: str
    chat_id: int
    kind: str
    payload: dict[str, Any]
    agency_id: int | None = None
    transport: str = "telegram"


async def enqueue(
    session: AsyncSession,
    *,
    dedupe_key: str,
    chat_id: int,
    kind: str,
    payload: dict[str, Any],
    now: datetime,
    agency_id: int | None = None,
    transport: str = "telegram",
) -> bool:
    """Add a message unless one with the same key exists; True when added."""
    stmt = (
        insert_for(session, OutboxMessage)
        .values(
            dedupe_key=dedupe_key,
            chat_id=chat_id,
            kind=kind,
            payload=payload,
            status="pending",
            attempts=0,
            created_at=now,
            agency_id=agency_id,
            transport=transport,
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
    )
    result = await session.execute(stmt)
    return affected(result) > 0


async def enqueue_many(
    session: AsyncSession, *, messages: Sequence[NewMessage], now: datetime
) -> None:
    """:func:`enqueue` for many messages in one executemany, in order (ids follow it);
    a message whose key exists already is skipped."""
    if not messages:
        return
    stmt = insert_for(session, OUTBOX).on_conflict_do_nothing(index_elements=["dedupe_key"])
    rows = [
        {
            "dedupe_key": m.dedupe_key,
            "chat_id": m.chat_id,
            "kind": m.kind,
            "payload": m.payload,
            "status": "pending",
            "attempts": 0,
            "created_at": now,
            "agency_id": m.agency_id,
            "transport": m.transport,
        }
        for m in messages
    ]
    await session.execute(stmt, rows)


async def get_by_key(session: AsyncSession, *, dedupe_key: str) -> OutboxMessage | None:
    result = await session.execute(
        select(OutboxMessage).where(col(OutboxMessage.dedupe_key) == dedupe_key)
    )
    return result.scalar_one_or_none()


async def claim_pending(session: AsyncSession, *, limit: int = 500) -> list[OutboxMessage]:
    """Mark up to ``limit`` pending messages as 'sending' and return them.

    Only the messages this call moved are returned, so overlapping claims (another
    process, a deploy overlap) split the work instead of both sending it. A message
    left in 'sending' by a crash is never sent again: at most once.
    """
    result = await session.execute(
        select(OutboxMessage)
        .where(col(OutboxMessage.status) == "pending")
        .order_by(col(OutboxMessage.id))
        .limit(limit)
    )
    items = list(result.scalars())
    if not items:
        return []
    claimed = await session.execute(
        update(OutboxMessage)
        .where(
            col(OutboxMessage.id).in_([i.id for i in items]),
            col(OutboxMessage.status) == "pending",
        )
        .values(status="sending", attempts=col(OutboxMessage.attempts) + 1)
        .returning(col(OutboxMessage.id))
    )
    mine = set(claimed.scalars())
    return [i for i in items if i.id in mine]


async def mark_sent(
    session: AsyncSession, *, outbox_id: int, message_id: int | None, now: datetime
) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == outbox_id)
        .values(status="sent", sent_at=now, message_id=message_id, error=None)
    )


async def mark_sent_many(
    session: AsyncSession, *, sent: Sequence[tuple[int, int | None]], now: datetime
) -> None:
    """:func:`mark_sent` for many (outbox id, message id) pairs in one executemany."""
    if not sent:
        return
    stmt = (
        update(OUTBOX)
        .where(OUTBOX.c.id == bindparam("outbox_id"))
        .values(status="sent", sent_at=now, message_id=bindparam("sent_message_id"), error=None)
    )
    await session.execute(
        stmt, [{"outbox_id": i, "sent_message_id": message_id} for i, message_id in sent]
    )


async def mark_failed(session: AsyncSession, *, outbox_id: int, error: str) -> None:
    await session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == outbox_id)
        .values(status="failed", error=error[:500])
    )


async def release(session: AsyncSession, *, outbox_id: int, error: str) -> None:
    """Give a message back to the queue after a failure that certainly sent nothing."""
    await session.execute(
        update(OutboxMessage)
        .where(col(OutboxMessage.id) == outbox_id)
        .values(status="pending", error=error[:500])
    )


async def count_by_status(session: AsyncSession, *, status: str) -> int:
    result = await session.execute(
        select(col(OutboxMessage.id)).where(col(OutboxMessage.status) == status)
    )
    return len(result.all())
