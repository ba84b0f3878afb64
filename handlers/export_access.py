"""Who may export what with /ekspor, and which month they mean.

- In an agency group: that agency, for its supervisors and its group admins.
- In a BKD group: every agency confirmed under it, for the group's admins.
- In a private chat: the agencies the caller supervises.

Whether the caller is a chat admin is the transport's question (getChatMember); this
module says whether it needs asking.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from handlers.ports import Clock
from handlers.schedule import ZONES
from storage import agencies as agencies_repo
from storage import rollup as rollup_repo
from storage.db import Database

MONTH = re.compile(r"^(\d{1,2})[-/.](\d{4})$")


class ScopeKind(StrEnum):
    AGENCY = "agency"
    BKD = "bkd"
    PRIVATE = "private"
    NONE = "none"


@dataclass(frozen=True)
class ExportScope:
    kind: ScopeKind
    codes: tuple[str, ...] = ()
    zone: str = "WIB"
    supervisor: bool = False  # the caller supervises it: no admin check needed

    @property
    def needs_admin(self) -> bool:
        return self.kind in (ScopeKind.AGENCY, ScopeKind.BKD) and not self.supervisor


def parse_month(text: str) -> date:
    """``"03-2020"`` (also ``3-2020``, ``03/2020``, ``03.2020``) → 1 March 2020."""
    match = MONTH.match(text.strip())
    if match is None or not 1 <= int(match[1]) <= 12 or int(match[2]) < 2000:
        raise ValueError(f"not a month MM-YYYY: {text!r}")
    return date(int(match[2]), int(match[1]), 1)


def month_end(first: date) -> date:
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


class ExportAccess:
    def __init__(self, *, db: Database, clock: Clock) -> None:
        self._db = db
        self._clock = clock

    async def scope(self, *, chat_id: int, user_id: int, private: bool) -> ExportScope:
        async with self._db.read() as session:
            if private:
                agencies = await agencies_repo.supervised_agencies(session, user_id=user_id)
                if not agencies:
                    return ExportScope(ScopeKind.NONE)
                codes = tuple(sorted(a.code for a in agencies))
                return ExportScope(ScopeKind.PRIVATE, codes, agencies[0].zone, supervisor=True)
            agency = await agencies_repo.get_by_chat(session, chat_id=chat_id)
            if agency is not None and agency.id is not None:
                supervisor = await agencies_repo.get_supervisor(
                    session, agency_id=agency.id, user_id=user_id
                )
                return ExportScope(
                    ScopeKind.AGENCY, (agency.code,), agency.zone, supervisor=supervisor is not None
                )
            bkd = await rollup_repo.bkd_by_chat(session, chat_id=chat_id)
            if bkd is None:
                return ExportScope(ScopeKind.NONE)
            linked = await rollup_repo.linked_agencies(session, bkd_id=bkd.id)
            zone = linked[0].zone if linked else "WIB"
            return ExportScope(ScopeKind.BKD, tuple(a.code for a in linked), zone)

    def period(self, text: str, *, zone: str) -> tuple[date, date]:
        """The month asked for (default: this month in ``zone``), first to last day."""
        if text.strip():
            first = parse_month(text)
        else:
            first = self._clock.now().astimezone(ZONES[zone]).date().replace(day=1)
        return first, month_end(first)
