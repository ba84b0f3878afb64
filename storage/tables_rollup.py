"""Tables of the BKD roll-up and of the roster import.

- ``bkd_groups``: a chat registered with /setup_bkd as a regional roll-up group.
- ``bkd_links``: an agency's request to report to a BKD group (/induk), pending until an
  admin of that BKD group confirms it. One link per agency: a new request replaces it.
- ``rollup_runs``: one roll-up per (BKD group, local day, window), claimed by inserting
  the row, so it is sent once even across restarts; it also carries the e-mail copy's
  delivery state (retried with backoff, given up after the configured attempts).
- ``roster_supervisors``: supervisors named by an imported roster who have not linked a
  chat account yet; they become supervisors when they /daftar with that NIP.

Two indexes on ``members`` and ``reports`` serve the roll-up's counts (at the end).
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
from storage.tables import Member, Report
from storage.types import UTCDateTime


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


class BkdGroup(SQLModel, table=True):
    __tablename__ = "bkd_groups"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=32, unique=True)
    name: str = Field(max_length=200)
    telegram_chat_id: int = Field(sa_type=BigInteger(), unique=True)
    language: str = Field(default="id", max_length=2)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()


class BkdLink(SQLModel, table=True):
    __tablename__ = "bkd_links"
    __table_args__ = (CheckConstraint("status IN ('pending', 'confirmed')", name="status"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    bkd_id: int = Field(
        sa_column=Column(
            ForeignKey("bkd_groups.id", ondelete="CASCADE"), nullable=False, index=True
        )
    )
    status: str = Field(default="pending", max_length=9)
    requested_by: int = Field(sa_type=BigInteger())
    requested_at: datetime = _utc()
    confirmed_by: int | None = Field(default=None, sa_type=BigInteger(), nullable=True)
    confirmed_at: datetime | None = _utc(nullable=True)


class RollupRun(SQLModel, table=True):
    """The roll-up of one window for one BKD group: inserted once, when it is due."""

    __tablename__ = "rollup_runs"
    __table_args__ = (
        UniqueConstraint("bkd_id", "day", "window", name="uq_rollup_runs_bkd_day_window"),
        CheckConstraint(
            "email_status IS NULL OR email_status IN ('pending', 'sending', 'sent', 'failed')",
            name="email_status",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    bkd_id: int = Field(
        sa_column=Column(ForeignKey("bkd_groups.id", ondelete="CASCADE"), nullable=False)
    )
    day: date
    window: str = Field(max_length=5)
    created_at: datetime = _utc()
    payload: dict[str, Any] = Field(default_factory=dict, sa_type=JSON())
    # The e-mail copy: NULL when no e-mail is configured for the group.
    email_status: str | None = Field(default=None, max_length=8, nullable=True, index=True)
    email_attempts: int = 0
    email_next_at: datetime | None = _utc(nullable=True)
    email_sent_at: datetime | None = _utc(nullable=True)
    email_error: str | None = Field(default=None, max_length=500, nullable=True)


class RosterSupervisor(SQLModel, table=True):
    """An imported supervisor (atasan = yes) whose member row has no chat account yet."""

    __tablename__ = "roster_supervisors"
    __table_args__ = (UniqueConstraint("agency_id", "nip", name="uq_roster_supervisors_nip"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False)
    )
    nip: str = Field(max_length=18)
    created_at: datetime = _utc()


# The roll-up counts every member of up to tens of thousands of agencies each window
# (storage/rollup_counts.py, bench/rollup.py): it reads these indexes alone instead of
# visiting each member's row and looking up each member's report.
Index("ix_members_rollup", col(Member.agency_id), col(Member.role), col(Member.telegram_user_id))
Index(
    "ix_reports_rollup",
    col(Report.day),
    col(Report.window),
    col(Report.agency_id),
    col(Report.status),
)
