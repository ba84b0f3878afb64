"""geo: home points, office point and radii, live shares, flags, piket roster

Revision ID: 0004
Revises: 0002
Create Date: 2026-11-25 15:57:08.584288
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0004"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = ("geo",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "agency_geo",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("office_latitude", sa.Float(), nullable=True),
        sa.Column("office_longitude", sa.Float(), nullable=True),
        sa.Column("office_accuracy", sa.Float(), nullable=True),
        sa.Column("office_set_by", sa.BigInteger(), nullable=True),
        sa.Column("office_radius_m", sa.Integer(), nullable=True),
        sa.Column("home_radius_m", sa.Integer(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "home_radius_m BETWEEN 10 AND 5000", name=op.f("ck_agency_geo_home_radius")
        ),
        sa.CheckConstraint(
            "office_radius_m BETWEEN 10 AND 5000", name=op.f("ck_agency_geo_office_radius")
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_agency_geo_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agency_id", name=op.f("pk_agency_geo")),
    )
    op.create_table(
        "piket_checks",
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("present", sa.Integer(), nullable=False),
        sa.Column("minimum", sa.Integer(), nullable=False),
        sa.Column("checked_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_piket_checks_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("agency_id", "day", name=op.f("pk_piket_checks")),
    )
    op.create_table(
        "home_points",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=False),
        sa.Column("longitude", sa.Float(), nullable=False),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.Column("state", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("slot", sqlmodel.sql.sqltypes.AutoString(length=7), nullable=True),
        sa.Column("requested_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("decided_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("decided_by", sa.BigInteger(), nullable=True),
        sa.Column("decider_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.CheckConstraint("slot IN ('pending', 'current')", name=op.f("ck_home_points_slot")),
        sa.CheckConstraint(
            "state IN ('pending', 'approved', 'rejected', 'superseded')",
            name=op.f("ck_home_points_state"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_home_points_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_home_points_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_home_points")),
        sa.UniqueConstraint("member_id", "slot", name="uq_home_points_member_slot"),
    )
    with op.batch_alter_table("home_points", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_home_points_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_home_points_member_id"), ["member_id"], unique=False)

    op.create_table(
        "live_shares",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=False),
        sa.Column("started_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("live_until", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("stopped_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("accuracy", sa.Float(), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_live_shares_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_shares")),
        sa.UniqueConstraint("chat_id", "message_id", name="uq_live_shares_message"),
    )
    with op.batch_alter_table("live_shares", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_live_shares_member_id"), ["member_id"], unique=False)

    op.create_table(
        "location_flags",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("window", sqlmodel.sql.sqltypes.AutoString(length=5), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=20), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('titik_sama_hari', 'titik_sama_pegawai', 'lompatan')",
            name=op.f("ck_location_flags_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_location_flags_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_location_flags_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_location_flags")),
        sa.UniqueConstraint("member_id", "day", "window", "kind", name="uq_location_flags_window"),
    )
    with op.batch_alter_table("location_flags", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_location_flags_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "piket_roster",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_piket_roster_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_piket_roster_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_piket_roster")),
        sa.UniqueConstraint("agency_id", "day", "member_id", name="uq_piket_roster_day_member"),
    )
    with op.batch_alter_table("piket_roster", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_piket_roster_member_id"), ["member_id"], unique=False)

    with op.batch_alter_table("location_events", schema=None) as batch_op:
        batch_op.create_index("ix_location_events_lat_lon", ["latitude", "longitude"], unique=False)
        batch_op.create_index("ix_location_events_member_at", ["member_id", "at"], unique=False)

    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("tier", sqlmodel.sql.sqltypes.AutoString(length=13), nullable=True)
        )
        batch_op.add_column(sa.Column("distance_m", sa.Float(), nullable=True))
        batch_op.add_column(
            sa.Column("covered", sa.Boolean(), server_default=sa.false(), nullable=False)
        )
        batch_op.create_check_constraint(
            op.f("ck_reports_tier"), "tier IN ('terverifikasi', 'lemah', 'di_luar', 'tanpa_titik')"
        )


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_reports_tier"), type_="check")
        batch_op.drop_column("covered")
        batch_op.drop_column("distance_m")
        batch_op.drop_column("tier")

    with op.batch_alter_table("location_events", schema=None) as batch_op:
        batch_op.drop_index("ix_location_events_member_at")
        batch_op.drop_index("ix_location_events_lat_lon")

    with op.batch_alter_table("piket_roster", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_piket_roster_member_id"))

    op.drop_table("piket_roster")
    with op.batch_alter_table("location_flags", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_location_flags_agency_id"))

    op.drop_table("location_flags")
    with op.batch_alter_table("live_shares", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_live_shares_member_id"))

    op.drop_table("live_shares")
    with op.batch_alter_table("home_points", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_home_points_member_id"))
        batch_op.drop_index(batch_op.f("ix_home_points_agency_id"))

    op.drop_table("home_points")
    op.drop_table("piket_checks")
    op.drop_table("agency_geo")
