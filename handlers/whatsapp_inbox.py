"""The WhatsApp side of the domain: who a number is, what it is owed, what it was sent.

Transport-neutral in the sense of the rest of handlers/: phones and message ids come
in as strings, answers go out as data; nothing here speaks HTTP.

- Inbound messages are claimed once by their WhatsApp message id (Meta retries a
  webhook until it gets a 200), in the same transaction that moves the sender's
  24-hour customer-service window.
- Statuses of what we sent move forward only (sent → delivered → read; failed).
- A member who replies while a window they have not answered is open is asked for
  their location; a supervisor who replies gets the summary a template only announced.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from handlers.agency_schedule import schedule_of
from handlers.ports import Clock
from handlers.schedule import format_clock
from storage import agencies as agencies_repo
from storage import attendance as attendance_repo
from storage import whatsapp_links as links_repo
from storage import whatsapp_messages as messages_repo
from storage.db import Database

SESSION = timedelta(hours=24)  # the customer-service window after the user's last message
SESSION_MARGIN = timedelta(minutes=5)  # do not start a free-form send at 23:59:59
STALE_CLAIM = timedelta(minutes=5)


@dataclass(frozen=True)
class Linked:
    name: str
    agency: str


@dataclass(frozen=True)
class Contact:
    phone: str
    members: tuple[Linked, ...] = ()  # confirmed links
    supervisor: bool = False

    @property
    def known(self) -> bool:
        return bool(self.members) or self.supervisor


@dataclass(frozen=True)
class Ask:
    """A window the member has not answered: what the location request says."""

    member_id: int
    run_id: int
    agency: str
    window: str
    deadline: str
    zone: str
    language: str


class WhatsAppInbox:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    # inbound messages -------------------------------------------------------------------------
    async def claim(self, *, wamid: str, phone: str, kind: str, sent_at: datetime) -> int | None:
        """An id to handle the message under, or None when it was handled already."""
        now = self._clock.now()
        async with self._db.transaction() as session:
            claimed = await messages_repo.claim_inbound(
                session,
                wamid=wamid,
                phone=phone,
                kind=kind,
                sent_at=sent_at,
                now=now,
                stale_after=STALE_CLAIM,
            )
            if claimed is not None:
                await messages_repo.touch(session, phone=phone, at=min(sent_at, now), now=now)
            return claimed

    async def finish(self, inbound_id: int) -> None:
        async with self._db.transaction() as session:
            await messages_repo.finish_inbound(
                session, inbound_id=inbound_id, now=self._clock.now()
            )

    async def release(self, inbound_id: int) -> None:
        async with self._db.transaction() as session:
            await messages_repo.release_inbound(session, inbound_id=inbound_id)

    async def confirm(self, phone: str) -> list[Linked]:
        """The sender wrote to us: every pending link of their number is now confirmed."""
        async with self._db.transaction() as session:
            members = await links_repo.confirm(session, phone=phone, now=self._clock.now())
            agencies = await agencies_repo.by_ids(
                session, agency_ids={m.agency_id for m in members}
            )
            return [Linked(m.full_name, agencies[m.agency_id].name) for m in members]

    async def contact(self, phone: str) -> Contact:
        async with self._db.read() as session:
            members = (await links_repo.members_by_phones(session, phones=[phone])).get(phone, [])
            agencies = await agencies_repo.by_ids(
                session, agency_ids={m.agency_id for m in members}
            )
            supervisor = await links_repo.supervises(session, phone=phone)
        return Contact(
            phone,
            tuple(Linked(m.full_name, agencies[m.agency_id].name) for m in members),
            supervisor,
        )

    async def ask_for(self, phone: str) -> Ask | None:
        """The latest window opened today (prompted) that this member has not answered."""
        now = self._clock.now()
        async with self._db.read() as session:
            members = (await links_repo.members_by_phones(session, phones=[phone])).get(phone, [])
            agencies = await agencies_repo.by_ids(
                session, agency_ids={m.agency_id for m in members}
            )
            for member in members:
                agency = agencies[member.agency_id]
                if agency.paused or agency.id is None or member.id is None:
                    continue
                schedule = schedule_of(agency)
                runs = await attendance_repo.runs_for_day(
                    session, agency_id=agency.id, day=schedule.local_day(now)
                )
                opened = [r for r in runs if r.opens_at <= now and r.prompt_sent_at is not None]
                if not opened:
                    continue
                run = max(opened, key=lambda r: r.opens_at)
                reports = await attendance_repo.reports_for_window(
                    session, agency_id=agency.id, day=run.day, window=run.window
                )
                if any(r.member_id == member.id for r in reports):
                    continue
                assert run.id is not None
                return Ask(
                    member_id=member.id,
                    run_id=run.id,
                    agency=agency.name,
                    window=run.window,
                    deadline=format_clock(run.deadline_at.astimezone(schedule.tz).time()),
                    zone=schedule.zone,
                    language=agency.language,
                )
        return None

    # the session window and what a template only announced -----------------------------------
    async def session_open(self, phone: str) -> bool:
        async with self._db.read() as session:
            last = await messages_repo.last_inbound(session, phone=phone)
        return last is not None and self._clock.now() < last + SESSION - SESSION_MARGIN

    async def owe(
        self, phone: str, *, kind: str, payload: dict[str, Any], key: str | None = None
    ) -> None:
        """``key``: what a newer item replaces (default: the kind, so the latest summary)."""
        async with self._db.transaction() as session:
            await messages_repo.owe(
                session,
                phone=phone,
                owed={"kind": kind, "payload": payload},
                key=key or kind,
                now=self._clock.now(),
            )

    async def take_owed(self, phone: str) -> list[dict[str, Any]]:
        async with self._db.transaction() as session:
            return await messages_repo.take_owed(session, phone=phone, now=self._clock.now())

    # what we sent ------------------------------------------------------------------------------
    async def record_sent(
        self,
        *,
        wamid: str | None,
        phone: str,
        kind: str,
        status: str = "accepted",
        outbox_id: int | None = None,
        run_id: int | None = None,
        member_id: int | None = None,
        error_code: int | None = None,
        error_title: str | None = None,
    ) -> int:
        async with self._db.transaction() as session:
            return await messages_repo.record_sent(
                session,
                wamid=wamid,
                phone=phone,
                kind=kind,
                now=self._clock.now(),
                status=status,
                outbox_id=outbox_id,
                run_id=run_id,
                member_id=member_id,
                error_code=error_code,
                error_title=error_title,
            )

    async def record_status(
        self,
        *,
        wamid: str,
        phone: str,
        status: str,
        at: datetime,
        error_code: int | None = None,
        error_title: str | None = None,
    ) -> bool:
        if status not in messages_repo.RANK:
            return False
        async with self._db.transaction() as session:
            return await messages_repo.apply_status(
                session,
                wamid=wamid,
                phone=phone,
                status=status,
                at=at,
                error_code=error_code,
                error_title=error_title,
            )
