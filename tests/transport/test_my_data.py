"""/dataku (/mydata): a member's own records, privately; never in the group."""

from __future__ import annotations

from bot.texts import t
from tests.transport.conftest import ANI, BUDI, KADIS, Harness
from tests.transport.rules_world import (
    agency_with_supervisors,
    buttons,
    last_message_to,
    press,
    private,
)
from tests.transport.updates import Person

HOME = {"latitude": -6.301234, "longitude": 106.712345, "accuracy": 12.0}
STRANGER = Person(999, "Tamu", username="tamu")


async def a_morning(tg: Harness) -> None:
    """Budi on time at 07:30 then silent at 11:30, Hendra late, Ani on approved sick leave,
    Budi's home point approved; it is 12:10 WIB."""
    await agency_with_supervisors(tg)
    tg.at(7, 5)
    await tg.say(ANI, "/sakit demam")
    to_kadis = last_message_to(tg, KADIS)
    await press(tg, KADIS, to_kadis, buttons(to_kadis)[0][1])
    tg.at(7, 10)
    await tg.say(BUDI, "/rumah", chat=private(BUDI))
    await tg.share(BUDI, chat=private(BUDI), **HOME)
    request = last_message_to(tg, KADIS)
    await press(tg, KADIS, request, buttons(request)[0][1])
    tg.at(7, 30)
    await tg.tick()
    tg.at(7, 40)
    await tg.share(BUDI)
    tg.at(8, 1)
    await tg.tick()
    tg.at(8, 20)
    await tg.share(KADIS)
    tg.at(11, 30)
    await tg.tick()
    tg.at(12, 10)
    await tg.tick()


async def test_a_member_sees_identity_home_point_and_the_month_per_window(tg: Harness) -> None:
    await a_morning(tg)

    raw = await tg.say(BUDI, "/dataku", chat=private(BUDI))

    text = tg.reply_to(raw)
    lines = text.splitlines()
    assert lines[:5] == [
        "🔒 Data Anda di Hadir",
        "Nama: Budi Santoso",
        "NIP: 198503122010011002",
        "Instansi: Dinas Komunikasi dan Informatika (DISKOMINFO)",
        "Peran: pegawai",
    ]
    assert t("mydata.no_phone") in lines
    assert t("mydata.home.approved", date="25-11-2026") in lines
    assert "301234" not in text and "712345" not in text  # never the coordinates
    assert t("mydata.attendance_head", month="11-2026", zone="WIB") in lines
    assert "25-11-2026: 07:30 hadir · 11:30 tidak merespons" in lines  # 15:00 not due
    assert t("mydata.leave_head") not in lines
    await tg.say(BUDI, "/cuti 27-11 30-11 urusan keluarga", chat=private(BUDI))
    later = tg.reply_to(await tg.say(BUDI, "/dataku", chat=private(BUDI))).splitlines()
    assert "• cuti 27-11-2026 s.d. 30-11-2026 — menunggu" in later
    assert lines[-1] == t("mydata.footer")


async def test_leave_late_and_supervisor_show_as_the_summaries_say(tg: Harness) -> None:
    await a_morning(tg)

    ani = tg.reply_to(await tg.say(ANI, "/mydata", chat=private(ANI))).splitlines()
    assert t("mydata.home.none") in ani
    assert "• sakit 25-11-2026 s.d. 25-11-2026 — disetujui" in ani
    assert "25-11-2026: 07:30 sakit · 11:30 sakit" in ani

    kadis = tg.reply_to(await tg.say(KADIS, "/dataku", chat=private(KADIS))).splitlines()
    assert "Peran: pegawai · atasan" in kadis
    assert "25-11-2026: 07:30 terlambat · 11:30 tidak merespons" in kadis


async def test_in_english_after_bahasa_en(tg: Harness) -> None:
    await a_morning(tg)
    await tg.say(BUDI, "/bahasa en", chat=private(BUDI))

    lines = tg.reply_to(await tg.say(BUDI, "/mydata", chat=private(BUDI))).splitlines()

    assert lines[0] == "🔒 Your data in Hadir"
    assert "25-11-2026: 07:30 on time · 11:30 no response" in lines


async def test_in_the_group_it_says_private_chat_and_shows_nothing(tg: Harness) -> None:
    await a_morning(tg)
    raw = await tg.say(BUDI, "/dataku")
    assert tg.reply_to(raw) == t("mydata.private")


async def test_someone_not_registered_is_told_so(tg: Harness) -> None:
    await a_morning(tg)
    raw = await tg.say(STRANGER, "/dataku", chat=private(STRANGER))
    assert tg.reply_to(raw) == t("member.unregistered")


async def test_before_any_deadline_the_month_is_empty(tg: Harness) -> None:
    await agency_with_supervisors(tg)
    lines = tg.reply_to(await tg.say(BUDI, "/dataku", chat=private(BUDI))).splitlines()
    assert t("mydata.no_attendance") in lines
