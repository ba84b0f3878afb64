"""rules: leave requests and decisions, agency days off, WFH periods, activity reports,
window reminders

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 15:54:28.927993
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = ("rules",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency_days_off",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("note", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_agency_days_off_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_agency_days_off")),
        sa.UniqueConstraint("agency_id", "day", name="uq_agency_days_off_day"),
    )
    with op.batch_alter_table("agency_days_off", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_agency_days_off_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "wfh_periods",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint("end_day >= start_day", name=op.f("ck_wfh_periods_range")),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_wfh_periods_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agency_id", name=op.f("pk_wfh_periods")),
    )
    op.create_table(
        "activity_reports",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("text", sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_activity_reports_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activity_reports")),
        sa.UniqueConstraint("member_id", "day", name="uq_activity_reports_day"),
    )
    with op.batch_alter_table("activity_reports", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_activity_reports_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "leave_requests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("start_day", sa.Date(), nullable=False),
        sa.Column("end_day", sa.Date(), nullable=False),
        sa.Column("reason", sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('izin', 'sakit', 'cuti', 'dinas')", name=op.f("ck_leave_requests_kind")
        ),
        sa.CheckConstraint(
            "status IN ('pending', 'approved', 'rejected')", name=op.f("ck_leave_requests_status")
        ),
        sa.CheckConstraint("end_day >= start_day", name=op.f("ck_leave_requests_range")),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_leave_requests_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_leave_requests_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave_requests")),
    )
    with op.batch_alter_table("leave_requests", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_leave_requests_agency_id"), ["agency_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_leave_requests_member_id"), ["member_id"], unique=False
        )

    op.create_table(
        "leave_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), nullable=False),
        sa.Column("decision", sqlmodel.sql.sqltypes.AutoString(length=8), nullable=False),
        sa.Column("decided_by", sa.BigInteger(), nullable=False),
        sa.Column("decider_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "decision IN ('approved', 'rejected')", name=op.f("ck_leave_decisions_decision")
        ),
        sa.ForeignKeyConstraint(
            ["request_id"],
            ["leave_requests.id"],
            name=op.f("fk_leave_decisions_request_id_leave_requests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leave_decisions")),
        sa.UniqueConstraint("request_id", name="uq_leave_decisions_request"),
    )
    with op.batch_alter_table("window_runs", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("reminder_sent_at", storage.types.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("window_runs", schema=None) as batch_op:
        batch_op.drop_column("reminder_sent_at")

    op.drop_table("leave_decisions")
    with op.batch_alter_table("leave_requests", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leave_requests_member_id"))
        batch_op.drop_index(batch_op.f("ix_leave_requests_agency_id"))

    op.drop_table("leave_requests")
    with op.batch_alter_table("activity_reports", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_activity_reports_agency_id"))

    op.drop_table("activity_reports")
    op.drop_table("wfh_periods")
    with op.batch_alter_table("agency_days_off", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_agency_days_off_agency_id"))

    op.drop_table("agency_days_off")
