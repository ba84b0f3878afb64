"""`hadir import --agency KODE roster.xlsx|roster.csv [--skip-invalid]`.

Reads the first sheet of an XLSX (openpyxl) or a CSV (UTF-8, with or without BOM; comma,
semicolon or tab separated, as Excel writes it), validates every row, and prints each
error with its row number. Exit codes: 0 imported, 1 refused (invalid rows, nothing
written), 2 bad arguments (file, format, agency).
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import io
import sys
from pathlib import Path
from typing import Any

from openpyxl import load_workbook  # type: ignore[import-untyped, unused-ignore]
from sqlalchemy.exc import SQLAlchemyError

from bot.clock import SystemClock
from bot.config import Config
from bot.texts import render, t
from handlers.ports import Clock
from handlers.roster import Checked, ImportResult, RosterService, check
from storage.db import Database, make_engine


def add_import_parser(sub: Any) -> None:
    roster = sub.add_parser("import", help="import an agency's staff list (XLSX or CSV)")
    roster.add_argument("--agency", required=True, metavar="KODE", help="agency code")
    roster.add_argument("file", metavar="FILE", help="roster.xlsx or roster.csv")
    roster.add_argument(
        "--skip-invalid", action="store_true", help="import the valid rows, skip the others"
    )


def read_table(path: Path) -> list[list[object]]:
    """All rows of the first sheet (XLSX) or of the CSV, header first."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        book = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
        finally:
            book.close()
    if suffix in (".csv", ".txt"):
        text = path.read_text(encoding="utf-8-sig")
        first = text.splitlines()[0] if text else ""
        delimiter = max(",;\t", key=first.count) if first else ","
        return [list(row) for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]
    raise ValueError(f"{path.name}: use an .xlsx or .csv file")


async def import_file(
    url: str, *, code: str, checked: Checked, skip_invalid: bool, clock: Clock
) -> ImportResult:
    db = Database(make_engine(url))
    try:
        service = RosterService(db=db, clock=clock)
        return await service.import_rows(
            agency_code=code, checked=checked, skip_invalid=skip_invalid
        )
    finally:
        await db.close()


def run_import(args: argparse.Namespace, config: Config, *, clock: Clock | None = None) -> int:
    lang = config.language
    path = Path(args.file)
    try:
        table = read_table(path)
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return _fail(f"cannot read {path}: {exc}", 2)
    checked = check(table)
    try:
        result = asyncio.run(
            import_file(
                config.database.url,
                code=args.agency,
                checked=checked,
                skip_invalid=args.skip_invalid,
                clock=clock or SystemClock(),
            )
        )
    except LookupError:
        return _fail(f"no agency with code {args.agency.upper()!r} (see /setup in its group)", 2)
    except SQLAlchemyError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return _fail(f"cannot use the database (try `hadir migrate`): {first}", 1)
    for error in result.refused or result.skipped:
        message = render(error.reply, lang)
        print(t("roster.row", lang, line=error.line, message=message), file=sys.stderr)
    if not result.ok:
        print(t("roster.refused", lang, count=len(result.refused)), file=sys.stderr)
        return 1
    print(
        t(
            "roster.done", lang, code=args.agency.upper(), created=result.created,
            updated=result.updated, unchanged=result.unchanged, supervisors=result.supervisors,
            skipped=len({e.line for e in result.skipped}),
        )
    )  # fmt: skip
    return 0


def _fail(message: str, code: int) -> int:
    print(f"error: {message}", file=sys.stderr)
    return code
