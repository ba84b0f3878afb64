"""Every table module, imported once: what Alembic and the drift check compare against.

A new table module is added here; nothing else needs to know the full list.
"""

from __future__ import annotations

from sqlmodel import SQLModel

import storage.tables  # noqa: F401
from storage import (
    tables_geo,  # noqa: F401
    tables_privacy,  # noqa: F401
    tables_rollup,  # noqa: F401
    tables_rules,  # noqa: F401
    tables_whatsapp,  # noqa: F401
)

metadata = SQLModel.metadata
