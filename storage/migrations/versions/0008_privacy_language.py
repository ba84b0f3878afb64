"""privacy and language: users' reply languages, personal-data deletion requests

Revision ID: 0008
Revises: 0007
Create Date: 2026-11-25

New tables only (no ALTER), so the same statements run on SQLite and PostgreSQL.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "user_languages",
        sa.Column("telegram_user_id", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("language IN ('id', 'en')", name=op.f("ck_user_languages_language")),
        sa.PrimaryKeyConstraint("telegram_user_id", name=op.f("pk_user_languages")),
    )
    op.create_table(
        "deletion_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=False),
        sa.Column("slot", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('pending', 'done', 'refused')", name=op.f("ck_deletion_requests_status")
        ),
        sa.CheckConstraint("slot IN ('pending')", name=op.f("ck_deletion_requests_slot")),
        sa.CheckConstraint(
            "(status = 'pending') = (slot IS NOT NULL)",
            name=op.f("ck_deletion_requests_slot_matches_status"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_deletion_requests_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_deletion_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_deletion_requests")),
        sa.UniqueConstraint("member_id", "slot", name=op.f("uq_deletion_requests_member_slot")),
    )
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_deletion_requests_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_deletion_requests_member_id"), ["member_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("deletion_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_deletion_requests_member_id"))
        batch_op.drop_index(batch_op.f("ix_deletion_requests_agency_id"))
    op.drop_table("deletion_requests")
    op.drop_table("user_languages")
