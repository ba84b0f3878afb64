"""Roster import: an agency's staff list (NIP, nama, peran, atasan, telegram_username or
phone), checked row by row before anything is written.

Every row is validated first and every error reported with its row number; nothing is
imported when a row is invalid unless the caller asks to skip invalid rows. Importing is
idempotent: a member is found by NIP, changed only where the file says something new,
and a second run of the same file changes nothing. Imported members have no chat
account until they /daftar with the same NIP ("belum terhubung" in summaries); an
imported atasan becomes a supervisor as soon as they do.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from handlers.nip import InvalidNip, NipError, parse_nip
from handlers.ports import Clock
from handlers.results import Reply, fail
from storage import agencies as agencies_repo
from storage import roster as roster_repo
from storage.db import Database

ROLES = ("pegawai", "pimpinan", "piket", "lapangan", "satgas")
MAX_NAME = 200
HEADERS: dict[str, tuple[str, ...]] = {  # column -> names accepted in the header row
    "nip": ("nip",),
    "name": ("nama", "name", "nama lengkap", "nama_lengkap"),
    "role": ("peran", "role"),
    "supervisor": ("atasan", "supervisor"),
    "username": ("telegram_username", "telegram", "username", "username telegram"),
    "phone": ("phone", "telepon", "hp", "no_hp", "nomor hp", "whatsapp", "no_wa"),
}
REQUIRED = ("nip", "name")
YES = frozenset({"ya", "yes", "y", "true", "1", "atasan"})
NO = frozenset({"", "tidak", "no", "n", "false", "0", "bukan", "-"})
USERNAME = re.compile(r"^[A-Za-z][A-Za-z0-9_]{3,31}$")
PHONE_NOISE = re.compile(r"[\s().\-]")


@dataclass(frozen=True)
class RosterRow:
    line: int  # row number in the file (the header is row 1)
    nip: str
    name: str
    role: str | None  # None: not given (a new member is pegawai, an existing one keeps hers)
    supervisor: bool
    username: str | None
    phone: str | None  # E.164, e.g. +6281234567890


@dataclass(frozen=True)
class RowError:
    line: int
    reply: Reply  # a catalog key and its parameters


@dataclass(frozen=True)
class Checked:
    rows: tuple[RosterRow, ...]
    errors: tuple[RowError, ...]


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    supervisors: int = 0  # supervisors added (now, or waiting for /daftar)
    skipped: tuple[RowError, ...] = field(default=())
    refused: tuple[RowError, ...] = field(default=())  # nothing written when not empty

    @property
    def ok(self) -> bool:
        return not self.refused


def column_map(header: Sequence[str]) -> tuple[dict[str, int], list[RowError]]:
    """Header cells -> {column: index}; unknown or missing columns are errors on row 1."""
    names = {alias: key for key, aliases in HEADERS.items() for alias in aliases}
    found: dict[str, int] = {}
    errors: list[RowError] = []
    for index, cell in enumerate(header):
        text = " ".join(str(cell or "").strip().lower().split())
        if not text:
            continue
        key = names.get(text) or names.get(text.replace(" ", "_"))
        if key is None:
            errors.append(RowError(1, fail("roster.unknown_column", column=str(cell).strip())))
        elif key in found:
            errors.append(RowError(1, fail("roster.duplicate_column", column=str(cell).strip())))
        else:
            found[key] = index
    for key in REQUIRED:
        if key not in found:
            errors.append(RowError(1, fail("roster.missing_column", column=HEADERS[key][0])))
    return found, errors


def normalize_phone(text: str) -> str:
    """``0812-3456-7890``, ``62812…``, ``+62 812 …`` → ``+628123…``; ValueError otherwise."""
    digits = PHONE_NOISE.sub("", text)
    if digits.startswith("+"):
        digits = digits[1:]
    elif digits.startswith("0"):
        digits = "62" + digits[1:]
    if not digits.isdigit() or not 9 <= len(digits) <= 15 or digits.startswith(("0", "620")):
        raise ValueError(text)
    return f"+{digits}"


def check(table: Sequence[Sequence[object]]) -> Checked:
    """Validate a whole sheet (header row first); blank rows are ignored."""
    if not table:
        return Checked((), (RowError(1, fail("roster.empty")),))
    columns, errors = column_map([str(c or "") for c in table[0]])
    if errors:
        return Checked((), tuple(errors))
    rows: list[RosterRow] = []
    seen: dict[tuple[str, str], int] = {}  # (column, value) -> first row with it
    for line, raw in enumerate(table[1:], start=2):
        cells = {key: _text(raw, index) for key, index in columns.items()}
        if not any(cells.values()):
            continue
        row, problems = _row(line, cells)
        nip_cell = raw[columns["nip"]] if columns["nip"] < len(raw) else None
        if isinstance(nip_cell, int | float):  # Excel keeps 15 digits of a number: NIP lost
            problems = [fail("roster.nip_number", value=cells["nip"])]
        for key, value in (("nip", row.nip), ("username", row.username), ("phone", row.phone)):
            if row.nip and value:
                first = seen.setdefault((key, value.lower()), line)
                if first != line:
                    problems.append(fail(f"roster.duplicate_{key}", value=value, first=first))
        if problems:
            errors.extend(RowError(line, p) for p in problems)
        else:
            rows.append(row)
    return Checked(tuple(rows), tuple(errors))


def _text(raw: Sequence[object], index: int) -> str:
    value = raw[index] if index < len(raw) else None
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a number typed in Excel
    return " ".join(str(value).split())


def _row(line: int, cells: Mapping[str, str]) -> tuple[RosterRow, list[Reply]]:
    problems: list[Reply] = []
    nip = ""
    try:
        nip = parse_nip(cells.get("nip", "")).value
    except InvalidNip as exc:
        key = "roster.nip_format" if exc.reason is NipError.FORMAT else f"nip.{exc.reason.value}"
        problems.append(fail(key, value=cells.get("nip", "")))
    name = cells.get("name", "")
    if not name or len(name) > MAX_NAME:
        problems.append(fail("roster.bad_name"))
    role = cells.get("role", "").lower() or None
    if role is not None and role not in ROLES:
        problems.append(
            fail("roster.bad_role", value=cells.get("role", ""), roles=", ".join(ROLES))
        )
    answer = cells.get("supervisor", "").lower()
    if answer not in YES | NO:
        problems.append(fail("roster.bad_supervisor", value=cells.get("supervisor", "")))
    username = cells.get("username", "").lstrip("@") or None
    if username is not None and not USERNAME.match(username):
        problems.append(fail("roster.bad_username", value=cells.get("username", "")))
    phone = None
    if cells.get("phone"):
        try:
            phone = normalize_phone(cells["phone"])
        except ValueError:
            problems.append(fail("roster.bad_phone", value=cells["phone"]))
    row = RosterRow(line, nip, name, role, answer in YES, username, phone)
    return row, problems


class RosterService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def import_rows(
        self, *, agency_code: str, checked: Checked, skip_invalid: bool = False
    ) -> ImportResult:
        """Write the valid rows in one transaction, or nothing at all."""
        if checked.errors and not skip_invalid:
            return ImportResult(refused=checked.errors)
        now = self._clock.now()
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_code(session, code=agency_code.strip().upper())
            if agency is None or agency.id is None:
                raise LookupError(agency_code)
            conflicts = await roster_repo.phone_conflicts(
                session,
                agency_id=agency.id,
                phones={row.phone: row.nip for row in checked.rows if row.phone},
            )
            refused = [
                RowError(row.line, fail("roster.phone_taken", value=row.phone))
                for row in checked.rows
                if row.phone in conflicts
            ]
            if refused and not skip_invalid:
                return ImportResult(refused=(*checked.errors, *refused))
            rows = [row for row in checked.rows if row.phone not in conflicts]
            counts = await roster_repo.upsert_members(
                session, agency_id=agency.id, rows=[_fields(row) for row in rows], now=now
            )
            added = await roster_repo.add_supervisors(
                session,
                agency_id=agency.id,
                nips=[row.nip for row in rows if row.supervisor],
                now=now,
            )
        return ImportResult(
            created=counts.created,
            updated=counts.updated,
            unchanged=counts.unchanged,
            supervisors=added,
            skipped=(*checked.errors, *refused),
        )


def _fields(row: RosterRow) -> dict[str, str | None]:
    return {
        "nip": row.nip,
        "full_name": row.name,
        "role": row.role,
        "telegram_username": row.username,
        "phone": row.phone,
    }
