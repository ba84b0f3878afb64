"""Shared fixtures: a migrated database per test, on SQLite and on PostgreSQL.

PostgreSQL runs when ``HADIR_TEST_POSTGRES_URL`` names a server we may create
databases on (e.g. ``postgresql+asyncpg://postgres@127.0.0.1:5432/test``). Each test
gets its own database ``hadir_test_<random>``, created through that URL and dropped
afterwards, so tests never see each other's rows and the engine needs no special
arguments. Without the variable the PostgreSQL half is skipped with that reason.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from sqlalchemy import make_url, text
from sqlalchemy.ext.asyncio import create_async_engine

from storage.db import Database, make_engine
from storage.migrate import upgrade

POSTGRES_ENV = "HADIR_TEST_POSTGRES_URL"


@pytest.fixture(params=["sqlite", "postgresql"])
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    """The URL of an empty database of the given backend, owned by this test alone."""
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path}/hadir.db"
        return
    base = os.environ.get(POSTGRES_ENV)
    if not base:
        pytest.skip(f"{POSTGRES_ENV} not set: PostgreSQL storage tests skipped")
    name = f"hadir_test_{uuid.uuid4().hex[:16]}"
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    try:
        async with admin.connect() as conn:
            await conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


@pytest.fixture
async def db(database_url: str) -> AsyncIterator[Database]:
    """A :class:`Database` whose schema was built by the real Alembic migrations."""
    engine = make_engine(database_url)
    await upgrade(engine)
    database = Database(engine)
    try:
        yield database
    finally:
        await database.close()
