"""WhatsApp tables: phone links, sessions, webhook idempotency, message statuses.

Phones are E.164 strings ("+6281234567890"). Message ids from the Cloud API
("wamid.…") are opaque strings; the database keeps them unique so that Meta's
webhook retries change nothing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, CheckConstraint, Column, ForeignKey, UniqueConstraint
from sqlmodel import Field, SQLModel

import storage.tables  # noqa: F401  (the naming convention, and the tables referred to)
from storage.types import UTCDateTime

STATUSES = ("accepted", "sent", "delivered", "read", "failed")


def _utc(*, nullable: bool = False) -> Any:
    return Field(sa_type=UTCDateTime(), nullable=nullable)


class WhatsAppLink(SQLModel, table=True):
    """A member reachable on WhatsApp: the number an admin (or a roster) gave, and whether
    the member confirmed it by replying. Only a confirmed link receives prompts."""

    __tablename__ = "whatsapp_links"

    id: int | None = Field(default=None, primary_key=True)
    member_id: int = Field(
        sa_column=Column(ForeignKey("members.id", ondelete="CASCADE"), nullable=False, unique=True)
    )
    phone: str = Field(max_length=16, index=True)
    created_at: datetime = _utc()
    invited_at: datetime | None = _utc(nullable=True)
    confirmed_at: datetime | None = _utc(nullable=True)


class WhatsAppSupervisor(SQLModel, table=True):
    """Someone who receives an agency's summaries on WhatsApp."""

    __tablename__ = "whatsapp_supervisors"
    __table_args__ = (UniqueConstraint("agency_id", "phone", name="uq_whatsapp_supervisors_phone"),)

    id: int | None = Field(default=None, primary_key=True)
    agency_id: int = Field(
        sa_column=Column(ForeignKey("agencies.id", ondelete="CASCADE"), nullable=False, index=True)
    )
    phone: str = Field(max_length=16)
    display_name: str = Field(max_length=200)
    created_at: datetime = _utc()


class WhatsAppContact(SQLModel, table=True):
    """One WhatsApp user as the Cloud API sees them: when they last wrote (the 24-hour
    customer-service window runs from it) and what they are owed when they next write."""

    __tablename__ = "whatsapp_contacts"

    phone: str = Field(primary_key=True, max_length=16)
    last_inbound_at: datetime | None = _utc(nullable=True)
    owed: dict[str, Any] | None = Field(default=None, sa_type=JSON(), nullable=True)
    updated_at: datetime = _utc()


class WhatsAppInbound(SQLModel, table=True):
    """Every webhook message handled, once: Meta retries deliveries until it gets a 200."""

    __tablename__ = "whatsapp_inbound"

    id: int | None = Field(default=None, primary_key=True)
    wamid: str = Field(max_length=128, unique=True)
    phone: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    sent_at: datetime = _utc()
    claimed_at: datetime = _utc()
    done_at: datetime | None = _utc(nullable=True)


class WhatsAppMessage(SQLModel, table=True):
    """A message the bot sent (or tried to): its latest status from the webhook.

    ``rank`` orders statuses (accepted < sent < delivered < read < failed) so that a
    late or repeated status callback never moves a message backwards.
    """

    __tablename__ = "whatsapp_messages"
    __table_args__ = (
        CheckConstraint(
            "status IN ('accepted', 'sent', 'delivered', 'read', 'failed')", name="status"
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    wamid: str | None = Field(default=None, max_length=128, unique=True, nullable=True)
    phone: str = Field(max_length=16)
    kind: str = Field(max_length=16)
    outbox_id: int | None = Field(default=None, nullable=True)
    run_id: int | None = Field(default=None, nullable=True, index=True)
    member_id: int | None = Field(default=None, nullable=True)
    status: str = Field(max_length=10)
    rank: int = 0
    error_code: int | None = Field(default=None, nullable=True)
    error_title: str | None = Field(default=None, max_length=200, nullable=True)
    created_at: datetime = _utc()
    updated_at: datetime = _utc()
