"""/hapus_data (/delete_data): a member asks for their personal data to be deleted.

Decision (UU 27/2022): attendance records of civil servants are official records the
agency must keep, and a member's identity (name, NIP) stays while they are on the
agency's roster, so the bot does not delete on request. It records the request (one
pending per member, enforced by the database) and tells the agency's supervisors,
who decide with the agency's data officer. The member is told what happens anyway:
location coordinates are purged after the retention period, the statuses are kept. A
second request while one is pending says so and notifies no one again. Supervisors
are told privately only (no group fallback: the request is itself personal).
"""

from __future__ import annotations

from datetime import datetime

from handlers.membership import resolve_member
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from handlers.schedule import ZONES
from storage import agencies as agencies_repo
from storage import outbox as outbox_repo
from storage import privacy as privacy_repo
from storage.db import Database

KIND = "deletion_request"


class DeletionService:
    def __init__(self, *, db: Database, clock: Clock, retention_days: int) -> None:
        self._db = db
        self._clock = clock
        self._retention_days = retention_days

    async def request(self, *, user_id: int) -> Reply:
        now = self._clock.now()
        async with self._db.transaction() as session:
            found = await resolve_member(session, chat_id=user_id, user_id=user_id, private=True)
            if isinstance(found, Reply):
                return found
            agency, member = found
            assert agency.id is not None and member.id is not None
            request = await privacy_repo.request_deletion(
                session, agency_id=agency.id, member_id=member.id, now=now
            )
            if request is None:
                pending = await privacy_repo.pending_deletion(session, member_id=member.id)
                assert pending is not None
                return fail("deletion.already", date=_local(pending.created_at, agency.zone))
            supervisors = await agencies_repo.list_supervisors(session, agency_id=agency.id)
            payload = {
                "request_id": request.id,
                "agency": agency.name,
                "code": agency.code,
                "language": agency.language,
                "name": member.full_name,
                "nip": member.nip,
                "date": _local(now, agency.zone),
                "days": self._retention_days,
            }
            for supervisor in supervisors:
                await outbox_repo.enqueue(
                    session,
                    dedupe_key=f"deletion:{request.id}:{supervisor.telegram_user_id}",
                    chat_id=supervisor.telegram_user_id,
                    kind=KIND,
                    payload=payload,
                    now=now,
                    agency_id=agency.id,
                )
        return done(
            "deletion.requested",
            agency=agency.name,
            supervisors=len(supervisors),
            days=self._retention_days,
        )


def _local(at: datetime, zone: str) -> str:
    return at.astimezone(ZONES[zone]).strftime("%d-%m-%Y")
