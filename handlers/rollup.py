"""The BKD roll-up: after each window, one table of every linked agency, sent once.

A roll-up for (BKD group, local day, window) is due when some linked agency's run of
that window has passed its deadline and no linked agency still has that window open
(agencies of the group may sit in different zones). It is claimed by inserting its
``rollup_runs`` row and written to the outbox in the same transaction as its numbers,
so a restart neither repeats nor forgets it. Windows whose deadline passed more than
:data:`CATCH_UP` ago, or before the agency's link was confirmed, are not rolled up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from handlers.agency_schedule import schedule_of
from handlers.ports import Clock
from storage import outbox as outbox_repo
from storage import rollup as rollup_repo
from storage import rollup_counts
from storage.db import Database
from storage.rollup_counts import AgencyCounts
from storage.tables import Agency
from storage.tables_rollup import BkdGroup

CATCH_UP = timedelta(hours=12)
TRANSPORT = "telegram_bkd"  # the outbound that attaches the XLSX (bot/transports/telegram)


@dataclass(frozen=True)
class RollupRow:
    code: str
    name: str
    zone: str
    expected: int = 0  # linked members asked for a location (exempt roles not counted)
    hadir: int = 0
    terlambat: int = 0
    missing: int = 0
    leave: int = 0  # approved izin/sakit/cuti/dinas: excused, not expected
    pending: int = 0  # "izin (menunggu)": expected, no report, a request not decided yet
    exempt: int = 0  # pimpinan, satgas
    unlinked: int = 0  # "belum terhubung": on the roster, no chat account yet
    piket: int | None = None  # piket present at the office; None when not checked
    piket_minimum: int | None = None
    flags: int = 0

    @property
    def answered(self) -> int:
        return self.hadir + self.terlambat

    @property
    def rate(self) -> float | None:
        return self.answered / self.expected if self.expected else None

    @property
    def piket_short(self) -> bool:
        return (
            self.piket is not None
            and self.piket_minimum is not None
            and (self.piket < self.piket_minimum)
        )


SUMMED = (
    "expected", "hadir", "terlambat", "missing", "leave", "pending", "exempt", "unlinked", "flags",
)  # fmt: skip


@dataclass(frozen=True)
class Rollup:
    bkd_code: str
    bkd_name: str
    day: date
    window: str
    language: str
    generated_at: datetime
    rows: tuple[RollupRow, ...]
    idle: tuple[tuple[str, str], ...] = field(default=())  # (code, name): no such window

    def totals(self) -> RollupRow:
        piket = [row.piket for row in self.rows if row.piket is not None]
        sums = {name: sum(getattr(row, name) for row in self.rows) for name in SUMMED}
        return RollupRow(code="", name="", zone="", **sums, piket=sum(piket) if piket else None)

    def short_of_piket(self) -> list[RollupRow]:
        return [row for row in self.rows if row.piket_short]

    def to_payload(self) -> dict[str, Any]:
        data = asdict(self)
        data["day"] = self.day.isoformat()
        data["generated_at"] = self.generated_at.isoformat()
        data["rows"] = [asdict(row) for row in self.rows]
        data["idle"] = [list(pair) for pair in self.idle]
        return data

    @classmethod
    def from_payload(cls, data: Mapping[str, Any]) -> Rollup:
        return cls(
            bkd_code=data["bkd_code"],
            bkd_name=data["bkd_name"],
            day=date.fromisoformat(data["day"]),
            window=data["window"],
            language=data["language"],
            generated_at=datetime.fromisoformat(data["generated_at"]),
            rows=tuple(RollupRow(**row) for row in data["rows"]),
            idle=tuple((code, name) for code, name in data["idle"]),
        )


def row_of(counts: AgencyCounts, *, rotation: frozenset[str] = frozenset()) -> RollupRow:
    """The table row; piket only where the agency has piket (role, roster or rotation)."""
    on_duty = counts.piket_duty > 0 or counts.code in rotation
    checked = on_duty and counts.piket_present is not None
    expected = counts.linked - counts.leave - counts.exempt
    accounted = counts.hadir + counts.terlambat + counts.pending
    return RollupRow(
        code=counts.code,
        name=counts.name,
        zone=counts.zone,
        expected=expected,
        hadir=counts.hadir,
        terlambat=counts.terlambat,
        missing=max(0, expected - accounted),
        leave=counts.leave,
        pending=counts.pending,
        exempt=counts.exempt,
        unlinked=counts.unlinked,
        piket=counts.piket_present if checked else None,
        piket_minimum=counts.piket_minimum if checked else None,
        flags=counts.flags,
    )


def still_open(agency: Agency, day: date, window: str, now: datetime) -> bool:
    """True while this agency's ``window`` of ``day`` has not reached its deadline."""
    if agency.paused:
        return False
    slot = schedule_of(agency).slot(day, window)
    return slot is not None and slot.deadline_at > now


