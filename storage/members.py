"""Member repository functions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import and_, func, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.reach import CONFIRMED_WHATSAPP, LINKED
from storage.tables import Agency, Member
from storage.tables_whatsapp import WhatsAppLink


async def get_by_nip(session: AsyncSession, *, agency_id: int, nip: str) -> Member | None:
    result = await session.execute(
        select(Member).where(col(Member.agency_id) == agency_id, col(Member.nip) == nip)
    )
    return result.scalar_one_or_none()


async def get_by_user(session: AsyncSession, *, agency_id: int, user_id: int) -> Member | None:
    result = await session.execute(
        select(Member).where(
            col(Member.agency_id) == agency_id,
            col(Member.telegram_user_id) == user_id,
        )
    )
    return result.scalar_one_or_none()


async def get_by_username(session: AsyncSession, *, agency_id: int, username: str) -> Member | None:
    result = await session.execute(
        select(Member).where(
            col(Member.agency_id) == agency_id,
            func.lower(col(Member.telegram_username)) == username.lower(),
        )
    )
    return result.scalars().first()


def _linked(agency_ids: list[int]) -> Any:
    """Members who can answer, by name: linked to a Telegram account, or to a WhatsApp
    number they confirmed (and that ``members.phone`` still holds)."""
    return (
        select(Member)
        .outerjoin(WhatsAppLink, CONFIRMED_WHATSAPP)
        .where(col(Member.agency_id).in_(agency_ids), LINKED)
        .order_by(col(Member.full_name), col(Member.id))
    )


async def list_linked(session: AsyncSession, *, agency_id: int) -> list[Member]:
    """Members who can answer (see :func:`_linked`), by name."""
    result = await session.execute(_linked([agency_id]))
    return list(result.scalars())


async def list_linked_by_agency(
    session: AsyncSession, *, agency_ids: Iterable[int]
) -> dict[int, list[Member]]:
    """:func:`list_linked` for many agencies in one query; each asked agency gets a list."""
    ids = sorted(set(agency_ids))
    found: dict[int, list[Member]] = {i: [] for i in ids}
    if not ids:
        return found
    for member in (await session.execute(_linked(ids))).scalars():
        found[member.agency_id].append(member)
    return found


async def by_agency_users(
    session: AsyncSession, *, pairs: Iterable[tuple[int, int]]
) -> dict[tuple[int, int], Member]:
    """Members keyed by (agency_id, telegram_user_id), in one query."""
    keys = list(set(pairs))
    if not keys:
        return {}
    result = await session.execute(
        select(Member).where(tuple_(col(Member.agency_id), col(Member.telegram_user_id)).in_(keys))
    )
    return {(m.agency_id, m.telegram_user_id): m for m in result.scalars() if m.telegram_user_id}


async def in_chats(
    session: AsyncSession, *, pairs: Iterable[tuple[int, int]]
) -> tuple[dict[int, Agency], dict[tuple[int, int], Member]]:
    """In one query, for (chat id, telegram user id) pairs: the agencies of those chats
    (by chat id) and the members among those users (by agency id and user id)."""
    wanted = set(pairs)
    if not wanted:
        return {}, {}
    users = {user for _, user in wanted}
    result = await session.execute(
        select(Agency, Member)
        .outerjoin(
            Member,
            and_(
                col(Member.agency_id) == col(Agency.id),
                col(Member.telegram_user_id).in_(users),
            ),
        )
        .where(col(Agency.telegram_chat_id).in_({chat for chat, _ in wanted}))
    )
    agencies: dict[int, Agency] = {}
    members: dict[tuple[int, int], Member] = {}
    for agency, member in result.all():
        if agency.telegram_chat_id is None:
            continue
        agencies[agency.telegram_chat_id] = agency
        if member is not None and (agency.telegram_chat_id, member.telegram_user_id) in wanted:
            assert member.telegram_user_id is not None
            members[(member.agency_id, member.telegram_user_id)] = member
    return agencies, members


async def by_users(session: AsyncSession, *, user_ids: Iterable[int]) -> dict[int, list[Member]]:
    """All memberships of the given chat accounts (a private-chat answer may match several)."""
    ids = list(set(user_ids))
    if not ids:
        return {}
    result = await session.execute(select(Member).where(col(Member.telegram_user_id).in_(ids)))
    found: dict[int, list[Member]] = {}
    for member in result.scalars():
        assert member.telegram_user_id is not None
        found.setdefault(member.telegram_user_id, []).append(member)
    return found
