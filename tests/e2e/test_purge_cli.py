"""`hadir purge [--dry-run]` as an operator runs it: a subprocess on a migrated SQLite file.

The subprocess reads the system clock, so the rows are placed around a cutoff an hour
after the real one: what is old for the test is old for the command too.
"""

from __future__ import annotations

import asyncio
import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import col

from storage.db import Database, make_engine
from storage.tables import LocationEvent, Report
from storage.tables_geo import HomePoint, LiveShare
from tests.storage.retention_world import add_world, rows

TABLES = (Report, LocationEvent, LiveShare, HomePoint)
PURGED = [
    "  reports (coordinates cleared): 3 rows",
    "  location_events (deleted): 3 rows",
    "  live_shares (deleted): 1 row",
    "  live_shares (coordinates cleared): 1 row",
    "  home_points (deleted): 3 rows",
    "  total: 11 rows",
]


def _env(tmp_path: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("HADIR_")}
    env["HADIR_DATABASE_URL"] = f"sqlite+aiosqlite:///{tmp_path / 'hadir.db'}"
    env["HADIR_CONFIG"] = ""
    env.update(extra)
    return env


async def _hadir(*args: str, env: dict[str, str]) -> tuple[int, str, str]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "bot.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await proc.communicate()
    assert proc.returncode is not None
    return proc.returncode, out.decode(), err.decode()


async def _snapshot(db: Database) -> list[list[dict[str, Any]]]:
    return [[dict(r.model_dump()) for r in await rows(db, t, col(t.id))] for t in TABLES]


async def test_purge_dry_run_changes_nothing_then_purge_clears_old_coordinates(
    tmp_path: Path,
) -> None:
    env = _env(tmp_path)
    assert (await _hadir("migrate", env=env))[0] == 0
    db = Database(make_engine(env["HADIR_DATABASE_URL"]))
    try:
        await add_world(db, now=datetime.now(UTC) + timedelta(hours=1))
        before = await _snapshot(db)

        code, out, err = await _hadir("purge", "--dry-run", env=env)
        assert (code, err) == (0, ""), err
        lines = out.splitlines()
        assert lines[0].startswith("dry run, nothing changed; would purge coordinates received")
        assert lines[0].endswith("(90 days)")
        assert lines[1:] == [
            line.replace("(deleted)", "(would be deleted)").replace(
                "coordinates cleared", "coordinates would be cleared"
            )
            for line in PURGED
        ]
        assert await _snapshot(db) == before

        code, out, err = await _hadir("purge", env=env)
        assert (code, err) == (0, ""), err
        assert out.splitlines()[0].startswith("purged coordinates received before ")
        assert out.splitlines()[1:] == PURGED
        reports = await rows(db, Report, col(Report.message_id))
        assert [r.latitude is None for r in reports] == [True, True, False, False, True]
        assert [r.status for r in reports] == [r["status"] for r in before[0]]
        assert len(await rows(db, LocationEvent, col(LocationEvent.id))) == 1

        code, out, _ = await _hadir("purge", env=env)
        assert code == 0 and out.splitlines()[-1] == "  total: 0 rows"
    finally:
        await db.close()


async def test_retention_days_from_the_environment_is_checked(tmp_path: Path) -> None:
    code, _, err = await _hadir("purge", env=_env(tmp_path, HADIR_RETENTION_DAYS="0"))
    assert code == 2
    assert "data.retention_days" in err and "Traceback" not in err


async def test_purge_before_migrate_says_so(tmp_path: Path) -> None:
    code, out, err = await _hadir("purge", env=_env(tmp_path, HADIR_RETENTION_DAYS="30"))
    assert (code, out) == (1, "")
    assert "hadir migrate" in err and "Traceback" not in err
