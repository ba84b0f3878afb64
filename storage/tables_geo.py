"""Location-check tables: home points awaiting approval, the office point and radii, live
shares (for coverage of later windows), red flags, and the daily piket roster.

Coordinates are personal data: they are purged with the rest after the retention period.
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
    Index,
    UniqueConstraint,
)
from sqlmodel import Field, SQLModel, col

import storage.tables  # noqa: F401  (the naming convention, and the tables referred to)
from storage.tables import LocationEvent
from storage.types import UTCDateTime

POINT_STATES = ("pending", "approved", "rejected", "superseded")
FLAG_KINDS = ("titik_sama_hari", "titik_sama_pegawai", "lompatan")


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


def _fk(table: str, *, index: bool = True) -> Any:
    return Field(
        sa_column=Column(ForeignKey(f"{table}.id", ondelete="CASCADE"), nullable=False, index=index)
    )


class HomePoint(SQLModel, table=True):
    """A member's home point: sent with /rumah, used once a supervisor approved it.

    ``slot`` is 'pending' for the open request and 'current' for the point in use, NULL
    for history; the unique key allows one of each per member (NULLs never collide).
    """

    __tablename__ = "home_points"
    __table_args__ = (
        UniqueConstraint("member_id", "slot", name="uq_home_points_member_slot"),
        CheckConstraint("state IN ('pending', 'approved', 'rejected', 'superseded')", name="state"),
        CheckConstraint("slot IN ('pending', 'current')", name="slot"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = _fk("agencies")
    member_id: int = _fk("members")
    latitude: float
    longitude: float
    accuracy: float | None = None
    state: str = Field(default="pending", max_length=10)
    slot: str | None = Field(default="pending", max_length=7, nullable=True)
    requested_at: datetime = _utc()
    decided_at: datetime | None = _utc(nullable=True)
    decided_by: int | None = Field(default=None, sa_type=BigInteger(), nullable=True)
    decider_name: str | None = Field(default=None, max_length=200, nullable=True)


class AgencyGeo(SQLModel, table=True):
    """The office point (/kantor) and the radii (/radius) of one agency; NULL: the default."""

    __tablename__ = "agency_geo"
    __table_args__ = (
        CheckConstraint("office_radius_m BETWEEN 10 AND 5000", name="office_radius"),
        CheckConstraint("home_radius_m BETWEEN 10 AND 5000", name="home_radius"),
    )

    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)
    )
    office_latitude: float | None = None
    office_longitude: float | None = None
    office_accuracy: float | None = None
    office_set_by: int | None = Field(default=None, sa_type=BigInteger(), nullable=True)
    office_radius_m: int | None = None
    home_radius_m: int | None = None
    updated_at: datetime = _utc()


class LiveShare(SQLModel, table=True):
    """One live-location message: when it started, until when it is live, whether stopped.

    A share started before a window opens answers that window while it is still live.
    """

    __tablename__ = "live_shares"
    __table_args__ = (UniqueConstraint("chat_id", "message_id", name="uq_live_shares_message"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = _fk("members")
    chat_id: int = Field(sa_type=BigInteger())
    message_id: int = Field(sa_type=BigInteger())
    started_at: datetime = _utc()
    live_until: datetime = _utc()
    stopped_at: datetime | None = _utc(nullable=True)
    last_at: datetime = _utc()
    latitude: float | None = None
    longitude: float | None = None
    accuracy: float | None = None


class LocationFlag(SQLModel, table=True):
    """A red flag on a member's window: shown to supervisors, never a verdict."""

    __tablename__ = "location_flags"
    __table_args__ = (
        UniqueConstraint("member_id", "day", "window", "kind", name="uq_location_flags_window"),
        CheckConstraint(
            "kind IN ('titik_sama_hari', 'titik_sama_pegawai', 'lompatan')", name="kind"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = _fk("agencies")
    member_id: int = _fk("members", index=False)
    day: date
    window: str = Field(max_length=5)
    kind: str = Field(max_length=20)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=JSON())
    created_at: datetime = _utc()


class PiketDuty(SQLModel, table=True):
    """Who is on office duty (piket) on a day; set with /piket or from the weekly rotation."""

    __tablename__ = "piket_roster"
    __table_args__ = (
        UniqueConstraint("agency_id", "day", "member_id", name="uq_piket_roster_day_member"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = _fk("agencies", index=False)
    day: date
    member_id: int = _fk("members")
    created_at: datetime = _utc()


class PiketCheck(SQLModel, table=True):
    """The once-a-day piket check at the first window's deadline: the row is the claim."""

    __tablename__ = "piket_checks"

    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)
    )
    day: date = Field(primary_key=True)
    present: int
    minimum: int
    checked_at: datetime = _utc()


# Red-flag look-ups on the location record: identical coordinates, a member's latest point.
Index("ix_location_events_lat_lon", col(LocationEvent.latitude), col(LocationEvent.longitude))
Index("ix_location_events_member_at", col(LocationEvent.member_id), col(LocationEvent.at))
