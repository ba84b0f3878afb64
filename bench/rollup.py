"""Roll-up: one window's BKD table for 30,000 agencies × 150 members, in seconds and peak RSS.

The data is generated with Core ``executemany`` into a database built by the real
migrations: one BKD group with every agency confirmed under it; per agency 150 members
(2 % imported and not linked yet, 5 % pimpinan/satgas), one run of the 07:30 window,
reports from 85 % of the linked members (a fifth of them late), 1 % on approved leave
and 0.5 % with a request pending, the day's piket check, and red flags on 1 % of the
members for this window and each of the five days before.

Each measurement runs in a fresh child process, so generating the data does not count
toward its memory:

* baseline a grouped count over ``members`` and ``reports``: the floor any roll-up pays,
          measured in the same run so the ratio survives a noisy machine;
* build   ``RollupService.build``: the one query and the table's rows (the roll-up itself);
* tick    ``RollupService.tick``: the due check, the claim, the query, the payload stored
          in ``rollup_runs`` and the outbox — what the minute tick does once per window;
* render  the XLSX and the chat text of that roll-up (what the sender does later).

Targets: build < 5 s and peak RSS < 300 MB. Peak RSS is the child's ``ru_maxrss``: the
whole process (interpreter, imports, data), not only the growth.

Run: ``python bench/rollup.py`` (SQLite; PostgreSQL too when HADIR_BENCH_POSTGRES_URL or
HADIR_TEST_POSTGRES_URL names a server that may create databases). ``--help`` for sizes.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import Column, MetaData, Table, delete, insert, make_url, text  # noqa: E402
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine  # noqa: E402

DAY = date(2026, 11, 25)  # a Wednesday
WINDOW = "07:30"
OPENS = datetime(2026, 11, 25, 0, 30, tzinfo=UTC)  # 07:30 WIB
DEADLINE = OPENS + timedelta(minutes=30)
NOW = DEADLINE + timedelta(minutes=1)
EPOCH = datetime(2026, 11, 1, tzinfo=UTC)
CHUNK = 20_000
TARGET_SECONDS, TARGET_MB = 5.0, 300.0


class Values:
    """Timestamps and dates as the database driver takes them, converted once, not per row.

    The rows go through a plain copy of each table (untyped columns), so SQLAlchemy does
    no per-value processing: SQLite gets the text it stores (naive UTC, as
    ``storage.types.UTCDateTime`` writes it), PostgreSQL gets aware datetimes.
    """

    def __init__(self, dialect: str) -> None:
        def stamp(at: datetime) -> Any:
            if dialect == "sqlite":
                return at.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
            return at

        def day(d: date) -> Any:
            return d.isoformat() if dialect == "sqlite" else d

        self.epoch, self.opens, self.deadline = stamp(EPOCH), stamp(OPENS), stamp(DEADLINE)
        self.on_time = stamp(OPENS + timedelta(minutes=5))
        self.late = stamp(OPENS + timedelta(minutes=45))
        self.day, self.day_before = day(DAY), day(DAY - timedelta(days=1))
        self.day_after = day(DAY + timedelta(days=1))
        self.flag_days = [day(DAY - timedelta(days=n)) for n in range(6)]


def plain(table: Any) -> Table:
    """The same table with untyped columns: values go to the driver as they are."""
    return Table(table.name, MetaData(), *(Column(c.name) for c in table.columns))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


# --- generating the data ---------------------------------------------------------------------


def _chunks(rows: Iterator[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == CHUNK:
            yield batch
            batch = []
    if batch:
        yield batch


def _role(i: int) -> str:
    if i % 20 == 0:
        return "pimpinan" if i % 40 == 0 else "satgas"
    return "piket" if i % 10 == 3 else "pegawai"


def _members(v: Values, agencies: int, per_agency: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        for i in range(1, per_agency + 1):
            linked = i % 50 != 7  # 2 % imported, not linked yet
            yield {
                "id": (a - 1) * per_agency + i,
                "agency_id": a,
                "nip": f"198001012005011{i:03d}",
                "full_name": f"Pegawai {a}-{i}",
                "telegram_user_id": a * 1000 + i if linked else None,
                "telegram_username": None,
                "role": _role(i),
                "phone": None,
                "created_at": v.epoch,
                "updated_at": v.epoch,
            }


def _reports(v: Values, agencies: int, per_agency: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        for i in range(1, per_agency + 1):
            if i % 50 == 7 or i % 20 in (11, 12, 13):  # not linked, or silent (15 %)
                continue
            late = i % 5 == 4
            at = v.late if late else v.on_time
            yield {
                "member_id": (a - 1) * per_agency + i,
                "agency_id": a,
                "day": v.day,
                "window": WINDOW,
                "status": "terlambat" if late else "hadir",
                "first_at": at,
                "last_at": at,
                "latitude": -6.2,
                "longitude": 106.8,
                "accuracy": 15.0,
                "live": False,
                "chat_id": -1_000_000_000_000 - a,
                "message_id": i,
            }


def _leave(v: Values, agencies: int, per_agency: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        for i in range(1, per_agency + 1):
            if i % 100 in (21, 61):  # 1 % approved, 0.5 % pending
                status = "approved" if i % 100 == 21 or a % 2 else "pending"
                yield {
                    "agency_id": a,
                    "member_id": (a - 1) * per_agency + i,
                    "kind": "cuti",
                    "start_day": v.day_before,
                    "end_day": v.day_after,
                    "reason": "",
                    "status": status,
                    "created_at": v.epoch,
                }


def _piket_checks(v: Values, agencies: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        yield {
            "agency_id": a,
            "day": v.day,
            "present": a % 7,
            "minimum": 5,
            "checked_at": v.deadline,
        }


def _flags(v: Values, agencies: int, per_agency: int) -> Iterator[dict[str, Any]]:
    """Red flags on 1 % of members, on this window and on the five days before it."""
    for a in range(1, agencies + 1):
        for i in range(5, per_agency + 1, 100):
            for day in v.flag_days:
                yield {
                    "agency_id": a,
                    "member_id": (a - 1) * per_agency + i,
                    "day": day,
                    "window": WINDOW,
                    "kind": "titik_sama_pegawai",
                    "detail": "{}",
                    "created_at": v.epoch,
                }


def _agencies(v: Values, agencies: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        yield {
            "id": a,
            "code": f"AG{a:05d}",
            "name": f"Dinas Nomor {a}",
            "telegram_chat_id": -1_000_000_000_000 - a,
            "zone": "WIB",
            "windows": "07:30 11:30 15:00",
            "deadline_minutes": 30,
            "working_days": "1,2,3,4,5",
            "language": "id",
            "paused": False,
            "created_at": v.epoch,
            "updated_at": v.epoch,
        }


def _bkd(v: Values) -> Iterator[dict[str, Any]]:
    yield {
        "id": 1,
        "code": "BKDBENCH",
        "name": "BKD Bench",
        "telegram_chat_id": -42,
        "language": "id",
        "created_at": v.epoch,
        "updated_at": v.epoch,
    }


def _links(v: Values, agencies: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        yield {
            "agency_id": a,
            "bkd_id": 1,
            "status": "confirmed",
            "requested_by": 1,
            "requested_at": v.epoch,
            "confirmed_by": 2,
            "confirmed_at": v.epoch,
        }


def _runs(v: Values, agencies: int) -> Iterator[dict[str, Any]]:
    for a in range(1, agencies + 1):
        yield {
            "agency_id": a,
            "day": v.day,
            "window": WINDOW,
            "opens_at": v.opens,
            "deadline_at": v.deadline,
            "prompt_sent_at": v.opens,
            "summary_sent_at": v.deadline,
        }


async def generate(engine: AsyncEngine, agencies: int, per_agency: int) -> dict[str, int]:
    from sqlalchemy import inspect

    from storage.migrate import upgrade
    from storage.tables import Agency, Member, Report, WindowRun
    from storage.tables_geo import LocationFlag, PiketCheck
    from storage.tables_rollup import BkdGroup, BkdLink
    from storage.tables_rules import LeaveRequest

    await upgrade(engine)
    v = Values(engine.dialect.name)
    tables = [
        (Agency, _agencies(v, agencies)),
        (BkdGroup, _bkd(v)),
        (BkdLink, _links(v, agencies)),
        (WindowRun, _runs(v, agencies)),
        (Member, _members(v, agencies, per_agency)),
        (Report, _reports(v, agencies, per_agency)),
        (LeaveRequest, _leave(v, agencies, per_agency)),
        (PiketCheck, _piket_checks(v, agencies)),
        (LocationFlag, _flags(v, agencies, per_agency)),
    ]
    counts: dict[str, int] = {}
    for model, rows in tables:
        table = plain(inspect(model).local_table)  # Core executemany, no per-value processing
        counts[table.name] = 0
        for batch in _chunks(rows):
            async with engine.begin() as conn:
                await conn.execute(insert(table), batch)
            counts[table.name] += len(batch)
    # What autovacuum does on a live server soon after a bulk load: statistics, and on
    # PostgreSQL the visibility map, without which no index-only scan is chosen.
    async with engine.connect() as conn:
        await conn.execution_options(isolation_level="AUTOCOMMIT")
        vacuum = "VACUUM ANALYZE" if engine.dialect.name == "postgresql" else "ANALYZE"
        await conn.execute(text(vacuum))
    return counts


# --- measuring (in a child process) ----------------------------------------------------------


async def measure(url: str, what: str) -> dict[str, float]:
    from bot.clock import VirtualClock
    from handlers.rollup import RollupService
    from storage import rollup as rollup_repo
    from storage.db import Database, make_engine
    from storage.tables import OutboxMessage
    from storage.tables_rollup import RollupRun

    db = Database(make_engine(url))
    service = RollupService(db=db, clock=VirtualClock(NOW))
    before = rss_mb()
    result: dict[str, float] = {"rss_before_mb": before}
    try:
        async with db.read() as session:
            bkd = await rollup_repo.bkd_by_code(session, code="BKDBENCH")
        assert bkd is not None
        if what == "baseline":
            # The floor any roll-up pays: read every member and every report once, grouped.
            started = time.perf_counter()
            async with db.read() as session:
                members = await session.execute(
                    text("SELECT agency_id, count(*) FROM members GROUP BY agency_id")
                )
                rows = len(members.all())
                reports = await session.execute(
                    text(
                        "SELECT agency_id, status, count(*) FROM reports GROUP BY agency_id, status"
                    )
                )
                rows += len(reports.all())
            result["seconds"] = time.perf_counter() - started
            result["rows"] = rows
        elif what == "build":
            started = time.perf_counter()
            async with db.read() as session:
                rollup = await service.build(session, bkd, DAY, WINDOW, NOW)
            result["seconds"] = time.perf_counter() - started
            result["agencies"] = len(rollup.rows)
            result["expected"] = rollup.totals().expected
        elif what == "tick":
            async with db.transaction() as session:  # a clean slate for the claim
                await session.execute(delete(RollupRun))
                await session.execute(delete(OutboxMessage))
            started = time.perf_counter()
            sent = await service.tick()
            result["seconds"] = time.perf_counter() - started
            assert sent == 1, sent
        else:  # render
            from bot.reports.rollup_text import render_rollup
            from bot.reports.rollup_xlsx import render_rollup_xlsx

            async with db.read() as session:
                rollup = await service.build(session, bkd, DAY, WINDOW, NOW)
            started = time.perf_counter()
            data = render_rollup_xlsx(rollup)
            result["xlsx_seconds"] = time.perf_counter() - started
            result["xlsx_mb"] = len(data) / 1e6
            started = time.perf_counter()
            result["text_chars"] = len(render_rollup(rollup))
            result["seconds"] = result["xlsx_seconds"] + time.perf_counter() - started
    finally:
        await db.close()
    result["rss_peak_mb"] = rss_mb()
    return result


def child(url: str, what: str) -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, __file__, "--measure", what, "--url", url],
        check=True, capture_output=True, text=True, env=env,
    )  # fmt: skip
    return json.loads(out.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


# --- backends ---------------------------------------------------------------------------------


async def _create_pg(base: str) -> str:
    name = f"hadir_bench_{uuid.uuid4().hex[:12]}"
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return make_url(base).set(database=name).render_as_string(hide_password=False)


async def _drop_pg(base: str, url: str) -> None:
    admin = create_async_engine(base, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        name = make_url(url).database
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


def run_backend(label: str, url: str, args: argparse.Namespace) -> None:
    from storage.db import make_engine

    async def fill() -> dict[str, int]:
        engine = make_engine(url)
        try:
            return await generate(engine, args.agencies, args.members)
        finally:
            await engine.dispose()

    started = time.perf_counter()
    counts = asyncio.run(fill())
    filled = time.perf_counter() - started
    print(f"\n{label}: generated in {filled:.0f} s — " + ", ".join(
        f"{n:,} {name}" for name, n in counts.items()))  # fmt: skip
    builds = [child(url, "build") for _ in range(args.runs)]
    seconds = [b["seconds"] for b in builds]
    peak = max(b["rss_peak_mb"] for b in builds)
    base = statistics.median(b["rss_before_mb"] for b in builds)
    print(
        f"  build   median {statistics.median(seconds):6.2f} s (min {min(seconds):.2f}, "
        f"max {max(seconds):.2f}, n={len(seconds)}) · peak RSS {peak:.0f} MB "
        f"(after imports {base:.0f} MB) · {int(builds[0]['agencies']):,} agencies, "
        f"{int(builds[0]['expected']):,} expected"
    )
    floor = [child(url, "baseline")["seconds"] for _ in range(args.runs)]
    print(
        f"  baseline median {statistics.median(floor):5.2f} s (a grouped scan of members and "
        f"reports) · build ÷ baseline {statistics.median(seconds) / statistics.median(floor):.1f}×"
    )
    verdict = "OK" if statistics.median(seconds) < TARGET_SECONDS and peak < TARGET_MB else "MISSED"
    print(f"          target < {TARGET_SECONDS:.0f} s and < {TARGET_MB:.0f} MB: {verdict}")
    tick = child(url, "tick")
    print(f"  tick    {tick['seconds']:6.2f} s · peak RSS {tick['rss_peak_mb']:.0f} MB")
    if not args.no_render:
        render = child(url, "render")
        print(
            f"  render  XLSX {render['xlsx_seconds']:.2f} s ({render['xlsx_mb']:.1f} MB), "
            f"text {int(render['text_chars']):,} chars · peak RSS {render['rss_peak_mb']:.0f} MB"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--agencies", type=int, default=30_000)
    parser.add_argument("--members", type=int, default=150, help="members per agency")
    parser.add_argument("--runs", type=int, default=3, help="build measurements per backend")
    parser.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="both")
    parser.add_argument("--no-render", action="store_true", help="skip the XLSX/text rendering")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--url", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(asyncio.run(measure(args.url, args.measure))))
        return
    print(f"Roll-up of one window: {args.agencies:,} agencies × {args.members} members")
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory(prefix="hadir-bench-rollup-") as tmp:
            run_backend("SQLite", f"sqlite+aiosqlite:///{tmp}/rollup.db", args)
    base = os.environ.get("HADIR_BENCH_POSTGRES_URL") or os.environ.get("HADIR_TEST_POSTGRES_URL")
    if args.backend in ("postgresql", "both"):
        if not base:
            print("\nPostgreSQL: skipped (set HADIR_BENCH_POSTGRES_URL or HADIR_TEST_POSTGRES_URL)")
            return
        url = asyncio.run(_create_pg(base))
        try:
            run_backend("PostgreSQL", url, args)
        finally:
            asyncio.run(_drop_pg(base, url))


if __name__ == "__main__":
    main()
