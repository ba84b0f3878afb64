"""Activity reports: /lapor what I did today. Required of pimpinan by the last window
(the last summary of the day names those who have not); anyone may send one."""

from __future__ import annotations

from handlers.agency_schedule import schedule_of
from handlers.dates import format_date
from handlers.membership import resolve_member
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import rules as rules_repo
from storage.db import Database

MAX_TEXT = 2000


class ActivityService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def report(
        self, *, chat_id: int, user_id: int, private: bool, text: str, phone: str | None = None
    ) -> Reply:
        text = text.strip()
        if not text or len(text) > MAX_TEXT:
            return fail("activity.usage", max=MAX_TEXT)
        now = self._clock.now()
        async with self._db.transaction() as session:
            found = await resolve_member(
                session, chat_id=chat_id, user_id=user_id, private=private, phone=phone
            )
            if isinstance(found, Reply):
                return found
            agency, member = found
            assert agency.id is not None and member.id is not None
            day = schedule_of(agency).local_day(now)
            before = await rules_repo.activity_for_day(session, agency_id=agency.id, day=day)
            await rules_repo.upsert_activity(
                session, member_id=member.id, agency_id=agency.id, day=day, text=text, now=now
            )
        key = "activity.updated" if member.id in before else "activity.saved"
        return done(key, date=format_date(day))
