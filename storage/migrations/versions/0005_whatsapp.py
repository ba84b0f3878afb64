"""whatsapp: phone links, supervisors, contacts, webhook idempotency, message statuses

Revision ID: 0005
Revises: 0002
Create Date: 2026-11-25 15:52:42.127884
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import storage.types

revision: str = "0005"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = ("whatsapp",)
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "whatsapp_contacts",
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("last_inbound_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("owed", sa.JSON(), nullable=True),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("phone", name=op.f("pk_whatsapp_contacts")),
    )
    op.create_table(
        "whatsapp_inbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wamid", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("sent_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("claimed_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("done_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_inbound")),
        sa.UniqueConstraint("wamid", name=op.f("uq_whatsapp_inbound_wamid")),
    )
    op.create_table(
        "whatsapp_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wamid", sqlmodel.sql.sqltypes.AutoString(length=128), nullable=True),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("kind", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("outbox_id", sa.Integer(), nullable=True),
        sa.Column("run_id", sa.Integer(), nullable=True),
        sa.Column("member_id", sa.Integer(), nullable=True),
        sa.Column("status", sqlmodel.sql.sqltypes.AutoString(length=10), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("error_code", sa.Integer(), nullable=True),
        sa.Column("error_title", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=True),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('accepted', 'sent', 'delivered', 'read', 'failed')",
            name=op.f("ck_whatsapp_messages_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_messages")),
        sa.UniqueConstraint("wamid", name=op.f("uq_whatsapp_messages_wamid")),
    )
    with op.batch_alter_table("whatsapp_messages", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_whatsapp_messages_run_id"), ["run_id"], unique=False)

    op.create_table(
        "whatsapp_supervisors",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("agency_id", sa.Integer(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("display_name", sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["agency_id"],
            ["agencies.id"],
            name=op.f("fk_whatsapp_supervisors_agency_id_agencies"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_supervisors")),
        sa.UniqueConstraint("agency_id", "phone", name="uq_whatsapp_supervisors_phone"),
    )
    with op.batch_alter_table("whatsapp_supervisors", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_whatsapp_supervisors_agency_id"), ["agency_id"], unique=False
        )

    op.create_table(
        "whatsapp_links",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("member_id", sa.Integer(), nullable=False),
        sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column("created_at", storage.types.UTCDateTime(timezone=True), nullable=False),
        sa.Column("invited_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.Column("confirmed_at", storage.types.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["member_id"],
            ["members.id"],
            name=op.f("fk_whatsapp_links_member_id_members"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_whatsapp_links")),
        sa.UniqueConstraint("member_id", name=op.f("uq_whatsapp_links_member_id")),
    )
    with op.batch_alter_table("whatsapp_links", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_whatsapp_links_phone"), ["phone"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("whatsapp_links", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_whatsapp_links_phone"))

    op.drop_table("whatsapp_links")
    with op.batch_alter_table("whatsapp_supervisors", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_whatsapp_supervisors_agency_id"))

    op.drop_table("whatsapp_supervisors")
    with op.batch_alter_table("whatsapp_messages", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_whatsapp_messages_run_id"))

    op.drop_table("whatsapp_messages")
    op.drop_table("whatsapp_inbound")
    op.drop_table("whatsapp_contacts")
