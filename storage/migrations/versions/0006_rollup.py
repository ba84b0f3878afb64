"""rollup: BKD groups, agency links, roll-up runs, roster supervisors

Revision ID: 0006
Revises: 0002
Create Date: 2026-11-25 15:55:38.554512
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0006"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = ("rollup",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "bkd_groups",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column("name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("telegram_chat_id", sa.BigInteger(), nullable=False),
        sa.Column("language", sqlmodel.sql.sqltypes.AutoString(length=2), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bkd_groups")),
        sa.UniqueConstraint("code", name=op.f("uq_bkd_groups_code")),
        sa.UniqueConstraint("telegram_chat_id", name=op.f("uq_bkd_groups_telegram_chat_id")),
    )
    op.create_table(
        "bkd_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("bkd_id", sa.Integer(), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=9), nullable=False),
        sa.Column("requested_by", sa.BigInteger(), nullable=False),
        sa.Column("requested_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.BigInteger(), nullable=True),
        sa.Column("confirmed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.CheckConstraint("status IN ('pending', 'confirmed')", name=op.f("ck_bkd_links_status")),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_bkd_links_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["bkd_id"],
            ["bkd_groups.id"],
            name=op.f("fk_bkd_links_bkd_id_bkd_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bkd_links")),
        sa.UniqueConstraint("agency_id", name=op.f("uq_bkd_links_agency_id")),
    )
    with op.batch_alter_table("bkd_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_bkd_links_bkd_id"), ["bkd_id"], unique=False)

    op.create_table(
        "rollup_runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("bkd_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("window", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("email_status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=True),
        sa.Column("email_attempts", sa.Integer(), nullable=False),
        sa.Column("email_next_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("email_sent_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("email_error", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.CheckConstraint(
            "email_status IS NULL OR email_status IN ('pending', 'sending', 'sent', 'failed')",
            name=op.f("ck_rollup_runs_email_status"),
        ),
        sa.ForeignKeyConstraint(
            ["bkd_id"],
            ["bkd_groups.id"],
            name=op.f("fk_rollup_runs_bkd_id_bkd_groups"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rollup_runs")),
        sa.UniqueConstraint("bkd_id", "day", "window", name="uq_rollup_runs_bkd_day_window"),
    )
    with op.batch_alter_table("rollup_runs", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rollup_runs_email_status"), ["email_status"], unique=False
        )

    op.create_table(
        "roster_supervisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("nip", sqlmodel.sql.sqltypes.AutoString(length=18), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_roster_supervisors_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_roster_supervisors")),
        sa.UniqueConstraint("agency_id", "nip", name="uq_roster_supervisors_nip"),
    )

    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(
            "ix_members_rollup", ["agency_id", "role", "telegram_user_id"], unique=False
        )
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index(
            "ix_reports_rollup", ["day", "window", "agency_id", "status"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_rollup")
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index("ix_members_rollup")
    op.drop_table("roster_supervisors")
    with op.batch_alter_table("rollup_runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rollup_runs_email_status"))

    op.drop_table("rollup_runs")
    with op.batch_alter_table("bkd_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_bkd_links_bkd_id"))

    op.drop_table("bkd_links")
    op.drop_table("bkd_groups")
