"""Agency set-up by its admins: registration, zone, windows, deadline, supervisors.

The transport has already checked that the caller is an admin of the group.
"""

from __future__ import annotations

import re
from dataclasses import replace

from sqlalchemy.exc import IntegrityError

from handlers.agency_schedule import schedule_of
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from handlers.schedule import Schedule, format_clock, format_days, parse_windows, parse_zone
from storage import agencies as agencies_repo
from storage import members as members_repo
from storage.db import Database
from storage.tables import Agency, Supervisor

CODE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


def code_and_name(code: str, name: str) -> tuple[str, str] | None:
    """``("DISKOMINFO", "Dinas Kominfo")`` from what was typed; None when either is unusable."""
    code, name = code.strip().upper(), " ".join(name.split())
    return (code, name) if CODE.match(code) and name else None


def describe(schedule: Schedule) -> dict[str, object]:
    return {
        "windows": " ".join(format_clock(w) for w in schedule.windows),
        "zone": schedule.zone,
        "deadline": schedule.deadline_minutes,
        "days": format_days(schedule.working_days),
    }


class SetupService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def register(self, *, chat_id: int, code: str, name: str) -> Reply:
        cleaned = code_and_name(code, name)
        if cleaned is None:
            return fail("setup.usage")
        code, name = cleaned
        now = self._clock.now()
        try:
            async with self._db.transaction() as session:
                agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
                if agency is not None:
                    agency.code, agency.name, agency.updated_at = code, name, now
                    key = "setup.updated"
                else:
                    agency = Agency(
                        code=code,
                        name=name,
                        telegram_chat_id=chat_id,
                        created_at=now,
                        updated_at=now,
                    )
                    session.add(agency)
                    key = "setup.created"
                await session.flush()
        except IntegrityError:
            return fail("setup.code_taken", code=code)
        return done(key, code=code, name=name, **describe(schedule_of(agency)))

    async def set_zone(self, *, chat_id: int, text: str) -> Reply:
        try:
            zone = parse_zone(text)
        except ValueError:
            return fail("zone.usage")
        return await self._change(chat_id, "zone.set", lambda s: replace(s, zone=zone))

    async def set_windows(self, *, chat_id: int, tokens: list[str]) -> Reply:
        if not tokens:
            return await self.show_schedule(chat_id=chat_id)
        try:
            windows = parse_windows(tokens)
        except ValueError:
            return fail("schedule.usage")
        return await self._change(chat_id, "schedule.set", lambda s: replace(s, windows=windows))

    async def set_deadline(self, *, chat_id: int, text: str) -> Reply:
        if not text.strip().isdigit():
            return fail("deadline.usage")
        minutes = int(text.strip())
        return await self._change(
            chat_id,
            "deadline.set",
            lambda s: replace(s, deadline_minutes=minutes),
            "deadline.usage",
        )

    async def show_schedule(self, *, chat_id: int) -> Reply:
        async with self._db.read() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
        if agency is None:
            return fail("agency.missing")
        return done("schedule.show", name=agency.name, **describe(schedule_of(agency)))

    async def _change(
        self, chat_id: int, key: str, change: object, invalid: str = "schedule.invalid"
    ) -> Reply:
        assert callable(change)
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None:
                return fail("agency.missing")
            try:
                schedule: Schedule = change(schedule_of(agency))
            except ValueError as exc:
                return fail(invalid, reason=str(exc))
            agency.zone = schedule.zone
            agency.windows = " ".join(format_clock(w) for w in schedule.windows)
            agency.deadline_minutes = schedule.deadline_minutes
            agency.updated_at = self._clock.now()
        return done(key, **describe(schedule))

    async def add_supervisor(
        self, *, chat_id: int, user_id: int | None, display_name: str, username: str | None = None
    ) -> Reply:
        """Make a user a supervisor: by id (reply to their message) or by a known @username."""
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            if user_id is None and username:
                member = await members_repo.get_by_username(
                    session, agency_id=agency.id, username=username.lstrip("@")
                )
                if member is None or member.telegram_user_id is None:
                    return fail("supervisor.unknown_username", username=username.lstrip("@"))
                user_id, display_name = member.telegram_user_id, member.full_name
            if user_id is None:
                return fail("supervisor.usage")
            member = await members_repo.get_by_user(session, agency_id=agency.id, user_id=user_id)
            if member is not None:
                display_name = member.full_name
            existing = await agencies_repo.get_supervisor(
                session, agency_id=agency.id, user_id=user_id
            )
            if existing is not None:
                return done("supervisor.already", name=existing.display_name)
            session.add(
                Supervisor(
                    agency_id=agency.id,
                    telegram_user_id=user_id,
                    display_name=display_name[:200],
                    created_at=self._clock.now(),
                )
            )
        return done("supervisor.added", name=display_name)

    async def is_supervisor(self, *, user_id: int) -> bool:
        async with self._db.read() as session:
            return bool(await agencies_repo.supervised_agencies(session, user_id=user_id))

    async def chat_migrated(self, *, old_chat_id: int, new_chat_id: int) -> bool:
        async with self._db.transaction() as session:
            return await agencies_repo.move_chat(
                session, old_chat_id=old_chat_id, new_chat_id=new_chat_id, now=self._clock.now()
            )

    async def bot_left(self, *, chat_id: int) -> bool:
        """The bot was removed: pause the agency, keep everything."""
        async with self._db.transaction() as session:
            return await agencies_repo.set_paused(
                session, chat_id=chat_id, paused=True, now=self._clock.now()
            )

    async def bot_joined(self, *, chat_id: int) -> bool:
        async with self._db.transaction() as session:
            return await agencies_repo.set_paused(
                session, chat_id=chat_id, paused=False, now=self._clock.now()
            )
