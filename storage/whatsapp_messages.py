"""WhatsApp traffic: contacts (session window, owed replies), inbound claims, statuses."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import case, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables_whatsapp import (
    STATUSES,
    WhatsAppContact,
    WhatsAppInbound,
    WhatsAppMessage,
)
from storage.upsert import affected, insert_for

RANK = {status: rank for rank, status in enumerate(STATUSES)}


# contacts ---------------------------------------------------------------------------------------
async def touch(session: AsyncSession, *, phone: str, at: datetime, now: datetime) -> None:
    """The user wrote at ``at``: their 24-hour customer-service window runs from the latest."""
    ins = insert_for(session, WhatsAppContact)
    stmt = ins.values(phone=phone, last_inbound_at=at, updated_at=now).on_conflict_do_update(
        index_elements=["phone"],
        set_={
            "last_inbound_at": case(
                (col(WhatsAppContact.last_inbound_at).is_(None), ins.excluded.last_inbound_at),
                (
                    ins.excluded.last_inbound_at > col(WhatsAppContact.last_inbound_at),
                    ins.excluded.last_inbound_at,
                ),
                else_=col(WhatsAppContact.last_inbound_at),
            ),
            "updated_at": now,
        },
    )
    await session.execute(stmt)


async def last_inbound(session: AsyncSession, *, phone: str) -> datetime | None:
    contact = await session.get(WhatsAppContact, phone)
    return contact.last_inbound_at if contact is not None else None


def _owed_items(owed: dict[str, Any] | None) -> list[dict[str, Any]]:
    if not owed:
        return []
    if "items" in owed:
        return [dict(item) for item in owed["items"]]
    return [dict(owed)]  # one item, as stored before lists


async def owe(
    session: AsyncSession, *, phone: str, owed: dict[str, Any], key: str, now: datetime
) -> None:
    """Keep something to send in full once the user writes (and opens the session); a
    newer item with the same ``key`` (e.g. the latest summary) replaces the older one."""
    await session.execute(
        insert_for(session, WhatsAppContact)
        .values(phone=phone, owed=None, updated_at=now)
        .on_conflict_do_nothing(index_elements=["phone"])
    )
    contact = await session.get(
        WhatsAppContact, phone, with_for_update=True, populate_existing=True
    )
    assert contact is not None
    items = [item for item in _owed_items(contact.owed) if item.get("key") != key]
    contact.owed, contact.updated_at = {"items": [*items, {**owed, "key": key}]}, now


async def take_owed(session: AsyncSession, *, phone: str, now: datetime) -> list[dict[str, Any]]:
    """Everything owed to ``phone``, oldest first; nothing is owed afterwards."""
    contact = await session.get(WhatsAppContact, phone, with_for_update=True)
    if contact is None or contact.owed is None:
        return []
    items = _owed_items(contact.owed)
    contact.owed, contact.updated_at = None, now
    return items


# inbound ----------------------------------------------------------------------------------------
async def claim_inbound(
    session: AsyncSession,
    *,
    wamid: str,
    phone: str,
    kind: str,
    sent_at: datetime,
    now: datetime,
    stale_after: timedelta,
) -> int | None:
    """The row id when this call may handle the message; None when it was (or is being) handled.

    A claim left unfinished for ``stale_after`` (the process died mid-way) may be taken again.
    """
    stmt = (
        insert_for(session, WhatsAppInbound)
        .values(wamid=wamid, phone=phone, kind=kind, sent_at=sent_at, claimed_at=now)
        .on_conflict_do_nothing(index_elements=["wamid"])
        .returning(col(WhatsAppInbound.id))
    )
    inserted = (await session.execute(stmt)).scalar_one_or_none()
    if inserted is not None:
        return int(inserted)
    retaken = await session.execute(
        update(WhatsAppInbound)
        .where(
            col(WhatsAppInbound.wamid) == wamid,
            col(WhatsAppInbound.done_at).is_(None),
            col(WhatsAppInbound.claimed_at) < now - stale_after,
        )
        .values(claimed_at=now)
        .returning(col(WhatsAppInbound.id))
    )
    found = retaken.scalar_one_or_none()
    return int(found) if found is not None else None


async def finish_inbound(session: AsyncSession, *, inbound_id: int, now: datetime) -> None:
    await session.execute(
        update(WhatsAppInbound).where(col(WhatsAppInbound.id) == inbound_id).values(done_at=now)
    )


async def release_inbound(session: AsyncSession, *, inbound_id: int) -> None:
    """Handling failed: forget the claim so that Meta's retry is handled afresh."""
    await session.execute(delete(WhatsAppInbound).where(col(WhatsAppInbound.id) == inbound_id))


# outbound messages and their statuses -----------------------------------------------------------
async def record_sent(
    session: AsyncSession,
    *,
    wamid: str | None,
    phone: str,
    kind: str,
    now: datetime,
    status: str = "accepted",
    outbox_id: int | None = None,
    run_id: int | None = None,
    member_id: int | None = None,
    error_code: int | None = None,
    error_title: str | None = None,
) -> int:
    """Record a message the API accepted (or refused: ``status="failed"``, no wamid).

    A status callback may have arrived first and created the row: its status is kept.
    """
    values = {
        "wamid": wamid,
        "phone": phone,
        "kind": kind,
        "outbox_id": outbox_id,
        "run_id": run_id,
        "member_id": member_id,
        "status": status,
        "rank": RANK[status],
        "error_code": error_code,
        "error_title": error_title[:200] if error_title else None,
        "created_at": now,
        "updated_at": now,
    }
    stmt = insert_for(session, WhatsAppMessage).values(**values)
    if wamid is not None:
        stmt = stmt.on_conflict_do_update(
            index_elements=["wamid"],
            set_={"kind": kind, "outbox_id": outbox_id, "run_id": run_id, "member_id": member_id},
        )
    result = await session.execute(stmt.returning(col(WhatsAppMessage.id)))
    return int(result.scalar_one())


async def apply_status(
    session: AsyncSession,
    *,
    wamid: str,
    phone: str,
    status: str,
    at: datetime,
    error_code: int | None = None,
    error_title: str | None = None,
) -> bool:
    """Move a message forward to ``status``; never backwards. True when something changed."""
    rank = RANK[status]
    ins = insert_for(session, WhatsAppMessage)
    stmt = ins.values(
        wamid=wamid,
        phone=phone,
        kind="unknown",
        status=status,
        rank=rank,
        error_code=error_code,
        error_title=error_title[:200] if error_title else None,
        created_at=at,
        updated_at=at,
    ).on_conflict_do_update(
        index_elements=["wamid"],
        set_={
            "status": status,
            "rank": rank,
            "error_code": error_code,
            "error_title": ins.excluded.error_title,
            "updated_at": at,
        },
        where=col(WhatsAppMessage.rank) < rank,
    )
    return affected(await session.execute(stmt)) > 0


async def failed_prompts(session: AsyncSession, *, run_id: int) -> set[int]:
    """Members whose prompt for this window run could not be delivered."""
    result = await session.execute(
        select(col(WhatsAppMessage.member_id)).where(
            col(WhatsAppMessage.run_id) == run_id,
            col(WhatsAppMessage.kind) == "prompt",
            col(WhatsAppMessage.status) == "failed",
        )
    )
    return {m for m in result.scalars() if m is not None}


async def by_wamid(session: AsyncSession, *, wamid: str) -> WhatsAppMessage | None:
    result = await session.execute(
        select(WhatsAppMessage).where(col(WhatsAppMessage.wamid) == wamid)
    )
    return result.scalar_one_or_none()
