"""Personal choices and rights: a user's reply language, and requests to delete one's data
(UU 27/2022 on personal data protection)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, UniqueConstraint
from sqlmodel import Field, SQLModel

import storage.tables  # noqa: F401  (the naming convention, and the tables referred to)
from storage.types import UTCDateTime

LANGUAGES = ("id", "en")
DELETION_STATES = ("pending", "done", "refused")


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


class UserLanguage(SQLModel, table=True):
    """The reply language a Telegram user chose with /bahasa in a private chat."""

    __tablename__ = "user_languages"
    __table_args__ = (CheckConstraint("language IN ('id', 'en')", name="language"),)

    telegram_user_id: int = Field(
        sa_column=Column(BigInteger(), primary_key=True, autoincrement=False)
    )
    language: str = Field(max_length=2)
    updated_at: datetime = _utc()


class DeletionRequest(SQLModel, table=True):
    """A member's request to delete their personal data, for the agency to decide.

    ``slot`` is 'pending' while the request is open and NULL once decided: the unique key
    allows one open request per member (NULLs never collide), any number of old ones.
    """

    __tablename__ = "deletion_requests"
    __table_args__ = (
        UniqueConstraint("member_id", "slot", name="uq_deletion_requests_member_slot"),
        CheckConstraint("status IN ('pending', 'done', 'refused')", name="status"),
        CheckConstraint("slot IN ('pending')", name="slot"),
        CheckConstraint("(status = 'pending') = (slot IS NOT NULL)", name="slot_matches_status"),
    )

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    member_id: int = Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    status: str = Field(default="pending", max_length=7)
    slot: str | None = Field(default="pending", max_length=7, nullable=True)
    created_at: datetime = _utc()
    decided_at: datetime | None = _utc(nullable=True)
