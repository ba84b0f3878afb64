"""Each member's status in a window (SPEC §5), and the tally a summary or recap shows.

One status per member, decided in this order:

1. approved leave covering the day → izin / sakit / cuti / dinas;
2. an exempt role (pimpinan, satgas) → dikecualikan;
3. a location report for the window → hadir (by the deadline) or terlambat;
4. a pending leave request covering the day → izin (menunggu);
5. otherwise → tidak merespons.

Excused members (1 and 2) are not expected to share a location, so
``expected == hadir + terlambat + izin (menunggu) + tidak merespons``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from storage import attendance as attendance_repo
from storage import members as members_repo
from storage import rules as rules_repo
from storage.tables import Member
from storage.tables_rules import LeaveRequest


class Status(StrEnum):
    HADIR = "hadir"
    TERLAMBAT = "terlambat"
    MISSING = "tidak_merespons"
    PENDING = "izin_menunggu"
    IZIN = "izin"
    SAKIT = "sakit"
    CUTI = "cuti"
    DINAS = "dinas"
    EXEMPT = "dikecualikan"


EXCUSED = frozenset({Status.IZIN, Status.SAKIT, Status.CUTI, Status.DINAS, Status.EXEMPT})
EXEMPT_ROLES = frozenset({"pimpinan", "satgas"})
REPORTING_ROLE = "pimpinan"  # must send /lapor by the last window of the day


@dataclass(frozen=True)
class LeaveOnDay:
    kind: str  # izin, sakit, cuti, dinas
    approved: bool


def leave_by_member(requests: Iterable[LeaveRequest], day: date) -> dict[int, LeaveOnDay]:
    """The leave that counts for each member on ``day``: an approved one beats a pending one."""
    found: dict[int, LeaveOnDay] = {}
    for request in requests:
        if request.status not in ("pending", "approved"):
            continue
        if not request.start_day <= day <= request.end_day:
            continue
        current = found.get(request.member_id)
        if current is None or (request.status == "approved" and not current.approved):
            found[request.member_id] = LeaveOnDay(request.kind, request.status == "approved")
    return found


def classify(*, role: str, report: str | None, leave: LeaveOnDay | None) -> Status:
    if leave is not None and leave.approved:
        return Status(leave.kind)
    if role in EXEMPT_ROLES:
        return Status.EXEMPT
    if report == "hadir":
        return Status.HADIR
    if report == "terlambat":
        return Status.TERLAMBAT
    if leave is not None:
        return Status.PENDING
    return Status.MISSING


@dataclass(frozen=True)
class Tally:
    """Members of one window with their status, in name order."""

    rows: Sequence[tuple[Member, Status]]

    def count(self, status: Status) -> int:
        return sum(1 for _, s in self.rows if s is status)

    def names(self, status: Status) -> list[str]:
        return [m.full_name for m, s in self.rows if s is status]

    @property
    def expected(self) -> int:
        return sum(1 for _, s in self.rows if s not in EXCUSED)

    def payload(self) -> dict[str, Any]:
        """Counts for every status, names for every non-hadir status that has any."""
        return {
            "expected": self.expected,
            "on_time": self.count(Status.HADIR),
            "late": self.count(Status.TERLAMBAT),
            "missing": self.names(Status.MISSING),
            "counts": {s.value: self.count(s) for s in Status},
            "names": {
                s.value: self.names(s) for s in Status if s is not Status.HADIR and self.count(s)
            },
        }


@dataclass(frozen=True)
class DayFacts:
    """What decides statuses on one agency day, loaded once for all its windows."""

    members: list[Member]
    leave: dict[int, LeaveOnDay]
    reported_activity: frozenset[int]  # member ids with a /lapor for the day

    def tally(self, reports: dict[int, str]) -> Tally:
        return Tally(
            [
                (
                    m,
                    classify(
                        role=m.role, report=reports.get(m.id or 0), leave=self.leave.get(m.id or 0)
                    ),
                )
                for m in self.members
            ]
        )

    def excused(self, member: Member) -> bool:
        """Approved leave, an exempt role, or a pending request: not reminded."""
        return member.role in EXEMPT_ROLES or (member.id or 0) in self.leave

    def without_activity_report(self) -> list[str]:
        """Pimpinan not on approved leave who have not sent /lapor for the day."""
        return [
            m.full_name
            for m in self.members
            if m.role == REPORTING_ROLE
            and (m.id or 0) not in self.reported_activity
            and not (self.leave.get(m.id or 0, LeaveOnDay("", False)).approved)
        ]


async def day_facts(session: AsyncSession, *, agency_id: int, day: date) -> DayFacts:
    members = await members_repo.list_linked(session, agency_id=agency_id)
    requests = await rules_repo.leave_covering(session, agency_id=agency_id, start=day, end=day)
    activity = await rules_repo.activity_for_day(session, agency_id=agency_id, day=day)
    return DayFacts(members, leave_by_member(requests, day), frozenset(activity))


async def days_facts(
    session: AsyncSession, *, keys: Iterable[tuple[int, date]]
) -> dict[tuple[int, date], DayFacts]:
    """:func:`day_facts` for many (agency, day)s in three queries, whatever their number."""
    wanted = set(keys)
    if not wanted:
        return {}
    agency_ids = {agency_id for agency_id, _ in wanted}
    days = [day for _, day in wanted]
    members = await members_repo.list_linked_by_agency(session, agency_ids=agency_ids)
    requests = await rules_repo.leave_covering_by_agency(
        session, agency_ids=agency_ids, start=min(days), end=max(days)
    )
    activity = await rules_repo.activity_reporters(session, keys=wanted)
    return {
        (agency_id, day): DayFacts(
            list(members[agency_id]),
            leave_by_member(requests[agency_id], day),
            frozenset(activity[(agency_id, day)]),
        )
        for agency_id, day in wanted
    }


async def window_reports(
    session: AsyncSession, *, agency_id: int, day: date, window: str
) -> dict[int, str]:
    reports = await attendance_repo.reports_for_window(
        session, agency_id=agency_id, day=day, window=window
    )
    return {r.member_id: r.status for r in reports}


async def windows_reports(
    session: AsyncSession, *, keys: Iterable[tuple[int, date, str]]
) -> dict[tuple[int, date, str], dict[int, str]]:
    """:func:`window_reports` for many (agency, day, window)s in one query."""
    found = await attendance_repo.reports_for_windows(session, keys=keys)
    return {key: {r.member_id: r.status for r in reports} for key, reports in found.items()}
