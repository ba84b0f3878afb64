"""Text commands in the WhatsApp chat reach the same handlers as the Telegram commands."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from bot.texts import t
from storage.tables_rules import ActivityReport, LeaveRequest
from tests.fakes.graph_api import WhatsAppUser
from tests.transport.conftest import KADIS
from tests.transport.rules_world import buttons, last_message_to, press
from tests.whatsapp.conftest import ADMIN, WA

DEWI_NIP = "198811302012121003"


async def dewi_with_a_supervisor(wa: WA) -> WhatsAppUser:
    await wa.setup_agency()
    hello = await wa.tg.say(KADIS, "Selamat pagi")
    await wa.tg.say(ADMIN, "/atasan", reply_to=hello)
    wa.bot_api.started_users.add(KADIS.id)
    dewi = wa.user("+6281311112222", "Dewi Kartika")
    await wa.link(dewi, DEWI_NIP)
    return dewi


async def test_izin_files_a_leave_request_for_the_supervisor(wa: WA) -> None:
    dewi = await dewi_with_a_supervisor(wa)
    await wa.send(dewi, dewi.text("Izin mengantar orang tua berobat", wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1].startswith("📝 Pengajuan izin 25-11-2026")
    async with wa.app.db.read() as session:
        (request,) = (await session.execute(select(LeaveRequest))).scalars()
    assert (request.kind, request.reason, request.status) == (
        "izin",
        "mengantar orang tua berobat",
        "pending",
    )
    await wa.tick()  # the request goes to Pak Hendra on Telegram, with the buttons
    assert any("Dewi Kartika" in text for text in wa.bot_api.texts(KADIS.id))


async def test_sakit_without_a_note_gets_the_usage_line(wa: WA) -> None:
    dewi = await dewi_with_a_supervisor(wa)
    await wa.send(dewi, dewi.text("sakit", wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1].startswith("Format: /sakit")


async def test_lapor_records_the_activity_report(wa: WA) -> None:
    dewi = await dewi_with_a_supervisor(wa)
    await wa.send(dewi, dewi.text("lapor Menyusun laporan realisasi anggaran", wa.clock.now()))
    assert wa.meta.texts(dewi.wa_id)[-1] == "✅ Laporan kegiatan 25-11-2026 dicatat."
    async with wa.app.db.read() as session:
        (report,) = (await session.execute(select(ActivityReport))).scalars()
    assert report.text == "Menyusun laporan realisasi anggaran"


async def test_commands_from_an_unknown_number_say_how_to_be_linked(wa: WA) -> None:
    await wa.setup_agency()
    stranger = wa.user("+6285700001111", "Orang Lain")
    await wa.send(stranger, stranger.text("izin ke dokter", wa.clock.now()))
    assert wa.meta.texts(stranger.wa_id)[-1].startswith("Nomor ini belum terdaftar di Hadir.")


async def test_the_supervisors_decision_reaches_a_whatsapp_member(wa: WA) -> None:
    dewi = await dewi_with_a_supervisor(wa)
    wa.at(7, 5)
    await wa.send(dewi, dewi.text("izin mengantar orang tua berobat", wa.clock.now()))
    await wa.tick()  # the request goes to Pak Hendra on Telegram, with the buttons
    to_kadis = last_message_to(wa.tg, KADIS)
    wa.at(7, 20)
    await press(wa.tg, KADIS, to_kadis, buttons(to_kadis)[0][1])
    await wa.tick()
    assert wa.meta.texts(dewi.wa_id)[-1] == t(
        "leave.outcome.approved", kind="izin", range="25-11-2026", decider="Hendra Kusuma"
    )


async def test_a_decision_after_the_session_closed_waits_for_the_members_next_message(
    wa: WA,
) -> None:
    dewi = await dewi_with_a_supervisor(wa)
    wa.at(7, 5)
    await wa.send(dewi, dewi.text("izin mengantar orang tua berobat", wa.clock.now()))
    await wa.tick()
    to_kadis = last_message_to(wa.tg, KADIS)
    wa.clock.set(wa.clock.now() + timedelta(hours=25))  # the 24-hour window has closed
    await press(wa.tg, KADIS, to_kadis, buttons(to_kadis)[1][1])  # rejected
    texts_before = list(wa.meta.texts(dewi.wa_id))
    await wa.tick()
    assert wa.meta.texts(dewi.wa_id) == texts_before  # no free-form text outside the window
    await wa.send(dewi, dewi.text("bantuan", wa.clock.now()))
    outcome = t("leave.outcome.rejected", kind="izin", range="25-11-2026", decider="Hendra Kusuma")
    assert outcome in wa.meta.texts(dewi.wa_id)[len(texts_before) :]
