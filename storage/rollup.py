"""BKD groups, agency links and roll-up runs (keyword-only, session passed in)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import Agency, WindowRun
from storage.tables_rollup import BkdGroup, BkdLink, RollupRun
from storage.upsert import affected, insert_for

CONFIRMED = "confirmed"
PENDING = "pending"


async def bkd_by_chat(session: AsyncSession, *, chat_id: int) -> BkdGroup | None:
    result = await session.execute(
        select(BkdGroup).where(col(BkdGroup.telegram_chat_id) == chat_id)
    )
    return result.scalar_one_or_none()


async def bkd_by_code(session: AsyncSession, *, code: str) -> BkdGroup | None:
    result = await session.execute(select(BkdGroup).where(col(BkdGroup.code) == code))
    return result.scalar_one_or_none()


async def all_bkds(session: AsyncSession) -> list[BkdGroup]:
    result = await session.execute(select(BkdGroup).order_by(col(BkdGroup.id)))
    return list(result.scalars())


async def link_of(session: AsyncSession, *, agency_id: int) -> BkdLink | None:
    result = await session.execute(select(BkdLink).where(col(BkdLink.agency_id) == agency_id))
    return result.scalar_one_or_none()


async def replace_link(
    session: AsyncSession, *, agency_id: int, bkd_id: int, requested_by: int, now: datetime
) -> BkdLink:
    """A new pending request; any earlier link of the agency (and its buttons) is void."""
    await session.execute(delete(BkdLink).where(col(BkdLink.agency_id) == agency_id))
    link = BkdLink(
        agency_id=agency_id,
        bkd_id=bkd_id,
        status=PENDING,
        requested_by=requested_by,
        requested_at=now,
    )
    session.add(link)
    await session.flush()
    return link


async def confirm_link(session: AsyncSession, *, link_id: int, user_id: int, now: datetime) -> bool:
    """Confirm a pending link; False when it is gone or was already decided."""
    result = await session.execute(
        update(BkdLink)
        .where(col(BkdLink.id) == link_id, col(BkdLink.status) == PENDING)
        .values(status=CONFIRMED, confirmed_by=user_id, confirmed_at=now)
    )
    return affected(result) > 0


async def drop_pending_link(session: AsyncSession, *, link_id: int) -> bool:
    result = await session.execute(
        delete(BkdLink).where(col(BkdLink.id) == link_id, col(BkdLink.status) == PENDING)
    )
    return affected(result) > 0


async def linked_agencies(session: AsyncSession, *, bkd_id: int | None = None) -> list[Agency]:
    """Agencies with a confirmed link (to one BKD group, or to any), by code."""
    query = (
        select(Agency)
        .join(BkdLink, col(BkdLink.agency_id) == col(Agency.id))
        .where(col(BkdLink.status) == CONFIRMED)
        .order_by(col(Agency.code))
    )
    if bkd_id is not None:
        query = query.where(col(BkdLink.bkd_id) == bkd_id)
    return list((await session.execute(query)).scalars())


async def links_by_bkd(session: AsyncSession) -> dict[int, list[Agency]]:
    """Every confirmed link, as BKD group id -> its agencies (one query)."""
    result = await session.execute(
        select(col(BkdLink.bkd_id), Agency)
        .join(Agency, col(Agency.id) == col(BkdLink.agency_id))
        .where(col(BkdLink.status) == CONFIRMED)
    )
    found: dict[int, list[Agency]] = {}
    for bkd_id, agency in result.all():
        found.setdefault(bkd_id, []).append(agency)
    return found


async def closed_windows(
    session: AsyncSession, *, since: datetime, now: datetime
) -> list[tuple[int, date, str]]:
    """(BKD id, day, window) with a linked agency's deadline in (since, now] and no roll-up yet."""
    rolled = and_(
        col(RollupRun.bkd_id) == col(BkdLink.bkd_id),
        col(RollupRun.day) == col(WindowRun.day),
        col(RollupRun.window) == col(WindowRun.window),
    )
    result = await session.execute(
        select(col(BkdLink.bkd_id), col(WindowRun.day), col(WindowRun.window))
        .join(BkdLink, col(BkdLink.agency_id) == col(WindowRun.agency_id))
        .outerjoin(RollupRun, rolled)
        .where(
            col(BkdLink.status) == CONFIRMED,
            # Local days around the span (any zone): the (agency_id, day) index narrows it.
            col(WindowRun.day) >= (since - timedelta(days=1)).date(),
            col(WindowRun.day) <= (now + timedelta(days=1)).date(),
            col(WindowRun.deadline_at) <= now,
            col(WindowRun.deadline_at) > since,
            col(WindowRun.deadline_at) > col(BkdLink.confirmed_at),  # not before it joined
            col(RollupRun.id).is_(None),
        )
        .group_by(col(BkdLink.bkd_id), col(WindowRun.day), col(WindowRun.window))
        .order_by(col(WindowRun.day), col(WindowRun.window))
    )
    return [(bkd_id, day, window) for bkd_id, day, window in result.all()]