class RollupService:
    def __init__(
        self,
        *,
        db: Database,
        clock: Clock,
        email_recipients: Mapping[str, Sequence[str]] | None = None,
        piket_rotation: Iterable[str] = (),
    ) -> None:
        self._db = db
        self._clock = clock
        self._email = {code.upper(): list(to) for code, to in (email_recipients or {}).items()}
        self._rotation = frozenset(code.upper() for code in piket_rotation)  # agency codes

    async def tick(self) -> int:
        """Claim and enqueue every roll-up that has become due; return how many."""
        now = self._clock.now()
        count = 0
        async with self._db.transaction() as session:
            due = await rollup_repo.closed_windows(session, since=now - CATCH_UP, now=now)
            if not due:
                return 0
            bkds = {b.id: b for b in await rollup_repo.all_bkds(session)}
            links = await rollup_repo.links_by_bkd(session)
            for bkd_id, day, window in due:
                if any(still_open(a, day, window, now) for a in links.get(bkd_id, [])):
                    continue
                if await self._send(session, bkds[bkd_id], day, window, now):
                    count += 1
        return count

    async def _send(
        self, session: AsyncSession, bkd: BkdGroup, day: date, window: str, now: datetime
    ) -> bool:
        assert bkd.id is not None
        run_id = await rollup_repo.claim_rollup(
            session,
            bkd_id=bkd.id,
            day=day,
            window=window,
            now=now,
            email=bool(self._email.get(bkd.code)),
        )
        if run_id is None:
            return False
        payload = (await self.build(session, bkd, day, window, now)).to_payload()
        await rollup_repo.set_payload(session, run_id=run_id, payload=payload)
        await outbox_repo.enqueue(
            session,
            dedupe_key=f"rollup:{run_id}",
            chat_id=bkd.telegram_chat_id,
            kind="rollup",
            payload={**payload, "run_id": run_id},
            now=now,
            transport=TRANSPORT,
        )
        return True

    async def build(
        self, session: AsyncSession, bkd: BkdGroup, day: date, window: str, now: datetime
    ) -> Rollup:
        """The roll-up table of one window: one query, whatever the number of agencies."""
        assert bkd.id is not None
        counts = await rollup_counts.window_counts(session, bkd_id=bkd.id, day=day, window=window)
        return Rollup(
            bkd_code=bkd.code,
            bkd_name=bkd.name,
            day=day,
            window=window,
            language=bkd.language,
            generated_at=now,
            rows=tuple(row_of(c, rotation=self._rotation) for c in counts if c.has_window),
            idle=tuple((c.code, c.name) for c in counts if not c.has_window),
        )

    async def rollup_of(self, *, bkd_code: str, day: date, window: str) -> Rollup | None:
        """The roll-up as it stands now (the demo and the CLI print it)."""
        async with self._db.read() as session:
            bkd = await rollup_repo.bkd_by_code(session, code=bkd_code.strip().upper())
            if bkd is None:
                return None
            return await self.build(session, bkd, day, window, self._clock.now())
