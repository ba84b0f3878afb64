"""Members join their agency with /daftar NIP Full Name."""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from handlers.nip import InvalidNip, parse_nip
from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import agencies as agencies_repo
from storage import members as members_repo
from storage import roster as roster_repo
from storage.db import Database
from storage.tables import Member

MAX_NAME = 200


def split_registration(args: str) -> tuple[str, str]:
    """'1985 0312 2010011002 Budi Santoso' -> (digits…, name): the NIP may be written in groups."""
    nip_parts: list[str] = []
    words = args.split()
    while words and sum(len(p) for p in nip_parts) < 18 and words[0].replace(".", "").isdigit():
        nip_parts.append(words.pop(0))
    return "".join(nip_parts), " ".join(words)


class EnrollmentService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def register(
        self, *, chat_id: int, user_id: int, username: str | None, args: str
    ) -> Reply:
        raw_nip, full_name = split_registration(args)
        if not raw_nip or not full_name:
            return fail("register.usage")
        try:
            nip = parse_nip(raw_nip)
        except InvalidNip as exc:
            return fail(f"nip.{exc.reason.value}")
        if len(full_name) > MAX_NAME:
            return fail("register.usage")
        now = self._clock.now()
        try:
            async with self._db.transaction() as session:
                agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
                if agency is None or agency.id is None:
                    return fail("agency.missing")
                by_nip = await members_repo.get_by_nip(session, agency_id=agency.id, nip=nip.value)
                mine = await members_repo.get_by_user(session, agency_id=agency.id, user_id=user_id)
                if by_nip is not None and by_nip.telegram_user_id not in (None, user_id):
                    return fail("register.nip_taken", nip=nip.value)
                if by_nip is None and mine is not None:
                    # A typo in the NIP: the account keeps its history under the corrected NIP.
                    mine.nip = nip.value
                    by_nip = mine
                if by_nip is None:
                    session.add(
                        Member(
                            agency_id=agency.id,
                            nip=nip.value,
                            full_name=full_name,
                            telegram_user_id=user_id,
                            telegram_username=username,
                            created_at=now,
                            updated_at=now,
                        )
                    )
                    key = "register.created"
                else:
                    if mine is not None and mine.id != by_nip.id:
                        return fail("register.other_nip", nip=mine.nip)
                    # An imported roster row (no account yet) is joined, not updated.
                    joining = by_nip.telegram_user_id is None
                    by_nip.full_name = full_name
                    by_nip.telegram_user_id = user_id
                    by_nip.telegram_username = username
                    by_nip.updated_at = now
                    key = "register.created" if joining else "register.updated"
                    await roster_repo.promote_listed(session, member=by_nip, now=now)
                agency_name = agency.name
        except IntegrityError:
            return fail("register.nip_taken", nip=nip.value)
        return done(key, name=full_name, nip=nip.value, agency=agency_name)
