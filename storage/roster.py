"""Roster import writes: members by NIP, supervisors now or once they link an account."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.reach import CONFIRMED_WHATSAPP, UNLINKED
from storage.tables import Member, Supervisor
from storage.tables_rollup import RosterSupervisor
from storage.tables_whatsapp import WhatsAppLink
from storage.upsert import affected, insert_for

CHUNK = 500  # NIPs per IN (...) list
FIELDS = ("full_name", "role", "telegram_username", "phone")  # what a roster row may change


@dataclass(frozen=True)
class UpsertCounts:
    created: int
    updated: int
    unchanged: int


async def members_by_nip(
    session: AsyncSession, *, agency_id: int, nips: Iterable[str]
) -> dict[str, Member]:
    wanted = sorted(set(nips))
    found: dict[str, Member] = {}
    for start in range(0, len(wanted), CHUNK):
        result = await session.execute(
            select(Member).where(
                col(Member.agency_id) == agency_id,
                col(Member.nip).in_(wanted[start : start + CHUNK]),
            )
        )
        found.update((m.nip, m) for m in result.scalars())
    return found


async def phone_conflicts(
    session: AsyncSession, *, agency_id: int, phones: Mapping[str, str]
) -> set[str]:
    """Phones (-> the NIP that wants them) already held by another member of the agency."""
    if not phones:
        return set()
    result = await session.execute(
        select(col(Member.phone), col(Member.nip)).where(
            col(Member.agency_id) == agency_id, col(Member.phone).in_(list(phones))
        )
    )
    return {phone for phone, nip in result.all() if phone and nip != phones[phone]}


async def upsert_members(
    session: AsyncSession, *, agency_id: int, rows: Sequence[Mapping[str, Any]], now: datetime
) -> UpsertCounts:
    """Create missing members, change only the fields a row gives (blank keeps the old value)."""
    existing = await members_by_nip(session, agency_id=agency_id, nips=(r["nip"] for r in rows))
    created = updated = 0
    for row in rows:
        member = existing.get(row["nip"])
        if member is None:
            session.add(
                Member(
                    agency_id=agency_id,
                    nip=row["nip"],
                    **{name: row[name] for name in FIELDS if name != "role"},
                    role=row["role"] or "pegawai",
                    created_at=now,
                    updated_at=now,
                )
            )
            created += 1
            continue
        changes = {
            name: row[name]
            for name in FIELDS
            if row[name] is not None and getattr(member, name) != row[name]
        }
        if changes:
            for name, value in changes.items():
                setattr(member, name, value)
            member.updated_at = now
            updated += 1
    await session.flush()
    return UpsertCounts(created, updated, len(rows) - created - updated)


async def add_supervisors(
    session: AsyncSession, *, agency_id: int, nips: Sequence[str], now: datetime
) -> int:
    """Linked members become supervisors now; the others once they /daftar. Returns new ones."""
    members = await members_by_nip(session, agency_id=agency_id, nips=nips)
    added = 0
    for member in members.values():
        if member.telegram_user_id is not None:
            added += await _supervisor(session, member, now)
            continue
        result = await session.execute(
            insert_for(session, RosterSupervisor)
            .values(agency_id=agency_id, nip=member.nip, created_at=now)
            .on_conflict_do_nothing(index_elements=["agency_id", "nip"])
        )
        added += affected(result)
    return added


async def promote_listed(session: AsyncSession, *, member: Member, now: datetime) -> bool:
    """A member just linked an account: make them supervisor if the roster said atasan."""
    result = await session.execute(
        delete(RosterSupervisor).where(
            col(RosterSupervisor.agency_id) == member.agency_id,
            col(RosterSupervisor.nip) == member.nip,
        )
    )
    if affected(result) == 0 or member.telegram_user_id is None:
        return False
    return await _supervisor(session, member, now) > 0


async def _supervisor(session: AsyncSession, member: Member, now: datetime) -> int:
    assert member.telegram_user_id is not None
    result = await session.execute(
        insert_for(session, Supervisor)
        .values(
            agency_id=member.agency_id,
            telegram_user_id=member.telegram_user_id,
            display_name=member.full_name[:200],
            created_at=now,
        )
        .on_conflict_do_nothing(index_elements=["agency_id", "telegram_user_id"])
    )
    return affected(result)


async def pending_supervisors(session: AsyncSession, *, agency_id: int) -> list[str]:
    result = await session.execute(
        select(col(RosterSupervisor.nip))
        .where(col(RosterSupervisor.agency_id) == agency_id)
        .order_by(col(RosterSupervisor.nip))
    )
    return list(result.scalars())


async def unlinked_names(session: AsyncSession, *, agency_id: int) -> list[str]:
    """Members on the roster with no chat account yet ("belum terhubung"), by name."""
    result = await session.execute(
        select(col(Member.full_name))
        .outerjoin(WhatsAppLink, CONFIRMED_WHATSAPP)
        .where(col(Member.agency_id) == agency_id, UNLINKED)
        .order_by(col(Member.full_name))
    )
    return list(result.scalars())
