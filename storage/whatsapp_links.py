"""WhatsApp links: which member (or supervisor) a phone number reaches.

A link counts once the member confirmed it and only while ``members.phone`` still
holds the confirmed number: an admin changing the number makes it pending again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import and_, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import Agency, Member
from storage.tables_whatsapp import WhatsAppLink, WhatsAppSupervisor
from storage.upsert import affected, insert_for

_SAME_PHONE = col(WhatsAppLink.phone) == col(Member.phone)
_CONFIRMED = and_(_SAME_PHONE, col(WhatsAppLink.confirmed_at).is_not(None))


async def upsert_link(
    session: AsyncSession, *, member_id: int, phone: str, now: datetime
) -> WhatsAppLink:
    """The member's link for ``phone``; a different number than before starts over."""
    link = (
        await session.execute(select(WhatsAppLink).where(col(WhatsAppLink.member_id) == member_id))
    ).scalar_one_or_none()
    if link is None:
        link = WhatsAppLink(member_id=member_id, phone=phone, created_at=now)
        session.add(link)
    elif link.phone != phone:
        link.phone, link.created_at, link.invited_at, link.confirmed_at = phone, now, None, None
    await session.flush()
    return link


async def uninvited(session: AsyncSession) -> list[tuple[Member, Agency]]:
    """Members with a phone (from /wa or a roster import) whose number was never invited."""
    result = await session.execute(
        select(Member, Agency)
        .join(Agency, col(Agency.id) == col(Member.agency_id))
        .outerjoin(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(
            col(Member.phone).is_not(None),
            col(Agency.paused).is_(False),
            or_(
                col(WhatsAppLink.id).is_(None),
                col(WhatsAppLink.phone) != col(Member.phone),
                and_(
                    col(WhatsAppLink.invited_at).is_(None),
                    col(WhatsAppLink.confirmed_at).is_(None),
                ),
            ),
        )
        .order_by(col(Member.id))
    )
    return [(m, a) for m, a in result.all()]


async def mark_invited(session: AsyncSession, *, member_id: int, now: datetime) -> None:
    await session.execute(
        update(WhatsAppLink).where(col(WhatsAppLink.member_id) == member_id).values(invited_at=now)
    )


async def confirm(session: AsyncSession, *, phone: str, now: datetime) -> list[Member]:
    """Confirm every pending link of ``phone``; return the members it now reaches."""
    result = await session.execute(
        select(Member, WhatsAppLink)
        .join(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(
            col(WhatsAppLink.phone) == phone,
            _SAME_PHONE,
            col(WhatsAppLink.confirmed_at).is_(None),
        )
    )
    confirmed = []
    for member, link in result.all():
        link.confirmed_at = now
        confirmed.append(member)
    return confirmed


async def members_by_phones(
    session: AsyncSession, *, phones: Iterable[str]
) -> dict[str, list[Member]]:
    """Members reachable through each phone (confirmed links only), in one query."""
    wanted = list(set(phones))
    if not wanted:
        return {}
    result = await session.execute(
        select(Member)
        .join(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(col(WhatsAppLink.phone).in_(wanted), _CONFIRMED)
        .order_by(col(Member.id))
    )
    found: dict[str, list[Member]] = {}
    for member in result.scalars():
        assert member.phone is not None
        found.setdefault(member.phone, []).append(member)
    return found


async def pending_members(session: AsyncSession, *, phone: str) -> list[Member]:
    """Members an admin linked to ``phone`` who have not confirmed yet."""
    result = await session.execute(
        select(Member)
        .join(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(col(WhatsAppLink.phone) == phone, _SAME_PHONE)
        .where(col(WhatsAppLink.confirmed_at).is_(None))
    )
    return list(result.scalars())


async def linked_members(session: AsyncSession, *, agency_id: int) -> list[Member]:
    """The agency's members reachable on WhatsApp, by name."""
    result = await session.execute(
        select(Member)
        .join(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(col(Member.agency_id) == agency_id, _CONFIRMED)
        .order_by(col(Member.full_name))
    )
    return list(result.scalars())


async def linked_members_by_agency(
    session: AsyncSession, *, agency_ids: Iterable[int]
) -> dict[int, list[Member]]:
    """:func:`linked_members` for many agencies in one query; each asked agency gets a list."""
    ids = sorted(set(agency_ids))
    found: dict[int, list[Member]] = {i: [] for i in ids}
    if not ids:
        return found
    result = await session.execute(
        select(Member)
        .join(WhatsAppLink, col(WhatsAppLink.member_id) == col(Member.id))
        .where(col(Member.agency_id).in_(ids), _CONFIRMED)
        .order_by(col(Member.full_name), col(Member.id))
    )
    for member in result.scalars():
        found[member.agency_id].append(member)
    return found


async def confirmed_phone(session: AsyncSession, *, member_id: int) -> str | None:
    """The number the member confirmed, while ``members.phone`` still holds it."""
    result = await session.execute(
        select(col(WhatsAppLink.phone))
        .join(Member, col(Member.id) == col(WhatsAppLink.member_id))
        .where(col(WhatsAppLink.member_id) == member_id, _CONFIRMED)
    )
    return result.scalar_one_or_none()


async def add_supervisor(
    session: AsyncSession, *, agency_id: int, phone: str, display_name: str, now: datetime
) -> bool:
    """True when added; False when that number already supervises the agency."""
    stmt = (
        insert_for(session, WhatsAppSupervisor)
        .values(agency_id=agency_id, phone=phone, display_name=display_name, created_at=now)
        .on_conflict_do_nothing(index_elements=["agency_id", "phone"])
    )
    result = await session.execute(stmt)
    return affected(result) > 0


async def list_supervisors(session: AsyncSession, *, agency_id: int) -> list[WhatsAppSupervisor]:
    result = await session.execute(
        select(WhatsAppSupervisor)
        .where(col(WhatsAppSupervisor.agency_id) == agency_id)
        .order_by(col(WhatsAppSupervisor.id))
    )
    return list(result.scalars())


async def supervisor_by_phone(
    session: AsyncSession, *, agency_id: int, phone: str
) -> WhatsAppSupervisor | None:
    result = await session.execute(
        select(WhatsAppSupervisor).where(
            col(WhatsAppSupervisor.agency_id) == agency_id, col(WhatsAppSupervisor.phone) == phone
        )
    )
    return result.scalar_one_or_none()


async def supervises(session: AsyncSession, *, phone: str) -> bool:
    result = await session.execute(
        select(col(WhatsAppSupervisor.id)).where(col(WhatsAppSupervisor.phone) == phone).limit(1)
    )
    return result.first() is not None


async def member_with_phone(session: AsyncSession, *, chat_id: int, phone: str) -> str | None:
    """The name of the member of the agency in ``chat_id`` who holds ``phone``."""
    result = await session.execute(
        select(col(Member.full_name))
        .join(Agency, col(Agency.id) == col(Member.agency_id))
        .where(col(Agency.telegram_chat_id) == chat_id, col(Member.phone) == phone)
    )
    return result.scalar_one_or_none()
