"""Reply languages and personal-data deletion requests: one statement each."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.tables import Agency
from storage.tables_geo import HomePoint
from storage.tables_privacy import DeletionRequest, UserLanguage
from storage.upsert import affected, insert_for


async def user_language(session: AsyncSession, *, user_id: int) -> str | None:
    result = await session.execute(
        select(col(UserLanguage.language)).where(col(UserLanguage.telegram_user_id) == user_id)
    )
    return result.scalar_one_or_none()


async def set_user_language(
    session: AsyncSession, *, user_id: int, language: str, now: datetime
) -> None:
    insert = insert_for(session, UserLanguage).values(
        telegram_user_id=user_id, language=language, updated_at=now
    )
    await session.execute(
        insert.on_conflict_do_update(
            index_elements=["telegram_user_id"],
            set_={"language": language, "updated_at": now},
        )
    )


async def agency_language(session: AsyncSession, *, chat_id: int) -> str | None:
    """The language of the agency registered for this group; None when there is none."""
    result = await session.execute(
        select(col(Agency.language)).where(col(Agency.telegram_chat_id) == chat_id)
    )
    return result.scalar_one_or_none()


async def set_agency_language(
    session: AsyncSession, *, chat_id: int, language: str, now: datetime
) -> bool:
    """False when the group is not a registered agency."""
    result = await session.execute(
        update(Agency)
        .where(col(Agency.telegram_chat_id) == chat_id)
        .values(language=language, updated_at=now)
    )
    return affected(result) > 0


async def pending_deletion(session: AsyncSession, *, member_id: int) -> DeletionRequest | None:
    result = await session.execute(
        select(DeletionRequest).where(
            col(DeletionRequest.member_id) == member_id, col(DeletionRequest.slot) == "pending"
        )
    )
    return result.scalar_one_or_none()


async def request_deletion(
    session: AsyncSession, *, agency_id: int, member_id: int, now: datetime
) -> DeletionRequest | None:
    """The new pending request; None when one is already pending (the unique slot says so)."""
    insert = insert_for(session, DeletionRequest).values(
        agency_id=agency_id, member_id=member_id, status="pending", slot="pending", created_at=now
    )
    result = await session.execute(
        insert.on_conflict_do_nothing(index_elements=["member_id", "slot"]).returning(
            col(DeletionRequest.id)
        )
    )
    new_id = result.scalar_one_or_none()
    if new_id is None:
        return None
    return await session.get(DeletionRequest, new_id)


async def home_point_slots(session: AsyncSession, *, member_id: int) -> dict[str, HomePoint]:
    """The member's home point in use ('current') and the one awaiting approval ('pending')."""
    result = await session.execute(
        select(HomePoint).where(
            col(HomePoint.member_id) == member_id, col(HomePoint.slot).is_not(None)
        )
    )
    return {point.slot: point for point in result.scalars() if point.slot is not None}
