"""INSERT … ON CONFLICT for the dialect at hand (SQLite and PostgreSQL speak the same)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert_for(session: AsyncSession, table: Any) -> Any:
    """Return a dialect ``insert()`` that supports ``on_conflict_do_*``."""
    bind = session.get_bind()
    if bind.dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


def affected(result: Any) -> int:
    """Rows touched by an UPDATE/INSERT (the CursorResult attribute, typed loosely upstream)."""
    return int(getattr(result, "rowcount", 0) or 0)
