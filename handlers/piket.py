"""Piket: the daily office-duty roster, and the check at the first window's deadline.

Today's piket are the members on the day's /piket roster (or, on a day without one, the
weekly rotation from config) plus every member whose role is piket. At the first
window's deadline, when fewer of them than the minimum checked in within the office
radius, each supervisor gets one warning naming who is missing. An agency with nobody on
piket at all (no roster, no rotation, no piket role) is not checked.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.checks import CheckContext, load_checks
from handlers.geo import GeoRules, Tier, classify, piket_shortfall
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from handlers.summary import window_payload
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import geo as geo_repo
from storage import members as members_repo
from storage import outbox as outbox_repo
from storage.db import Database
from storage.tables import Agency, Member, WindowRun

CATCH_UP = timedelta(hours=12)  # a first deadline older than this (bot down) is not checked
AT_OFFICE = (Tier.VERIFIED, Tier.WEAK)
_NIP = re.compile(r"[0-9][0-9 .]{16,}[0-9]")


def split_names(args: str) -> list[str]:
    """``"Budi Santoso, 1990… ; Ani"`` → items; space-separated NIPs are items too."""
    items: list[str] = []
    for part in re.split(r"[,;\n]+", args):
        part = " ".join(part.split())
        if not part:
            continue
        words = part.split()
        if len(words) > 1 and all(w.isdigit() and len(w) == 18 for w in words):
            items.extend(words)
        else:
            items.append(part)
    return items


def match_members(
    items: list[str], members: list[Member]
) -> tuple[list[Member], list[str], list[str]]:
    """(matched, unknown, ambiguous): by NIP, exact name, or a part of one name only."""
    matched: list[Member] = []
    unknown: list[str] = []
    ambiguous: list[str] = []
    for item in items:
        digits = re.sub(r"[ .]", "", item)
        if _NIP.fullmatch(item) and len(digits) == 18:
            found = [m for m in members if m.nip == digits]
        else:
            wanted = item.casefold()
            found = [m for m in members if m.full_name.casefold() == wanted]
            if not found:
                found = [m for m in members if wanted in m.full_name.casefold()]
        if not found:
            unknown.append(item)
        elif len(found) > 1:
            ambiguous.append(item)
        elif found[0] not in matched:
            matched.append(found[0])
    return matched, unknown, ambiguous


def on_duty(agency: Agency, members: list[Member], day: date, checks: CheckContext) -> list[Member]:
    return [m for m in members if m.role == "piket" or checks.on_piket(agency, m, day)]


class PiketService:
    def __init__(self, *, db: Database, clock: Clock, rules: GeoRules | None = None) -> None:
        self._db = db
        self._clock = clock
        self._rules = rules or GeoRules()

    async def show(self, *, chat_id: int) -> Reply:
        async with self._db.read() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            day = schedule_of(agency).local_day(self._clock.now())
            members = await members_repo.list_linked(session, agency_id=agency.id)
            checks = await self._checks(session, agency, members, day)
        duty = on_duty(agency, members, day, checks)
        params = {"date": day.strftime("%d-%m-%Y"), "minimum": self._rules.piket_minimum}
        if not duty:
            return done("piket.empty", **params)
        rotation = (agency.id, day) not in checks.rosters and self._rules.rotation_for(
            agency.code, day
        )
        key = "piket.show_rotation" if rotation else "piket.show"
        return done(key, names=", ".join(m.full_name for m in duty), count=len(duty), **params)

    async def set_roster(self, *, chat_id: int, args: str) -> Reply:
        """Today's roster becomes exactly these members (names or NIPs, comma-separated)."""
        items = split_names(args)
        if not items:
            return fail("piket.usage")
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            members = await members_repo.list_linked(session, agency_id=agency.id)
            matched, unknown, ambiguous = match_members(items, members)
            if unknown:
                return fail("piket.unknown", names=", ".join(unknown))
            if ambiguous:
                return fail("piket.ambiguous", names=", ".join(ambiguous))
            day = schedule_of(agency).local_day(self._clock.now())
            await geo_repo.replace_roster(
                session,
                agency_id=agency.id,
                day=day,
                member_ids=(m.id for m in matched if m.id is not None),
                now=self._clock.now(),
            )
        return self._set_reply(day, matched)

    async def add(self, *, chat_id: int, user_id: int) -> Reply:
        """The member replied to joins today's roster (the rotation's people stay on it)."""
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            member = await members_repo.get_by_user(session, agency_id=agency.id, user_id=user_id)
            if member is None or member.id is None:
                return fail("piket.unknown", names="-")
            day = schedule_of(agency).local_day(self._clock.now())
            members = await members_repo.list_linked(session, agency_id=agency.id)
            checks = await self._checks(session, agency, members, day)
            duty = [m for m in members if checks.on_piket(agency, m, day)]
            ids = {m.id for m in duty if m.id is not None} | {member.id}
            await geo_repo.replace_roster(
                session, agency_id=agency.id, day=day, member_ids=ids, now=self._clock.now()
            )
            roster = [m for m in members if m.id in ids]
        return self._set_reply(day, roster)

    def _set_reply(self, day: date, members: list[Member]) -> Reply:
        return done(
            "piket.set",
            date=day.strftime("%d-%m-%Y"),
            names=", ".join(m.full_name for m in members),
            count=len(members),
            minimum=self._rules.piket_minimum,
        )

    async def _checks(
        self, session: AsyncSession, agency: Agency, members: list[Member], day: date
    ) -> CheckContext:
        return await load_checks(
            session, rules=self._rules, seen=((agency, m, day) for m in members)
        )

    # the check at the first window's deadline ---------------------------------------------
    async def tick(self) -> int:
        """Check each agency's piket once a day; returns how many warnings were owed."""
        now = self._clock.now()
        warned = 0
        async with self._db.transaction() as session:
            for run, agency in await geo_repo.first_runs_unchecked(
                session, now=now, since=now - CATCH_UP
            ):
                if await self._check(session, run, agency):
                    warned += 1
        return warned

    async def _check(self, session: AsyncSession, run: WindowRun, agency: Agency) -> bool:
        assert agency.id is not None and run.id is not None
        now = self._clock.now()
        members = await members_repo.list_linked(session, agency_id=agency.id)
        checks = await self._checks(session, agency, members, run.day)
        duty = on_duty(agency, members, run.day, checks)
        office = checks.office(agency)
        reports = await attendance_repo.reports_for_window(
            session, agency_id=agency.id, day=run.day, window=run.window
        )
        present = {
            r.member_id
            for r in reports
            if office is not None
            and r.latitude is not None
            and r.longitude is not None
            and classify(
                latitude=r.latitude,
                longitude=r.longitude,
                accuracy=r.accuracy,
                live=r.live,
                kind="office",
                anchor=office,
            ).tier
            in AT_OFFICE
        }
        minimum = self._rules.piket_minimum
        shortfall = (
            piket_shortfall(((m.id or 0, m.full_name) for m in duty), present, minimum=minimum)
            if duty
            else None
        )
        counted = sum(1 for m in duty if m.id in present)
        if not await geo_repo.claim_piket_check(
            session, agency_id=agency.id, day=run.day, present=counted, minimum=minimum, now=now
        ):
            return False
        if shortfall is None:
            return False
        payload = {
            **window_payload(run, agency),
            "present": shortfall.present,
            "minimum": shortfall.minimum,
            "roster": len(duty),
            "missing": list(shortfall.missing),
            "office_set": office is not None,
        }
        supervisors = await agencies_repo.list_supervisors(session, agency_id=agency.id)
        for supervisor in supervisors:
            await outbox_repo.enqueue(
                session,
                dedupe_key=f"piket:{agency.id}:{run.day.isoformat()}:{supervisor.telegram_user_id}",
                chat_id=supervisor.telegram_user_id,
                kind="piket_shortfall",
                payload={**payload, "supervisor": supervisor.display_name},
                now=now,
                agency_id=agency.id,
            )
        if not supervisors and agency.telegram_chat_id is not None:
            await outbox_repo.enqueue(
                session,
                dedupe_key=f"piket-group:{agency.id}:{run.day.isoformat()}",
                chat_id=agency.telegram_chat_id,
                kind="piket_shortfall",
                payload=payload,
                now=now,
                agency_id=agency.id,
            )
        return True
