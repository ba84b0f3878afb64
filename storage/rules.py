"""Repository functions for the attendance-rule tables (keyword-only, session first)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import and_, delete, or_, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import Agency, OutboxMessage, WindowRun
from storage.tables_rules import (
    ActivityReport,
    AgencyDayOff,
    LeaveDecision,
    LeaveRequest,
    WfhPeriod,
)
from storage.upsert import affected, insert_for

# --- calendar ----------------------------------------------------------------------------------


async def calendars(
    session: AsyncSession, *, agency_ids: Iterable[int], start: date, end: date
) -> tuple[list[AgencyDayOff], dict[int, WfhPeriod]]:
    """In one query: the agencies' days off from ``start`` to ``end`` (in day order) and
    their WFH periods (by agency id, as :func:`periods`)."""
    ids = list(set(agency_ids))
    if not ids:
        return [], {}
    result = await session.execute(
        select(WfhPeriod, AgencyDayOff)
        .select_from(Agency)
        .outerjoin(WfhPeriod, col(WfhPeriod.agency_id) == col(Agency.id))
        .outerjoin(
            AgencyDayOff,
            and_(
                col(AgencyDayOff.agency_id) == col(Agency.id),
                col(AgencyDayOff.day) >= start,
                col(AgencyDayOff.day) <= end,
            ),
        )
        .where(col(Agency.id).in_(ids))
        .order_by(col(AgencyDayOff.day))
    )
    found: list[AgencyDayOff] = []
    periods: dict[int, WfhPeriod] = {}
    for period, day_off in result.all():
        if period is not None:
            periods[period.agency_id] = period
        if day_off is not None:
            found.append(day_off)
    return found, periods


async def add_day_off(
    session: AsyncSession, *, agency_id: int, day: date, note: str, now: datetime
) -> None:
    """Add or re-describe an agency day off (unique per agency and day)."""
    stmt = insert_for(session, AgencyDayOff).values(
        agency_id=agency_id, day=day, note=note, created_at=now
    )
    await session.execute(
        stmt.on_conflict_do_update(index_elements=["agency_id", "day"], set_={"note": note})
    )


async def remove_day_off(session: AsyncSession, *, agency_id: int, day: date) -> bool:
    result = await session.execute(
        delete(AgencyDayOff).where(
            col(AgencyDayOff.agency_id) == agency_id, col(AgencyDayOff.day) == day
        )
    )
    return affected(result) > 0


async def periods(session: AsyncSession, *, agency_ids: Iterable[int]) -> dict[int, WfhPeriod]:
    ids = list(set(agency_ids))
    if not ids:
        return {}
    result = await session.execute(select(WfhPeriod).where(col(WfhPeriod.agency_id).in_(ids)))
    return {p.agency_id: p for p in result.scalars()}


async def set_period(
    session: AsyncSession, *, agency_id: int, start: date, end: date, now: datetime
) -> None:
    stmt = insert_for(session, WfhPeriod).values(
        agency_id=agency_id, start_day=start, end_day=end, updated_at=now
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["agency_id"],
            set_={"start_day": start, "end_day": end, "updated_at": now},
        )
    )


async def clear_period(session: AsyncSession, *, agency_id: int) -> bool:
    result = await session.execute(delete(WfhPeriod).where(col(WfhPeriod.agency_id) == agency_id))
    return affected(result) > 0


# --- leave -------------------------------------------------------------------------------------


async def leave_covering(
    session: AsyncSession, *, agency_id: int, start: date, end: date
) -> list[LeaveRequest]:
    """Pending and approved requests of the agency that overlap ``start``..``end``."""
    result = await session.execute(
        select(LeaveRequest)
        .where(
            col(LeaveRequest.agency_id) == agency_id,
            col(LeaveRequest.status).in_(("pending", "approved")),
            col(LeaveRequest.start_day) <= end,
            col(LeaveRequest.end_day) >= start,
        )
        .order_by(col(LeaveRequest.id))
    )
    return list(result.scalars())


async def leave_covering_by_agency(
    session: AsyncSession, *, agency_ids: Iterable[int], start: date, end: date
) -> dict[int, list[LeaveRequest]]:
    """:func:`leave_covering` for many agencies in one query; each asked agency gets a list."""
    ids = sorted(set(agency_ids))
    found: dict[int, list[LeaveRequest]] = {i: [] for i in ids}
    if not ids:
        return found
    result = await session.execute(
        select(LeaveRequest)
        .where(
            col(LeaveRequest.agency_id).in_(ids),
            col(LeaveRequest.status).in_(("pending", "approved")),
            col(LeaveRequest.start_day) <= end,
            col(LeaveRequest.end_day) >= start,
        )
        .order_by(col(LeaveRequest.id))
    )
    for request in result.scalars():
        found[request.agency_id].append(request)
    return found


async def member_leave_overlapping(
    session: AsyncSession, *, member_id: int, start: date, end: date
) -> LeaveRequest | None:
    result = await session.execute(
        select(LeaveRequest)
        .where(
            col(LeaveRequest.member_id) == member_id,
            col(LeaveRequest.status).in_(("pending", "approved")),
            col(LeaveRequest.start_day) <= end,
            col(LeaveRequest.end_day) >= start,
        )
        .order_by(col(LeaveRequest.id))
        .limit(1)
    )
    return result.scalar_one_or_none()


async def claim_decision(session: AsyncSession, *, request_id: int, status: str) -> bool:
    """Move a pending request to ``status``; False when it was already decided."""
    result = await session.execute(
        update(LeaveRequest)
        .where(col(LeaveRequest.id) == request_id, col(LeaveRequest.status) == "pending")
        .values(status=status)
    )
    return affected(result) > 0


async def decision_of(session: AsyncSession, *, request_id: int) -> LeaveDecision | None:
    result = await session.execute(
        select(LeaveDecision).where(col(LeaveDecision.request_id) == request_id)
    )
    return result.scalar_one_or_none()


# --- activity reports --------------------------------------------------------------------------


async def upsert_activity(
    session: AsyncSession, *, member_id: int, agency_id: int, day: date, text: str, now: datetime
) -> None:
    stmt = insert_for(session, ActivityReport).values(
        member_id=member_id, agency_id=agency_id, day=day, text=text, created_at=now, updated_at=now
    )
    await session.execute(
        stmt.on_conflict_do_update(
            index_elements=["member_id", "day"], set_={"text": text, "updated_at": now}
        )
    )


async def activity_for_day(
    session: AsyncSession, *, agency_id: int, day: date
) -> dict[int, ActivityReport]:
    result = await session.execute(
        select(ActivityReport).where(
            col(ActivityReport.agency_id) == agency_id, col(ActivityReport.day) == day
        )
    )
    return {a.member_id: a for a in result.scalars()}


# --- reminders ---------------------------------------------------------------------------------


async def reminder_candidates(session: AsyncSession, *, now: datetime) -> list[WindowRun]:
    """Open windows whose reminder is not claimed yet (the halfway test is the caller's)."""
    result = await session.execute(
        select(WindowRun)
        .where(
            col(WindowRun.reminder_sent_at).is_(None),
            col(WindowRun.summary_sent_at).is_(None),
            col(WindowRun.prompt_sent_at).is_not(None),
            col(WindowRun.opens_at) <= now,
            col(WindowRun.deadline_at) > now,
        )
        .order_by(col(WindowRun.opens_at), col(WindowRun.id))
    )
    return list(result.scalars())


async def claim_reminder(session: AsyncSession, *, run_id: int, now: datetime) -> bool:
    result = await session.execute(
        update(WindowRun)
        .where(col(WindowRun.id) == run_id, col(WindowRun.reminder_sent_at).is_(None))
        .values(reminder_sent_at=now)
    )
    return affected(result) > 0


async def claim_reminders(
    session: AsyncSession, *, run_ids: Iterable[int], now: datetime
) -> set[int]:
    """:func:`claim_reminder` for many runs in one UPDATE; returns the ids this call stamped
    (a run another transaction claimed first is left out: each is claimed exactly once)."""
    ids = sorted(set(run_ids))
    if not ids:
        return set()
    result = await session.execute(
        update(WindowRun)
        .where(col(WindowRun.id).in_(ids), col(WindowRun.reminder_sent_at).is_(None))
        .values(reminder_sent_at=now)
        .returning(col(WindowRun.id))
        .execution_options(synchronize_session="fetch")
    )
    return {run_id for run_id in result.scalars() if run_id is not None}


async def sent_copies(session: AsyncSession, *, request_id: int) -> list[tuple[int, int]]:
    """(chat, message) of every copy of a leave request that reached a chat."""
    result = await session.execute(
        select(col(OutboxMessage.chat_id), col(OutboxMessage.message_id)).where(
            or_(
                col(OutboxMessage.dedupe_key).startswith(f"leave:{request_id}:"),
                col(OutboxMessage.dedupe_key).startswith(f"leave-group:{request_id}"),
            ),
            col(OutboxMessage.status) == "sent",
            col(OutboxMessage.message_id).is_not(None),
        )
    )
    return [(int(chat), int(message)) for chat, message in result.all() if message is not None]


async def activity_reporters(
    session: AsyncSession, *, keys: Iterable[tuple[int, date]]
) -> dict[tuple[int, date], set[int]]:
    """Member ids with an activity report, per asked (agency, day), in one query."""
    wanted = sorted(set(keys))
    found: dict[tuple[int, date], set[int]] = {k: set() for k in wanted}
    if not wanted:
        return found
    result = await session.execute(
        select(
            col(ActivityReport.agency_id), col(ActivityReport.day), col(ActivityReport.member_id)
        ).where(tuple_(col(ActivityReport.agency_id), col(ActivityReport.day)).in_(wanted))
    )
    for agency_id, day, member_id in result.all():
        found.setdefault((agency_id, day), set()).add(member_id)
    return found
