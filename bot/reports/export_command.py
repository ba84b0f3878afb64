"""`hadir export`: an agency's attendance over a period, written to an XLSX or CSV file.

Bad arguments and an unknown agency end with one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.exc import SQLAlchemyError

from bot.clock import SystemClock
from bot.config import Config
from handlers.exports import AttendanceTable, BadPeriod, ExportService, UnknownAgency
from handlers.ports import Clock
from storage.db import Database, make_engine

FORMATS = ("xlsx", "csv")


class UsageError(ValueError):
    """A command-line argument that cannot be used; the message says which."""


def add_export_parser(sub: Any) -> None:
    """Register the subcommand on the CLI's subparsers."""
    export = sub.add_parser("export", help="write an agency's attendance for a period to a file")
    export.add_argument("--agency", required=True, metavar="KODE", help="agency code")
    export.add_argument(
        "--from", dest="date_from", required=True, metavar="YYYY-MM-DD", help="first day"
    )
    export.add_argument(
        "--to", dest="date_to", required=True, metavar="YYYY-MM-DD", help="last day (inclusive)"
    )
    export.add_argument("--format", choices=FORMATS, help="default: the --out suffix, else xlsx")
    export.add_argument("--out", required=True, metavar="FILE", help="file to write")


def parse_day(text: str, option: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} must be a date YYYY-MM-DD, got {text!r}") from None


def export_format(requested: str | None, out: Path) -> str:
    if requested:
        return requested
    suffix = out.suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else "xlsx"


def render(table: AttendanceTable, fmt: str, language: str) -> bytes:
    if fmt == "csv":
        from bot.reports.csv_export import render_csv

        return render_csv(table, language=language)
    from bot.reports.chart import render_chart
    from bot.reports.xlsx import render_xlsx

    return render_xlsx(table, language=language, chart=render_chart(table, language=language))


async def build_table(
    url: str, *, code: str, start: date, end: date, clock: Clock
) -> AttendanceTable:
    db = Database(make_engine(url))
    try:
        return await ExportService(db=db, clock=clock).table(agency_code=code, start=start, end=end)
    finally:
        await db.close()


def run_export(args: argparse.Namespace, config: Config, *, clock: Clock | None = None) -> int:
    out = Path(args.out)
    try:
        start = parse_day(args.date_from, "--from")
        end = parse_day(args.date_to, "--to")
        if start > end:
            raise UsageError(f"--from {start.isoformat()} is after --to {end.isoformat()}")
        fmt = export_format(args.format, out)
        table = asyncio.run(
            build_table(
                config.database.url,
                code=args.agency,
                start=start,
                end=end,
                clock=clock or SystemClock(),
            )
        )
    except (UsageError, BadPeriod) as exc:
        return _fail(str(exc), 2)
    except UnknownAgency as exc:
        return _fail(f"no agency with code {exc.args[0]!r} (see /setup in its group)", 2)
    except SQLAlchemyError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _fail(f"cannot read the database (try `hadir migrate`): {first}", 1)
    data = render(table, fmt, config.language)
    try:
        out.write_bytes(data)
    except OSError as exc:
        return _fail(f"cannot write {out}: {exc.strerror or exc}", 1)
    print(f"wrote {out}: {len(table.rows)} members, {len(table.columns)} windows ({fmt})")
    return 0


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
