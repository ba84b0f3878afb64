"""The attendance table of a period: each member's status per day and window.

Built from a few queries whatever the roster size (the agency's members, its reports,
leave and calendar over the period) and the agency's schedule; rendered elsewhere
(XLSX, CSV, chart). Statuses are the summaries' (:mod:`handlers.statuses`): approved
leave, then an exempt role, then the report, then a pending request; a window whose
deadline passed with none of these is "tidak merespons", or "belum terhubung" for a
roster member who has no chat account yet. A window not yet due, or one whose
deadline passed before the member was added, is blank (None). Columns follow the
agency's current schedule on its working days (national holidays, /libur days and
the /periode excluded).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from handlers.agency_schedule import schedule_of
from handlers.calendar import load_calendar
from handlers.ports import Clock
from handlers.schedule import DaysOff
from handlers.statuses import classify, leave_by_member
from storage import agencies as agencies_repo
from storage import exports as exports_repo
from storage import rules as rules_repo
from storage.db import Database

MAX_DAYS = 366


class Mark(StrEnum):
    HADIR = "hadir"
    TERLAMBAT = "terlambat"
    MISSING = "tidak_merespons"
    PENDING = "izin_menunggu"
    IZIN = "izin"
    SAKIT = "sakit"
    CUTI = "cuti"
    DINAS = "dinas"
    EXEMPT = "dikecualikan"
    UNLINKED = "belum_terhubung"


EXCUSED = frozenset({Mark.IZIN, Mark.SAKIT, Mark.CUTI, Mark.DINAS, Mark.EXEMPT})


class UnknownAgency(LookupError):
    """No agency has that code."""


class BadPeriod(ValueError):
    """The period is reversed or longer than :data:`MAX_DAYS`."""


@dataclass(frozen=True)
class Slot:
    day: date  # local day in the agency zone
    window: str  # local open time "HH:MM"
    deadline_at: datetime  # UTC


@dataclass(frozen=True)
class MemberRow:
    nip: str
    name: str
    marks: tuple[Mark | None, ...]  # one per column of the table


@dataclass(frozen=True)
class Tally:
    hadir: int = 0
    terlambat: int = 0
    missing: int = 0
    pending: int = 0  # izin (menunggu): expected, not answered, a request not decided yet
    excused: int = 0  # approved leave or an exempt role: not expected
    unlinked: int = 0  # belum terhubung: not expected until they /daftar

    @property
    def expected(self) -> int:
        return self.hadir + self.terlambat + self.missing + self.pending

    @property
    def rate(self) -> float | None:
        """Share of expected windows answered (on time or late); None when none was due."""
        return (self.hadir + self.terlambat) / self.expected if self.expected else None


def tally(marks: Iterable[Mark | None]) -> Tally:
    marks = list(marks)
    return Tally(
        hadir=marks.count(Mark.HADIR),
        terlambat=marks.count(Mark.TERLAMBAT),
        missing=marks.count(Mark.MISSING),
        pending=marks.count(Mark.PENDING),
        excused=sum(1 for mark in marks if mark in EXCUSED),
        unlinked=marks.count(Mark.UNLINKED),
    )


@dataclass(frozen=True)
class AttendanceTable:
    code: str
    name: str
    zone: str  # WIB, WITA or WIT: every date and time shown is local to it
    start: date
    end: date
    generated_at: datetime  # UTC
    columns: tuple[Slot, ...]
    rows: tuple[MemberRow, ...]

    def months(self) -> list[tuple[date, list[int]]]:
        """(first day of the month, its column indexes) for every month of the period."""
        found: dict[date, list[int]] = {}
        month = self.start.replace(day=1)
        while month <= self.end:
            found[month] = []
            month = (month + timedelta(days=32)).replace(day=1)
        for index, slot in enumerate(self.columns):
            found[slot.day.replace(day=1)].append(index)
        return list(found.items())

    def windows(self) -> list[str]:
        return sorted({slot.window for slot in self.columns})

    def member_tally(self, row: MemberRow) -> Tally:
        return tally(row.marks)

    def tally_where(self, *, day: date | None = None, window: str | None = None) -> Tally:
        """All members' marks in the columns of that day and/or window."""
        picked = [
            i
            for i, slot in enumerate(self.columns)
            if (day is None or slot.day == day) and (window is None or slot.window == window)
        ]
        return tally(row.marks[i] for row in self.rows for i in picked)

    def days(self) -> list[date]:
        return sorted({slot.day for slot in self.columns})

    def window_rates(self) -> dict[str, list[tuple[date, float]]]:
        """Per window, the attendance rate of each day on which that window was due."""
        rates: dict[str, list[tuple[date, float]]] = {w: [] for w in self.windows()}
        for index, slot in enumerate(self.columns):
            rate = tally(row.marks[index] for row in self.rows).rate
            if rate is not None:
                rates[slot.window].append((slot.day, rate))
        return rates


class ExportService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def table(
        self, *, agency_code: str, start: date, end: date, days_off: DaysOff | None = None
    ) -> AttendanceTable:
        if start > end:
            raise BadPeriod(f"start {start.isoformat()} is after end {end.isoformat()}")
        if (end - start).days >= MAX_DAYS:
            raise BadPeriod(f"a period is at most {MAX_DAYS} days")
        now = self._clock.now()
        code = agency_code.strip().upper()
        async with self._db.read() as session:
            agency = await agencies_repo.get_by_code(session, code=code)
            if agency is None or agency.id is None:
                raise UnknownAgency(code)
            members = await exports_repo.members_of(session, agency_id=agency.id)
            marks = await exports_repo.report_marks(
                session, agency_id=agency.id, start=start, end=end
            )
            unlinked = await exports_repo.unlinked_ids(session, agency_id=agency.id)
            requests = await rules_repo.leave_covering(
                session, agency_id=agency.id, start=start, end=end
            )
            if days_off is None:
                days_off = await load_calendar(session, agency_id=agency.id, start=start, end=end)
        schedule = schedule_of(agency)
        columns = tuple(
            Slot(day=slot.day, window=slot.key, deadline_at=slot.deadline_at)
            for offset in range((end - start).days + 1)
            for slot in schedule.slots_on(start + timedelta(days=offset), days_off=days_off)
        )
        found = {(m.member_id, m.day, m.window): m.status for m in marks}
        leave = {day: leave_by_member(requests, day) for day in {slot.day for slot in columns}}
        rows: list[MemberRow] = []
        for member in members:
            member_id = member.id or 0
            cells: list[Mark | None] = []
            for slot in columns:
                if not member.created_at < slot.deadline_at <= now:
                    cells.append(None)  # not due yet, or before the member was added
                elif member_id in unlinked:
                    cells.append(Mark.UNLINKED)
                else:
                    report = found.get((member_id, slot.day, slot.window))
                    status = classify(
                        role=member.role, report=report, leave=leave[slot.day].get(member_id)
                    )
                    cells.append(Mark(status.value))
            rows.append(MemberRow(nip=member.nip, name=member.full_name, marks=tuple(cells)))
        return AttendanceTable(
            code=agency.code,
            name=agency.name,
            zone=agency.zone,
            start=start,
            end=end,
            generated_at=now,
            columns=columns,
            rows=tuple(rows),
        )
