"""/dataku (/mydata): a member's own records, in a private chat (personal data).

Who they are (name, NIP, agency, role, supervisor or not, linked WhatsApp number), the
home point's state (approved with its date, or pending; never the coordinates), leave
requests in this month, and this month's attendance per day and window with the
statuses of the summaries. The attendance comes from :class:`ExportService`'s table,
the very cells /ekspor writes, so the member sees what their supervisors see.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from handlers.agency_schedule import schedule_of
from handlers.exports import ExportService
from handlers.membership import resolve_member
from handlers.ports import Clock
from handlers.results import Reply, done
from storage import agencies as agencies_repo
from storage import privacy as privacy_repo
from storage import rules as rules_repo
from storage import whatsapp_links as whatsapp_links_repo
from storage.db import Database

DAY = "%d-%m-%Y"


class MyDataService:
    def __init__(self, *, db: Database, clock: Clock, exports: ExportService) -> None:
        self._db = db
        self._clock = clock
        self._exports = exports

    async def my_data(self, *, user_id: int) -> Reply:
        now = self._clock.now()
        async with self._db.read() as session:
            found = await resolve_member(session, chat_id=user_id, user_id=user_id, private=True)
            if isinstance(found, Reply):
                return found
            agency, member = found
            assert agency.id is not None and member.id is not None
            today = schedule_of(agency).local_day(now)
            start = today.replace(day=1)
            month_end = (start + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            supervisor = await agencies_repo.get_supervisor(
                session, agency_id=agency.id, user_id=user_id
            )
            phone = await whatsapp_links_repo.confirmed_phone(session, member_id=member.id)
            home = await privacy_repo.home_point_slots(session, member_id=member.id)
            requests = await rules_repo.leave_covering(
                session, agency_id=agency.id, start=start, end=month_end
            )  # the whole month: leave asked ahead counts too
            deletion = await privacy_repo.pending_deletion(session, member_id=member.id)
        table = await self._exports.table(agency_code=agency.code, start=start, end=today)
        marks = next((row.marks for row in table.rows if row.nip == member.nip), ())
        days: dict[str, list[tuple[str, str]]] = {}
        for slot, mark in zip(table.columns, marks, strict=True):
            if mark is not None:  # not due yet
                days.setdefault(slot.day.strftime(DAY), []).append((slot.window, mark.value))
        current, pending = home.get("current"), home.get("pending")
        payload: dict[str, Any] = {
            "name": member.full_name,
            "nip": member.nip,
            "agency": agency.name,
            "code": agency.code,
            "role": member.role,
            "supervisor": supervisor is not None,
            "phone": phone,
            "home": "approved" if current is not None else "none",
            "home_date": (
                current.decided_at.astimezone(schedule_of(agency).tz).strftime(DAY)
                if current is not None and current.decided_at is not None
                else ""
            ),
            "home_pending": pending is not None,
            "month": start.strftime("%m-%Y"),
            "zone": agency.zone,
            "leave": [
                {
                    "kind": r.kind,
                    "status": r.status,
                    "start": r.start_day.strftime(DAY),
                    "end": r.end_day.strftime(DAY),
                }
                for r in requests
                if r.member_id == member.id
            ],
            "days": [{"date": day, "marks": marks} for day, marks in days.items()],
            "deletion_pending": deletion is not None,
        }
        return done("mydata.card", **payload)
