"""Agency and supervisor repository functions (keyword-only, session passed in)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import Agency, Member, Supervisor
from storage.upsert import affected


async def get_by_chat(session: AsyncSession, *, chat_id: int) -> Agency | None:
    result = await session.execute(select(Agency).where(col(Agency.telegram_chat_id) == chat_id))
    return result.scalar_one_or_none()


async def get_by_code(session: AsyncSession, *, code: str) -> Agency | None:
    result = await session.execute(select(Agency).where(col(Agency.code) == code))
    return result.scalar_one_or_none()


async def by_chats(session: AsyncSession, *, chat_ids: Iterable[int]) -> dict[int, Agency]:
    ids = list(set(chat_ids))
    if not ids:
        return {}
    result = await session.execute(select(Agency).where(col(Agency.telegram_chat_id).in_(ids)))
    return {a.telegram_chat_id: a for a in result.scalars() if a.telegram_chat_id is not None}


async def by_ids(session: AsyncSession, *, agency_ids: Iterable[int]) -> dict[int, Agency]:
    ids = list(set(agency_ids))
    if not ids:
        return {}
    result = await session.execute(select(Agency).where(col(Agency.id).in_(ids)))
    return {a.id: a for a in result.scalars() if a.id is not None}


async def list_active(session: AsyncSession) -> list[Agency]:
    result = await session.execute(select(Agency).where(col(Agency.paused).is_(False)))
    return list(result.scalars())


async def move_chat(
    session: AsyncSession, *, old_chat_id: int, new_chat_id: int, now: datetime
) -> bool:
    """Follow a group upgraded to a supergroup; members and history hang off the agency id."""
    result = await session.execute(
        update(Agency)
        .where(col(Agency.telegram_chat_id) == old_chat_id)
        .values(telegram_chat_id=new_chat_id, updated_at=now)
    )
    return affected(result) > 0


async def set_paused(session: AsyncSession, *, chat_id: int, paused: bool, now: datetime) -> bool:
    result = await session.execute(
        update(Agency)
        .where(col(Agency.telegram_chat_id) == chat_id)
        .values(paused=paused, updated_at=now)
    )
    return affected(result) > 0


async def list_supervisors(session: AsyncSession, *, agency_id: int) -> list[Supervisor]:
    result = await session.execute(
        select(Supervisor)
        .where(col(Supervisor.agency_id) == agency_id)
        .order_by(col(Supervisor.id))
    )
    return list(result.scalars())


async def get_supervisor(
    session: AsyncSession, *, agency_id: int, user_id: int
) -> Supervisor | None:
    result = await session.execute(
        select(Supervisor).where(
            col(Supervisor.agency_id) == agency_id,
            col(Supervisor.telegram_user_id) == user_id,
        )
    )
    return result.scalar_one_or_none()


async def supervised_agencies(session: AsyncSession, *, user_id: int) -> list[Agency]:
    result = await session.execute(
        select(Agency)
        .join(Supervisor, col(Supervisor.agency_id) == col(Agency.id))
        .where(col(Supervisor.telegram_user_id) == user_id)
    )
    return list(result.scalars())


async def is_member(session: AsyncSession, *, user_id: int) -> bool:
    result = await session.execute(
        select(col(Member.id)).where(col(Member.telegram_user_id) == user_id).limit(1)
    )
    return result.first() is not None
