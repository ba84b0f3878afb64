"""/hapus_data (/delete_data): the request is recorded once and goes to the supervisors."""

from __future__ import annotations

from sqlmodel import select

from bot.texts import t
from storage.tables_privacy import DeletionRequest
from tests.transport.conftest import BUDI, KADIS, Harness
from tests.transport.rules_world import SEKDIS, agency_with_supervisors, private
from tests.transport.updates import Person

STRANGER = Person(999, "Tamu", username="tamu")
NOTICE_HEAD = "🗑️ Permintaan penghapusan data pribadi (UU 27/2022)"


async def requests(tg: Harness) -> list[DeletionRequest]:
    async with tg.app.db.read() as session:
        return list((await session.execute(select(DeletionRequest))).scalars())


def notices_to(tg: Harness, person: Person) -> list[str]:
    return [
        str(c.params["text"])
        for c in tg.fake.sent("sendMessage", chat_id=person.id)
        if str(c.params["text"]).startswith(NOTICE_HEAD)
    ]


async def test_the_request_is_recorded_and_each_supervisor_told_privately(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    tg.at(9, 0)

    raw = await tg.say(BUDI, "/hapus_data", chat=private(BUDI))
    await tg.tick()

    assert tg.reply_to(raw) == t(
        "deletion.requested", supervisors=2, agency="Dinas Komunikasi dan Informatika", days=90
    )
    [request] = await requests(tg)
    assert (request.status, request.slot) == ("pending", "pending")
    assert request.created_at.utcoffset() is not None and request.created_at.hour == 2  # 09 WIB
    expected = t(
        "deletion.notice",
        name="Budi Santoso",
        nip="198503122010011002",
        agency="Dinas Komunikasi dan Informatika",
        code="DISKOMINFO",
        date="25-11-2026",
        days=90,
    )
    assert notices_to(tg, KADIS) == [expected]
    assert notices_to(tg, SEKDIS) == [expected]


async def test_a_second_request_while_pending_says_so_and_tells_no_one_again(
    tg: Harness,
) -> None:
    await agency_with_supervisors(tg)
    await tg.say(BUDI, "/hapus_data", chat=private(BUDI))
    await tg.tick()

    again = await tg.say(BUDI, "/delete_data", chat=private(BUDI))
    await tg.tick()

    assert tg.reply_to(again) == t("deletion.already", date="25-11-2026")
    assert len(await requests(tg)) == 1
    assert len(notices_to(tg, KADIS)) == 1
    mine = tg.reply_to(await tg.say(BUDI, "/dataku", chat=private(BUDI))).splitlines()
    assert t("mydata.deletion_pending") in mine


async def test_in_the_group_it_says_private_chat_and_records_nothing(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(BUDI, "/hapus_data")
    assert tg.reply_to(raw) == t("deletion.private")
    assert await requests(tg) == []


async def test_someone_not_registered_is_told_so(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    raw = await tg.say(STRANGER, "/hapus_data", chat=private(STRANGER))
    assert tg.reply_to(raw) == t("member.unregistered")
    assert await requests(tg) == []
