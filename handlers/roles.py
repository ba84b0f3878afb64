"""Member roles, set by an admin replying /peran ROLE to a member's message.

pegawai (WFH: home point), piket (office point), lapangan (WFF: recorded, not checked),
pimpinan and satgas (exempt from location; pimpinan sends /lapor by the last window).
"""

from __future__ import annotations

import difflib

from handlers.ports import Clock
from handlers.results import Reply, done, fail
from storage import agencies as agencies_repo
from storage import members as members_repo
from storage.db import Database

ROLES = ("pegawai", "pimpinan", "piket", "lapangan", "satgas")
ALIASES = {
    "staff": "pegawai",
    "employee": "pegawai",
    "wfh": "pegawai",
    "leader": "pimpinan",
    "head": "pimpinan",
    "duty": "piket",
    "field": "lapangan",
    "wff": "lapangan",
    "taskforce": "satgas",
    "task-force": "satgas",
}


class UnknownRole(ValueError):
    def __init__(self, given: str, suggestion: str | None) -> None:
        super().__init__(given)
        self.given, self.suggestion = given, suggestion


def parse_role(text: str) -> str:
    """``"Pimpinan"`` → ``"pimpinan"``; English aliases too. Raises :class:`UnknownRole`
    (with the closest role, when one is close) for anything else."""
    word = text.strip().casefold()
    if word in ROLES:
        return word
    if word in ALIASES:
        return ALIASES[word]
    close = difflib.get_close_matches(word, [*ROLES, *ALIASES], n=1, cutoff=0.6)
    suggestion = ALIASES.get(close[0], close[0]) if close else None
    raise UnknownRole(text.strip(), suggestion)


class RoleService:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def set_role(self, *, chat_id: int, user_id: int | None, text: str) -> Reply:
        """Set (or, without a role, show) the role of the member ``user_id`` replied to."""
        role: str | None = None
        if text.strip():
            if len(text.split()) != 1:
                return fail("role.usage")
            try:
                role = parse_role(text)
            except UnknownRole as exc:
                if exc.suggestion:
                    return fail("role.unknown_suggest", given=exc.given, suggestion=exc.suggestion)
                return fail("role.unknown", given=exc.given)
        if user_id is None:
            return fail("role.usage")
        async with self._db.transaction() as session:
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is None or agency.id is None:
                return fail("agency.missing")
            member = await members_repo.get_by_user(session, agency_id=agency.id, user_id=user_id)
            if member is None:
                return fail("role.not_member")
            if role is None:
                return done("role.show", name=member.full_name, role=member.role)
            member.role = role
            member.updated_at = self._clock.now()
            return done(f"role.set.{role}", name=member.full_name)
