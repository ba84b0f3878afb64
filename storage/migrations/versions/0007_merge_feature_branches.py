"""Join the feature branches (rules, geo, whatsapp, rollup) into one head.

Revision ID: 0007
Revises: 0003, 0004, 0005, 0006
Create Date: 2026-11-25

No schema change: from here on the tree has one head again, so a new migration has one
parent and ``alembic upgrade head`` means what it says.
"""

from __future__ import annotations

from collections.abc import Sequence

revision: str = "0007"
down_revision: str | Sequence[str] | None = ("0003", "0004", "0005", "0006")
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
