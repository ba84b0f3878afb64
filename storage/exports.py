"""Queries behind the attendance exports: one statement each, whatever the roster size."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.reach import CONFIRMED_WHATSAPP, UNLINKED
from storage.tables import Member, Report
from storage.tables_whatsapp import WhatsAppLink


@dataclass(frozen=True)
class ReportMark:
    """The part of a report an export needs: who answered which window, and how."""

    member_id: int
    day: date
    window: str
    status: str


async def members_of(session: AsyncSession, *, agency_id: int) -> list[Member]:
    """Every member of the agency (linked to a chat account or not), by name then NIP."""
    result = await session.execute(
        select(Member)
        .where(col(Member.agency_id) == agency_id)
        .order_by(col(Member.full_name), col(Member.nip))
    )
    return list(result.scalars())


async def report_marks(
    session: AsyncSession, *, agency_id: int, start: date, end: date
) -> list[ReportMark]:
    """All reports of the agency from ``start`` to ``end`` (local days, inclusive)."""
    result = await session.execute(
        select(
            col(Report.member_id), col(Report.day), col(Report.window), col(Report.status)
        ).where(
            col(Report.agency_id) == agency_id,
            col(Report.day) >= start,
            col(Report.day) <= end,
        )
    )
    return [ReportMark(*row) for row in result.all()]


async def unlinked_ids(session: AsyncSession, *, agency_id: int) -> set[int]:
    """Members with no Telegram account and no confirmed WhatsApp number ("belum terhubung")."""
    result = await session.execute(
        select(col(Member.id))
        .outerjoin(WhatsAppLink, CONFIRMED_WHATSAPP)
        .where(col(Member.agency_id) == agency_id, UNLINKED)
    )
    return {member_id for member_id in result.scalars() if member_id is not None}
