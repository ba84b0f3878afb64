"""The roll-up's numbers: every agency under a BKD group for one window, in one statement.

Each linked member is counted once, the way the summaries classify them
(:mod:`handlers.statuses`): approved leave first, then an exempt role, then the window's
report (hadir, terlambat), then a pending leave request; the rest did not respond.
"Linked" is a Telegram account or a confirmed WhatsApp number.

Built for 30,000 agencies × 150 members: no per-member join over the whole roster.
The statement aggregates per agency from index-only scans (members by agency, role and
account; the window's reports by agency and status, see :mod:`storage.tables_rollup`) and
corrects them with per-member joins over the small sets only: exempt members, members
with leave covering the day, and members linked through WhatsApp. Piket is the day's
check (:mod:`handlers.piket`, at the first window's deadline): present vs minimum;
flags are the window's red flags (:mod:`handlers.geo`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import and_, case, func, select, text
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from storage.reach import CONFIRMED_WHATSAPP, LINKED, ON_TELEGRAM
from storage.tables import Agency, Member, Report, WindowRun
from storage.tables_geo import LocationFlag, PiketCheck, PiketDuty
from storage.tables_rollup import BkdLink
from storage.tables_rules import LeaveRequest
from storage.tables_whatsapp import WhatsAppLink

EXEMPT_ROLES = ("pimpinan", "satgas")
CONFIRMED = "confirmed"


@dataclass(frozen=True)
class AgencyCounts:
    agency_id: int
    code: str
    name: str
    zone: str
    paused: bool
    has_window: bool  # the agency had this window that day (a run was planned)
    linked: int  # members who can answer
    unlinked: int  # imported members without an account yet ("belum terhubung")
    leave: int  # approved izin, sakit, cuti or dinas covering the day
    exempt: int  # pimpinan and satgas not on leave: no location asked of them
    hadir: int
    terlambat: int
    pending: int  # no report, a leave request waiting for a decision: "izin (menunggu)"
    flags: int  # red flags raised on the window's reports
    piket_duty: int  # members with the piket role plus the day's /piket roster (overlaps)
    piket_present: int | None  # the day's piket check (first window's deadline), if any
    piket_minimum: int | None


def _count(*conditions: Any) -> Any:
    return func.count().filter(and_(*conditions)) if conditions else func.count()


def _sum(column: Any) -> Any:
    return func.coalesce(column, 0)


async def window_counts(
    session: AsyncSession, *, bkd_id: int, day: date, window: str
) -> list[AgencyCounts]:
    agencies = select(col(BkdLink.agency_id)).where(
        col(BkdLink.bkd_id) == bkd_id, col(BkdLink.status) == CONFIRMED
    )
    under = col(Member.agency_id).in_(agencies)
    has_tg = ON_TELEGRAM
    exempt = col(Member.role).in_(EXEMPT_ROLES)
    this_window = and_(
        col(Report.member_id) == col(Member.id), col(Report.day) == day,
        col(Report.window) == window,
    )  # fmt: skip
    wa_link = CONFIRMED_WHATSAPP
    # Members by agency, from the index (agency_id, role, telegram_user_id) alone.
    roster = (
        select(
            col(Member.agency_id).label("agency_id"),
            _count(has_tg).label("tg"),
            _count(~has_tg).label("no_tg"),
            _count(has_tg, exempt).label("exempt"),
            _count(has_tg, col(Member.role) == "piket").label("piket"),
        )
        .where(under)
        .group_by(col(Member.agency_id))
        .cte("roster")
    )
    # The window's reports by agency and status, from the index (day, window, agency_id, status).
    answers = (
        select(
            col(Report.agency_id).label("agency_id"),
            _count(col(Report.status) == "hadir").label("hadir"),
            _count(col(Report.status) == "terlambat").label("terlambat"),
        )
        .where(
            col(Report.day) == day,
            col(Report.window) == window,
            col(Report.agency_id).in_(agencies),
        )
        .group_by(col(Report.agency_id))
        .cte("answers")
    )
    # Exempt members (pimpinan, satgas): their reports do not count.
    roles = (
        select(
            col(Member.agency_id).label("agency_id"),
            _count(col(Report.status) == "hadir").label("hadir"),
            _count(col(Report.status) == "terlambat").label("terlambat"),
        )
        .join(Report, this_window)
        .where(under, exempt)
        .group_by(col(Member.agency_id))
        .cte("roles")
    )
    # Members linked through WhatsApp only (no Telegram account).
    whatsapp = (
        select(
            col(Member.agency_id).label("agency_id"),
            _count().label("linked"),
            _count(exempt).label("exempt"),
        )
        .join(WhatsAppLink, wa_link)
        .where(under, ~has_tg)
        .group_by(col(Member.agency_id))
        .cte("whatsapp")
    )
    # Members with leave covering the day: the approved are excused, the pending wait.
    on_day = (
        select(
            col(LeaveRequest.member_id).label("member_id"),
            func.max(case((col(LeaveRequest.status) == "approved", 1), else_=0)).label("approved"),
            func.max(case((col(LeaveRequest.status) == "pending", 1), else_=0)).label("pending"),
        )
        .where(
            col(LeaveRequest.agency_id).in_(agencies),
            col(LeaveRequest.status).in_(("approved", "pending")),
            col(LeaveRequest.start_day) <= day,
            col(LeaveRequest.end_day) >= day,
        )
        .group_by(col(LeaveRequest.member_id))
        .subquery("on_day")
    )
    linked = LINKED
    approved, asked = on_day.c.approved == 1, and_(on_day.c.approved == 0, ~exempt)
    leave = (
        select(
            col(Member.agency_id).label("agency_id"),
            _count(linked, approved).label("leave"),
            _count(linked, approved, exempt).label("exempt"),
            _count(linked, approved, ~exempt, col(Report.status) == "hadir").label("hadir"),
            _count(linked, approved, ~exempt, col(Report.status) == "terlambat").label("terlambat"),
            _count(linked, asked, on_day.c.pending == 1, col(Report.id).is_(None)).label("pending"),
        )
        .join(on_day, on_day.c.member_id == col(Member.id))
        .outerjoin(WhatsAppLink, wa_link)
        .outerjoin(Report, this_window)
        .group_by(col(Member.agency_id))
        .cte("leave")
    )
    # Red flags of the window (identical coordinates, impossible jumps), per agency; found
    # through each agency's flags (ix_location_flags_agency_id): flags are few.
    flags = (
        select(col(LocationFlag.agency_id).label("agency_id"), _count().label("flags"))
        .where(
            col(LocationFlag.day) == day,
            col(LocationFlag.window) == window,
            col(LocationFlag.agency_id).in_(agencies),
        )
        .group_by(col(LocationFlag.agency_id))
        .cte("flags")
    )
    # The day's /piket roster: with the piket role, who is on duty (handlers/piket.py).
    rostered = (
        select(col(PiketDuty.agency_id).label("agency_id"), _count().label("duty"))
        .where(col(PiketDuty.day) == day, col(PiketDuty.agency_id).in_(agencies))
        .group_by(col(PiketDuty.agency_id))
        .cte("rostered")
    )
    run = and_(
        col(WindowRun.agency_id) == col(Agency.id), col(WindowRun.day) == day,
        col(WindowRun.window) == window,
    )  # fmt: skip
    query = (
        select(
            col(Agency.id),
            col(Agency.code),
            col(Agency.name),
            col(Agency.zone),
            col(Agency.paused),
            col(WindowRun.id),
            _sum(roster.c.tg) + _sum(whatsapp.c.linked),
            _sum(roster.c.no_tg) - _sum(whatsapp.c.linked),
            _sum(leave.c.leave),
            _sum(roster.c.exempt) + _sum(whatsapp.c.exempt) - _sum(leave.c.exempt),
            _sum(answers.c.hadir) - _sum(roles.c.hadir) - _sum(leave.c.hadir),
            _sum(answers.c.terlambat) - _sum(roles.c.terlambat) - _sum(leave.c.terlambat),
            _sum(leave.c.pending),
            _sum(flags.c.flags),
            _sum(roster.c.piket) + _sum(rostered.c.duty),
            col(PiketCheck.present),
            col(PiketCheck.minimum),
        )
        .select_from(BkdLink)
        .join(Agency, col(Agency.id) == col(BkdLink.agency_id))
        .outerjoin(WindowRun, run)
        .outerjoin(roster, roster.c.agency_id == col(Agency.id))
        .outerjoin(answers, answers.c.agency_id == col(Agency.id))
        .outerjoin(roles, roles.c.agency_id == col(Agency.id))
        .outerjoin(whatsapp, whatsapp.c.agency_id == col(Agency.id))
        .outerjoin(leave, leave.c.agency_id == col(Agency.id))
        .outerjoin(flags, flags.c.agency_id == col(Agency.id))
        .outerjoin(rostered, rostered.c.agency_id == col(Agency.id))
        .outerjoin(
            PiketCheck,
            and_(col(PiketCheck.agency_id) == col(Agency.id), col(PiketCheck.day) == day),
        )
        .where(col(BkdLink.bkd_id) == bkd_id, col(BkdLink.status) == CONFIRMED)
        .order_by(col(Agency.code))
    )
    if session.get_bind().dialect.name == "postgresql":
        # PostgreSQL's JIT compiles this statement's ~450 expressions for ~10 s at 30,000
        # agencies (bench/rollup.py), longer than running it; SET LOCAL ends with the
        # transaction.
        await session.execute(text("SET LOCAL jit = off"))
    return [_row(row) for row in (await session.execute(query)).all()]


def _row(row: Any) -> AgencyCounts:
    agency_id, code, name, zone, paused, run_id, *numbers, present, minimum = row
    linked, unlinked, leave, exempt, hadir, terlambat, pending, flags, duty = (
        int(n) for n in numbers
    )
    return AgencyCounts(
        agency_id=int(agency_id), code=code, name=name, zone=zone, paused=bool(paused),
        has_window=run_id is not None, linked=linked, unlinked=unlinked, leave=leave,
        exempt=exempt, hadir=hadir, terlambat=terlambat, pending=pending, flags=flags,
        piket_duty=duty, piket_present=present, piket_minimum=minimum,
    )  # fmt: skip
