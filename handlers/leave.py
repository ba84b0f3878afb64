"""Leave: /izin, /sakit, /dinas + reason (today), /cuti DD-MM[-YYYY] [DD-MM[-YYYY]] [reason].

A request is stored pending and, in the same transaction, put in the outbox for every
supervisor of the agency (privately, with Setujui/Tolak buttons). The first supervisor
to decide wins: the request moves from pending only once, and ``leave_decisions`` holds
one row per request. The member is told the outcome.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers import whatsapp_rounds
from handlers.agency_schedule import schedule_of
from handlers.calendar import load_calendar, working_days_between
from handlers.dates import format_clock_at, format_range, has_year, parse_date
from handlers.membership import resolve_member
from handlers.phone import wa_id
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import agencies as agencies_repo
from storage import outbox as outbox_repo
from storage import rules as rules_repo
from storage import whatsapp_links as links_repo
from storage.db import Database
from storage.tables import Agency, Member
from storage.tables_rules import LEAVE_KINDS, LeaveDecision, LeaveRequest

MAX_DAYS = 92  # one request: at most about three months (cuti besar, cuti melahirkan)
MAX_REASON = 500
_DATE_LIKE = re.compile(r"[0-9]{1,2}[-/.][0-9]{1,2}(?:[-/.][0-9]{2,4})?")


@dataclass(frozen=True)
class LeaveAsk:
    kind: str
    start: date
    end: date
    reason: str


class BadLeave(ValueError):
    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.reply = fail(key, **params)


def _day(token: str, *, year: int, today: date) -> date:
    try:
        day = parse_date(token, default_year=year)
    except ValueError:
        raise BadLeave("leave.bad_date", given=token) from None
    if not has_year(token) and day < today and (day.replace(year=year + 1) - today).days < MAX_DAYS:
        day = day.replace(year=year + 1)  # /cuti 02-01 typed in late December
    return day


def parse_leave(kind: str, args: str, *, today: date) -> LeaveAsk:
    """The request a command describes, or :class:`BadLeave` with the reply to give."""
    if kind not in LEAVE_KINDS:
        raise ValueError(f"unknown leave kind {kind!r}")
    text = " ".join(args.split())
    if kind != "cuti":
        if not text or len(text) > MAX_REASON:
            raise BadLeave(f"leave.usage.{kind}")
        return LeaveAsk(kind, today, today, text)
    tokens = text.split(" ")
    if not tokens[0] or not _DATE_LIKE.fullmatch(tokens[0]):
        raise BadLeave("leave.usage.cuti")
    start = _day(tokens[0], year=today.year, today=today)
    end, rest = start, tokens[1:]
    if rest and _DATE_LIKE.fullmatch(rest[0]):
        end = _day(rest[0], year=start.year, today=start)
        rest = rest[1:]
    reason = " ".join(rest)
    if end < start:
        raise BadLeave("leave.reversed", start=tokens[0], end=tokens[1])
    if start < today:
        raise BadLeave("leave.past", today=today.strftime("%d-%m-%Y"))
    if (end - start).days + 1 > MAX_DAYS:
        raise BadLeave("leave.too_long", max=MAX_DAYS)
    if len(reason) > MAX_REASON:
        raise BadLeave("leave.usage.cuti")
    return LeaveAsk(kind, start, end, reason or "-")


@dataclass(frozen=True)
class Decision:
    """What a press on Setujui/Tolak came to, and what the transport shows for it."""

    outcome: str  # approved, rejected, already, not_supervisor, missing
    status: str = ""  # the request's decision: approved or rejected
    decider: str = ""
    at: str = ""  # HH:MM in the agency zone
    payload: dict[str, Any] = field(default_factory=dict)  # the request, as supervisors saw it
    copies: list[tuple[int, int]] = field(default_factory=list)  # (chat, message) sent copies


class LeaveService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def request(
        self,
        *,
        chat_id: int,
        user_id: int,
        private: bool,
        kind: str,
        args: str,
        phone: str | None = None,
    ) -> Reply:
        now = self._clock.now()
        async with self._db.transaction() as session:
            found = await resolve_member(
                session, chat_id=chat_id, user_id=user_id, private=private, phone=phone
            )
            if isinstance(found, Reply):
                return found
            agency, member = found
            assert agency.id is not None and member.id is not None
            try:
                ask = parse_leave(kind, args, today=schedule_of(agency).local_day(now))
            except BadLeave as bad:
                return bad.reply
            span = format_range(ask.start, ask.end)
            days = await self._working_days(session, agency, ask.start, ask.end)
            if days == 0:
                return fail("leave.no_working_day", range=span)
            earlier = await rules_repo.member_leave_overlapping(
                session, member_id=member.id, start=ask.start, end=ask.end
            )
            if earlier is not None:
                span = format_range(earlier.start_day, earlier.end_day)
                return fail(f"leave.overlap.{earlier.status}", range=span)
            supervisors = await agencies_repo.list_supervisors(session, agency_id=agency.id)
            on_whatsapp = await links_repo.list_supervisors(session, agency_id=agency.id)
            if not supervisors and not on_whatsapp:
                return fail("leave.no_supervisor")
            request = LeaveRequest(
                agency_id=agency.id,
                member_id=member.id,
                kind=ask.kind,
                start_day=ask.start,
                end_day=ask.end,
                reason=ask.reason,
                created_at=now,
            )
            session.add(request)
            await session.flush()
            assert request.id is not None
            payload = self._payload(agency, member, request, days)
            for supervisor in supervisors:
                await outbox_repo.enqueue(
                    session,
                    dedupe_key=f"leave:{request.id}:{supervisor.telegram_user_id}",
                    chat_id=supervisor.telegram_user_id,
                    kind="leave_request",
                    payload={**payload, "supervisor": supervisor.display_name},
                    now=now,
                    agency_id=agency.id,
                )
            await whatsapp_rounds.enqueue_leave_requests(
                session, supervisors=on_whatsapp, payload=payload, now=now
            )
        count = len(supervisors) + len(on_whatsapp)
        return done(f"leave.filed.{ask.kind}", range=span, days=days, supervisors=count)

    async def decide(
        self,
        *,
        request_id: int,
        approve: bool,
        user_id: int | None = None,
        phone: str | None = None,
    ) -> Decision:
        """A supervisor's press: on Telegram (``user_id``) or on WhatsApp (``phone``)."""
        now = self._clock.now()
        status = "approved" if approve else "rejected"
        async with self._db.transaction() as session:
            request = await session.get(LeaveRequest, request_id)
            if request is None:
                return Decision("missing")
            agency = await session.get(Agency, request.agency_id)
            member = await session.get(Member, request.member_id)
            assert agency is not None and agency.id is not None and member is not None
            decider = await self._decider(
                session, agency_id=agency.id, user_id=user_id, phone=phone
            )
            if decider is None:
                return Decision("not_supervisor")
            decided_by, decider_name = decider
            days = await self._working_days(session, agency, request.start_day, request.end_day)
            payload = self._payload(agency, member, request, days)
            copies = await rules_repo.sent_copies(session, request_id=request_id)
            zone = schedule_of(agency).tz
            if not await rules_repo.claim_decision(session, request_id=request_id, status=status):
                earlier = await rules_repo.decision_of(session, request_id=request_id)
                assert earlier is not None
                return Decision(
                    "already",
                    status=earlier.decision,
                    decider=earlier.decider_name,
                    at=format_clock_at(earlier.decided_at, zone),
                    payload=payload,
                    copies=copies,
                )
            session.add(
                LeaveDecision(
                    request_id=request_id,
                    decision=status,
                    decided_by=decided_by,
                    decider_name=decider_name,
                    decided_at=now,
                )
            )
            outcome = {**payload, "decision": status, "decider": decider_name}
            if member.telegram_user_id is not None:
                await outbox_repo.enqueue(
                    session,
                    dedupe_key=f"leave-outcome:{request_id}",
                    chat_id=member.telegram_user_id,
                    kind="leave_outcome",
                    payload=outcome,
                    now=now,
                    agency_id=agency.id,
                )
            else:  # a member on WhatsApp only hears it there
                await whatsapp_rounds.enqueue_to_member(
                    session,
                    member=member,
                    kind="leave_outcome",
                    payload=outcome,
                    dedupe_key=f"wa-leave-outcome:{request_id}",
                    now=now,
                )
        return Decision(
            status,
            status=status,
            decider=decider_name,
            at=format_clock_at(now, zone),
            payload=payload,
            copies=copies,
        )

    @staticmethod
    async def _decider(
        session: AsyncSession, *, agency_id: int, user_id: int | None, phone: str | None
    ) -> tuple[int, str] | None:
        """(the chat account recorded as ``decided_by``, the name shown) of a supervisor of
        the agency; on WhatsApp the account is the number's digits (its wa_id)."""
        if user_id is not None:
            supervisor = await agencies_repo.get_supervisor(
                session, agency_id=agency_id, user_id=user_id
            )
            return None if supervisor is None else (user_id, supervisor.display_name)
        if phone is not None:
            on_whatsapp = await links_repo.supervisor_by_phone(
                session, agency_id=agency_id, phone=phone
            )
            return None if on_whatsapp is None else (int(wa_id(phone)), on_whatsapp.display_name)
        return None

    @staticmethod
    async def _working_days(session: AsyncSession, agency: Agency, start: date, end: date) -> int:
        assert agency.id is not None
        calendar = await load_calendar(
            session, agency_id=agency.id, start=start, end=end + timedelta(days=1)
        )
        return working_days_between(schedule_of(agency), calendar, start, end)

    @staticmethod
    def _payload(
        agency: Agency, member: Member, request: LeaveRequest, days: int
    ) -> dict[str, Any]:
        return {
            "request_id": request.id,
            "agency": agency.name,
            "code": agency.code,
            "group_chat_id": agency.telegram_chat_id,
            "language": agency.language,
            "zone": agency.zone,
            "name": member.full_name,
            "nip": member.nip,
            "kind": request.kind,
            "range": format_range(request.start_day, request.end_day),
            "days": days,
            "reason": request.reason or "-",
        }
