"""A small BKD world built through the real services (see ``test_rollup.py``).

Two agencies in WIB under BKDBANTEN, first window 07:30: DISKOMINFO (deadline 30 min,
08:00) and DINKES (deadline 60 min, 08:30). DINSOS asked to join but was not confirmed.

  DISKOMINFO  Budi 07:35 hadir · Siti 08:10 terlambat · Agus silent · Hendra satgas
              · Rina imported, not linked yet
  DINKES      Dewi 07:40 hadir · Eko silent
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import select, update
from sqlmodel import col

from bot.clock import VirtualClock
from handlers.attendance import AttendanceService, LocationEvidence
from handlers.bkd import BkdService
from handlers.enrollment import EnrollmentService
from handlers.rollup import RollupService
from handlers.setup import SetupService
from handlers.summary import WindowRounds
from storage.db import Database
from storage.tables import Member, OutboxMessage

WIB = ZoneInfo("Asia/Jakarta")
DAY = date(2026, 11, 25)  # a Wednesday
KOMINFO, DINKES, DINSOS, BKD, CITY = -1001, -1002, -1003, -1009, -1010
ADMIN, BKD_ADMIN = 500, 900
PEOPLE = {  # user id: (agency chat, NIP, name)
    11: (KOMINFO, "198503122010011002", "Budi Santoso"),
    12: (KOMINFO, "199001012015032001", "Siti Rahma"),
    13: (KOMINFO, "198701152012011003", "Agus Wibowo"),
    14: (KOMINFO, "197502021998031003", "Hendra Kusuma"),
    21: (DINKES, "198811302012121003", "Dewi Kartika"),
    22: (DINKES, "197905052005011004", "Eko Prasetyo"),
    31: (DINSOS, "198002022005011001", "Fajar Nugroho"),
}
RINA_NIP = "199203032018012002"


def wib(hhmm: str) -> datetime:
    return datetime.fromisoformat(f"{DAY.isoformat()}T{hhmm}").replace(tzinfo=WIB)


@dataclass
class World:
    db: Database
    clock: VirtualClock
    rounds: WindowRounds
    rollups: RollupService
    attendance: AttendanceService

    async def at(self, hhmm: str) -> int:
        """Move to ``hhmm`` WIB and tick as the app does: windows first, then roll-ups."""
        self.clock.set(wib(hhmm))
        await self.rounds.tick()
        return await self.rollups.tick()

    async def share(self, user: int, hhmm: str) -> None:
        self.clock.set(wib(hhmm))
        chat = PEOPLE[user][0]
        evidence = LocationEvidence(
            chat_id=chat, user_id=user, message_id=user * 10, at=wib(hhmm),
            latitude=-6.2, longitude=106.8 + user / 1000, accuracy=10.0,
        )  # fmt: skip
        assert (await self.attendance.record_location(evidence)).accepted
        await self.attendance.drain()

    async def outbox(self, kind: str = "rollup") -> list[OutboxMessage]:
        async with self.db.read() as session:
            query = select(OutboxMessage).where(col(OutboxMessage.kind) == kind)
            return list((await session.execute(query.order_by(col(OutboxMessage.id)))).scalars())


async def build_world(db: Database, *, email: Mapping[str, Sequence[str]] | None = None) -> World:
    clock = VirtualClock(wib("06:00"))
    setup = SetupService(db=db, clock=clock)
    for chat, code, name in (
        (KOMINFO, "DISKOMINFO", "Dinas Kominfo"),
        (DINKES, "DINKES", "Dinas Kesehatan"),
        (DINSOS, "DINSOS", "Dinas Sosial"),
    ):
        assert (await setup.register(chat_id=chat, code=code, name=name)).ok
    assert (await setup.set_deadline(chat_id=DINKES, text="60")).ok
    bkd = BkdService(db=db, clock=clock)
    assert (await bkd.register(chat_id=BKD, code="bkdbanten", name="BKD Provinsi Banten")).ok
    for chat in (KOMINFO, DINKES, DINSOS):
        request = await bkd.request_link(chat_id=chat, user_id=ADMIN, code="BKDBANTEN")
        assert request.reply.key == "bkd.link_requested" and request.confirm is not None
        if chat != DINSOS:
            decision = await bkd.decide(
                link_id=request.confirm.link_id, chat_id=BKD, user_id=BKD_ADMIN, approve=True
            )
            assert decision.reply.key == "bkd.link_confirmed", decision
    enrollment = EnrollmentService(db=db, clock=clock)
    for user, (chat, nip, name) in PEOPLE.items():
        reply = await enrollment.register(
            chat_id=chat, user_id=user, username=None, args=f"{nip} {name}"
        )
        assert reply.ok, reply
    async with db.transaction() as session:
        await session.execute(
            update(Member).where(col(Member.nip) == PEOPLE[14][1]).values(role="satgas")
        )
        kominfo = (
            await session.execute(select(Member).where(col(Member.nip) == PEOPLE[11][1]))
        ).scalar_one()
        session.add(
            Member(
                agency_id=kominfo.agency_id, nip=RINA_NIP, full_name="Rina Marlina",
                created_at=clock.now(), updated_at=clock.now(),
            )
        )  # fmt: skip
    return World(
        db=db,
        clock=clock,
        rounds=WindowRounds(db=db, clock=clock),
        rollups=RollupService(db=db, clock=clock, email_recipients=email),
        attendance=AttendanceService(db=db, clock=clock),
    )


async def morning(world: World) -> None:
    assert await world.at("07:30") == 0
    await world.share(11, "07:35")
    await world.share(21, "07:40")
    await world.share(31, "07:45")  # DINSOS is not confirmed: never in the roll-up
