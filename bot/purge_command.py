"""`hadir purge [--dry-run]`: purge coordinates older than [data] retention_days now.

Prints the cutoff and one line per table and action, in plain English like the other
operator commands. ``--dry-run`` counts the same rows and changes nothing. Exit codes:
0 done, 1 the database cannot be used (e.g. not migrated).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.clock import SystemClock
from bot.config import Config
from handlers.ports import Clock
from handlers.retention import PurgeResult, RetentionService
from storage.db import Database, make_engine

DONE = {"cleared": "coordinates cleared", "deleted": "deleted"}
WOULD = {"cleared": "coordinates would be cleared", "deleted": "would be deleted"}


def add_purge_parser(sub: Any) -> None:
    purge = sub.add_parser(
        "purge", help="purge location coordinates older than [data] retention_days"
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="count what would be purged, change nothing"
    )


async def purge(url: str, *, days: int, dry_run: bool, clock: Clock) -> PurgeResult:
    db = Database(make_engine(url))
    try:
        return await RetentionService(db=db, clock=clock, days=days).purge(dry_run=dry_run)
    finally:
        await db.close()


def report_lines(result: PurgeResult, *, days: int) -> list[str]:
    """``purged coordinates received before …``, then ``  table (action): N rows`` each."""
    cutoff = result.cutoff.isoformat(timespec="seconds")
    head = "dry run, nothing changed; would purge" if result.dry_run else "purged"
    lines = [f"{head} coordinates received before {cutoff} ({days} days)"]
    actions = WOULD if result.dry_run else DONE
    for p in result.purged:
        lines.append(f"  {p.table} ({actions[p.action]}): {_rows(p.rows)}")
    lines.append(f"  total: {_rows(result.total)}")
    return lines


def _rows(n: int) -> str:
    return f"{n} row" if n == 1 else f"{n} rows"


def run_purge(args: argparse.Namespace, config: Config, *, clock: Clock | None = None) -> int:
    days = config.data.retention_days
    try:
        result = asyncio.run(
            purge(
                config.database.url, days=days, dry_run=args.dry_run, clock=clock or SystemClock()
            )
        )
    except SQLAlchemyError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        print(f"error: cannot purge the database (try `hadir migrate`): {first}", file=sys.stderr)
        return 1
    print("\n".join(report_lines(result, days=days)))
    return 0