async def claim_rollup(
    session: AsyncSession,
    *,
    bkd_id: int,
    day: date,
    window: str,
    now: datetime,
    email: bool,
) -> int | None:
    """Insert the roll-up run; its id when this call made it, None when it existed."""
    stmt = (
        insert_for(session, RollupRun)
        .values(
            bkd_id=bkd_id,
            day=day,
            window=window,
            created_at=now,
            payload={},
            email_status="pending" if email else None,
            email_attempts=0,
            email_next_at=now if email else None,
        )
        .on_conflict_do_nothing(index_elements=["bkd_id", "day", "window"])
        .returning(col(RollupRun.id))
    )
    return (await session.execute(stmt)).scalar_one_or_none()


async def set_payload(session: AsyncSession, *, run_id: int, payload: dict[str, Any]) -> None:
    await session.execute(
        update(RollupRun).where(col(RollupRun.id) == run_id).values(payload=payload)
    )


async def due_emails(session: AsyncSession, *, now: datetime, limit: int = 20) -> list[RollupRun]:
    """Claim roll-ups whose e-mail copy is due: 'pending' -> 'sending', one attempt more."""
    result = await session.execute(
        select(RollupRun)
        .where(col(RollupRun.email_status) == "pending", col(RollupRun.email_next_at) <= now)
        .order_by(col(RollupRun.email_next_at), col(RollupRun.id))
        .limit(limit)
    )
    runs = list(result.scalars())
    if not runs:
        return []
    claimed = await session.execute(
        update(RollupRun)
        .where(
            col(RollupRun.id).in_([r.id for r in runs]), col(RollupRun.email_status) == "pending"
        )
        .values(email_status="sending", email_attempts=col(RollupRun.email_attempts) + 1)
        .returning(col(RollupRun.id))
    )
    mine = list(claimed.scalars())
    if not mine:
        return []
    fresh = await session.execute(
        select(RollupRun)
        .where(col(RollupRun.id).in_(mine))
        .order_by(col(RollupRun.id))
        .execution_options(populate_existing=True)
    )
    return list(fresh.scalars())


async def record_email(
    session: AsyncSession,
    *,
    run_id: int,
    status: str,
    now: datetime,
    next_at: datetime | None = None,
    error: str | None = None,
) -> None:
    values: dict[str, Any] = {"email_status": status, "email_next_at": next_at}
    values["email_error"] = error[:500] if error else None
    if status == "sent":
        values["email_sent_at"] = now
    await session.execute(update(RollupRun).where(col(RollupRun.id) == run_id).values(**values))


async def runs_of(session: AsyncSession, *, bkd_id: int) -> Sequence[RollupRun]:
    result = await session.execute(
        select(RollupRun).where(col(RollupRun.bkd_id) == bkd_id).order_by(col(RollupRun.id))
    )
    return list(result.scalars())
