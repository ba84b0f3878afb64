"""member role and phone

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 15:46:17.512430
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column(
                "role",
                sqlmodel.sql.sqltypes.AutoString(length=10),
                server_default="pegawai",
                nullable=False,
            )
        )
        batch_op.add_column(
            sa.Column("phone", sqlmodel.sql.sqltypes.AutoString(length=16), nullable=True)
        )
        batch_op.create_unique_constraint("uq_members_agency_phone", ["agency_id", "phone"])
        batch_op.create_check_constraint(
            op.f("ck_members_role"),
            "role IN ('pegawai', 'pimpinan', 'piket', 'lapangan', 'satgas')",
        )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_members_role"), type_="check")
        batch_op.drop_constraint("uq_members_agency_phone", type_="unique")
        batch_op.drop_column("phone")
        batch_op.drop_column("role")
