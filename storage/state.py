"""Runtime key/value state (the confirmed polling offset)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import BotState
from storage.upsert import insert_for


async def get_value(session: AsyncSession, *, key: str) -> str | None:
    row = await session.get(BotState, key)
    return row.value if row else None


async def set_value(session: AsyncSession, *, key: str, value: str) -> None:
    stmt = insert_for(session, BotState).values(key=key, value=value)
    stmt = stmt.on_conflict_do_update(index_elements=["key"], set_={"value": value})
    await session.execute(stmt)
