"""BKD roll-up groups: /setup_bkd registers one, /induk asks to join it, its admin decides.

The transport has already checked that the caller is an admin of the chat the command
(or the button press) came from; the link is only decided from the BKD group's own chat,
so nobody can attach an agency to a stranger's group.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError

from handlers.ports import Clock
from handlers.results import Reply, done, fail
from handlers.setup import CODE, code_and_name
from storage import agencies as agencies_repo
from storage import rollup as rollup_repo
from storage.db import Database
from storage.tables import Agency
from storage.tables_rollup import BkdGroup, BkdLink


@dataclass(frozen=True)
class ConfirmRequest:
    """What the BKD group is asked: approve linking this agency?"""

    link_id: int
    bkd_chat_id: int
    bkd_name: str
    agency_code: str
    agency_name: str
    language: str


@dataclass(frozen=True)
class LinkRequest:
    reply: Reply
    confirm: ConfirmRequest | None = None


@dataclass(frozen=True)
class LinkDecision:
    reply: Reply  # shown to the admin who pressed the button (and in the BKD group)
    agency_chat_id: int | None = None  # the agency group to tell, when something changed
    agency_reply: Reply | None = None


class BkdService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def register(self, *, chat_id: int, code: str, name: str) -> Reply:
        cleaned = code_and_name(code, name)
        if cleaned is None:
            return fail("bkd.setup_usage")
        code, name = cleaned
        now = self._clock.now()
        try:
            async with self._db.transaction() as session:
                if await agencies_repo.get_by_chat(session, chat_id=chat_id) is not None:
                    return fail("bkd.is_agency")
                bkd = await rollup_repo.bkd_by_chat(session, chat_id=chat_id)
                if bkd is not None:
                    bkd.code, bkd.name, bkd.updated_at = code, name, now
                    key = "bkd.updated"
                else:
                    session.add(
                        BkdGroup(
                            code=code,
                            name=name,
                            telegram_chat_id=chat_id,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    key = "bkd.created"
                await session.flush()
        except IntegrityError:
            return fail("bkd.code_taken", code=code)
        return done(key, code=code, name=name)

    async def request_link(self, *, chat_id: int, user_id: int, code: str) -> LinkRequest:
        code = code.strip().upper()
        if not CODE.match(code):
            return LinkRequest(fail("bkd.link_usage"))
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return LinkRequest(fail("agency.missing"))
            bkd = await rollup_repo.bkd_by_code(session, code=code)
            if bkd is None or bkd.id is None:
                return LinkRequest(fail("bkd.unknown", code=code))
            current = await rollup_repo.link_of(session, agency_id=agency.id)
            if current is not None and current.bkd_id == bkd.id and current.status == "confirmed":
                return LinkRequest(done("bkd.link_already", bkd=bkd.name, code=bkd.code))
            link = await rollup_repo.replace_link(
                session,
                agency_id=agency.id,
                bkd_id=bkd.id,
                requested_by=user_id,
                now=self._clock.now(),
            )
            assert link.id is not None
            confirm = ConfirmRequest(
                link_id=link.id,
                bkd_chat_id=bkd.telegram_chat_id,
                bkd_name=bkd.name,
                agency_code=agency.code,
                agency_name=agency.name,
                language=bkd.language,
            )
        return LinkRequest(done("bkd.link_requested", bkd=bkd.name, code=bkd.code), confirm)

    async def cancel_request(self, *, link_id: int) -> None:
        """The confirmation could not be posted in the BKD group: forget the request."""
        async with self._db.transaction() as session:
            await rollup_repo.drop_pending_link(session, link_id=link_id)

    async def decide(
        self, *, link_id: int, chat_id: int, user_id: int, approve: bool
    ) -> LinkDecision:
        """Approve or refuse a pending link, from the BKD group the link points at."""
        async with self._db.transaction() as session:
            bkd = await rollup_repo.bkd_by_chat(session, chat_id=chat_id)
            link = await session.get(BkdLink, link_id)
            if bkd is None or link is None or link.bkd_id != bkd.id:
                return LinkDecision(fail("bkd.link_gone"))
            if link.status != "pending":
                return LinkDecision(fail("bkd.link_decided"))
            agency = await session.get(Agency, link.agency_id)
            assert agency is not None
            names = {"agency": agency.name, "code": agency.code, "bkd": bkd.name}
            if approve:
                ok = await rollup_repo.confirm_link(
                    session, link_id=link_id, user_id=user_id, now=self._clock.now()
                )
                key = "bkd.link_confirmed"
            else:
                ok = await rollup_repo.drop_pending_link(session, link_id=link_id)
                key = "bkd.link_refused"
            if not ok:  # decided by someone else a moment ago
                return LinkDecision(fail("bkd.link_decided"))
        return LinkDecision(
            done(key, **names),
            agency_chat_id=agency.telegram_chat_id,
            agency_reply=done(f"{key}_agency", **names),
        )

    async def linked_codes(self, *, chat_id: int) -> list[str] | None:
        """Codes of the agencies confirmed under this BKD group; None if it is not one."""
        async with self._db.read() as session:
            bkd = await rollup_repo.bkd_by_chat(session, chat_id=chat_id)
            if bkd is None:
                return None
            return [a.code for a in await rollup_repo.linked_agencies(session, bkd_id=bkd.id)]

    async def is_bkd_group(self, *, chat_id: int) -> bool:
        async with self._db.read() as session:
            return await rollup_repo.bkd_by_chat(session, chat_id=chat_id) is not None
