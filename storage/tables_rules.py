"""Attendance-rule tables: leave requests and their one decision, agency days off, WFH
periods, and activity reports (/lapor).

``day``, ``start_day`` and ``end_day`` are local dates in the agency's zone; timestamps
are tz-aware UTC like everywhere else.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, UniqueConstraint
from sqlmodel import Field, SQLModel

import storage.tables  # noqa: F401  (the naming convention, and the tables referred to)
from storage.types import UTCDateTime

LEAVE_KINDS = ("izin", "sakit", "cuti", "dinas")
LEAVE_STATUSES = ("pending", "approved", "rejected")


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


def _agency_fk() -> Any:
    return Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True)
    )


def _member_fk() -> Any:
    return Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False, index=True)
    )


class LeaveRequest(SQLModel, table=True):
    """/izin, /sakit, /dinas (today) or /cuti (a range): pending until a supervisor decides."""

    __tablename__ = "leave_requests"
    __table_args__ = (
        CheckConstraint("kind IN ('izin', 'sakit', 'cuti', 'dinas')", name="kind"),
        CheckConstraint("status IN ('pending', 'approved', 'rejected')", name="status"),
        CheckConstraint("end_day >= start_day", name="range"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = _agency_fk()
    member_id: int = _member_fk()
    kind: str = Field(max_length=8)
    start_day: date
    end_day: date
    reason: str = Field(default="", max_length=500)
    status: str = Field(default="pending", max_length=8)
    created_at: datetime = _utc()


class LeaveDecision(SQLModel, table=True):
    """The one decision on a request: the unique key makes a second decision impossible."""

    __tablename__ = "leave_decisions"
    __table_args__ = (
        UniqueConstraint("request_id", name="uq_leave_decisions_request"),
        CheckConstraint("decision IN ('approved', 'rejected')", name="decision"),
    )

    id: int | None = Field(default=None, primary_key=True)
    request_id: int = Field(
        sa_column=Column(ForeignKey("leave_requests.id", ondelete="CASCADE"), nullable=False)
    )
    decision: str = Field(max_length=8)
    decided_by: int = Field(sa_type=BigInteger())  # the supervisor's chat account
    decider_name: str = Field(max_length=200)
    decided_at: datetime = _utc()


class AgencyDayOff(SQLModel, table=True):
    """An extra day off of one agency (/libur), e.g. a regional cuti bersama."""

    __tablename__ = "agency_days_off"
    __table_args__ = (UniqueConstraint("agency_id", "day", name="uq_agency_days_off_day"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = _agency_fk()
    day: date
    note: str = Field(default="", max_length=200)
    created_at: datetime = _utc()


class WfhPeriod(SQLModel, table=True):
    """The agency's work-from-home period (/periode); outside it nobody is prompted."""

    __tablename__ = "wfh_periods"
    __table_args__ = (CheckConstraint("end_day >= start_day", name="range"),)

    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), primary_key=True)
    )
    start_day: date
    end_day: date
    updated_at: datetime = _utc()


class ActivityReport(SQLModel, table=True):
    """What a member did today (/lapor); one per member and day, a second one replaces it."""

    __tablename__ = "activity_reports"
    __table_args__ = (UniqueConstraint("member_id", "day", name="uq_activity_reports_day"),)

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False)
    )
    agency_id: int = Field(index=True)
    day: date
    text: str = Field(max_length=2000)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()
