"""SQLModel tables. Constraints live here, in the database, not in hopes.

Every timestamp is tz-aware UTC (:class:`storage.types.UTCDateTime`); local dates
(``day``) are the agency's calendar day; ``window`` is the local open time "HH:MM".
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    ForeignKey,
    UniqueConstraint,
    false,
)
from sqlmodel import Field, SQLModel

from storage.types import UTCDateTime

# Named constraints, so one set of Alembic migrations means the same on SQLite and PostgreSQL.
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


def _bigint(*, nullable: bool = False, index: bool = False) -> Any:
    return Field(sa_type=BigInteger(), nullable=nullable, index=index)


class Agency(SQLModel, table=True):
    __tablename__ = "agencies"
    __table_args__ = (
        CheckConstraint("deadline_minutes BETWEEN 1 AND 240", name="deadline"),
        CheckConstraint("zone IN ('WIB', 'WITA', 'WIT')", name="zone"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    telegram_chat_id: int | None = Field(
        default=None, sa_type=BigInteger(), unique=True, nullable=True
    )
    zone: str = Field(default="WIB", max_length=4)
    windows: str = Field(default="07:30 11:30 15:00", max_length=64)
    deadline_minutes: int = 30
    working_days: str = Field(default="1,2,3,4,5", max_length=16)
    language: str = Field(default="id", max_length=2)
    paused: bool = False
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class Member(SQLModel, table=True):
    __tablename__ = "members"
    __table_args__ = (
        UniqueConstraint("agency_id", "nip", name="uq_members_agency_nip"),
        UniqueConstraint("agency_id", "telegram_user_id", name="uq_members_agency_tg_user"),
        CheckConstraint("length(nip) = 18", name="nip_length"),
        CheckConstraint(
            "role IN ('pegawai', 'pimpinan', 'piket', 'lapangan', 'satgas')", name="role"
        ),
        UniqueConstraint("agency_id", "phone", name="uq_members_agency_phone"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    nip: str = Field(max_length=18)
    full_name: str = Field(max_length=200)
    telegram_user_id: int | None = _bigint(nullable=True, index=True)
    telegram_username: str | None = Field(default=None, max_length=64, nullable=True)
    # pegawai (WFH, home point), piket (office point), lapangan (WFF, not checked),
    # pimpinan and satgas (exempt from location; pimpinan sends /lapor).
    role: str = Field(
        default="pegawai", max_length=10, sa_column_kwargs={"server_default": "pegawai"}
    )
    phone: str | None = Field(default=None, max_length=16, nullable=True)  # E.164, WhatsApp
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class Supervisor(SQLModel, table=True):
    """Someone who receives the agency's summaries. Need not be a registered member."""

    __tablename__ = "supervisors"
    __table_args__ = (
        UniqueConstraint("agency_id", "telegram_user_id", name="uq_supervisors_agency_user"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    telegram_user_id: int = _bigint()
    display_name: str = Field(max_length=200)
    created_at: datetime = _utc()


class WindowRun(SQLModel, table=True):
    """One reporting window of one agency on one day: the record of what was sent."""

    __tablename__ = "window_runs"
    __table_args__ = (UniqueConstraint("agency_id", "day", "window", name="uq_runs_agency_day"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False)
    )
    day: date
    window: str = Field(max_length=5)
    opens_at: datetime = _utc()
    deadline_at: datetime = _utc()
    prompt_sent_at: datetime | None = _utc(nullable=True)
    summary_sent_at: datetime | None = _utc(nullable=True)
    reminder_sent_at: datetime | None = _utc(nullable=True)  # halfway to the deadline


class Report(SQLModel, table=True):
    """A member's answer to one window; later evidence updates it, never duplicates it."""

    __tablename__ = "reports"
    __table_args__ = (
        UniqueConstraint("member_id", "day", "window", name="uq_reports_member_day_window"),
        CheckConstraint("status IN ('hadir', 'terlambat')", name="status"),
        CheckConstraint(
            "tier IN ('terverifikasi', 'lemah', 'di_luar', 'tanpa_titik')", name="tier"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False)
    )
    agency_id: int = Field(index=True)
    day: date
    window: str = Field(max_length=5)
    status: str = Field(max_length=12)
    first_at: datetime = _utc()
    last_at: datetime = _utc()
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None
    live: bool = False
    chat_id: int = _bigint()
    message_id: int = _bigint()
    # How the point compares with the member's home/office point (handlers.geo.Tier);
    # NULL for roles that are not checked. ``covered``: answered by a live share started
    # before the window opened, not by a point sent in it.
    tier: str | None = Field(default=None, max_length=13, nullable=True)
    distance_m: float | None = None
    covered: bool = Field(default=False, sa_column_kwargs={"server_default": false()})


class LocationEvent(SQLModel, table=True):
    """Every location point received: the original message and each live edit, once."""

    __tablename__ = "location_events"
    __table_args__ = (
        UniqueConstraint("chat_id", "message_id", "edit_date", name="uq_location_events_edit"),
    )

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    chat_id: int = _bigint()
    message_id: int = _bigint()
    edit_date: int = Field(sa_type=BigInteger(), default=0)  # 0 for the original message
    at: datetime = _utc()
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None
    live_until: datetime | None = _utc(nullable=True)


class OutboxMessage(SQLModel, table=True):
    """A message the bot owes someone. Enqueued in the transaction that decided it."""

    __tablename__ = "outbox"
    __table_args__ = (
        CheckConstraint("status IN ('pending', 'sending', 'sent', 'failed')", name="status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(max_length=200, unique=True)
    agency_id: int | None = Field(default=None, nullable=True, index=True)
    transport: str = Field(default="telegram", max_length=16)
    chat_id: int = _bigint()
    kind: str = Field(max_length=32)
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON())
    status: str = Field(default="pending", max_length=8, index=True)
    attempts: int = 0
    created_at: datetime = _utc()
    sent_at: datetime | None = _utc(nullable=True)
    message_id: int | None = _bigint(nullable=True)
    error: str | None = Field(default=None, max_length=500, nullable=True)


class BotState(SQLModel, table=True):
    """Small key/value state of the runtime (e.g. the confirmed polling offset)."""

    __tablename__ = "bot_state"

    key: str = Field(primary_key=True, max_length=64)
    value: str = Field(max_length=200)
