"""Rows for storage tests, built the way the services build them (tz-aware UTC, real ids)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage.tables import Agency, Member, Supervisor

MONDAY = date(2026, 3, 2)
T0 = datetime(2026, 3, 2, 0, 0, tzinfo=UTC)  # 07:00 WIB on MONDAY
BIG_CHAT = -1001234567890123  # a supergroup id far beyond 32 bits
BIG_USER = 7_123_456_789  # user ids outgrew 32 bits as well


def at(minutes: int) -> datetime:
    """``minutes`` after :data:`T0`."""
    return T0 + timedelta(minutes=minutes)


def nip(n: int) -> str:
    """A well-formed 18-digit NIP, distinct per ``n``."""
    return f"19850312201001{n:04d}"


async def add_agency(
    session: AsyncSession,
    *,
    code: str = "DISKOMINFO",
    chat_id: int | None = BIG_CHAT,
    paused: bool = False,
    **fields: Any,
) -> Agency:
    agency = Agency(
        code=code,
        name=f"Dinas {code}",
        telegram_chat_id=chat_id,
        paused=paused,
        created_at=T0,
        updated_at=T0,
        **fields,
    )
    session.add(agency)
    await session.flush()
    return agency


async def add_member(
    session: AsyncSession,
    *,
    agency: Agency,
    n: int = 1,
    user_id: int | None = None,
    name: str | None = None,
    username: str | None = None,
) -> Member:
    assert agency.id is not None
    member = Member(
        agency_id=agency.id,
        nip=nip(n),
        full_name=name or f"Pegawai {n}",
        telegram_user_id=user_id,
        telegram_username=username,
        created_at=T0,
        updated_at=T0,
    )
    session.add(member)
    await session.flush()
    return member


async def add_supervisor(session: AsyncSession, *, agency: Agency, user_id: int) -> Supervisor:
    assert agency.id is not None
    supervisor = Supervisor(
        agency_id=agency.id, telegram_user_id=user_id, display_name="Ibu Sri", created_at=T0
    )
    session.add(supervisor)
    await session.flush()
    return supervisor


def run_row(
    agency: Agency, *, window: str = "07:30", opens: int = 30, deadline: int = 60
) -> dict[str, Any]:
    """An ``ensure_runs`` row; ``opens``/``deadline`` are minutes after :data:`T0`."""
    return {
        "agency_id": agency.id,
        "day": MONDAY,
        "window": window,
        "opens_at": at(opens),
        "deadline_at": at(deadline),
    }


def report_row(
    member: Member,
    *,
    status: str,
    when: datetime,
    latitude: float = -6.2,
    message_id: int = 1,
    live: bool = False,
) -> dict[str, Any]:
    """An ``upsert_reports`` row for the 07:30 window of :data:`MONDAY`."""
    return {
        "member_id": member.id,
        "agency_id": member.agency_id,
        "day": MONDAY,
        "window": "07:30",
        "status": status,
        "first_at": when,
        "last_at": when,
        "latitude": latitude,
        "longitude": 106.8,
        "accuracy": 10.0,
        "live": live,
        "chat_id": BIG_CHAT,
        "message_id": message_id,
    }
